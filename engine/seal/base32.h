#pragma once
// base64url without padding (RFC 4648 §5, RFC 7515 Appendix C), strict, for the seal in the QR
// URL. Decoding rejects padding, whitespace, characters outside the URL alphabet, a length of
// 1 mod 4, and non-zero unused trailing bits (so each byte string has exactly one text form).
// Errors carry the byte offset in the text (Error::offset).

#include <string>
#include <string_view>

#include "engine/base/result.h"

namespace absah::seal {

std::string base64url_encode(std::string_view bytes);
Result<std::string> base64url_decode(std::string_view text);

}  // namespace absah::seal
