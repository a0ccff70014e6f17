#include "engine/pdf/pdf_tokens.h"

#include <charconv>

#include "engine/base/number_format.h"
#include "engine/base/utf8.h"

namespace absah::pdf {

namespace {

constexpr char kHexDigits[] = "0123456789ABCDEF";

// Regular characters (§7.2.2): printable ASCII that is neither white space, a delimiter nor
// the '#' that starts an escape.
bool is_regular_name_char(unsigned char c) {
  return c > 0x20 && c < 0x7F &&
         std::string_view("()<>[]{}/%#").find(static_cast<char>(c)) == std::string_view::npos;
}

void append_utf16_unit(std::string& out, uint32_t unit) {
  for (int shift = 12; shift >= 0; shift -= 4) out += kHexDigits[(unit >> shift) & 15];
}

}  // namespace

void append_ref(std::string& out, ObjectRef ref) {
  append_integer(out, ref.number);
  out += " 0 R";
}

void append_name(std::string& out, std::string_view name) {
  out += '/';
  for (unsigned char c : name) {
    if (is_regular_name_char(c)) {
      out += static_cast<char>(c);
    } else {
      out += '#';
      out += kHexDigits[c >> 4];
      out += kHexDigits[c & 15];
    }
  }
}

void append_literal_string(std::string& out, std::string_view bytes) {
  out += '(';
  for (char c : bytes) {
    switch (c) {
      case '(':
        out += "\\(";
        break;
      case ')':
        out += "\\)";
        break;
      case '\\':
        out += "\\\\";
        break;
      // A raw CR or CR LF inside a literal string reads back as LF (§7.3.4.2).
      case '\r':
        out += "\\r";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        out += c;
    }
  }
  out += ')';
}

void append_text_string(std::string& out, std::string_view utf8) {
  bool printable_ascii = true;
  for (unsigned char c : utf8) printable_ascii &= (c >= 0x20 && c < 0x7F);
  if (printable_ascii) {
    append_literal_string(out, utf8);
    return;
  }
  out += "<FEFF";
  size_t pos = 0;
  while (pos < utf8.size()) {
    auto cp = next_code_point(utf8, pos);
    // Invalid UTF-8 becomes U+FFFD rather than vanishing; input is validated upstream.
    uint32_t c = cp ? *cp : 0xFFFD;
    if (!cp) ++pos;
    if (c >= 0x10000) {
      c -= 0x10000;
      append_utf16_unit(out, 0xD800 + (c >> 10));
      append_utf16_unit(out, 0xDC00 + (c & 0x3FF));
    } else {
      append_utf16_unit(out, c);
    }
  }
  out += '>';
}

void append_text_entry(std::string& out, std::string_view key, std::string_view utf8) {
  if (utf8.empty()) return;
  append_name(out, key);
  append_text_string(out, utf8);
}

void append_real(std::string& out, double value) {
  append_decimal(out, value, 6);
}

void append_integer(std::string& out, int64_t value) {
  char buf[24];
  auto end = std::to_chars(buf, buf + sizeof buf, value).ptr;
  out.append(buf, end);
}

}  // namespace absah::pdf
