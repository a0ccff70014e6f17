#include "engine/text/shaper.h"

#include <gtest/gtest.h>

#include "tests/unit/text/font_test_support.h"

namespace absah::text {

TEST(FontBook, FindsFamiliesAndFallsBackToRegularStyle) {
  auto book = project_fonts();
  ASSERT_TRUE(book);
  auto regular = book->find("serif");
  auto bold = book->find("serif", Weight::Bold);
  ASSERT_TRUE(regular && bold);
  EXPECT_NE(*regular, *bold);
  auto fallback_bold_italic = book->find("fallback-sans", Weight::Bold, Slant::Italic);
  ASSERT_TRUE(fallback_bold_italic);  // no bold italic DejaVu in the manifest: bold is used
  auto unknown = book->find("comic");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::FontMissing);
  EXPECT_NE(unknown.error().message.find("serif"), std::string::npos) << "lists the known families";
}

TEST(Shaper, PrecomposedDotBelowIsOneGlyphOfThePrimaryFont) {
  auto book = project_fonts();
  FontId serif = *book->find("serif");
  auto shaped = shape_text(*book, serif, "Ṣari");
  ASSERT_TRUE(shaped) << shaped.error().describe();
  ASSERT_EQ(shaped->glyphs.size(), 4u);
  EXPECT_EQ(shaped->glyphs[0].font, serif);
  EXPECT_EQ(shaped->glyphs[0].cluster, 0u);
  EXPECT_EQ(shaped->glyphs[1].cluster, 3u) << "Ṣ is three UTF-8 bytes";
}

TEST(Shaper, AppliesKerning) {
  auto book = project_fonts();
  FontId serif = *book->find("serif");
  auto pair = shape_text(*book, serif, "AV");
  auto a = shape_text(*book, serif, "A");
  auto v = shape_text(*book, serif, "V");
  ASSERT_TRUE(pair && a && v);
  EXPECT_LT(pair->advance(), a->advance() + v->advance()) << "GPOS kerning pulls A and V together";
}

TEST(Shaper, FallsBackForCharactersThePrimaryFontLacks) {
  auto book = project_fonts();
  FontId sans = *book->find("sans");
  // U+2133 SCRIPT CAPITAL M is in DejaVu Sans but not in Liberation Sans.
  auto face = book->face(sans);
  ASSERT_TRUE(face);
  ASSERT_FALSE((*face)->has_glyph(0x2133));
  auto shaped = shape_text(*book, sans, "a\u2133b");
  ASSERT_TRUE(shaped) << shaped.error().describe();
  ASSERT_EQ(shaped->glyphs.size(), 3u);
  EXPECT_EQ(shaped->glyphs[0].font, sans);
  EXPECT_NE(shaped->glyphs[1].font, sans);
  EXPECT_EQ(shaped->glyphs[2].font, sans);
}

TEST(Shaper, NamesACharacterNoFontHas) {
  auto book = project_fonts();
  auto shaped = shape_text(*book, *book->find("sans"), "ok \U0001F9FF");
  ASSERT_FALSE(shaped);
  EXPECT_EQ(shaped.error().code, ErrorCode::GlyphMissing);
  EXPECT_NE(shaped.error().message.find("U+1F9FF"), std::string::npos);
  EXPECT_NE(shaped.error().message.find("byte 3"), std::string::npos);
}

TEST(Shaper, RejectsInvalidUtf8WithOffset) {
  auto book = project_fonts();
  auto shaped = shape_text(*book, *book->find("sans"), std::string("ab\xC3", 3));
  ASSERT_FALSE(shaped);
  EXPECT_NE(shaped.error().message.find("byte 2"), std::string::npos);
}

}  // namespace absah::text
