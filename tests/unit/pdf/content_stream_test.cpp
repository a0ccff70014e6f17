#include "engine/pdf/content_stream.h"

#include <gtest/gtest.h>

#include <vector>

#include "engine/base/number_format.h"
#include "engine/pdf/font_embedder.h"
#include "engine/pdf/pdf_date.h"

namespace absah::pdf {

namespace {

ContentResources fixed_resources() {
  ContentResources r;
  r.font_name = [](text::FontId) { return std::string("F1"); };
  r.glyph_widths = [](text::FontId) -> const std::vector<double>& {
    static const std::vector<double> widths(16, 500.0);
    return widths;
  };
  r.image_name = [](size_t i) { return "Im" + std::to_string(i + 1); };
  return r;
}

// A 200 × 100 pt page with one 10-pt glyph run at (10, 30).
layout::PageFrame page_with_run(std::vector<layout::PlacedGlyph> glyphs) {
  layout::PageFrame page;
  page.size = {200, 100};
  layout::GlyphRun run;
  run.origin = {10, 30};
  run.size = 10;
  run.glyphs = std::move(glyphs);
  page.items.push_back(run);
  return page;
}

}  // namespace

TEST(ContentStream, GlyphRunFlipsYAndAddsTjAdjustmentsOnlyWhereNeeded) {
  // Widths are 500/1000 em = 5 pt: the second glyph sits where the pen already is, the third
  // is 1 pt further (a kerning or justification gap).
  const layout::PageFrame page = page_with_run({{1, 0, 0}, {2, 5, 0}, {3, 11, 0}});
  std::string cs = build_content_stream(page, fixed_resources());
  EXPECT_NE(cs.find("/F1 10 Tf"), std::string::npos) << cs;
  EXPECT_NE(cs.find("10 70 Td"), std::string::npos) << "y flipped: 100 - 30" << cs;
  const std::string tj("[(\0\1\0\2)-100(\0\3)] TJ", 19);
  EXPECT_NE(cs.find(tj), std::string::npos)
      << "glyphs without an adjustment between them share one literal string\n"
      << cs;
}

TEST(ContentStream, GlyphCodesEscapeStringDelimitersBackslashAndLineEnds) {
  // Codes whose bytes are ( ) \ CR LF: 0x2829, 0x5C0D, 0x0A41; each 5 pt wide, no adjustment.
  const layout::PageFrame page = page_with_run({{0x2829, 0, 0}, {0x5C0D, 5, 0}, {0x0A41, 10, 0}});
  ContentResources resources = fixed_resources();
  resources.glyph_widths = [](text::FontId) -> const std::vector<double>& {
    static const std::vector<double> widths(0x10000, 500.0);
    return widths;
  };
  std::string cs = build_content_stream(page, resources);
  EXPECT_NE(cs.find("[(\\(\\)\\\\\\r\\nA)] TJ"), std::string::npos) << cs;
}

TEST(ContentStream, ColourAndFontAreSetOnlyWhenTheyChange) {
  layout::PageFrame page;
  page.size = {200, 100};
  auto run_at = [](double y, text::FontId font, Color color) {
    layout::GlyphRun run;
    run.origin = {10, y};
    run.font = font;
    run.size = 9;
    run.color = color;
    run.glyphs = {{1, 0, 0}};
    return run;
  };
  const Color black{0, 0, 0};
  const Color red{1, 0, 0};
  page.items.push_back(run_at(10, 0, black));
  layout::Shape box;  // draws in its own colour inside q/Q, which restores black afterwards
  box.rect = {0, 0, 5, 5};
  box.fill = red;
  page.items.push_back(box);
  page.items.push_back(run_at(20, 0, black));
  page.items.push_back(run_at(30, 0, red));
  page.items.push_back(run_at(40, 0, red));
  ContentResources res = fixed_resources();
  res.font_name = [](text::FontId id) { return "F" + std::to_string(id + 1); };
  page.items.push_back(run_at(50, 1, red));
  std::string cs = build_content_stream(page, res);
  auto count = [&](const std::string& what) {
    size_t n = 0;
    for (size_t p = cs.find(what); p != std::string::npos; p = cs.find(what, p + 1)) ++n;
    return n;
  };
  EXPECT_EQ(count("0 0 0 rg\nBT"), 1u) << cs;
  EXPECT_EQ(count("1 0 0 rg\nBT"), 1u) << cs;
  EXPECT_EQ(count("1 0 0 rg\n"), 2u) << "once for the box inside q/Q, once for the text\n" << cs;
  EXPECT_EQ(count("/F1 9 Tf"), 1u) << cs;
  EXPECT_EQ(count("/F2 9 Tf"), 1u) << cs;
  EXPECT_EQ(count("BT\n"), 5u) << cs;
}

TEST(ContentStream, QrModulesAreMergedIntoRectanglesInModuleUnits) {
  layout::PageFrame page;
  page.size = {100, 100};
  layout::QrGrid qr;
  qr.rect = {10, 20, 58, 58};  // 21 modules + 2 × 4 quiet: 2 pt a module
  qr.modules = 21;
  qr.quiet_zone = 4;
  qr.dark.assign(21 * 21, 0);
  for (int c = 2; c < 7; ++c) qr.dark[c] = 1;  // one run of five in the first row
  for (int r = 5; r < 8; ++r)                  // a 2 × 3 block: one rectangle, not three
    for (int c = 0; c < 2; ++c) qr.dark[21 * r + c] = 1;
  qr.dark[21 * 6 + 2] = 1;  // ...next to which a longer run starts mid-block
  page.items.push_back(qr);
  std::string cs = build_content_stream(page, fixed_resources());
  // Module (0, 0) is the symbol's top-left, 4 modules in from the box's top-left corner,
  // which is at PDF y 100 − 20 = 80; rows grow downward.
  EXPECT_NE(cs.find("2 0 0 -2 18 72 cm"), std::string::npos) << cs;
  EXPECT_NE(cs.find("2 0 5 1 re"), std::string::npos) << cs;
  EXPECT_NE(cs.find("0 5 2 1 re"), std::string::npos) << "row 6 differs, so the block splits" << cs;
  EXPECT_NE(cs.find("0 6 3 1 re"), std::string::npos) << cs;
  EXPECT_NE(cs.find("0 7 2 1 re"), std::string::npos) << cs;
  size_t rects = 0;
  for (size_t p = cs.find(" re"); p != std::string::npos; p = cs.find(" re", p + 1)) ++rects;
  EXPECT_EQ(rects, 5u) << "background + four runs\n" << cs;
}

TEST(ContentStream, QrRunsRepeatedOverRowsBecomeOneRectangle) {
  layout::PageFrame page;
  page.size = {100, 100};
  layout::QrGrid qr;
  qr.rect = {0, 0, 29, 29};
  qr.modules = 21;
  qr.quiet_zone = 4;
  qr.dark.assign(21 * 21, 0);
  for (int r = 0; r < 7; ++r)  // a finder pattern's outer ring
    for (int c = 0; c < 7; ++c) qr.dark[21 * r + c] = (r == 0 || r == 6 || c == 0 || c == 6);
  page.items.push_back(qr);
  std::string cs = build_content_stream(page, fixed_resources());
  EXPECT_NE(cs.find("0 0 7 1 re"), std::string::npos) << cs;
  EXPECT_NE(cs.find("0 1 1 5 re"), std::string::npos) << "left side, rows 1–5 at once" << cs;
  EXPECT_NE(cs.find("6 1 1 5 re"), std::string::npos) << cs;
  EXPECT_NE(cs.find("0 6 7 1 re"), std::string::npos) << cs;
}

TEST(ContentStream, QrCoordinatesOfLargeSymbolsKeepAllTheirDigits) {
  layout::PageFrame page;
  page.size = {300, 300};
  layout::QrGrid qr;
  qr.rect = {0, 0, 185, 185};
  qr.modules = 177;  // version 40
  qr.quiet_zone = 4;
  qr.dark.assign(177 * 177, 0);
  for (int c = 100; c < 110; ++c) qr.dark[177 * 176 + c] = 1;  // ten modules in the last row
  qr.dark[177 * 9 + 99] = 1;
  page.items.push_back(qr);
  std::string cs = build_content_stream(page, fixed_resources());
  EXPECT_NE(cs.find("\n100 176 10 1 re\n"), std::string::npos) << cs;
  EXPECT_NE(cs.find("\n99 9 1 1 re\n"), std::string::npos) << cs;
}

TEST(FontEmbedder, ToUnicodeMapsGlyphsToUtf16) {
  std::map<uint32_t, std::string> glyphs = {{0x64F, "\u1E62"}, {3, " "}, {20, ""}};
  std::string cmap = build_to_unicode_cmap(glyphs);
  EXPECT_NE(cmap.find("2 beginbfchar"), std::string::npos) << "glyphs without text are left out";
  EXPECT_NE(cmap.find("<064F> <1E62>"), std::string::npos) << cmap;
  EXPECT_NE(cmap.find("<0003> <0020>"), std::string::npos) << cmap;
}

TEST(FontEmbedder, SubsetTagIsStableAndDependsOnTheGlyphs) {
  std::map<uint32_t, std::string> a = {{1, "a"}, {2, "b"}};
  std::map<uint32_t, std::string> b = {{1, "a"}, {3, "c"}};
  EXPECT_EQ(subset_tag(a, 0), subset_tag(a, 0));
  EXPECT_NE(subset_tag(a, 0), subset_tag(b, 0));
  EXPECT_EQ(subset_tag(a, 0).size(), 6u);
}

TEST(PdfDate, IsUtcWhateverTheTimeZone) {
  EXPECT_EQ(pdf_date_utc(0), "D:19700101000000Z");
  EXPECT_EQ(pdf_date_utc(1795163400), "D:20261120083000Z");
}

}  // namespace absah::pdf

namespace absah::pdf {

TEST(ContentStream, NumbersReadAsAppendDecimalWritesThem) {
  // Random page coordinates and TJ adjustments, exact ties (2.0005 is not exact in binary, 0.125
  // is), negative values rounding to zero, and values past the integer fast path.
  std::vector<double> values = {0,       -0.0,   0.0005,   2.0005, 0.125, -0.125, 1.5,
                                -0.0004, -0.004, 999.9995, 1e-9,   1e16,  -2.675, 74.22};
  uint64_t state = 88172645463325252ull;
  for (int i = 0; i < 20000; ++i) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    values.push_back((static_cast<double>(state % 2000000000) - 1e9) / 1e6);
  }
  for (double v : values)
    for (int decimals : {0, 1, 2, 3}) {
      std::string fast, reference;
      append_number(fast, v, decimals);
      append_decimal(reference, v, decimals);
      ASSERT_EQ(fast, reference) << v << " with " << decimals << " decimals";
    }
}

}  // namespace absah::pdf
