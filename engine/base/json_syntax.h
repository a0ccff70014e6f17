#pragma once
// Messages about malformed JSON that are safe to show and log.

#include <string>

namespace absah {

// nlohmann's parse_error message ends with "; last read: '<token>'": the raw bytes of the
// token, which may be a whole personal value (a NIK, a name) or invalid UTF-8. Line, column
// and byte offset say where the error is; this returns the message without those bytes
// (docs/bad-input.md).
std::string json_error_without_input(std::string message);

}  // namespace absah
