// RenderPool: a batch group's renders spread over threads, answers in the caller's order.

#include "engine/cli/render_pool.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <thread>

namespace absah::cli {
namespace {

constexpr int64_t kIssueTime = 1768867200;  // 2026-01-20 08:00 WITA

const render::Renderer& renderer() {
  static std::unique_ptr<render::Renderer> r = [] {
    const char* dir = std::getenv("ABSAH_DATA_DIR");
    auto made = render::Renderer::create({dir ? dir : "."});
    EXPECT_TRUE(made.ok()) << made.error().describe();
    return std::move(*made);
  }();
  return *r;
}

render::RenderRequest letter(const std::string& number) {
  const char* dir = std::getenv("ABSAH_DATA_DIR");
  std::ifstream in(std::string(dir ? dir : ".") + "/samples/sk_kelahiran.json");
  render::RenderRequest r;
  r.type = "sk_kelahiran";
  r.record = nlohmann::json::parse(in);
  r.issue_time_unix = kIssueTime;
  r.number = number;
  return r;
}

std::vector<std::optional<SigningSetup>> unsigned_threads(size_t n) {
  return std::vector<std::optional<SigningSetup>>(n);
}

TEST(RenderPool, AnswersInTheOrderAskedWithEachFailureInItsOwnSlot) {
  RenderPool pool(renderer(), unsigned_threads(2));
  std::vector<render::RenderRequest> requests;
  for (int i = 0; i < 6; ++i) requests.push_back(letter("474.1/" + std::to_string(i) + "/X"));
  requests[3].record.erase("nama");  // invalid: a required field is missing
  auto results = pool.render_all(requests);
  ASSERT_EQ(results.size(), 6u);
  for (size_t i = 0; i < results.size(); ++i) {
    if (i == 3) {
      ASSERT_FALSE(results[i].ok());
      continue;
    }
    ASSERT_TRUE(results[i].ok()) << results[i].error().describe();
    EXPECT_EQ(results[i]->number, "474.1/" + std::to_string(i) + "/X");
    EXPECT_EQ(results[i]->pdf.substr(0, 5), "%PDF-");
  }
}

TEST(RenderPool, CallersWaitingAtOnceEachGetTheirOwnDocuments) {
  RenderPool pool(renderer(), unsigned_threads(2));
  std::vector<std::vector<Result<render::RenderedDocument>>> got(3);
  std::vector<std::thread> callers;
  for (size_t c = 0; c < got.size(); ++c)
    callers.emplace_back([&, c] {
      std::vector<render::RenderRequest> requests;
      for (int i = 0; i < 4; ++i)
        requests.push_back(letter(std::to_string(c) + "/" + std::to_string(i)));
      got[c] = pool.render_all(std::move(requests));
    });
  for (std::thread& t : callers) t.join();
  for (size_t c = 0; c < got.size(); ++c) {
    ASSERT_EQ(got[c].size(), 4u);
    for (size_t i = 0; i < 4; ++i) {
      ASSERT_TRUE(got[c][i].ok());
      EXPECT_EQ(got[c][i]->number, std::to_string(c) + "/" + std::to_string(i));
    }
  }
}

// A request carries the signer of whoever prepared it; a pool thread must use its own (here:
// none), never that one, which another render may be using at the same moment.
TEST(RenderPool, NeverUsesTheSignerTheRequestArrivedWith) {
  RenderPool pool(renderer(), unsigned_threads(1));
  render::RenderRequest request = letter("1/2/3");
  request.signer = reinterpret_cast<sign::Signer*>(alignof(sign::Signer));  // not a signer
  auto results = pool.render_all({request});
  ASSERT_EQ(results.size(), 1u);
  ASSERT_TRUE(results[0].ok()) << results[0].error().describe();
  EXPECT_FALSE(results[0]->signed_pdf);
}

TEST(RenderPool, AnEmptyGroupNeedsNoThread) {
  RenderPool pool(renderer(), unsigned_threads(1));
  EXPECT_TRUE(pool.render_all({}).empty());
}

}  // namespace
}  // namespace absah::cli
