#include "engine/text/font_subset.h"

#include <gtest/gtest.h>

#include <hb.h>

#include "engine/text/font_face.h"
#include "engine/text/shaper.h"
#include "tests/unit/text/font_test_support.h"

namespace absah::text {

TEST(FontSubset, KeepsGlyphIdsAndShrinksTheFont) {
  auto book = project_fonts();
  FontId serif = *book->find("serif");
  const FontFace* face = *book->face(serif);
  auto shaped = shape_text(*book, serif, "NIK 5271036303900001");
  ASSERT_TRUE(shaped);
  std::set<uint32_t> gids;
  for (const auto& g : shaped->glyphs) gids.insert(g.glyph_id);
  auto subset = subset_font(*face, gids);
  ASSERT_TRUE(subset) << subset.error().describe();

  hb_blob_t* blob =
      hb_blob_create(subset->data(), subset->size(), HB_MEMORY_MODE_READONLY, nullptr, nullptr);
  hb_face_t* sub_face = hb_face_create(blob, 0);
  hb_font_t* sub_font = hb_font_create(sub_face);
  // Retained glyph ids: every used glyph has the same advance in the subset as in the font.
  for (uint32_t gid : gids)
    EXPECT_EQ(hb_font_get_glyph_h_advance(sub_font, gid), face->advance(gid)) << "glyph " << gid;
  // And the subset is a small fraction of the full file.
  hb_blob_t* full = hb_face_reference_blob(face->hb_face());
  EXPECT_LT(subset->size() * 5, hb_blob_get_length(full));
  hb_blob_destroy(full);
  hb_font_destroy(sub_font);
  hb_face_destroy(sub_face);
  hb_blob_destroy(blob);
}

// A fresh face subsets its first glyph set from the font as it is and later ones from a face
// preprocessed for subsetting: the bytes must not depend on which, or a document's digest
// would depend on whether it was the first of its process.
TEST(FontSubset, TheFirstAndLaterSubsetsOfAFaceAreTheSameBytes) {
  auto book = project_fonts();
  const FontFace* shared = *book->face(*book->find("sans"));
  auto face = FontFace::load(shared->path());
  ASSERT_TRUE(face) << face.error().describe();
  std::set<uint32_t> gids;
  auto shaped = shape_text(*book, *book->find("sans"), "KUTIPAN AKTA KELAHIRAN 0123456789");
  ASSERT_TRUE(shaped);
  for (const auto& g : shaped->glyphs) gids.insert(g.glyph_id);
  auto first = subset_font(**face, gids);
  EXPECT_FALSE((*face)->preprocessed_for_subsetting());
  auto second = subset_font(**face, gids);
  EXPECT_TRUE((*face)->preprocessed_for_subsetting());
  auto third = subset_font(**face, gids);
  ASSERT_TRUE(first && second && third);
  EXPECT_EQ(*first, *second);
  EXPECT_EQ(*second, *third);
}

}  // namespace absah::text
