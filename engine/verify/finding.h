#pragma once
// One negative finding of a verification step: a stable reason code (docs/verification.md), a
// message for officers and, for byte-oriented findings, the offset in the file. An empty code
// means the step found nothing wrong.

#include <cstdint>
#include <optional>
#include <string>

namespace absah::verify {

struct Finding {
  std::string code;
  std::string message;
  std::optional<uint64_t> offset;

  bool ok() const { return code.empty(); }
  static Finding at(std::string code, std::string message, uint64_t offset) {
    return {std::move(code), std::move(message), offset};
  }
};

}  // namespace absah::verify
