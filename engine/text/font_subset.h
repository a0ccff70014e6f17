#pragma once
// Subsets a face to the glyphs a document uses (hb-subset), keeping glyph ids (so the PDF can
// use CIDToGIDMap /Identity and the content stream's glyph ids stay valid) and dropping the
// tables a PDF viewer never reads for a CID font (layout, hinting, cmap).

#include <cstdint>
#include <set>
#include <string>

#include "engine/base/result.h"
#include "engine/text/font_face.h"

namespace absah::text {

Result<std::string> subset_font(const FontFace& face, const std::set<uint32_t>& glyph_ids);

}  // namespace absah::text
