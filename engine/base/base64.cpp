#include "engine/base/base64.h"

#include <array>

namespace absah {

namespace {

constexpr char kStd[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char kUrl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string encode(std::string_view in, const char* alphabet, bool pad) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  size_t i = 0;
  auto b = [&](size_t k) { return static_cast<uint8_t>(in[k]); };
  for (; i + 3 <= in.size(); i += 3) {
    uint32_t v = (b(i) << 16) | (b(i + 1) << 8) | b(i + 2);
    out += alphabet[v >> 18];
    out += alphabet[(v >> 12) & 63];
    out += alphabet[(v >> 6) & 63];
    out += alphabet[v & 63];
  }
  size_t rest = in.size() - i;
  if (rest == 1) {
    uint32_t v = b(i) << 16;
    out += alphabet[v >> 18];
    out += alphabet[(v >> 12) & 63];
    if (pad) out += "==";
  } else if (rest == 2) {
    uint32_t v = (b(i) << 16) | (b(i + 1) << 8);
    out += alphabet[v >> 18];
    out += alphabet[(v >> 12) & 63];
    out += alphabet[(v >> 6) & 63];
    if (pad) out += '=';
  }
  return out;
}

std::array<int8_t, 256> reverse_table(const char* alphabet) {
  std::array<int8_t, 256> t{};
  t.fill(-1);
  for (int i = 0; i < 64; ++i) t[static_cast<uint8_t>(alphabet[i])] = static_cast<int8_t>(i);
  return t;
}

Result<std::string> decode(std::string_view in, const char* alphabet, bool allow_pad_and_space) {
  static const auto std_table = reverse_table(kStd);
  static const auto url_table = reverse_table(kUrl);
  const auto& table = alphabet == kStd ? std_table : url_table;
  std::string out;
  out.reserve(in.size() / 4 * 3 + 3);
  uint32_t acc = 0;
  int bits = 0;
  size_t symbols = 0;
  size_t padding = 0;
  for (size_t i = 0; i < in.size(); ++i) {
    uint8_t c = static_cast<uint8_t>(in[i]);
    if (allow_pad_and_space && (c == ' ' || c == '\n' || c == '\r' || c == '\t')) continue;
    if (allow_pad_and_space && c == '=') {
      ++padding;
      if (padding > 2)
        return Error(ErrorCode::FieldFormat, "",
                     "too much base64 padding at byte " + std::to_string(i));
      continue;
    }
    if (padding)
      return Error(ErrorCode::FieldFormat, "",
                   "base64 data after padding at byte " + std::to_string(i));
    int8_t v = table[c];
    if (v < 0)
      return Error(ErrorCode::FieldFormat, "",
                   "invalid base64 character at byte " + std::to_string(i));
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    ++symbols;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  if (symbols % 4 == 1)
    return Error(ErrorCode::FieldFormat, "",
                 "truncated base64 (length " + std::to_string(symbols) + ")");
  if (bits > 0 && (acc & ((1u << bits) - 1)) != 0)
    return Error(ErrorCode::FieldFormat, "", "base64 has non-zero trailing bits");
  return out;
}

}  // namespace

std::string base64_encode(std::string_view bytes) {
  return encode(bytes, kStd, true);
}
std::string base64url_encode(std::string_view bytes) {
  return encode(bytes, kUrl, false);
}
Result<std::string> base64_decode(std::string_view text) {
  return decode(text, kStd, true);
}
Result<std::string> base64url_decode(std::string_view text) {
  return decode(text, kUrl, false);
}

}  // namespace absah
