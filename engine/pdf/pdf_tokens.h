#pragma once
// The few PDF tokens absah writes outside content streams (PDF 32000-1 §7.3): names, strings,
// numbers and indirect references, appended to a buffer as text.

#include <cstdint>
#include <string>
#include <string_view>

namespace absah::pdf {

// An indirect object's number; the generation is always 0 in a file written in one go.
struct ObjectRef {
  uint32_t number = 0;
};

// "12 0 R"
void append_ref(std::string& out, ObjectRef ref);

// "/Name", bytes outside the regular characters written as #xx (§7.3.5).
void append_name(std::string& out, std::string_view name);

// A literal string "( ... )" holding `bytes` as they are, with \ ( ) and line ends escaped so
// that a reader gets back exactly these bytes (§7.3.4.2).
void append_literal_string(std::string& out, std::string_view bytes);

// A text string (§7.9.2.2) for UTF-8 text: printable ASCII as a literal string (PDFDocEncoding
// agrees with ASCII there), anything else as UTF-16BE with a byte order mark, in hex.
void append_text_string(std::string& out, std::string_view utf8);

// An optional dictionary entry: "/Key" and the text string, or nothing when `utf8` is empty.
void append_text_entry(std::string& out, std::string_view key, std::string_view utf8);

// A number with at most six decimals, without trailing zeros ("595.275591", "0", "-12").
void append_real(std::string& out, double value);

void append_integer(std::string& out, int64_t value);

}  // namespace absah::pdf
