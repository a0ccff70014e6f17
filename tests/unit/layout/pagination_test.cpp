#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/base/data_dir.h"
#include "engine/layout/layout.h"
#include "engine/layout/layout_loader.h"

namespace absah::layout {

using nlohmann::json;

namespace {

const text::FontBook& fonts() {
  static auto book = *text::FontBook::load_manifest(resolve_data_dir() / "fonts" / "fonts.jsonc");
  return *book;
}

std::vector<std::string> page_texts(const DocumentFrames& frames) {
  std::vector<std::string> pages;
  for (const auto& page : frames.pages) {
    std::string text;
    for (const auto& item : page.items)
      if (const auto* run = std::get_if<GlyphRun>(&item)) {
        for (const auto& g : run->glyphs) text += run->text_of(g);
        text += "\n";
      }
    pages.push_back(text);
  }
  return pages;
}

json table_layout() {
  return json::parse(R"({
    "type": "t", "paper": "A4", "orientation": "portrait", "margin": 20,
    "footer": [{"text": "Halaman {doc.page} dari {doc.pages}"}],
    "flow": [
      {"text": "JUDUL"},
      {"table": {"rows": "anggota", "columns": [
        {"header": "No", "value": "{#}", "width": 10},
        {"header": "Nama Lengkap", "value": "{nama}"}]}}
    ]})");
}

}  // namespace

TEST(Pagination, TableHeaderRepeatsOnEveryPageAndFootersCountPages) {
  auto spec = parse_layout(table_layout(), "t.jsonc");
  ASSERT_TRUE(spec) << spec.error().describe();
  json record = {{"anggota", json::array()}};
  for (int i = 1; i <= 80; ++i)
    record["anggota"].push_back({{"nama", "ANGGOTA " + std::to_string(i)}});
  json office = json::object(), doc = json::object();
  LayoutInputs in;
  in.record = &record;
  in.office = &office;
  in.doc = &doc;
  auto result = layout_document(**spec, fonts(), in);
  ASSERT_TRUE(result) << result.error().describe();
  auto pages = page_texts(result->frames);
  ASSERT_GE(pages.size(), 2u);
  for (size_t p = 0; p < pages.size(); ++p) {
    EXPECT_THAT(pages[p], ::testing::HasSubstr("Nama Lengkap")) << "page " << p + 1;
    EXPECT_THAT(pages[p], ::testing::HasSubstr("Halaman " + std::to_string(p + 1) + " dari " +
                                               std::to_string(pages.size())));
  }
  // Every row appears exactly once, in order.
  std::string all;
  for (const auto& p : pages) all += p;
  size_t at = 0;
  for (int i = 1; i <= 80; ++i) {
    size_t found = all.find("ANGGOTA " + std::to_string(i) + "\n", at);
    ASSERT_NE(found, std::string::npos) << i;
    at = found;
  }
  // Nothing is drawn below the footer's top edge except the footer.
  for (const auto& page : result->frames.pages)
    for (const auto& item : page.items)
      if (const auto* run = std::get_if<GlyphRun>(&item))
        EXPECT_LT(run->origin.y, page.size.height - mm(20) + 0.01);
}

TEST(Pagination, AHeaderIsNeverLeftAloneAtThePageFoot) {
  json layout = table_layout();
  // A tall spacer pushes the table so that only its header would fit on page 1.
  layout["flow"].insert(layout["flow"].begin(), json{{"spacer", 241}});
  auto spec = parse_layout(layout, "t.jsonc");
  ASSERT_TRUE(spec);
  json record = {{"anggota", json::array({{{"nama", "SATU"}}, {{"nama", "DUA"}}})}};
  json office = json::object(), doc = json::object();
  LayoutInputs in;
  in.record = &record;
  in.office = &office;
  in.doc = &doc;
  auto result = layout_document(**spec, fonts(), in);
  ASSERT_TRUE(result);
  auto pages = page_texts(result->frames);
  ASSERT_EQ(pages.size(), 2u);
  EXPECT_THAT(pages[0], ::testing::Not(::testing::HasSubstr("Nama Lengkap")));
  EXPECT_THAT(pages[1], ::testing::HasSubstr("Nama Lengkap"));
}

TEST(LayoutLoader, ErrorsNameTheFileAndPath) {
  json bad = table_layout();
  bad["flow"][1]["table"]["columns"][1]["value"] = "{nama|shout}";
  auto spec = parse_layout(bad, "t.jsonc");
  ASSERT_FALSE(spec);
  EXPECT_THAT(spec.error().path, ::testing::HasSubstr("t.jsonc: flow[1].table.columns[1].value"));
  bad = table_layout();
  bad["paper"] = "A5";
  EXPECT_THAT(parse_layout(bad, "t.jsonc").error().message, ::testing::HasSubstr("A4, F4 or ID-1"));
}

}  // namespace absah::layout
