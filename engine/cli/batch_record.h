#pragma once
// One line of a batch file: `{"type": ..., "record": {...}, "idempotency_key": ...}`.
// Parsing reports problems as errors carrying the 1-based line number in their path, so the
// manifest and the terminal name the line.

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "engine/base/result.h"

namespace absah::cli {

struct BatchRecord {
  uint64_t line = 0;
  std::string type;
  nlohmann::json record;
  std::string idempotency_key;  // empty when the line gives none
};

Result<BatchRecord> parse_batch_line(uint64_t line_number, std::string_view text);

// The key a record without an explicit one is registered under: the SHA-256 of its canonical
// {type, record}, so that re-running the same input skips what was issued.
std::string derived_idempotency_key(const BatchRecord& record);

// The output file name of a line, e.g. "000042-kk.pdf": stable across re-runs of the same
// input, sorted like the input, safe whatever the type string holds.
std::string batch_file_name(uint64_t line_number, std::string_view type);

}  // namespace absah::cli
