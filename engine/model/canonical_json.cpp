#include "engine/model/canonical_json.h"

#include <openssl/evp.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <vector>

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

void write_string(std::string& out, const std::vector<uint32_t>& cps) {
  out += '"';
  for (uint32_t c : cps) {
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
          append_utf8(out, c);
        }
    }
  }
  out += '"';
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

struct Member {
  std::u16string sort_key;
  std::vector<uint32_t> name;
  const json* value;
};

struct Frame {
  const json* node;
  std::vector<Member> members;  // objects only, sorted
  size_t index = 0;
  std::string label;  // how the path names this node ("anggota", "[3]")
};

std::string path_of(const std::vector<Frame>& stack, const std::string& last) {
  std::string path;
  for (size_t i = 1; i < stack.size(); ++i) {
    const std::string& l = stack[i].label;
    if (!path.empty() && l[0] != '[') path += '.';
    path += l;
  }
  if (!last.empty()) {
    if (!path.empty() && last[0] != '[') path += '.';
    path += last;
  }
  return path;
}

// Iterative, so that a hostile nesting depth cannot exhaust the stack. In strict mode the
// first problem is returned; otherwise problems are repaired as canonical_json() documents.
Result<std::string> serialise(const json& root, bool strict) {
  std::string out;
  std::vector<Frame> stack;

  // Writes a scalar, or opens a container and pushes its frame.
  auto emit = [&](const json& v, std::string label) -> std::optional<Error> {
    switch (v.type()) {
      case json::value_t::object: {
        if (strict && static_cast<int>(stack.size()) >= kMaxCanonicalDepth)
          return Error(ErrorCode::RecordInvalid, path_of(stack, label),
                       "nested deeper than " + std::to_string(kMaxCanonicalDepth) + " levels");
        Frame f{&v, {}, 0, std::move(label)};
        f.members.reserve(v.size());
        for (auto it = v.begin(); it != v.end(); ++it) {
          bool clean = true;
          auto name = code_points(it.key(), clean);
          if (strict && !clean)
            return Error(ErrorCode::FieldFormat, path_of(stack, f.label),
                         "a member name is not valid UTF-8");
          f.members.push_back(Member{utf16(name), std::move(name), &it.value()});
        }
        std::sort(f.members.begin(), f.members.end(),
                  [](const Member& a, const Member& b) { return a.sort_key < b.sort_key; });
        out += '{';
        stack.push_back(std::move(f));
        return std::nullopt;
      }
      case json::value_t::array:
        if (strict && static_cast<int>(stack.size()) >= kMaxCanonicalDepth)
          return Error(ErrorCode::RecordInvalid, path_of(stack, label),
                       "nested deeper than " + std::to_string(kMaxCanonicalDepth) + " levels");
        out += '[';
        stack.push_back(Frame{&v, {}, 0, std::move(label)});
        return std::nullopt;
      case json::value_t::string: {
        bool clean = true;
        auto cps = code_points(v.get_ref<const std::string&>(), clean);
        if (strict && !clean)
          return Error(ErrorCode::FieldFormat, path_of(stack, label), "not valid UTF-8");
        write_string(out, cps);
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

  if (auto e = emit(root, "")) return std::move(*e);
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
      write_string(out, m.name);
      out += ':';
      std::string label;
      for (uint32_t c : m.name) append_utf8(label, c);
      e = emit(*m.value, std::move(label));
    } else {
      e = emit((*top.node)[i], "[" + std::to_string(i) + "]");
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
  EVP_Digest(c.data(), c.size(), digest.data(), &len, EVP_sha256(), nullptr);
  return digest;
}

}  // namespace absah::model
