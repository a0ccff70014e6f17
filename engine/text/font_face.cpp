#include "engine/text/font_face.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H

#include <hb-ot.h>
#include <hb-subset.h>

#include <mutex>

namespace absah::text {

namespace {

// FreeType reads the OS/2, post and head tables for us; one library handle per process is
// enough because we only use it at load time, under this mutex.
std::mutex g_freetype_mutex;
FT_Library freetype_library() {
  static FT_Library library = [] {
    FT_Library lib = nullptr;
    FT_Init_FreeType(&lib);
    return lib;
  }();
  return library;
}

Status read_freetype_metrics(const std::string& path, FaceMetrics& m, std::string& ps_name) {
  std::lock_guard lock(g_freetype_mutex);
  FT_Library lib = freetype_library();
  if (!lib) return Error(ErrorCode::FontMissing, path, "FreeType could not be initialised");
  FT_Face face = nullptr;
  if (FT_New_Face(lib, path.c_str(), 0, &face) != 0)
    return Error(ErrorCode::FontMissing, path, "FreeType cannot open the font");
  m.units_per_em = face->units_per_EM ? face->units_per_EM : 1000;
  m.ascender = face->ascender;
  m.descender = face->descender;
  m.bbox[0] = face->bbox.xMin;
  m.bbox[1] = face->bbox.yMin;
  m.bbox[2] = face->bbox.xMax;
  m.bbox[3] = face->bbox.yMax;
  m.fixed_pitch = FT_IS_FIXED_WIDTH(face);
  if (auto* os2 = static_cast<TT_OS2*>(FT_Get_Sfnt_Table(face, FT_SFNT_OS2))) {
    m.cap_height = os2->version >= 2 ? os2->sCapHeight : 0;
    // PANOSE family kind 2 (Latin text), serif style 11..13 are sans serif.
    int serif_style = os2->panose[1];
    m.serif = os2->panose[0] == 2 && serif_style >= 2 && serif_style <= 10;
  }
  if (auto* post = static_cast<TT_Postscript*>(FT_Get_Sfnt_Table(face, FT_SFNT_POST)))
    m.italic_angle = post->italicAngle / 65536.0;
  if (m.cap_height == 0) m.cap_height = static_cast<int>(m.ascender * 0.7);
  const char* name = FT_Get_Postscript_Name(face);
  ps_name = name ? name : "Unnamed";
  FT_Done_Face(face);
  return ok_status();
}

}  // namespace

Result<std::shared_ptr<FontFace>> FontFace::load(const std::string& path) {
  std::shared_ptr<FontFace> f(new FontFace());
  f->m_path = path;
  f->m_blob = hb_blob_create_from_file_or_fail(path.c_str());
  if (!f->m_blob) return Error(ErrorCode::FontMissing, path, "font file not found or unreadable");
  f->m_face = hb_face_create(f->m_blob, 0);
  if (hb_face_get_glyph_count(f->m_face) == 0)
    return Error(ErrorCode::FontMissing, path, "not a usable OpenType/TrueType font");
  f->m_font = hb_font_create(f->m_face);
  // Scale = upem so positions come out in font units; callers scale to points.
  ABSAH_TRY_STATUS(read_freetype_metrics(path, f->m_metrics, f->m_postscript_name));
  hb_font_set_scale(f->m_font, f->m_metrics.units_per_em, f->m_metrics.units_per_em);
  hb_font_make_immutable(f->m_font);
  return f;
}

hb_face_t* FontFace::subset_source() const {
  if (m_subsets_requested.fetch_add(1, std::memory_order_relaxed) == 0) return m_face;
  std::call_once(m_preprocess_once, [this] { m_subset_source = hb_subset_preprocess(m_face); });
  return m_subset_source ? m_subset_source : m_face;
}

FontFace::~FontFace() {
  if (m_font) hb_font_destroy(m_font);
  if (m_subset_source) hb_face_destroy(m_subset_source);
  if (m_face) hb_face_destroy(m_face);
  if (m_blob) hb_blob_destroy(m_blob);
}

bool FontFace::has_glyph(uint32_t codepoint) const {
  hb_codepoint_t gid = 0;
  return hb_font_get_nominal_glyph(m_font, codepoint, &gid) && gid != 0;
}

int FontFace::advance(uint32_t glyph_id) const {
  return static_cast<int>(hb_font_get_glyph_h_advance(m_font, glyph_id));
}

}  // namespace absah::text
