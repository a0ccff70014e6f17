#pragma once
// An error as a value: a stable code, the path of the field it concerns (JSON pointer-like,
// `anak.tanggal_lahir` or `anggota[3].nik`), a human message, and for byte-oriented input the
// offset. Validation reports every problem at once, so an error may carry details.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/base/error_code.h"

namespace absah {

struct Error {
  ErrorCode code = ErrorCode::Internal;
  std::string path;
  std::string message;
  std::optional<uint64_t> offset;
  std::vector<Error> details;

  Error() = default;
  Error(ErrorCode c, std::string p, std::string m)
      : code(c), path(std::move(p)), message(std::move(m)) {}

  // "path: message [code]", one line per detail when there are details.
  std::string describe() const;
};

}  // namespace absah
