#pragma once
// Base64 (RFC 4648 §4) and base64url without padding (§5), strict: decoding rejects
// characters outside the alphabet, bad padding and non-zero trailing bits, with the offset.

#include <string>
#include <string_view>

#include "engine/base/result.h"

namespace absah {

std::string base64_encode(std::string_view bytes);
std::string base64url_encode(std::string_view bytes);  // no padding

// Standard alphabet; padding required when the length is not a multiple of 4 is accepted
// either way. ASCII whitespace (line breaks in pasted data) is skipped.
Result<std::string> base64_decode(std::string_view text);
// URL alphabet, no padding, no whitespace.
Result<std::string> base64url_decode(std::string_view text);

}  // namespace absah
