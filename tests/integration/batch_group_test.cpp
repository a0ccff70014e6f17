// `absah render --batch --registry` issues in groups: one registry transaction per group of
// records. Bad records never take a number, a record that fails to render inside a group gives
// its number to the next one, and files appear only for what the registry committed. Judged by
// the registry's own `registry show`, sha256sum and pdfsig; run on SQLite and, with
// ABSAH_TEST_POSTGRES_URL, on PostgreSQL.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "tests/integration/tool_runner.h"

namespace absah::testing {

namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

enum class Backend { Sqlite, Postgres };

constexpr int kRecords = 70;
// Lines that must fail: malformed, invalid (a short NIK), and one that validates but whose name
// does not fit the letter's layout — it fails inside its group, after a number was allocated.
const std::set<int> kMalformed = {7, 41};
constexpr int kInvalid = 19;
constexpr int kOverflowing = 37;

nlohmann::json letter() {
  auto record = nlohmann::json::parse(read_text(source_dir() / "samples" / "sk_kematian.json"));
  record.erase("nomor");
  return record;
}

std::string line_for(int i) {
  if (kMalformed.count(i)) return "{\"type\": \"sk_kematian\", \"record\": ";
  auto record = letter();
  if (i == kInvalid) record["nik"] = "5271";
  if (i == kOverflowing) record["nama"] = std::string(60, 'W');
  nlohmann::json j = {
      {"type", "sk_kematian"}, {"record", record}, {"idempotency_key", "grp-" + std::to_string(i)}};
  return j.dump();
}

std::map<uint64_t, nlohmann::json> read_manifest(const fs::path& path) {
  std::map<uint64_t, nlohmann::json> entries;
  std::istringstream in(read_text(path));
  std::string text;
  while (std::getline(in, text)) {
    auto j = nlohmann::json::parse(text);
    const uint64_t line = j.at("line").get<uint64_t>();
    EXPECT_FALSE(entries.count(line)) << "line " << line << " twice in the manifest";
    entries[line] = j;
  }
  return entries;
}

std::string letter_number(int seq) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "474.3/%04d/DUKCAPIL/11/2026", seq);
  return buf;
}

class BatchGroup : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    if (GetParam() == Backend::Postgres) {
      const char* url = std::getenv("ABSAH_TEST_POSTGRES_URL");
      if (!url || !*url)
        GTEST_SKIP() << "PostgreSQL backend not tested: set ABSAH_TEST_POSTGRES_URL "
                        "(export ABSAH_TEST_POSTGRES_URL=$(scripts/start-postgres.sh))";
      m_pg_base = url;
      m_pg_schema = "absah_batch" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
      auto made =
          psql("DROP SCHEMA IF EXISTS " + m_pg_schema + " CASCADE; CREATE SCHEMA " + m_pg_schema);
      ASSERT_EQ(made.exit_code, 0) << made.out;
      m_registry = m_pg_base + (m_pg_base.find('?') == std::string::npos ? "?" : "&") +
                   "options=-csearch_path%3D" + m_pg_schema;
    } else {
      m_registry = "sqlite:" + (dir / "reg.db").string();
    }
    auto init = run_absah("keys init --dir " + quote((dir / "pki").string()));
    ASSERT_EQ(init.exit_code, 0) << init.out;
  }
  void TearDown() override {
    if (!m_pg_schema.empty()) psql("DROP SCHEMA " + m_pg_schema + " CASCADE");
  }
  ToolResult psql(const std::string& sql) {
    return run_tool("psql -q -v ON_ERROR_STOP=1 " + quote(m_pg_base) + " -c " + quote(sql));
  }
  ToolResult batch(const std::string& extra) {
    return run_absah("render --batch " + quote((dir / "in.jsonl").string()) + " --out-dir " +
                     quote((dir / "out").string()) + " --keys " + quote((dir / "pki").string()) +
                     " --registry " + quote(m_registry) + " " + extra);
  }
  // `registry show --json` of a number; null when the registry does not know it.
  nlohmann::json shown(const std::string& number) {
    auto r =
        run_absah("registry show " + quote(number) + " --json --registry " + quote(m_registry));
    if (r.exit_code != 0) return nullptr;
    return nlohmann::json::parse(r.out.substr(r.out.find('{')));
  }

  TempDir dir;
  std::string m_registry, m_pg_base, m_pg_schema;
};

TEST_P(BatchGroup, RegistersExactlyTheGoodRecordsGaplessAndReplaysOnRerun) {
  {
    std::ofstream in(dir / "in.jsonl");
    for (int i = 1; i <= kRecords; ++i) in << line_for(i) << "\n";
  }
  auto first = batch("--jobs 2 --group-size 16");
  EXPECT_EQ(first.exit_code, 1) << first.out;
  const int good = kRecords - static_cast<int>(kMalformed.size()) - 2;
  EXPECT_THAT(first.out, HasSubstr(std::to_string(good) + " written, 0 skipped, 4 failed"));
  EXPECT_THAT(first.out, HasSubstr("line " + std::to_string(kOverflowing) + ": error:"));

  auto manifest = read_manifest(dir / "out" / "manifest.jsonl");
  ASSERT_EQ(manifest.size(), static_cast<size_t>(kRecords));
  for (int bad : kMalformed) EXPECT_EQ(manifest[bad]["error"]["code"], "json.syntax");
  EXPECT_EQ(manifest[kInvalid]["error"]["code"], "record.invalid") << manifest[kInvalid].dump();
  EXPECT_EQ(manifest[kOverflowing]["error"]["code"], "layout.overflow")
      << manifest[kOverflowing].dump();

  // Every good line has a number, each number once, together exactly 1..good: gapless.
  std::set<std::string> numbers;
  int checked_signatures = 0;
  for (auto& [line, e] : manifest) {
    char name[32];
    std::snprintf(name, sizeof name, "%06llu-sk_kematian.pdf",
                  static_cast<unsigned long long>(line));
    const fs::path file = dir / "out" / name;
    if (e.contains("error")) {
      EXPECT_FALSE(fs::exists(file)) << "no file for a failed line: " << file;
      continue;
    }
    EXPECT_EQ(e["status"], "issued") << e.dump();
    EXPECT_EQ(e["idempotency_key"], "grp-" + std::to_string(line));
    EXPECT_TRUE(numbers.insert(e["number"].get<std::string>()).second) << e.dump();
    const fs::path pdf = dir / "out" / e["file"].get<std::string>();
    const std::string digest = run_tool("sha256sum " + quote(pdf.string())).out.substr(0, 64);
    EXPECT_EQ(digest, e["sha256"]) << pdf;
    if (line % 10 == 1) {  // the registry's own view, and an independent signature check
      auto doc = shown(e["number"].get<std::string>());
      ASSERT_FALSE(doc.is_null()) << e.dump();
      EXPECT_EQ(doc["pdf_sha256"], digest) << doc.dump();
      auto sig = run_tool("pdfsig " + quote(pdf.string()));
      EXPECT_THAT(sig.out, HasSubstr("Signature Validation: Signature is Valid.")) << sig.out;
      ++checked_signatures;
    }
  }
  EXPECT_EQ(checked_signatures, 6);  // lines 1, 11, 21, 31, 51, 61 (41 is malformed)
  std::set<std::string> expected;
  for (int seq = 1; seq <= good; ++seq) expected.insert(letter_number(seq));
  EXPECT_EQ(numbers, expected);
  EXPECT_TRUE(shown(letter_number(good + 1)).is_null()) << "the failed render kept no number";
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir / "out")) files += e.path().extension() == ".pdf";
  EXPECT_EQ(files, static_cast<size_t>(good)) << "no temporary or extra files";

  // A re-run with the manifest lost: every good record is found by its key, nothing new issued.
  fs::remove(dir / "out" / "manifest.jsonl");
  fs::remove(dir / "out" / manifest[2]["file"].get<std::string>());
  auto second = batch("--jobs 2");
  EXPECT_EQ(second.exit_code, 1) << second.out;
  EXPECT_THAT(second.out, HasSubstr("1 written, " + std::to_string(good - 1) + " skipped"));
  auto rerun = read_manifest(dir / "out" / "manifest.jsonl");
  for (auto& [line, e] : rerun) {
    if (e.contains("error")) continue;
    EXPECT_EQ(e["number"], manifest[line]["number"]) << "line " << line;
    EXPECT_EQ(e["status"], line == 2 ? "replayed" : "already_issued") << e.dump();
  }
  EXPECT_TRUE(shown(letter_number(good + 1)).is_null()) << "nothing issued twice";
  EXPECT_TRUE(fs::exists(dir / "out" / manifest[2]["file"].get<std::string>()));
}

TEST_P(BatchGroup, GroupSizeIsCheckedBeforeAnyWork) {
  std::ofstream(dir / "in.jsonl") << line_for(1) << "\n";
  for (const char* bad : {"0", "4097", "x"})
    EXPECT_EQ(batch(std::string("--group-size ") + bad).exit_code, 2) << bad;
  EXPECT_FALSE(fs::exists(dir / "out" / "manifest.jsonl"));
}

INSTANTIATE_TEST_SUITE_P(Backends, BatchGroup,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         [](const auto& info) {
                           return info.param == Backend::Sqlite ? "Sqlite" : "Postgres";
                         });

}  // namespace

}  // namespace absah::testing
