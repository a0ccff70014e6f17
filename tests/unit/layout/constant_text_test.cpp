#include "engine/layout/constant_text.h"

#include <gtest/gtest.h>

#include "engine/base/data_dir.h"

namespace absah::layout {

namespace {

const text::FontBook& fonts() {
  static auto book = *text::FontBook::load_manifest(resolve_data_dir() / "fonts" / "fonts.jsonc");
  return *book;
}

TextRequest label(const std::string& text, double width) {
  TextRequest r;
  r.text = text;
  r.width = width;
  r.wrap = Wrap::Allowed;
  r.field = "label";
  return r;
}

// Glyph ids and positions of every run, and the other items' kinds, in order.
std::string fingerprint(const std::vector<FrameItem>& items) {
  std::string out;
  char buf[96];
  for (const auto& item : items) {
    if (const auto* run = std::get_if<GlyphRun>(&item)) {
      std::snprintf(buf, sizeof buf, "run %u %.6f %.6f %.3f:", run->font, run->origin.x,
                    run->origin.y, run->size);
      out += buf;
      for (const auto& g : run->glyphs) {
        std::snprintf(buf, sizeof buf, " %u@%.6f[%s]", g.glyph_id, g.x,
                      std::string(run->text_of(g)).c_str());
        out += buf;
      }
      out += '\n';
    } else {
      out += "item " + std::to_string(item.index()) + "\n";
    }
  }
  return out;
}

}  // namespace

TEST(ConstantText, GivesWhatSettingGives) {
  TextRequest r = label("Hari dan Tanggal Lahir", 60);
  r.style.underline = true;
  auto direct = set_text(fonts(), r);
  ASSERT_TRUE(direct) << direct.error().describe();
  for (int round = 0; round < 2; ++round) {  // made, then from the memo
    auto memo = set_constant_text(fonts(), r);
    ASSERT_TRUE(memo) << memo.error().describe();
    EXPECT_EQ(fingerprint((*memo)->items), fingerprint(direct->items));
    EXPECT_EQ((*memo)->lines, direct->lines);
    EXPECT_DOUBLE_EQ((*memo)->height, direct->height);
    EXPECT_DOUBLE_EQ((*memo)->used_size, direct->used_size);
  }
}

TEST(ConstantText, TellsBoxesAndStylesApart) {
  TextRequest wide = label("Tempat/Tanggal Lahir", 200);
  TextRequest narrow = label("Tempat/Tanggal Lahir", 45);
  TextRequest bold = wide;
  bold.style.bold = true;
  TextRequest right = wide;
  right.style.align = Align::Right;
  ASSERT_TRUE(set_constant_text(fonts(), wide));
  for (const TextRequest* r : {&narrow, &bold, &right}) {
    auto memo = set_constant_text(fonts(), *r);
    auto direct = set_text(fonts(), *r);
    ASSERT_TRUE(memo && direct);
    EXPECT_EQ(fingerprint((*memo)->items), fingerprint(direct->items));
    EXPECT_EQ((*memo)->lines, direct->lines);
  }
  EXPECT_GT((*set_constant_text(fonts(), narrow))->lines, 1);
}

TEST(ConstantText, ErrorsAreNotRemembered) {
  TextRequest r = label("PENCATATAN SIPIL", 10);
  r.wrap = Wrap::None;
  auto first = set_constant_text(fonts(), r);
  ASSERT_FALSE(first);
  r.field = "another";
  auto second = set_constant_text(fonts(), r);
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().path, "another");
}

TEST(ConstantText, SharedTextIsCopiedAndOwnTextMoved) {
  auto shared = set_constant_text(fonts(), label("Nama", 100));
  ASSERT_TRUE(shared);
  std::vector<FrameItem> out;
  BoxText(*shared).place(out, 5, 7);
  ASSERT_FALSE(out.empty());
  const auto& run = std::get<GlyphRun>(out.front());
  const auto& original = std::get<GlyphRun>((*shared)->items.front());
  EXPECT_DOUBLE_EQ(run.origin.x, original.origin.x + 5);
  EXPECT_DOUBLE_EQ(run.origin.y, original.origin.y + 7);
  EXPECT_FALSE(original.glyphs.empty()) << "the memo's text stays whole";

  auto own = set_text(fonts(), label("Nama", 100));
  ASSERT_TRUE(own);
  std::vector<FrameItem> placed;
  BoxText(std::move(*own)).place(placed, 0, 0);
  EXPECT_EQ(fingerprint(placed), fingerprint((*shared)->items));
}

}  // namespace absah::layout
