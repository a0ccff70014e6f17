#include "engine/server/public_page.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace absah::server {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

verify::VerificationReport superseded_report() {
  verify::VerificationReport report;
  report.verdict = verify::Verdict::Superseded;
  report.document = verify::DocumentFields{"akta_kelahiran",
                                           "5271-LU-01022026-0007",
                                           "BAIQ SRI <b>WAHYUNI</b>",
                                           "5271016502900003",
                                           "2026-02-01",
                                           "5271",
                                           "Dukcapil Kota Mataram"};
  report.registry = verify::RegistryStatus{"superseded", "", 1795921200, "5271-LU-01122026-0002"};
  return report;
}

TEST(PublicPage, SaysSupersededWithWhenAndByWhatMaskedAndEscaped) {
  const auto report = superseded_report();
  PublicPageInput input{&report, PageLanguage::Indonesian, "KUTIPAN AKTA KELAHIRAN", "/v/ABC"};
  const std::string html = render_public_page(input);
  EXPECT_THAT(html, HasSubstr("data-verdict=\"superseded\""));
  EXPECT_THAT(html, HasSubstr("<h1>DIGANTI</h1>"));
  EXPECT_THAT(html, HasSubstr("Diganti pada 29 November 2026 dengan nomor 5271-LU-01122026-0002"));
  EXPECT_THAT(html, HasSubstr("1 Februari 2026"));
  EXPECT_THAT(html, HasSubstr("KUTIPAN AKTA KELAHIRAN"));
  EXPECT_THAT(html, HasSubstr("href=\"/v/ABC?lang=en\""));
  EXPECT_THAT(html, Not(HasSubstr("5271016502900003")));
  EXPECT_THAT(html, Not(HasSubstr("WAHYUNI")));
  EXPECT_THAT(html, Not(HasSubstr("<b>")));
}

TEST(PublicPage, ShowsNothingFromASealThatDidNotVerify) {
  auto report = superseded_report();
  report.verdict = verify::Verdict::Invalid;
  PublicPageInput input{&report, PageLanguage::English, "", "/v/ABC"};
  const std::string html = render_public_page(input);
  EXPECT_THAT(html, HasSubstr("data-verdict=\"invalid\""));
  EXPECT_THAT(html, HasSubstr("<h1>NOT VALID</h1>"));
  EXPECT_THAT(html, HasSubstr("<html lang=\"en\">"));
  EXPECT_THAT(html, Not(HasSubstr("5271-LU-01022026-0007")));
  EXPECT_THAT(html, Not(HasSubstr("<dl>")));
}

TEST(HtmlEscape, EscapesMarkupAndQuotes) {
  EXPECT_EQ(html_escape(R"(<a href="x">'&'</a>)"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

}  // namespace
}  // namespace absah::server
