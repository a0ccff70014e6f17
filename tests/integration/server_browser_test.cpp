// The public page as a phone shows it: headless Chromium (Debian's `chromium`) at 412x915 CSS
// pixels loads the page behind a valid, a revoked and a forged seal; the test reads the verdict
// from the DOM Chromium built and keeps a screenshot of each page in artefacts/ under the
// working directory (the build's tests folder under ctest).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include "tests/integration/server_fixture.h"

namespace absah::testing {

namespace {

using ::testing::HasSubstr;

class PublicPageInBrowser : public ServerTest {
 protected:
  void SetUp() override {
    if (run_tool("command -v chromium").exit_code != 0)
      GTEST_SKIP() << "chromium is not installed (scripts/debian-packages.txt lists it)";
    ServerTest::SetUp();
  }

  // `chromium --headless` with a throwaway profile; --no-sandbox because tests may run as root.
  ToolResult chromium(const std::string& options, const std::string& path) {
    const std::string url = "http://127.0.0.1:" + std::to_string(m_server->port()) + path;
    return run_tool(
        "chromium --headless --no-sandbox --disable-gpu --hide-scrollbars "
        "--no-first-run --user-data-dir=" +
        quote((m_dir->path() / "chromium").string()) + " --window-size=412,915 " + options + " " +
        quote(url) + " 2>/dev/null");
  }

  // The verdict element's attribute and heading from the DOM, and a screenshot.
  std::pair<std::string, std::string> look_at(const std::string& path, const std::string& name) {
    auto dom = chromium("--dump-dom", path);
    EXPECT_EQ(dom.exit_code, 0) << dom.out;
    std::smatch m;
    std::pair<std::string, std::string> seen;
    if (std::regex_search(dom.out, m,
                          std::regex(R"re(data-verdict="([a-z_]+)"[^>]*>\s*<h1>([^<]+)</h1>)re")))
      seen = {m[1].str(), m[2].str()};
    std::filesystem::create_directories("artefacts");
    const auto png = std::filesystem::absolute("artefacts") / ("public-page-" + name + ".png");
    std::filesystem::remove(png);
    auto shot = chromium("--screenshot=" + quote(png.string()), path);
    EXPECT_EQ(shot.exit_code, 0) << shot.out;
    EXPECT_TRUE(std::filesystem::exists(png) && std::filesystem::file_size(png) > 1000) << png;
    return seen;
  }
};

TEST_P(PublicPageInBrowser, ShowsTheVerdictForValidRevokedAndForgedSeals) {
  auto issued = issue("sk_kematian");
  ASSERT_TRUE(issued);
  ASSERT_EQ(issued->status, 201) << issued->body;
  const auto doc = nlohmann::json::parse(issued->body);
  const std::string path = seal_path(doc["seal_url"]);

  auto valid = look_at(path, "valid");
  EXPECT_EQ(valid.first, "valid");
  EXPECT_EQ(valid.second, "SAH");
  auto english = look_at(path + "?lang=en", "valid-en");
  EXPECT_EQ(english.second, "VALID");

  std::string forged = path;
  char& c = forged[forged.size() - 10];
  c = c == 'A' ? 'B' : 'A';
  auto bad = look_at(forged, "forged");
  EXPECT_EQ(bad.first, "invalid");
  EXPECT_EQ(bad.second, "TIDAK SAH");

  auto revoke = client(kIssuerToken)
                    .Post("/v1/documents/" + doc["number"].get<std::string>() + "/revoke",
                          R"({"reason": "data keliru"})", "application/json");
  ASSERT_TRUE(revoke);
  ASSERT_EQ(revoke->status, 200) << revoke->body;
  auto revoked = look_at(path, "revoked");
  EXPECT_EQ(revoked.first, "revoked");
  EXPECT_EQ(revoked.second, "DICABUT");
}

INSTANTIATE_TEST_SUITE_P(Sqlite, PublicPageInBrowser, ::testing::Values(ServerBackend::Sqlite),
                         server_backend_name);

}  // namespace

}  // namespace absah::testing
