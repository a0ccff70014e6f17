#pragma once
// Just enough DER (ITU-T X.690 §8.1, §10.1) to assemble a CMS from pre-encoded pieces and to
// take an encoding apart into those pieces: definite lengths in the shortest form, single-byte
// tags (every tag CMS SignedData uses is one: SEQUENCE, SET, OCTET STRING, [0], [1]).

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "engine/base/result.h"

namespace absah::sign::der {

// Bytes a definite length takes: 1 below 128, else 1 + its significant bytes.
size_t length_size(size_t length);
// Bytes of a whole TLV with a one-byte tag and `content_length` bytes of content.
size_t tlv_size(size_t content_length);

void append_length(std::vector<uint8_t>& out, size_t length);
// Tag and length; the content follows from the caller.
void append_header(std::vector<uint8_t>& out, uint8_t tag, size_t content_length);
void append_tlv(std::vector<uint8_t>& out, uint8_t tag, std::span<const uint8_t> content);

// One element of an encoding: offsets into the buffer it was read from.
struct Element {
  uint8_t tag = 0;
  size_t start = 0;          // the tag byte
  size_t content_start = 0;  // first content byte
  size_t end = 0;            // one past the last content byte
  size_t content_length() const { return end - content_start; }
};

// The element at `offset`; an error for high-tag-number form, indefinite or overlong lengths,
// or an element that runs past `bytes`.
Result<Element> read_element(std::span<const uint8_t> bytes, size_t offset);
// The elements that fill `parent`'s content exactly.
Result<std::vector<Element>> read_children(std::span<const uint8_t> bytes, const Element& parent);

}  // namespace absah::sign::der
