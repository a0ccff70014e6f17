#pragma once
// HarfBuzz shaping with per-character font fallback: the text is split into runs by the first
// face in the primary face's chain that has a glyph for each character (combining marks stay
// with their base), and each run is shaped with its whole paragraph as context.

#include <memory>
#include <string_view>

#include "engine/base/result.h"
#include "engine/text/font_book.h"
#include "engine/text/shaped_text.h"

namespace absah::text {

// Errors: GlyphMissing naming the character (U+XXXX) when no face in the chain has it;
// FieldFormat for invalid UTF-8 with the byte offset.
Result<ShapedText> shape_text(const FontBook& book, FontId primary, std::string_view utf8);

// The same, shared with the shaping cache instead of copied out of it (layout reads it only).
Result<std::shared_ptr<const ShapedText>> shape_text_shared(const FontBook& book, FontId primary,
                                                            std::string_view utf8);

}  // namespace absah::text
