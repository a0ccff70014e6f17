#pragma once
// Finding the ByteRange and Contents of a PDF signature dictionary by scanning the bytes, with
// every offset bounds-checked. Signing looks for the writer's placeholders; checking looks for
// the last ByteRange actually written. No offset read from the file is trusted before it is
// checked against the file size.

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "engine/base/result.h"

namespace absah::sign {

// What the PDF writer puts in the /Sig dictionary (pdf-toolchain.md §3, path A): 34
// characters inside the brackets, room for any offset below 10^10.
constexpr std::string_view kByteRangePlaceholder = "[0 9999999999 9999999999 9999999999]";

struct Placeholders {
  size_t byte_range_open = 0;   // offset of '[' of the ByteRange placeholder
  size_t byte_range_close = 0;  // offset of its ']'
  size_t contents_open = 0;     // offset of '<' of the all-zero Contents hex string
  size_t contents_close = 0;    // offset of its '>'
};

// Exactly one ByteRange placeholder and exactly one all-zero Contents hex string in the same
// object; anything else is an error naming what was found.
Result<Placeholders> find_placeholders(std::string_view pdf);

struct WrittenByteRange {
  size_t key_offset = 0;  // offset of "/ByteRange"
  std::array<uint64_t, 4> values{};
  bool well_formed = false;  // four non-negative integers in brackets
};

// The last "/ByteRange" key in the file and, when it is followed by four non-negative integers
// in brackets, their values; nullopt when there is no such key. Integers longer than 15 digits
// make it malformed, so nothing overflows.
std::optional<WrittenByteRange> find_last_byte_range(std::string_view pdf);

// PDF white-space characters (ISO 32000-1 §7.2.2, Table 1).
bool is_pdf_space(char c);

}  // namespace absah::sign
