#pragma once
// The result of shaping one string: glyphs in visual order (left to right; the documents are
// Latin script) with advances as fractions of an em, so a size can be applied later without
// reshaping. `cluster` is the byte offset of the source text the glyph came from, which gives
// both line-break positions and the text behind each glyph for the PDF's ToUnicode map.

#include <cstdint>
#include <string>
#include <vector>

#include "engine/text/font_book.h"

namespace absah::text {

struct ShapedGlyph {
  FontId font = 0;
  uint32_t glyph_id = 0;
  uint32_t cluster = 0;  // byte offset into ShapedText::text
  double x_advance = 0;  // em
  double x_offset = 0;   // em
  double y_offset = 0;   // em, up is positive
};

struct ShapedText {
  std::string text;
  std::vector<ShapedGlyph> glyphs;

  // Advance of glyphs [begin, end) in em.
  double advance(size_t begin, size_t end) const;
  double advance() const { return advance(0, glyphs.size()); }
};

}  // namespace absah::text
