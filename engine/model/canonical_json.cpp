#include "engine/model/canonical_json.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "engine/base/utf8.h"

namespace absah::model {

namespace {

std::u16string utf16(const std::string& s) {
  std::u16string out;
  size_t pos = 0;
  while (pos < s.size()) {
    auto cp = next_code_point(s, pos);
    if (!cp) {
      ++pos;
      continue;
    }
    if (*cp >= 0x10000) {
      out += static_cast<char16_t>(0xD800 + ((*cp - 0x10000) >> 10));
      out += static_cast<char16_t>(0xDC00 + ((*cp - 0x10000) & 0x3FF));
    } else {
      out += static_cast<char16_t>(*cp);
    }
  }
  return out;
}

void write_string(std::string& out, const std::string& s) {
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

void write(std::string& out, const nlohmann::json& v) {
  switch (v.type()) {
    case nlohmann::json::value_t::object: {
      std::vector<std::pair<std::u16string, const std::string*>> keys;
      for (auto it = v.begin(); it != v.end(); ++it) keys.emplace_back(utf16(it.key()), &it.key());
      std::sort(keys.begin(), keys.end());
      out += '{';
      for (size_t i = 0; i < keys.size(); ++i) {
        if (i) out += ',';
        write_string(out, *keys[i].second);
        out += ':';
        write(out, v.at(*keys[i].second));
      }
      out += '}';
      break;
    }
    case nlohmann::json::value_t::array:
      out += '[';
      for (size_t i = 0; i < v.size(); ++i) {
        if (i) out += ',';
        write(out, v[i]);
      }
      out += ']';
      break;
    case nlohmann::json::value_t::string:
      write_string(out, v.get_ref<const std::string&>());
      break;
    default:
      out += v.dump();  // null, true, false, numbers
  }
}

}  // namespace

std::string canonical_json(const nlohmann::json& value) {
  std::string out;
  write(out, value);
  return out;
}

std::array<uint8_t, 32> record_digest(const nlohmann::json& value) {
  std::string c = canonical_json(value);
  std::array<uint8_t, 32> digest{};
  unsigned len = 0;
  EVP_Digest(c.data(), c.size(), digest.data(), &len, EVP_sha256(), nullptr);
  return digest;
}

}  // namespace absah::model
