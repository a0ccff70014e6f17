#include "engine/seal/base32.h"

#include <array>
#include <cstdint>

namespace absah::seal {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

constexpr std::array<int8_t, 256> make_reverse() {
  std::array<int8_t, 256> t{};
  for (auto& v : t) v = -1;
  for (int i = 0; i < 32; ++i) t[static_cast<uint8_t>(kAlphabet[i])] = static_cast<int8_t>(i);
  return t;
}
constexpr auto kReverse = make_reverse();

Error bad(std::string message, size_t offset) {
  Error e(ErrorCode::FieldFormat, "", std::move(message) + " at byte " + std::to_string(offset));
  e.offset = offset;
  return e;
}

}  // namespace

std::string base32_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 8 + 4) / 5);
  uint32_t acc = 0;
  int bits = 0;
  for (char c : bytes) {
    acc = ((acc << 8) | static_cast<uint8_t>(c)) & 0xFFF;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += kAlphabet[(acc >> bits) & 31];
    }
  }
  if (bits > 0) out += kAlphabet[(acc << (5 - bits)) & 31];
  return out;
}

Result<std::string> base32_decode(std::string_view text) {
  // RFC 4648 §6: the final quantum has 2, 4, 5 or 7 characters; 1, 3 or 6 cannot occur.
  const size_t tail = text.size() % 8;
  if (tail == 1 || tail == 3 || tail == 6)
    return bad("base32 text has an impossible length (" + std::to_string(text.size()) + ")",
               text.size() - 1);
  std::string out;
  out.reserve(text.size() * 5 / 8);
  uint32_t acc = 0;
  int bits = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const uint8_t c = static_cast<uint8_t>(text[i]);
    const int8_t v = kReverse[c];
    if (v < 0) {
      if (c == '=') return bad("base32 padding '=' is not allowed", i);
      if (c >= 'a' && c <= 'z') return bad("lower-case base32 character", i);
      return bad("character outside the base32 alphabet", i);
    }
    acc = ((acc << 5) | static_cast<uint32_t>(v)) & 0xFFF;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  // RFC 4648 §3.5: canonical encoders set the unused bits to zero; we require it so that a
  // second spelling of the same bytes is not accepted.
  if (bits > 0 && (acc & ((1u << bits) - 1)) != 0)
    return bad("non-zero unused bits in the last base32 character", text.size() - 1);
  return out;
}

}  // namespace absah::seal
