#include "engine/pdf/font_embedder.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <set>

#include "engine/base/bounded_cache.h"
#include "engine/base/number_format.h"
#include "engine/base/utf8.h"
#include "engine/pdf/flate_stream.h"
#include "engine/pdf/object_writer.h"
#include "engine/text/font_subset.h"

namespace absah::pdf {

namespace {

std::string utf16be_hex(const std::string& utf8) {
  std::string out;
  size_t pos = 0;
  char buf[8];
  while (pos < utf8.size()) {
    auto cp = next_code_point(utf8, pos);
    if (!cp) break;
    uint32_t c = *cp;
    if (c >= 0x10000) {
      c -= 0x10000;
      std::snprintf(buf, sizeof buf, "%04X", 0xD800 + (c >> 10));
      out += buf;
      std::snprintf(buf, sizeof buf, "%04X", 0xDC00 + (c & 0x3FF));
      out += buf;
    } else {
      std::snprintf(buf, sizeof buf, "%04X", c);
      out += buf;
    }
  }
  return out;
}

// Everything written for one face that depends only on the font file and the glyphs used
// with their text: the deflated subset program, the /W array and the deflated ToUnicode CMap.
// Subsetting is the costliest step of embedding, and documents of one type share most glyph
// sets (the label-only faces always), so the process keeps the recent ones.
struct FontParts {
  std::string deflated_program;
  size_t program_length = 0;  // uncompressed, the FontFile2 /Length1
  std::string widths;         // /W as PDF syntax: runs of consecutive glyph ids, gid [w w ...]
  std::string deflated_to_unicode;
};

constexpr size_t kFontPartsCacheEntries = 256;

// /W with unrounded widths (three decimals of 1/1000 em), so the TJ arithmetic in the content
// stream needs no correction; kept as PDF syntax, ready to be written into the font dictionary.
std::string widths_array(const text::FontFace& face, const std::set<uint32_t>& gids) {
  const double scale = 1000.0 / face.metrics().units_per_em;
  std::string out = "[";
  std::optional<uint32_t> previous;
  for (uint32_t gid : gids) {
    if (!previous || gid != *previous + 1) {
      if (previous) out += "] ";
      out += std::to_string(gid);
      out += " [";
    } else {
      out += ' ';
    }
    append_decimal(out, face.advance(gid) * scale, 3);
    previous = gid;
  }
  if (previous) out += ']';
  out += ']';
  return out;
}

Result<std::shared_ptr<const FontParts>> font_parts(const text::FontFace& face,
                                                    const std::map<uint32_t, std::string>& glyphs) {
  static BoundedCache<FontParts> cache(kFontPartsCacheEntries);
  std::string key = face.path();
  key += '\0';
  for (const auto& [gid, text] : glyphs) {
    key.append(reinterpret_cast<const char*>(&gid), sizeof gid);
    key += text;
    key += '\0';
  }
  if (auto hit = cache.find(key)) return hit;
  std::set<uint32_t> gids;
  for (const auto& entry : glyphs) gids.insert(entry.first);
  auto subset = text::subset_font(face, gids);
  if (!subset) return subset.take_error();
  auto made = std::make_shared<FontParts>();
  made->deflated_program = deflate_bytes(*subset);
  made->program_length = subset->size();
  made->widths = widths_array(face, gids);
  made->deflated_to_unicode = deflate_bytes(build_to_unicode_cmap(glyphs));
  cache.insert(key, made);
  return std::shared_ptr<const FontParts>(made);
}

}  // namespace

void FontEmbedder::collect(const layout::DocumentFrames& frames) {
  // Per font, by glyph id: the glyph is recorded with its text, so seeing it again changes
  // nothing and needs no map look-up (a letter draws each glyph some fifteen times).
  std::vector<std::vector<uint8_t>> settled;
  for (const auto& page : frames.pages) {
    for (const auto& item : page.items) {
      const auto* run = std::get_if<layout::GlyphRun>(&item);
      if (!run) continue;
      UsedFont* used = nullptr;
      for (auto& f : m_fonts)
        if (f.id == run->font) used = &f;
      if (!used) {
        m_fonts.push_back({run->font, "F" + std::to_string(m_fonts.size() + 1), {}, {}});
        used = &m_fonts.back();
      }
      const size_t index = static_cast<size_t>(used - m_fonts.data());
      if (settled.size() <= index) settled.resize(index + 1);
      std::vector<uint8_t>& done = settled[index];
      for (const auto& g : run->glyphs) {
        if (g.glyph_id < done.size() && done[g.glyph_id]) continue;
        // try_emplace: a glyph seen before costs a look-up, not a node and a string copy.
        const std::string_view text = run->text_of(g);
        auto [it, inserted] = used->glyphs.try_emplace(g.glyph_id, text);
        if (!inserted && it->second.empty() && !text.empty()) it->second = text;
        if (!it->second.empty()) {
          if (g.glyph_id >= done.size()) done.resize(std::max<size_t>(g.glyph_id + 1, 256), 0);
          done[g.glyph_id] = 1;
        }
      }
    }
  }
  // One HarfBuzz look-up per distinct glyph rather than one per glyph drawn.
  for (auto& used : m_fonts) {
    auto face = m_book.face(used.id);
    if (!face || used.glyphs.empty()) continue;
    used.widths.assign(used.glyphs.rbegin()->first + 1, 0.0);
    for (const auto& entry : used.glyphs)
      used.widths[entry.first] =
          (*face)->advance(entry.first) * 1000.0 / (*face)->metrics().units_per_em;
  }
}

const UsedFont* FontEmbedder::find(text::FontId id) const {
  for (const auto& f : m_fonts)
    if (f.id == id) return &f;
  return nullptr;
}

const std::vector<double>& FontEmbedder::glyph_widths(text::FontId id) const {
  static const std::vector<double> kNone;
  const UsedFont* used = find(id);
  return used ? used->widths : kNone;
}

std::string subset_tag(const std::map<uint32_t, std::string>& glyphs, text::FontId id) {
  uint64_t h = 1469598103934665603ull ^ id;  // FNV-1a
  for (const auto& [gid, text] : glyphs) {
    h = (h ^ gid) * 1099511628211ull;
  }
  std::string tag;
  for (int i = 0; i < 6; ++i) {
    tag += static_cast<char>('A' + h % 26);
    h /= 26;
  }
  return tag;
}

std::string build_to_unicode_cmap(const std::map<uint32_t, std::string>& glyphs) {
  std::string cmap =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
  std::vector<std::pair<uint32_t, std::string>> entries;
  for (const auto& [gid, text] : glyphs)
    if (!text.empty()) entries.emplace_back(gid, utf16be_hex(text));
  // At most 100 entries per bfchar block (PDF 32000-1 §9.10.3 / Adobe TN 5014).
  for (size_t i = 0; i < entries.size(); i += 100) {
    size_t n = std::min<size_t>(100, entries.size() - i);
    cmap += std::to_string(n) + " beginbfchar\n";
    char buf[16];
    for (size_t j = i; j < i + n; ++j) {
      std::snprintf(buf, sizeof buf, "<%04X> <", entries[j].first & 0xFFFF);
      cmap += buf + entries[j].second + ">\n";
    }
    cmap += "endbfchar\n";
  }
  cmap += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  return cmap;
}

Result<std::vector<ObjectRef>> FontEmbedder::embed(ObjectWriter& writer) const {
  std::vector<ObjectRef> refs;
  std::string entries;
  for (const UsedFont& used : m_fonts) {
    auto face_r = m_book.face(used.id);
    if (!face_r) return face_r.error();
    const text::FontFace& face = **face_r;
    auto parts_r = font_parts(face, used.glyphs);
    if (!parts_r) return parts_r.take_error();
    const FontParts& parts = **parts_r;

    const double scale = 1000.0 / face.metrics().units_per_em;
    const auto& m = face.metrics();
    const std::string base_font = subset_tag(used.glyphs, used.id) + "+" + face.postscript_name();
    const ObjectRef file = writer.reserve();
    const ObjectRef descriptor = writer.reserve();
    const ObjectRef cid = writer.reserve();
    const ObjectRef to_unicode = writer.reserve();
    const ObjectRef type0 = writer.reserve();

    entries = "/Filter/FlateDecode/Length1 ";
    append_integer(entries, static_cast<int64_t>(parts.program_length));
    writer.write_stream(file, entries, parts.deflated_program);

    std::string& d = writer.begin_object(descriptor);
    d += "<</Type/FontDescriptor/FontName";
    append_name(d, base_font);
    // Flags (§9.8.2): 4 = symbolic (glyphs addressed by CID, not a standard encoding).
    int64_t flags = 4;
    if (m.fixed_pitch) flags |= 1;
    if (m.serif) flags |= 2;
    if (m.italic_angle != 0) flags |= 64;
    d += "/Flags ";
    append_integer(d, flags);
    d += "/FontBBox[";
    for (size_t i = 0; i < 4; ++i) {
      if (i) d += ' ';
      append_integer(d, static_cast<int64_t>(m.bbox[i] * scale));
    }
    d += "]/ItalicAngle ";
    append_real(d, m.italic_angle);
    d += "/Ascent ";
    append_integer(d, static_cast<int64_t>(m.ascender * scale));
    d += "/Descent ";
    append_integer(d, static_cast<int64_t>(m.descender * scale));
    d += "/CapHeight ";
    append_integer(d, static_cast<int64_t>(m.cap_height * scale));
    d += "/StemV 80/FontFile2 ";
    append_ref(d, file);
    d += ">>";
    writer.end_object();

    std::string& c = writer.begin_object(cid);
    c += "<</Type/Font/Subtype/CIDFontType2/BaseFont";
    append_name(c, base_font);
    c += "/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>/FontDescriptor ";
    append_ref(c, descriptor);
    c += "/DW 1000/W";
    c += parts.widths;
    c += "/CIDToGIDMap/Identity>>";
    writer.end_object();

    writer.write_stream(to_unicode, "/Filter/FlateDecode", parts.deflated_to_unicode);

    std::string& t = writer.begin_object(type0);
    t += "<</Type/Font/Subtype/Type0/BaseFont";
    append_name(t, base_font);
    t += "/Encoding/Identity-H/DescendantFonts[";
    append_ref(t, cid);
    t += "]/ToUnicode ";
    append_ref(t, to_unicode);
    t += ">>";
    writer.end_object();
    refs.push_back(type0);
  }
  return refs;
}

}  // namespace absah::pdf
