#include "engine/sign/signature_locator.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace absah::sign {

bool is_pdf_space(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

namespace {

size_t skip_space(std::string_view s, size_t pos) {
  while (pos < s.size() && is_pdf_space(s[pos])) ++pos;
  return pos;
}

// The end of the run of '0' digits starting at `pos`, eight bytes at a time: the Contents
// placeholder is thousands of them.
size_t skip_zero_digits(std::string_view s, size_t pos) {
  constexpr uint64_t kZeros = 0x3030303030303030ull;
  while (pos + 8 <= s.size()) {
    uint64_t word;
    std::memcpy(&word, s.data() + pos, 8);
    if (word != kZeros) break;
    pos += 8;
  }
  while (pos < s.size() && s[pos] == '0') ++pos;
  return pos;
}

// Offsets just past each occurrence of `key` that is a whole name (not a prefix of a longer
// name such as /ContentsX).
std::vector<size_t> key_ends(std::string_view pdf, std::string_view key) {
  std::vector<size_t> out;
  for (size_t pos = pdf.find(key); pos != std::string_view::npos; pos = pdf.find(key, pos + 1)) {
    size_t end = pos + key.size();
    if (end < pdf.size()) {
      char c = pdf[end];
      bool delimiter = is_pdf_space(c) || c == '<' || c == '[' || c == '(' || c == '/';
      if (!delimiter) continue;
    }
    out.push_back(end);
  }
  return out;
}

}  // namespace

Result<Placeholders> find_placeholders(std::string_view pdf) {
  Placeholders found;
  int byte_ranges = 0;
  for (size_t end : key_ends(pdf, "/ByteRange")) {
    size_t open = skip_space(pdf, end);
    if (pdf.substr(open, kByteRangePlaceholder.size()) != kByteRangePlaceholder) continue;
    ++byte_ranges;
    found.byte_range_open = open;
    found.byte_range_close = open + kByteRangePlaceholder.size() - 1;
  }
  if (byte_ranges != 1)
    return Error(ErrorCode::PdfWrite, "signature.byte_range",
                 "expected exactly one ByteRange placeholder " +
                     std::string(kByteRangePlaceholder) + ", found " + std::to_string(byte_ranges));

  int contents = 0;
  for (size_t end : key_ends(pdf, "/Contents")) {
    size_t open = skip_space(pdf, end);
    if (open >= pdf.size() || pdf[open] != '<') continue;
    size_t pos = skip_zero_digits(pdf, open + 1);
    if (pos >= pdf.size() || pdf[pos] != '>') continue;  // not an all-zero hex string
    size_t digits = pos - open - 1;
    if (digits < 2) continue;
    if (digits % 2 != 0)
      return Error(ErrorCode::PdfWrite, "signature.contents",
                   "Contents placeholder has an odd number of hex digits");
    ++contents;
    found.contents_open = open;
    found.contents_close = pos;
  }
  if (contents != 1)
    return Error(
        ErrorCode::PdfWrite, "signature.contents",
        "expected exactly one all-zero Contents hex string, found " + std::to_string(contents));

  // Both must be values of the same signature dictionary: no object boundary between them.
  size_t lo = std::min(found.byte_range_open, found.contents_open);
  size_t hi = std::max(found.byte_range_close, found.contents_close);
  if (pdf.substr(lo, hi - lo).find("endobj") != std::string_view::npos)
    return Error(ErrorCode::PdfWrite, "signature",
                 "ByteRange and Contents placeholders are in different objects");
  return found;
}

std::optional<WrittenByteRange> find_last_byte_range(std::string_view pdf) {
  auto ends = key_ends(pdf, "/ByteRange");
  if (ends.empty()) return std::nullopt;
  // Only the last key counts: falling back to an earlier one would let a malformed last
  // signature pass as the earlier, valid one.
  WrittenByteRange br;
  br.key_offset = ends.back() - std::string_view("/ByteRange").size();
  size_t pos = skip_space(pdf, ends.back());
  if (pos >= pdf.size() || pdf[pos] != '[') return br;
  ++pos;
  for (int i = 0; i < 4; ++i) {
    pos = skip_space(pdf, pos);
    size_t start = pos;
    uint64_t v = 0;
    while (pos < pdf.size() && pdf[pos] >= '0' && pdf[pos] <= '9' && pos - start < 15)
      v = v * 10 + static_cast<uint64_t>(pdf[pos++] - '0');
    if (pos == start || (pos < pdf.size() && pdf[pos] >= '0' && pdf[pos] <= '9')) return br;
    br.values[i] = v;
  }
  pos = skip_space(pdf, pos);
  if (pos >= pdf.size() || pdf[pos] != ']') return br;
  br.well_formed = true;
  return br;
}

}  // namespace absah::sign
