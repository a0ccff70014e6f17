#pragma once
// D/manifest.jsonl: one JSON object per line and per input line, written as results finish
// (so in completion order, each naming its input `line`):
//
//   {"line":3,"type":"kk","number":"5271…","file":"000003-kk.pdf","sha256":"…","status":"issued"}
//   {"line":4,"error":{"code":"record.invalid","path":"","message":"…","details":[…]}}
//
// `status` is "rendered" (no registry), "issued", "replayed" (the registry knew the key; the
// file was rendered again with the registered number) or "already_issued" (the registry knew
// the key and the file on disk matches the registered digest; nothing was rendered). Entries
// with layout warnings (text shrunk to fit, say) carry them as "warnings", in the error form.
//
// Opening an existing manifest keeps its complete successful entries and drops errors and a
// line cut short by an interruption, so a re-run retries exactly what did not finish.

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/base/error.h"
#include "engine/base/result.h"

namespace absah::cli {

nlohmann::json error_to_json(const Error& error);

struct ManifestSuccess {
  uint64_t line = 0;
  std::string type;
  std::string number;
  std::string file;
  std::string sha256;
  std::string status;
  std::string idempotency_key;  // omitted when empty
  std::vector<Error> warnings;  // "warnings": layout fits and the like; omitted when none
};

class ManifestWriter {
 public:
  ~ManifestWriter();

  // Compacts an existing manifest (see above) and opens it for appending.
  static Result<std::unique_ptr<ManifestWriter>> open(const std::filesystem::path& path);

  // Input lines with a successful entry kept from an earlier run.
  bool already_done(uint64_t line) const { return line < m_done.size() && m_done[line]; }
  uint64_t kept_entries() const { return m_kept; }

  // Thread-safe; each entry is flushed as it is written.
  Status append_success(const ManifestSuccess& entry);
  Status append_error(uint64_t line, const Error& error);

 private:
  explicit ManifestWriter(std::filesystem::path path) : m_path(std::move(path)) {}
  Status append(const nlohmann::json& entry);

  std::filesystem::path m_path;
  std::FILE* m_file = nullptr;
  std::vector<bool> m_done;
  uint64_t m_kept = 0;
  std::mutex m_mutex;
};

}  // namespace absah::cli
