#pragma once
// One loaded font file: the HarfBuzz face and font for shaping and subsetting, and the
// FreeType face for the global metrics a PDF FontDescriptor needs. Immutable after load and
// shared between threads (HarfBuzz fonts are thread-safe for shaping once set up).

#include <atomic>
#include <cstdint>
#include <mutex>
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
  // The face to subset from. The first subset reads the font as it is; from the second on, a
  // face preprocessed for subsetting (hb_subset_preprocess), built once. Preprocessing a
  // Liberation face takes 3-4.5 ms and then makes each subset about 0.06 ms instead of
  // 0.2-0.6 ms: worth it for a batch or a service, not for a process that renders one
  // document. Both give the same bytes.
  hb_face_t* subset_source() const;
  bool preprocessed_for_subsetting() const { return m_subsets_requested.load() > 1; }
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
  mutable std::atomic<unsigned> m_subsets_requested{0};
  mutable std::once_flag m_preprocess_once;
  mutable hb_face_t* m_subset_source = nullptr;
  hb_font_t* m_font = nullptr;
  FaceMetrics m_metrics;
};

}  // namespace absah::text
