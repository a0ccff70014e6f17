#pragma once
// Collects the glyphs each face uses across a document and writes each face once as a subset
// Type0 font: Type0 → CIDFontType2 (CIDToGIDMap /Identity, /W widths) → FontDescriptor →
// FontFile2, plus a ToUnicode CMap (PDF 32000-1 §9.7.4, §9.7.5, §9.10.3).

#include <map>
#include <string>
#include <vector>

#include "engine/base/result.h"
#include "engine/layout/frame.h"
#include "engine/text/font_book.h"

#include "engine/pdf/pdf_tokens.h"

namespace absah::pdf {

class ObjectWriter;

struct UsedFont {
  text::FontId id = 0;
  std::string resource_name;               // "F1"
  std::map<uint32_t, std::string> glyphs;  // glyph id → source text (may be empty)
  std::vector<double> widths;              // glyph id → advance in 1/1000 em, as in /W
};

class FontEmbedder {
 public:
  explicit FontEmbedder(const text::FontBook& book) : m_book(book) {}

  void collect(const layout::DocumentFrames& frames);
  const std::vector<UsedFont>& fonts() const { return m_fonts; }
  const UsedFont* find(text::FontId id) const;
  // Advances in 1/1000 em of the glyphs collected for a font, indexed by glyph id, as written
  // in /W, so the content stream's pen matches the viewer's. Empty for a font not collected.
  const std::vector<double>& glyph_widths(text::FontId id) const;

  // Writes every used font; returns the Type0 font objects in fonts() order.
  Result<std::vector<ObjectRef>> embed(ObjectWriter& writer) const;

 private:
  const text::FontBook& m_book;
  std::vector<UsedFont> m_fonts;
};

// The ToUnicode CMap for a set of glyphs (exposed for tests).
std::string build_to_unicode_cmap(const std::map<uint32_t, std::string>& glyphs);

// Six upper-case letters naming a subset (§9.6.4), derived from the glyph set so that the
// same subset always gets the same tag.
std::string subset_tag(const std::map<uint32_t, std::string>& glyphs, text::FontId id);

}  // namespace absah::pdf
