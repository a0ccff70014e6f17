#pragma once
// One loaded font file: the HarfBuzz face and font for shaping and subsetting, and the
// FreeType face for the global metrics a PDF FontDescriptor needs. Immutable after load and
// shared between threads (HarfBuzz fonts are thread-safe for shaping once set up).

#include <cstdint>
#include <memory>
#include <string>

#include <hb.h>

#include "engine/base/result.h"

namespace absah::text {

// Global metrics in font units (divide by units_per_em for em fractions).
struct FaceMetrics {
  int units_per_em = 1000;
  int ascender = 0;
  int descender = 0;  // negative below the baseline
  int cap_height = 0;
  int bbox[4] = {0, 0, 0, 0};  // xMin yMin xMax yMax
  double italic_angle = 0;
  bool fixed_pitch = false;
  bool serif = false;
};

class FontFace {
 public:
  static Result<std::shared_ptr<FontFace>> load(const std::string& path);
  ~FontFace();
  FontFace(const FontFace&) = delete;
  FontFace& operator=(const FontFace&) = delete;

  hb_font_t* hb_font() const { return m_font; }
  hb_face_t* hb_face() const { return m_face; }
  // Preprocessed for repeated subsetting (hb_subset_preprocess): built once per process.
  hb_face_t* subset_source() const { return m_subset_source; }
  const FaceMetrics& metrics() const { return m_metrics; }
  const std::string& postscript_name() const { return m_postscript_name; }
  const std::string& path() const { return m_path; }

  bool has_glyph(uint32_t codepoint) const;
  // Advance width of a glyph in font units.
  int advance(uint32_t glyph_id) const;

 private:
  FontFace() = default;
  std::string m_path;
  std::string m_postscript_name;
  hb_blob_t* m_blob = nullptr;
  hb_face_t* m_face = nullptr;
  hb_face_t* m_subset_source = nullptr;
  hb_font_t* m_font = nullptr;
  FaceMetrics m_metrics;
};

}  // namespace absah::text
