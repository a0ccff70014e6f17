#include "engine/sign/der.h"

namespace absah::sign::der {

size_t length_size(size_t length) {
  if (length < 0x80) return 1;
  size_t n = 1;
  for (size_t v = length; v != 0; v >>= 8) ++n;
  return n;
}

size_t tlv_size(size_t content_length) {
  return 1 + length_size(content_length) + content_length;
}

void append_length(std::vector<uint8_t>& out, size_t length) {
  if (length < 0x80) {
    out.push_back(static_cast<uint8_t>(length));
    return;
  }
  uint8_t bytes[sizeof(size_t)];
  int n = 0;
  for (size_t v = length; v != 0; v >>= 8) bytes[n++] = static_cast<uint8_t>(v & 0xff);
  out.push_back(static_cast<uint8_t>(0x80 | n));
  while (n > 0) out.push_back(bytes[--n]);
}

void append_header(std::vector<uint8_t>& out, uint8_t tag, size_t content_length) {
  out.push_back(tag);
  append_length(out, content_length);
}

void append_tlv(std::vector<uint8_t>& out, uint8_t tag, std::span<const uint8_t> content) {
  append_header(out, tag, content.size());
  out.insert(out.end(), content.begin(), content.end());
}

Result<Element> read_element(std::span<const uint8_t> bytes, size_t offset) {
  auto bad = [&](const char* why) {
    return Error(ErrorCode::Internal, "",
                 std::string("DER at offset ") + std::to_string(offset) + ": " + why);
  };
  if (offset + 2 > bytes.size()) return bad("truncated header");
  Element e;
  e.tag = bytes[offset];
  e.start = offset;
  if ((e.tag & 0x1f) == 0x1f) return bad("high tag numbers are not used here");
  size_t pos = offset + 1;
  size_t length = bytes[pos++];
  if (length == 0x80) return bad("indefinite length");
  if (length > 0x80) {
    const size_t count = length & 0x7f;
    if (count > 4 || pos + count > bytes.size()) return bad("length too long");
    length = 0;
    for (size_t i = 0; i < count; ++i) length = (length << 8) | bytes[pos++];
    if (length < 0x80 || (count > 1 && (length >> (8 * (count - 1))) == 0))
      return bad("length not in its shortest form");
  }
  if (length > bytes.size() - pos) return bad("element runs past the end");
  e.content_start = pos;
  e.end = pos + length;
  return e;
}

Result<std::vector<Element>> read_children(std::span<const uint8_t> bytes, const Element& parent) {
  std::vector<Element> children;
  size_t pos = parent.content_start;
  while (pos < parent.end) {
    auto child = read_element(bytes.first(parent.end), pos);
    if (!child) return child.take_error();
    pos = child->end;
    children.push_back(*child);
  }
  return children;
}

}  // namespace absah::sign::der
