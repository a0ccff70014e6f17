#include "engine/layout/text_layout.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/base/data_dir.h"

namespace absah::layout {

namespace {

const text::FontBook& fonts() {
  static auto book = *text::FontBook::load_manifest(resolve_data_dir() / "fonts" / "fonts.jsonc");
  return *book;
}

TextRequest request(const std::string& text, double width_pt, Wrap wrap, double size = 10) {
  TextRequest r;
  r.text = text;
  r.style.size = size;
  r.width = width_pt;
  r.wrap = wrap;
  r.field = "nama";
  return r;
}

std::string line_texts(const SetText& set) {
  // Rebuild the visible text line by line from the glyph runs' cluster text.
  std::string out;
  double baseline = -1;
  for (const auto& item : set.items) {
    const auto* run = std::get_if<GlyphRun>(&item);
    if (!run) continue;
    if (baseline >= 0 && run->origin.y != baseline) out += "|";
    baseline = run->origin.y;
    for (const auto& g : run->glyphs) out += run->text_of(g);
  }
  return out;
}

}  // namespace

TEST(TextLayout, FitsAtTheStyleSize) {
  auto set = set_text(fonts(), request("BAIQ NURUL", 200, Wrap::None));
  ASSERT_TRUE(set) << set.error().describe();
  EXPECT_EQ(set->lines, 1);
  EXPECT_DOUBLE_EQ(set->used_size, 10);
  EXPECT_FALSE(set->shrunk);
}

TEST(TextLayout, ShrinksBeforeWrapping) {
  auto wide = set_text(fonts(), request("BAIQ NURUL HIDAYATI", 1000, Wrap::None));
  ASSERT_TRUE(wide);
  double natural = wide->width;
  // 90 % of the natural width: shrinking to 9 pt is enough, so no wrap.
  auto set = set_text(fonts(), request("BAIQ NURUL HIDAYATI", natural * 0.9, Wrap::Allowed));
  ASSERT_TRUE(set);
  EXPECT_EQ(set->lines, 1);
  EXPECT_TRUE(set->shrunk);
  EXPECT_LE(set->used_size, 9.0);
  EXPECT_GE(set->used_size, 8.0);
}

TEST(TextLayout, WrapsAtSpacesWhenShrinkingIsNotEnough) {
  TextRequest r = request("LALU MUHAMMAD ZAKI AL-FARISI", 80, Wrap::Allowed);
  r.style.max_lines = 3;
  auto set = set_text(fonts(), r);
  ASSERT_TRUE(set) << set.error().describe();
  EXPECT_GT(set->lines, 1);
  EXPECT_EQ(line_texts(*set).find("| "), std::string::npos)
      << "no line starts with a space: " << line_texts(*set);
  for (const auto& item : set->items)
    if (const auto* run = std::get_if<GlyphRun>(&item))
      EXPECT_LE(run->origin.x + run->width, 80.01);
}

TEST(TextLayout, BreaksAfterAHyphen) {
  TextRequest r = request("KEWARGA-NEGARAAN", 60, Wrap::Always, 8);
  r.style.min_size = 8;
  auto set = set_text(fonts(), r);
  ASSERT_TRUE(set) << set.error().describe();
  EXPECT_EQ(line_texts(*set), "KEWARGA-|NEGARAAN");
}

TEST(TextLayout, OverflowNamesTheField) {
  TextRequest r = request("BAIQ NURUL HIDAYATI BINTI LALU MUHAMMAD", 40, Wrap::None);
  auto set = set_text(fonts(), r);
  ASSERT_FALSE(set);
  EXPECT_EQ(set.error().code, ErrorCode::TextOverflow);
  EXPECT_EQ(set.error().path, "nama");
  EXPECT_THAT(set.error().message, ::testing::HasSubstr("does not fit on one line"));
}

TEST(TextLayout, RespectsTheBoxHeight) {
  TextRequest r =
      request("SATU DUA TIGA EMPAT LIMA ENAM TUJUH DELAPAN SEMBILAN SEPULUH", 60, Wrap::Always);
  r.max_height = 12 * 1.2 * 2;  // two lines at 10 pt
  auto set = set_text(fonts(), r);
  if (set) {
    EXPECT_LE(set->height, r.max_height + 0.01);
  } else {
    EXPECT_EQ(set.error().code, ErrorCode::TextOverflow);
  }
}

TEST(TextLayout, JustifiedLinesFillTheWidthButTheLastDoesNot) {
  TextRequest r =
      request("Berdasarkan Akta Kelahiran Nomor 5271-LU-20102026-0042 bahwa di MATARAM telah lahir",
              150, Wrap::Always);
  r.style.align = Align::Justify;
  auto set = set_text(fonts(), r);
  ASSERT_TRUE(set);
  ASSERT_GT(set->lines, 1);
  std::map<double, double> right_edge;  // baseline → rightmost x
  for (const auto& item : set->items)
    if (const auto* run = std::get_if<GlyphRun>(&item))
      right_edge[run->origin.y] = std::max(right_edge[run->origin.y], run->origin.x + run->width);
  auto last = std::prev(right_edge.end());
  for (auto it = right_edge.begin(); it != last; ++it) EXPECT_NEAR(it->second, 150, 0.5);
  EXPECT_LT(last->second, 149);
}

}  // namespace absah::layout
