#include "engine/pdf/font_embedder.h"

#include <podofo/podofo.h>

#include <cstdio>
#include <set>

#include "engine/base/bounded_cache.h"
#include "engine/base/utf8.h"
#include "engine/pdf/flate_stream.h"
#include "engine/text/font_subset.h"

namespace absah::pdf {

using namespace PoDoFo;

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

PdfObject real(double v) {
  return PdfObject(v);
}
PdfObject integer(int64_t v) {
  return PdfObject(static_cast<pdf_int64>(v));
}

// A font program subset to a glyph set, deflated: a pure function of the font file and the
// glyph ids, and the costliest step of embedding. Documents of one type share most glyph sets
// (the label-only faces always), so the process keeps the recent ones.
struct CompressedSubset {
  std::string deflated;
  size_t length = 0;  // uncompressed, the FontFile2 /Length1
};

constexpr size_t kSubsetCacheEntries = 256;

Result<std::shared_ptr<const CompressedSubset>> compressed_subset(const text::FontFace& face,
                                                                  const std::set<uint32_t>& gids) {
  static BoundedCache<CompressedSubset> cache(kSubsetCacheEntries);
  std::string key = face.path();
  key += '\0';
  for (uint32_t gid : gids) key.append(reinterpret_cast<const char*>(&gid), sizeof gid);
  if (auto hit = cache.find(key)) return hit;
  auto subset = text::subset_font(face, gids);
  if (!subset) return subset.take_error();
  auto made = std::make_shared<CompressedSubset>();
  made->deflated = deflate_bytes(*subset);
  made->length = subset->size();
  cache.insert(key, made);
  return std::shared_ptr<const CompressedSubset>(made);
}

}  // namespace

void FontEmbedder::collect(const layout::DocumentFrames& frames) {
  for (const auto& page : frames.pages) {
    for (const auto& item : page.items) {
      const auto* run = std::get_if<layout::GlyphRun>(&item);
      if (!run) continue;
      UsedFont* used = nullptr;
      for (auto& f : m_fonts)
        if (f.id == run->font) used = &f;
      if (!used) {
        m_fonts.push_back({run->font, "F" + std::to_string(m_fonts.size() + 1), {}});
        used = &m_fonts.back();
      }
      for (const auto& g : run->glyphs) {
        auto [it, inserted] = used->glyphs.emplace(g.glyph_id, g.text);
        if (!inserted && it->second.empty() && !g.text.empty()) it->second = g.text;
      }
    }
  }
}

const UsedFont* FontEmbedder::find(text::FontId id) const {
  for (const auto& f : m_fonts)
    if (f.id == id) return &f;
  return nullptr;
}

double FontEmbedder::glyph_width(text::FontId id, uint32_t glyph_id) const {
  auto face = m_book.face(id);
  if (!face) return 0;
  return (*face)->advance(glyph_id) * 1000.0 / (*face)->metrics().units_per_em;
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

Result<std::vector<PdfReference>> FontEmbedder::embed(PdfVecObjects& objects) const {
  std::vector<PdfReference> refs;
  for (const UsedFont& used : m_fonts) {
    auto face_r = m_book.face(used.id);
    if (!face_r) return face_r.error();
    const text::FontFace& face = **face_r;
    std::set<uint32_t> gids;
    for (const auto& [gid, text] : used.glyphs) gids.insert(gid);
    auto subset = compressed_subset(face, gids);
    if (!subset) return subset.take_error();

    const double scale = 1000.0 / face.metrics().units_per_em;
    const auto& m = face.metrics();
    const std::string base_font = subset_tag(used.glyphs, used.id) + "+" + face.postscript_name();

    PdfObject* file = objects.CreateObject();
    file->GetDictionary().AddKey("Length1", integer(static_cast<int64_t>((*subset)->length)));
    set_compressed_stream(*file, (*subset)->deflated);

    PdfObject* descriptor = objects.CreateObject("FontDescriptor");
    PdfDictionary& d = descriptor->GetDictionary();
    d.AddKey("FontName", PdfName(base_font));
    // Flags (§9.8.2): 4 = symbolic (glyphs addressed by CID, not a standard encoding).
    int64_t flags = 4;
    if (m.fixed_pitch) flags |= 1;
    if (m.serif) flags |= 2;
    if (m.italic_angle != 0) flags |= 64;
    d.AddKey("Flags", integer(flags));
    PdfArray bbox;
    for (int v : m.bbox) bbox.push_back(integer(static_cast<int64_t>(v * scale)));
    d.AddKey("FontBBox", bbox);
    d.AddKey("ItalicAngle", real(m.italic_angle));
    d.AddKey("Ascent", integer(static_cast<int64_t>(m.ascender * scale)));
    d.AddKey("Descent", integer(static_cast<int64_t>(m.descender * scale)));
    d.AddKey("CapHeight", integer(static_cast<int64_t>(m.cap_height * scale)));
    d.AddKey("StemV", integer(80));
    d.AddKey("FontFile2", file->Reference());

    // /W as runs of consecutive glyph ids: gid [w w w ...]. Unrounded widths, so the TJ
    // arithmetic in the content stream needs no correction.
    PdfArray widths;
    std::optional<uint32_t> run_start;
    uint32_t prev = 0;
    PdfArray run;
    for (uint32_t gid : gids) {
      if (run_start && gid != prev + 1) {
        widths.push_back(integer(*run_start));
        widths.push_back(run);
        run.Clear();
        run_start.reset();
      }
      if (!run_start) run_start = gid;
      run.push_back(real(face.advance(gid) * scale));
      prev = gid;
    }
    if (run_start) {
      widths.push_back(integer(*run_start));
      widths.push_back(run);
    }

    PdfObject* cid = objects.CreateObject("Font");
    PdfDictionary& c = cid->GetDictionary();
    c.AddKey("Subtype", PdfName("CIDFontType2"));
    c.AddKey("BaseFont", PdfName(base_font));
    PdfDictionary sysinfo;
    sysinfo.AddKey("Registry", PdfString("Adobe"));
    sysinfo.AddKey("Ordering", PdfString("Identity"));
    sysinfo.AddKey("Supplement", integer(0));
    c.AddKey("CIDSystemInfo", sysinfo);
    c.AddKey("FontDescriptor", descriptor->Reference());
    c.AddKey("DW", integer(1000));
    c.AddKey("W", widths);
    c.AddKey("CIDToGIDMap", PdfName("Identity"));

    PdfObject* to_unicode = objects.CreateObject();
    std::string cmap = build_to_unicode_cmap(used.glyphs);
    set_flate_stream(*to_unicode, cmap);

    PdfObject* type0 = objects.CreateObject("Font");
    PdfDictionary& t = type0->GetDictionary();
    t.AddKey("Subtype", PdfName("Type0"));
    t.AddKey("BaseFont", PdfName(base_font));
    t.AddKey("Encoding", PdfName("Identity-H"));
    PdfArray descendants;
    descendants.push_back(cid->Reference());
    t.AddKey("DescendantFonts", descendants);
    t.AddKey("ToUnicode", to_unicode->Reference());
    refs.push_back(type0->Reference());
  }
  return refs;
}

}  // namespace absah::pdf
