#include "engine/model/canonical_json.h"

#include <openssl/evp.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <vector>

#include "engine/base/sha256.h"
#include "engine/base/utf8.h"

namespace absah::model {

namespace {

using nlohmann::json;

constexpr uint32_t kReplacement = 0xFFFD;

// Decodes UTF-8, replacing each invalid byte with U+FFFD; `clean` reports whether it had to.
std::vector<uint32_t> code_points(const std::string& s, bool& clean) {
  std::vector<uint32_t> out;
  out.reserve(s.size());
  size_t pos = 0;
  while (pos < s.size()) {
    auto cp = next_code_point(s, pos);
    if (!cp) {
      clean = false;
      out.push_back(kReplacement);
      ++pos;
      continue;
    }
    out.push_back(*cp);
  }
  return out;
}

std::u16string utf16(const std::vector<uint32_t>& cps) {
  std::u16string out;
  for (uint32_t cp : cps) {
    if (cp >= 0x10000) {
      out += static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10));
      out += static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      out += static_cast<char16_t>(cp);
    }
  }
  return out;
}

// ECMA-262 Number::toString(x) for finite x (§6.1.6.1.20), from the shortest round-trip digits
// that std::to_chars gives in scientific form ("d.ddde±xx").
void write_double(std::string& out, double x) {
  if (x == 0) {  // +0 and -0
    out += '0';
    return;
  }
  if (x < 0) {
    out += '-';
    x = -x;
  }
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  size_t e = sci.find('e');
  std::string digits = sci.substr(0, e);
  digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  int exponent = std::stoi(sci.substr(e + 1));
  int k = static_cast<int>(digits.size());
  int n = exponent + 1;  // x = 0.digits × 10^n
  if (k <= n && n <= 21) {
    out += digits;
    out.append(static_cast<size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out += digits.substr(0, n);
    out += '.';
    out += digits.substr(n);
  } else if (-6 < n && n <= 0) {
    out += "0.";
    out.append(static_cast<size_t>(-n), '0');
    out += digits;
  } else {
    out += digits[0];
    if (k > 1) {
      out += '.';
      out += digits.substr(1);
    }
    out += 'e';
    out += n - 1 > 0 ? '+' : '-';
    out += std::to_string(std::abs(n - 1));
  }
}

// Writes `s` as a JSON string with the minimal escapes: the bytes of valid UTF-8 sequences as
// they are, U+FFFD for each byte that starts no valid sequence (code_points' repair), and
// \" \\ \b \f \n \r \t or \u00xx for the rest below U+0020. Returns whether `s` was valid.
bool write_utf8_string(std::string& out, const std::string& s) {
  bool clean = true;
  out += '"';
  size_t pos = 0;
  const size_t n = s.size();
  while (pos < n) {
    // A run of bytes that are written as they are.
    size_t run = pos;
    while (run < n) {
      const auto b = static_cast<unsigned char>(s[run]);
      if (b < 0x20 || b == '"' || b == '\\' || b >= 0x80) break;
      ++run;
    }
    out.append(s, pos, run - pos);
    pos = run;
    if (pos >= n) break;
    const auto b = static_cast<unsigned char>(s[pos]);
    if (b >= 0x80) {
      size_t at = pos;
      if (next_code_point(s, pos)) {
        out.append(s, at, pos - at);
      } else {
        clean = false;
        append_utf8(out, kReplacement);
        pos = at + 1;
      }
      continue;
    }
    switch (b) {
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
      default: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", b);
        out += buf;
      }
    }
    ++pos;
  }
  out += '"';
  return clean;
}

// A member name as error paths show it: invalid bytes as U+FFFD.
std::string repaired(const std::string& s) {
  bool clean = true;
  std::string out;
  for (uint32_t c : code_points(s, clean)) append_utf8(out, c);
  return out;
}

bool is_ascii(const std::string& s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

struct Member {
  const std::string* name;
  const json* value;
  std::u16string sort_key;  // only when the names need sorting
};

// How the path names a node: a member name, an array index, or nothing (the root).
struct Label {
  const std::string* name = nullptr;
  size_t index = std::string::npos;

  std::string text() const {
    if (name) return repaired(*name);
    if (index != std::string::npos) return "[" + std::to_string(index) + "]";
    return {};
  }
};

struct Frame {
  const json* node;
  std::vector<Member> members;  // objects only, in canonical order
  size_t index = 0;
  Label label;
};

std::string path_of(const std::vector<Frame>& stack, const Label& last) {
  std::string path;
  auto add = [&](const std::string& l) {
    if (!path.empty() && (l.empty() || l[0] != '[')) path += '.';
    path += l;
  };
  for (size_t i = 1; i < stack.size(); ++i) add(stack[i].label.text());
  if (std::string l = last.text(); !l.empty()) add(l);
  return path;
}

// The members of an object in canonical order. nlohmann keeps them sorted by their bytes, which
// for ASCII names is the UTF-16 order RFC 8785 wants; other names are sorted here.
std::vector<Member> canonical_members(const json& object) {
  std::vector<Member> members;
  members.reserve(object.size());
  bool ascii = true;
  for (auto it = object.begin(); it != object.end(); ++it) {
    members.push_back(Member{&it.key(), &it.value(), {}});
    ascii = ascii && is_ascii(it.key());
  }
  if (ascii) return members;
  for (Member& m : members) {
    bool clean = true;
    m.sort_key = utf16(code_points(*m.name, clean));
  }
  std::sort(members.begin(), members.end(),
            [](const Member& a, const Member& b) { return a.sort_key < b.sort_key; });
  return members;
}

// Iterative, so that a hostile nesting depth cannot exhaust the stack. In strict mode the
// first problem is returned; otherwise problems are repaired as canonical_json() documents.
Result<std::string> serialise(const json& root, bool strict) {
  std::string out;
  out.reserve(1024);
  std::vector<Frame> stack;

  // Writes a scalar, or opens a container and pushes its frame.
  auto emit = [&](const json& v, Label label) -> std::optional<Error> {
    switch (v.type()) {
      case json::value_t::object: {
        if (strict && static_cast<int>(stack.size()) >= kMaxCanonicalDepth)
          return Error(ErrorCode::RecordInvalid, path_of(stack, label),
                       "nested deeper than " + std::to_string(kMaxCanonicalDepth) + " levels");
        if (strict)
          for (auto it = v.begin(); it != v.end(); ++it)
            if (find_invalid_utf8(it.key()))
              return Error(ErrorCode::FieldFormat, path_of(stack, label),
                           "a member name is not valid UTF-8");
        out += '{';
        stack.push_back(Frame{&v, canonical_members(v), 0, label});
        return std::nullopt;
      }
      case json::value_t::array:
        if (strict && static_cast<int>(stack.size()) >= kMaxCanonicalDepth)
          return Error(ErrorCode::RecordInvalid, path_of(stack, label),
                       "nested deeper than " + std::to_string(kMaxCanonicalDepth) + " levels");
        out += '[';
        stack.push_back(Frame{&v, {}, 0, label});
        return std::nullopt;
      case json::value_t::string: {
        if (!write_utf8_string(out, v.get_ref<const std::string&>()) && strict)
          return Error(ErrorCode::FieldFormat, path_of(stack, label), "not valid UTF-8");
        return std::nullopt;
      }
      case json::value_t::number_integer:
        out += std::to_string(v.get<int64_t>());
        return std::nullopt;
      case json::value_t::number_unsigned:
        out += std::to_string(v.get<uint64_t>());
        return std::nullopt;
      case json::value_t::number_float: {
        double d = v.get<double>();
        if (!std::isfinite(d)) {
          if (strict)
            return Error(ErrorCode::FieldType, path_of(stack, label),
                         "a number that is not finite has no JSON form");
          out += "null";
        } else {
          write_double(out, d);
        }
        return std::nullopt;
      }
      case json::value_t::boolean:
        out += v.get<bool>() ? "true" : "false";
        return std::nullopt;
      default:  // null, and the binary and discarded values JSON text never produces
        out += "null";
        return std::nullopt;
    }
  };

  if (auto e = emit(root, Label{})) return std::move(*e);
  while (!stack.empty()) {
    Frame& top = stack.back();
    bool object = top.node->is_object();
    size_t size = object ? top.members.size() : top.node->size();
    if (top.index == size) {
      out += object ? '}' : ']';
      stack.pop_back();
      continue;
    }
    size_t i = top.index++;
    if (i) out += ',';
    std::optional<Error> e;
    if (object) {
      const Member& m = top.members[i];
      write_utf8_string(out, *m.name);
      out += ':';
      e = emit(*m.value, Label{m.name});
    } else {
      e = emit((*top.node)[i], Label{nullptr, i});
    }
    if (e) return std::move(*e);
  }
  return out;
}

}  // namespace

Result<std::string> try_canonical_json(const json& value) {
  return serialise(value, true);
}

std::string canonical_json(const json& value) {
  return std::move(serialise(value, false).value());
}

std::array<uint8_t, 32> record_digest(const json& value) {
  std::string c = canonical_json(value);
  std::array<uint8_t, 32> digest{};
  unsigned len = 0;
  EVP_Digest(c.data(), c.size(), digest.data(), &len, sha256_md(), nullptr);
  return digest;
}

}  // namespace absah::model
