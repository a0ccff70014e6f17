#include "engine/seal/base64url.h"

#include <array>
#include <cstdint>

namespace absah::seal {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

constexpr std::array<int8_t, 256> make_reverse() {
  std::array<int8_t, 256> t{};
  for (auto& v : t) v = -1;
  for (int i = 0; i < 64; ++i) t[static_cast<uint8_t>(kAlphabet[i])] = static_cast<int8_t>(i);
  return t;
}
constexpr auto kReverse = make_reverse();

Error bad(std::string message, size_t offset) {
  Error e(ErrorCode::FieldFormat, "", std::move(message));
  e.offset = offset;
  return e;
}

}  // namespace

std::string base64url_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  uint32_t acc = 0;
  int bits = 0;
  for (char c : bytes) {
    acc = (acc << 8) | static_cast<uint8_t>(c);
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(acc >> bits) & 63];
    }
  }
  if (bits > 0) out += kAlphabet[(acc << (6 - bits)) & 63];
  return out;
}

Result<std::string> base64url_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size() * 3 / 4);
  uint32_t acc = 0;
  int bits = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    uint8_t c = static_cast<uint8_t>(text[i]);
    int8_t v = kReverse[c];
    if (v < 0) {
      if (c == '=') return bad("base64url padding '=' is not allowed", i);
      return bad("character outside the base64url alphabet", i);
    }
    acc = ((acc << 6) | static_cast<uint32_t>(v)) & 0xFFFFFF;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  // RFC 4648 §3.5: a canonical encoder sets the unused bits of the last symbol to zero; we
  // require it so that altering those bits is detected as a different text, not ignored.
  if (text.size() % 4 == 1)
    return bad("base64url text has a length of 1 mod 4 (truncated)", text.size() - 1);
  if (bits > 0 && (acc & ((1u << bits) - 1)) != 0)
    return bad("non-zero unused bits in the last base64url character", text.size() - 1);
  return out;
}

}  // namespace absah::seal
