#pragma once
// Strict UTF-8 decoding (RFC 3629): no overlongs, no surrogates, nothing above U+10FFFF.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace absah {

// Decodes the code point at `pos` and advances `pos`; nullopt on an invalid sequence
// (pos is then left at the offending byte).
std::optional<uint32_t> next_code_point(std::string_view text, size_t& pos);

// Byte offset of the first invalid sequence, or nullopt when the whole text is valid.
std::optional<size_t> find_invalid_utf8(std::string_view text);

void append_utf8(std::string& out, uint32_t code_point);

}  // namespace absah
