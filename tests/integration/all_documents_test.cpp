// Every sample under samples/ (one per document type) is rendered by the binary and judged:
// qpdf --check, the page size its layout declares (pdfinfo), its title, subject name, subject
// number and document number in the extracted text (pdftotext), and a text snapshot in
// tests/golden/<type>.txt so that any layout change shows as a diff. Regenerate snapshots
// with ABSAH_UPDATE_GOLDEN=1 after checking the rendered pages by eye.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "tests/integration/tool_runner.h"

namespace absah::testing {

namespace {

using nlohmann::json;

std::vector<std::string> sample_types() {
  std::vector<std::string> types;
  for (const auto& e : std::filesystem::directory_iterator(source_dir() / "samples"))
    if (e.path().extension() == ".json") types.push_back(e.path().stem().string());
  std::sort(types.begin(), types.end());
  return types;
}

json read_jsonc(const std::filesystem::path& p) {
  return json::parse(read_text(p), nullptr, true, true);
}

std::string upper_ascii(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c -= 32;
  return s;
}

std::string flat(const std::string& s) {
  return std::regex_replace(s, std::regex("\\s+"), " ");
}

const json* lookup(const json& j, const std::string& path) {
  const json* node = &j;
  size_t start = 0;
  while (node && start <= path.size()) {
    size_t dot = path.find('.', start);
    std::string key =
        path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (!node->is_object() || !node->contains(key)) return nullptr;
    node = &(*node)[key];
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return node;
}

// As pdfinfo prints page sizes.
std::string expected_page_size(const json& layout) {
  static const std::map<std::string, std::string> sizes = {
      {"ID-1 landscape", "242.646 x 153.014 pts"}, {"ID-1 portrait", "153.014 x 242.646 pts"},
      {"A4 portrait", "595.276 x 841.89 pts"},     {"A4 landscape", "841.89 x 595.276 pts"},
      {"F4 portrait", "609.449 x 935.433 pts"},    {"F4 landscape", "935.433 x 609.449 pts"}};
  auto it = sizes.find(layout.value("paper", "A4") + " " + layout.value("orientation", "portrait"));
  return it == sizes.end() ? "unknown paper" : it->second;
}

class EveryDocument : public ::testing::TestWithParam<std::string> {};

}  // namespace

TEST(EveryDocumentSet, HasOneSamplePerLayout) {
  std::vector<std::string> layouts;
  for (const auto& e : std::filesystem::directory_iterator(source_dir() / "layouts"))
    if (e.path().extension() == ".jsonc") layouts.push_back(e.path().stem().string());
  std::sort(layouts.begin(), layouts.end());
  EXPECT_EQ(layouts, sample_types());
}

TEST_P(EveryDocument, RendersAndPassesTheJudges) {
  const std::string type = GetParam();
  const json layout = read_jsonc(source_dir() / "layouts" / (type + ".jsonc"));
  const json record = json::parse(read_text(source_dir() / "samples" / (type + ".json")));
  TempDir dir;
  auto pdf = dir / (type + ".pdf");
  auto r = run_absah("render --unsigned --type " + type + " --data " +
                     quote((source_dir() / "samples" / (type + ".json")).string()) + " --out " +
                     quote(pdf.string()));
  ASSERT_EQ(r.exit_code, 0) << r.out;

  auto check = run_tool("qpdf --check " + quote(pdf.string()));
  EXPECT_EQ(check.exit_code, 0) << check.out;

  auto info = run_tool("pdfinfo " + quote(pdf.string()));
  EXPECT_THAT(info.out, ::testing::HasSubstr(expected_page_size(layout))) << info.out;

  auto text = run_tool("pdftotext " + quote(pdf.string()) + " -");
  const std::string all = upper_ascii(flat(text.out));
  EXPECT_THAT(all, ::testing::HasSubstr(upper_ascii(layout.value("title", "")))) << "title";
  for (const char* key : {"id", "name"}) {
    std::string field = layout["subject"].value(key, "");
    ASSERT_FALSE(field.empty()) << "layout declares subject." << key;
    const json* v = lookup(record, field);
    ASSERT_TRUE(v && v->is_string()) << "sample has subject field " << field;
    EXPECT_THAT(all, ::testing::HasSubstr(upper_ascii(v->get<std::string>())))
        << "subject " << key << " " << field;
  }
  if (record.contains("nomor"))
    EXPECT_THAT(all, ::testing::HasSubstr(upper_ascii(record["nomor"].get<std::string>())));

  // Snapshot of the text in reading order, page by page.
  auto pages = run_tool("pdfinfo " + quote(pdf.string()) + " | grep Pages");
  std::string snapshot = pages.out + text.out;
  auto golden = source_dir() / "tests" / "golden" / (type + ".txt");
  if (std::getenv("ABSAH_UPDATE_GOLDEN")) {
    std::ofstream(golden, std::ios::binary) << snapshot;
  } else {
    ASSERT_TRUE(std::filesystem::exists(golden))
        << "no snapshot " << golden << "; run with ABSAH_UPDATE_GOLDEN=1";
    EXPECT_EQ(snapshot, read_text(golden))
        << "text of " << type << " changed; if intended, update the snapshot";
  }
}

INSTANTIATE_TEST_SUITE_P(Samples, EveryDocument, ::testing::ValuesIn(sample_types()),
                         [](const auto& info) { return info.param; });

}  // namespace absah::testing
