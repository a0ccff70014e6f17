#include "engine/text/shaper.h"

#include <cstdio>

#include "engine/base/utf8.h"

namespace absah::text {

namespace {

bool is_combining_mark(uint32_t cp) {
  return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
         (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
         (cp >= 0xFE20 && cp <= 0xFE2F);
}

bool is_invisible(uint32_t cp) {
  return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0xFEFF || cp == 0x00AD;
}

struct Segment {
  size_t begin = 0;
  size_t end = 0;
  FontId font = 0;
};

std::string code_point_name(uint32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", cp);
  return buf;
}

// Static paragraphs of a letter run to a few hundred bytes; longer text is free text that
// rarely repeats, and the bound with the entry count keeps the cache to a few MB.
constexpr size_t kMaxCachedTextBytes = 512;

Result<ShapedText> shape_uncached(const FontBook& book, FontId primary, std::string_view utf8);

}  // namespace

Result<std::shared_ptr<const ShapedText>> shape_text_shared(const FontBook& book, FontId primary,
                                                            std::string_view utf8) {
  const bool cacheable = utf8.size() <= kMaxCachedTextBytes;
  std::string key;
  if (cacheable) {
    key.assign(reinterpret_cast<const char*>(&primary), sizeof primary);
    key.append(utf8);
    if (auto hit = book.shape_cache().find(key)) return hit;
  }
  auto shaped = shape_uncached(book, primary, utf8);
  if (!shaped) return shaped.take_error();
  auto made = std::make_shared<const ShapedText>(std::move(*shaped));
  if (cacheable) book.shape_cache().insert(key, made);
  return std::shared_ptr<const ShapedText>(made);
}

Result<ShapedText> shape_text(const FontBook& book, FontId primary, std::string_view utf8) {
  auto shared = shape_text_shared(book, primary, utf8);
  if (!shared) return shared.take_error();
  return **shared;
}

namespace {

Result<ShapedText> shape_uncached(const FontBook& book, FontId primary, std::string_view utf8) {
  ShapedText out;
  out.text = std::string(utf8);
  if (auto bad = find_invalid_utf8(utf8))
    return Error(ErrorCode::FieldFormat, "", "invalid UTF-8 at byte " + std::to_string(*bad));

  const std::vector<FontId>& chain = book.chain(primary);
  std::vector<const FontFace*> faces;
  for (FontId id : chain) {
    auto f = book.face(id);
    if (!f) {
      if (id == primary) return f.error();
      faces.push_back(nullptr);  // a missing fallback file only narrows coverage
      continue;
    }
    faces.push_back(*f);
  }

  // Split into segments by font coverage.
  std::vector<Segment> segments;
  size_t pos = 0;
  while (pos < utf8.size()) {
    size_t start = pos;
    uint32_t cp = *next_code_point(utf8, pos);
    size_t chosen = 0;
    bool spacing_or_mark = cp == ' ' || is_combining_mark(cp) || is_invisible(cp);
    if (spacing_or_mark && !segments.empty()) {
      // Keep with the previous segment so marks shape with their base.
      segments.back().end = pos;
      continue;
    }
    bool found = false;
    for (size_t i = 0; i < faces.size(); ++i) {
      if (faces[i] && faces[i]->has_glyph(cp)) {
        chosen = i;
        found = true;
        break;
      }
    }
    if (!found && !spacing_or_mark && cp >= 0x20)
      return Error(
          ErrorCode::GlyphMissing, "",
          "no font has a glyph for " + code_point_name(cp) + " at byte " + std::to_string(start));
    FontId font = chain[chosen];
    if (!segments.empty() && segments.back().font == font && segments.back().end == start) {
      segments.back().end = pos;
    } else {
      segments.push_back({start, pos, font});
    }
  }

  hb_buffer_t* buf = hb_buffer_create();
  for (const Segment& seg : segments) {
    const FontFace* face = nullptr;
    for (size_t i = 0; i < chain.size(); ++i)
      if (chain[i] == seg.font) face = faces[i];
    hb_buffer_clear_contents(buf);
    hb_buffer_add_utf8(buf, utf8.data(), static_cast<int>(utf8.size()),
                       static_cast<unsigned>(seg.begin), static_cast<int>(seg.end - seg.begin));
    hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
    hb_buffer_set_script(buf, HB_SCRIPT_LATIN);
    hb_buffer_set_language(buf, hb_language_from_string("id", -1));
    hb_buffer_set_cluster_level(buf, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS);
    hb_shape(face->hb_font(), buf, nullptr, 0);
    unsigned count = 0;
    const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &count);
    const hb_glyph_position_t* posn = hb_buffer_get_glyph_positions(buf, &count);
    const double upem = face->metrics().units_per_em;
    for (unsigned i = 0; i < count; ++i) {
      ShapedGlyph g;
      g.font = seg.font;
      g.glyph_id = info[i].codepoint;
      g.cluster = info[i].cluster;
      g.x_advance = posn[i].x_advance / upem;
      g.x_offset = posn[i].x_offset / upem;
      g.y_offset = posn[i].y_offset / upem;
      out.glyphs.push_back(g);
    }
  }
  hb_buffer_destroy(buf);
  return out;
}

}  // namespace

}  // namespace absah::text
