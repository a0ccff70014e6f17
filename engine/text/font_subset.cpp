#include "engine/text/font_subset.h"

#include <hb-subset.h>

namespace absah::text {

Result<std::string> subset_font(const FontFace& face, const std::set<uint32_t>& glyph_ids) {
  hb_subset_input_t* input = hb_subset_input_create_or_fail();
  if (!input) return Error(ErrorCode::Internal, face.path(), "hb_subset_input_create failed");
  hb_set_t* glyphs = hb_subset_input_glyph_set(input);
  hb_set_add(glyphs, 0);  // .notdef must stay glyph 0
  for (uint32_t gid : glyph_ids) hb_set_add(glyphs, gid);
  hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_RETAIN_GIDS | HB_SUBSET_FLAGS_NO_HINTING);
  hb_set_t* drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (const char* tag : {"GSUB", "GPOS", "GDEF", "kern", "DSIG", "cmap", "BASE", "JSTF", "MATH"})
    hb_set_add(drop, hb_tag_from_string(tag, 4));
  hb_face_t* subset = hb_subset_or_fail(face.subset_source(), input);
  hb_subset_input_destroy(input);
  if (!subset) return Error(ErrorCode::Internal, face.path(), "hb_subset failed");
  hb_blob_t* blob = hb_face_reference_blob(subset);
  unsigned length = 0;
  const char* data = hb_blob_get_data(blob, &length);
  std::string bytes(data, length);
  hb_blob_destroy(blob);
  hb_face_destroy(subset);
  return bytes;
}

}  // namespace absah::text
