#pragma once
// Parsing JSON from outside, and messages about malformed JSON that are safe to show and log.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "engine/base/result.h"

namespace absah {

// nlohmann's parse_error message ends with "; last read: '<token>'": the raw bytes of the
// token, which may be a whole personal value (a NIK, a name) or invalid UTF-8. Line, column
// and byte offset say where the error is; this returns the message without those bytes
// (docs/bad-input.md).
std::string json_error_without_input(std::string message);

// Parses JSON (with // and /* */ comments when asked). Every failure nlohmann can raise comes
// back as one JsonSyntax error: malformed text with the 0-based byte offset, and also a number
// too large for a double (1e999), which nlohmann reports as out_of_range rather than as a
// syntax error. Messages carry no bytes of the input.
Result<nlohmann::json> parse_json(std::string_view text, bool allow_comments = false);

}  // namespace absah
