#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <set>

#include "engine/render/renderer.h"

namespace absah::render {
namespace {

constexpr int64_t kIssueTime = 1768867200;  // 2026-01-20 08:00 WITA

const Renderer& renderer() {
  static std::unique_ptr<Renderer> r = [] {
    const char* dir = std::getenv("ABSAH_DATA_DIR");
    auto made = Renderer::create({dir ? dir : "."});
    EXPECT_TRUE(made.ok()) << made.error().describe();
    return std::move(*made);
  }();
  return *r;
}

nlohmann::json sample(const std::string& type) {
  const char* dir = std::getenv("ABSAH_DATA_DIR");
  std::ifstream in(std::string(dir ? dir : ".") + "/samples/" + type + ".json");
  return nlohmann::json::parse(in);
}

RenderRequest request(const std::string& type, nlohmann::json record) {
  RenderRequest r;
  r.type = type;
  r.record = std::move(record);
  r.issue_time_unix = kIssueTime;
  return r;
}

TEST(RendererValidate, AcceptsTheSampleWithOrWithoutItsNumber) {
  auto record = sample("sk_kelahiran");
  EXPECT_TRUE(renderer().validate(request("sk_kelahiran", record)).ok());
  record.erase("nomor");  // a registry numbers it later
  EXPECT_TRUE(renderer().validate(request("sk_kelahiran", record)).ok());
  // ...which render, without a registry, refuses.
  auto rendered = renderer().render(request("sk_kelahiran", record));
  ASSERT_FALSE(rendered.ok());
  EXPECT_EQ(rendered.error().details.at(0).path, "nomor");
}

TEST(RendererValidate, ReportsTheSameProblemsAsRender) {
  auto record = sample("sk_kelahiran");
  record["nik"] = "52710552012600";    // two digits short
  record["jenis_kelamin"] = "WANITA";  // not in the enumeration
  record["tanggal_terbit"] = "2026-02-30";
  auto validated = renderer().validate(request("sk_kelahiran", record));
  auto rendered = renderer().render(request("sk_kelahiran", record));
  ASSERT_FALSE(validated.ok());
  ASSERT_FALSE(rendered.ok());
  EXPECT_EQ(validated.error().code, ErrorCode::RecordInvalid);
  ASSERT_EQ(validated.error().details.size(), rendered.error().details.size());
  for (size_t i = 0; i < validated.error().details.size(); ++i) {
    EXPECT_EQ(validated.error().details[i].path, rendered.error().details[i].path);
    EXPECT_EQ(validated.error().details[i].code, rendered.error().details[i].code);
  }
  std::set<std::string> paths;
  for (const auto& d : validated.error().details) paths.insert(d.path);
  EXPECT_TRUE(paths.count("nik")) << validated.error().describe();
  EXPECT_TRUE(paths.count("jenis_kelamin")) << validated.error().describe();
  EXPECT_TRUE(paths.count("tanggal_terbit")) << validated.error().describe();
}

TEST(RendererValidate, UnknownTypeListsTheKnownOnes) {
  auto validated = renderer().validate(request("akta_nikah", nlohmann::json::object()));
  ASSERT_FALSE(validated.ok());
  EXPECT_EQ(validated.error().code, ErrorCode::UnknownDocumentType);
  EXPECT_NE(validated.error().message.find("sk_kelahiran"), std::string::npos)
      << validated.error().message;
}

}  // namespace
}  // namespace absah::render
