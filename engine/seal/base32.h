#pragma once
// base32 (RFC 4648 §6: alphabet A–Z 2–7) without padding, strict, for the seal in the QR URL.
//
// Why base32 and not base64url: the seal's characters then all lie in the QR alphanumeric set
// (ISO/IEC 18004 §7.4.4: 0–9 A–Z space $ % * + - . / :), so the encoder puts them in an
// alphanumeric segment at 5.5 bits per character: 8.8 bits per seal byte against 10.67 for
// base64url in byte mode. That is what keeps the worst-case seal within QR version 12-M
// (docs/seal.md "Sizes"). The characters are URL-safe (RFC 3986 unreserved).
//
// Decoding rejects padding, lower case, whitespace, characters outside the alphabet, lengths
// that cannot come from whole bytes (1, 3 or 6 mod 8) and non-zero unused trailing bits, so each
// byte string has exactly one text form. Errors carry the byte offset in the text.

#include <string>
#include <string_view>

#include "engine/base/result.h"

namespace absah::seal {

std::string base32_encode(std::string_view bytes);
Result<std::string> base32_decode(std::string_view text);

}  // namespace absah::seal
