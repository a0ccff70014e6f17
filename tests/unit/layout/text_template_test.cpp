#include "engine/layout/text_template.h"

#include <gtest/gtest.h>

namespace absah::layout {

using nlohmann::json;

TEST(TextTemplate, ExpandsPathsWithFormatters) {
  json record = {{"nama", "muhammad ṣaliḥ"},
                 {"lahir", "2020-03-23"},
                 {"anak_ke", 2},
                 {"ayah", {{"nama", "X"}}}};
  json office = {{"head", {{"nip", "197203151998031004"}}}};
  json doc = {{"number", "5271-LU-20102026-0042"}};
  Scope scope(record, office, doc);
  auto t = TextTemplate::parse(
      "{nama|upper} lahir {lahir|date_words}, anak ke {anak_ke|words}; NIP. "
      "{office.head.nip|group:8-6-1-3}; {doc.number}; {{x}}; {gol|or:-}",
      "test");
  ASSERT_TRUE(t) << t.error().describe();
  auto s = t->expand(scope);
  ASSERT_TRUE(s) << s.error().describe();
  EXPECT_EQ(*s,
            "MUHAMMAD ṢALIḤ lahir DUA PULUH TIGA MARET DUA RIBU DUA PULUH, anak ke DUA; NIP. "
            "19720315 199803 1 004; "
            "5271-LU-20102026-0042; {x}; -");
  EXPECT_EQ(t->primary_field(), "nama");
}

TEST(TextTemplate, UnknownFormatterFailsWhenTheLayoutLoads) {
  auto t = TextTemplate::parse("{nama|uppr}", "kk.jsonc: flow[2]");
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().code, ErrorCode::LayoutInvalid);
  EXPECT_NE(t.error().message.find("uppr"), std::string::npos);
  EXPECT_FALSE(TextTemplate::parse("{nama", "x"));
  EXPECT_FALSE(TextTemplate::parse("nama}", "x"));
}

TEST(TextTemplate, ADateFormatterOnANonDateNamesTheField) {
  json record = {{"lahir", "kemarin"}};
  json empty = json::object();
  Scope scope(record, empty, empty);
  auto s = TextTemplate::parse("{lahir|date}", "x")->expand(scope);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().path, "lahir");
}

TEST(TextTemplate, RowScopeFirstThenRecord) {
  json record = {{"nama", "KEPALA"}, {"anggota", json::array({{{"nama", "ANAK"}}})}};
  json empty = json::object();
  Scope scope(record, empty, empty);
  Scope row = scope.with_row(record["anggota"][0], 1);
  EXPECT_EQ(*TextTemplate::parse("{#}. {nama}", "x")->expand(row), "1. ANAK");
  EXPECT_EQ(*TextTemplate::parse("{nama}", "x")->expand(scope), "KEPALA");
}

// Only text that no record, document or row supplies may be set once for every document.
TEST(TextTemplate, RecordIndependenceLooksAtEveryBinding) {
  EXPECT_TRUE(TextTemplate::parse("Nama Lengkap", "x")->record_independent());
  EXPECT_TRUE(
      TextTemplate::parse("Kepala {office.agency|upper} {office.city}", "x")->record_independent());
  EXPECT_FALSE(
      TextTemplate::parse("{office.city}, {doc.issue_date|date}", "x")->record_independent());
  EXPECT_FALSE(TextTemplate::parse("Nama: {nama}", "x")->record_independent());
  EXPECT_FALSE(TextTemplate::parse("{#}.", "x")->record_independent());
  EXPECT_FALSE(TextTemplate::parse("{officer}", "x")->record_independent());
}

}  // namespace absah::layout
