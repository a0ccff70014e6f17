#include "engine/verify/public_mask.h"

namespace absah::verify {

namespace {

bool is_utf8_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

}  // namespace

std::string mask_name(std::string_view name) {
  std::string out;
  bool word_start = true;
  for (size_t i = 0; i < name.size();) {
    size_t len = 1;
    while (i + len < name.size() && is_utf8_continuation(name[i + len])) ++len;
    const char c = name[i];
    if (c == ' ' || c == '-' || c == '\'' || c == '.' || c == ',') {
      out.push_back(c);
      word_start = true;
    } else if (word_start) {
      out.append(name.substr(i, len));
      word_start = false;
    } else {
      out.push_back('*');
    }
    i += len;
  }
  return out;
}

std::string mask_id(std::string_view id) {
  if (id.size() < 8) return std::string(id.size(), '*');
  return std::string(id.substr(0, 4)) + std::string(id.size() - 6, '*') +
         std::string(id.substr(id.size() - 2));
}

}  // namespace absah::verify
