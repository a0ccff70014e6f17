// `absah render --batch`: one document per JSONL line on several threads, a manifest naming
// each line's file and digest or its error, bad lines reported without stopping the batch,
// and resumption that issues nothing twice. Files are judged by qpdf and sha256sum; the
// registry's own table is read back with sqlite3.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
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

std::vector<std::string> sample_types() {
  std::vector<std::string> types;
  for (const auto& e : fs::directory_iterator(source_dir() / "samples"))
    if (e.path().extension() == ".json") types.push_back(e.path().stem().string());
  std::sort(types.begin(), types.end());
  return types;
}

nlohmann::json sample(const std::string& type) {
  return nlohmann::json::parse(read_text(source_dir() / "samples" / (type + ".json")));
}

std::string batch_line(const std::string& type, const nlohmann::json& record,
                       const std::string& key = "") {
  nlohmann::json j = {{"type", type}, {"record", record}};
  if (!key.empty()) j["idempotency_key"] = key;
  return j.dump();
}

// Entries by input line; a line appearing twice is a test failure.
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

std::string sha256sum(const fs::path& file) {
  auto r = run_tool("sha256sum " + quote(file.string()));
  return r.out.substr(0, 64);
}

class Batch : public ::testing::Test {
 protected:
  void write_input(const std::vector<std::string>& lines, const std::string& name = "in.jsonl") {
    std::ofstream out(dir / name);
    for (const auto& l : lines) out << l << "\n";
  }
  ToolResult batch(const std::string& out_dir, const std::string& extra,
                   const std::string& input = "in.jsonl") {
    return run_absah("render --batch " + quote((dir / input).string()) + " --out-dir " +
                     quote((dir / out_dir).string()) + " " + extra);
  }
  void make_pki() {
    auto init = run_absah("keys init --dir " + quote((dir / "pki").string()));
    ASSERT_EQ(init.exit_code, 0) << init.out;
  }
  std::string signed_registry(const std::string& db) {
    return "--keys " + quote((dir / "pki").string()) + " --registry " +
           quote("sqlite:" + (dir / db).string());
  }
  // `n` death certificates numbered by the registry, keys order-1 … order-n.
  std::vector<std::string> numbered_letters(int n) {
    auto record = sample("sk_kematian");
    record.erase("nomor");
    std::vector<std::string> lines;
    for (int i = 1; i <= n; ++i)
      lines.push_back(batch_line("sk_kematian", record, "order-" + std::to_string(i)));
    return lines;
  }
  int registered_documents(const std::string& db) {
    auto r =
        run_tool("sqlite3 " + quote((dir / db).string()) + " 'SELECT count(*) FROM documents'");
    return std::stoi(r.out);
  }

  TempDir dir;
};

TEST_F(Batch, AllSamplesWithBadLinesGoOnAndReportEachLine) {
  std::vector<std::string> lines;
  for (const auto& type : sample_types()) lines.push_back(batch_line(type, sample(type)));
  ASSERT_EQ(lines.size(), 23u);
  lines.push_back("{\"type\": \"kk\", \"record\": ");  // line 24: malformed JSON
  auto invalid = sample("ktp_el");
  invalid["tanggal_lahir"] = "1990-02-30";
  lines.push_back(batch_line("ktp_el", invalid));            // line 25: invalid record
  lines.push_back("");                                       // line 26: blank, ignored
  lines.push_back(batch_line("surat_sakti", sample("kk")));  // line 27: unknown type
  write_input(lines);

  auto r = batch("out", "--unsigned --jobs 2");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_THAT(r.out, HasSubstr("line 24: error:"));
  EXPECT_THAT(r.out, HasSubstr("line 25: error:"));
  EXPECT_THAT(r.out, HasSubstr("line 27: error:"));
  EXPECT_THAT(r.out, HasSubstr("23 written, 0 skipped, 3 failed"));

  auto manifest = read_manifest(dir / "out" / "manifest.jsonl");
  ASSERT_EQ(manifest.size(), 26u);
  EXPECT_EQ(manifest[24]["error"]["code"], "json.syntax") << manifest[24].dump();
  EXPECT_EQ(manifest[25]["error"]["code"], "record.invalid");
  EXPECT_THAT(manifest[25].dump(), HasSubstr("tanggal_lahir"));
  EXPECT_EQ(manifest[27]["error"]["code"], "document_type.unknown") << manifest[27].dump();
  EXPECT_FALSE(manifest.count(26));
  const auto types = sample_types();
  for (uint64_t line = 1; line <= 23; ++line) {
    const auto& e = manifest[line];
    ASSERT_TRUE(e.contains("sha256")) << e.dump();
    EXPECT_EQ(e["type"], types[line - 1]);
    EXPECT_EQ(e["status"], "rendered");
    EXPECT_FALSE(e["number"].get<std::string>().empty());
    const fs::path file = dir / "out" / e["file"].get<std::string>();
    EXPECT_EQ(sha256sum(file), e["sha256"]) << file;
    auto check = run_tool("qpdf --check " + quote(file.string()));
    EXPECT_EQ(check.exit_code, 0) << file << "\n" << check.out;
  }
  // Nothing but the 23 documents and the manifest (no temporary files left behind).
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir / "out")) {
    (void)e;
    ++files;
  }
  EXPECT_EQ(files, 24u);
}

TEST_F(Batch, FailFastStopsAtTheFirstBadLine) {
  std::vector<std::string> lines = {"not json"};
  for (int i = 0; i < 20; ++i) lines.push_back(batch_line("kk", sample("kk")));
  write_input(lines);
  auto r = batch("out", "--unsigned --jobs 1 --fail-fast");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_THAT(r.out, HasSubstr("--fail-fast"));
  EXPECT_LT(read_manifest(dir / "out" / "manifest.jsonl").size(), 21u);
}

TEST_F(Batch, UsageErrorsExitTwoBeforeAnyWork) {
  write_input({batch_line("kk", sample("kk"))});
  EXPECT_EQ(run_absah("render --batch " + quote((dir / "in.jsonl").string())).exit_code, 2);
  EXPECT_EQ(batch("out", "--unsigned --jobs 0").exit_code, 2);
  EXPECT_EQ(batch("out", "--unsigned", "missing.jsonl").exit_code, 2);
  EXPECT_EQ(batch("out", "--unsigned --registry sqlite:x.db").exit_code, 2)
      << "only signed documents are registered";
  EXPECT_FALSE(fs::exists(dir / "out" / "manifest.jsonl"));
}

TEST_F(Batch, ResumeWithoutRegistrySkipsLinesInTheManifest) {
  std::vector<std::string> lines;
  for (int i = 0; i < 6; ++i) lines.push_back(batch_line("kk", sample("kk")));
  write_input(lines);
  ASSERT_EQ(batch("out", "--unsigned --jobs 2").exit_code, 0);
  // An interruption: two entries kept, the third cut short mid-line.
  std::istringstream in(read_text(dir / "out" / "manifest.jsonl"));
  std::string a, b, c;
  std::getline(in, a);
  std::getline(in, b);
  std::getline(in, c);
  std::ofstream(dir / "out" / "manifest.jsonl", std::ios::trunc) << a << "\n"
                                                                 << b << "\n"
                                                                 << c.substr(0, c.size() / 2);
  auto r = batch("out", "--unsigned --jobs 2");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_THAT(r.out, HasSubstr("4 written, 2 skipped, 0 failed"));
  EXPECT_EQ(read_manifest(dir / "out" / "manifest.jsonl").size(), 6u);
}

TEST_F(Batch, ResumeWithRegistryIssuesNothingTwice) {
  make_pki();
  write_input(numbered_letters(8));
  auto first = batch("out", signed_registry("reg.db") + " --jobs 2");
  ASSERT_EQ(first.exit_code, 0) << first.out;
  auto before = read_manifest(dir / "out" / "manifest.jsonl");
  ASSERT_EQ(before.size(), 8u);

  // Interrupted: the manifest lost everything after its third entry, one file never reached
  // the disk, another is corrupt.
  std::istringstream in(read_text(dir / "out" / "manifest.jsonl"));
  std::string kept, text;
  for (int i = 0; i < 3 && std::getline(in, text); ++i) kept += text + "\n";
  std::ofstream(dir / "out" / "manifest.jsonl", std::ios::trunc) << kept << "{\"line\":";
  std::vector<uint64_t> dropped;
  for (const auto& [line, e] : before)
    if (kept.find("\"line\":" + std::to_string(line) + ",") == std::string::npos)
      dropped.push_back(line);
  ASSERT_EQ(dropped.size(), 5u);
  fs::remove(dir / "out" / before[dropped[0]]["file"].get<std::string>());
  std::ofstream(dir / "out" / before[dropped[1]]["file"].get<std::string>(), std::ios::trunc)
      << "%PDF-broken";

  auto second = batch("out", signed_registry("reg.db") + " --jobs 2");
  ASSERT_EQ(second.exit_code, 0) << second.out;
  auto after = read_manifest(dir / "out" / "manifest.jsonl");
  ASSERT_EQ(after.size(), 8u);
  EXPECT_EQ(registered_documents("reg.db"), 8) << "nothing issued twice";
  for (const auto& [line, e] : after) {
    EXPECT_EQ(e["number"], before[line]["number"]) << "line " << line;
    const fs::path file = dir / "out" / e["file"].get<std::string>();
    EXPECT_EQ(run_tool("qpdf --check " + quote(file.string())).exit_code, 0) << file;
  }
  for (uint64_t line : dropped) EXPECT_NE(after[line]["status"], "issued") << after[line].dump();
  EXPECT_EQ(after[dropped[0]]["status"], "replayed");
  EXPECT_EQ(after[dropped[1]]["status"], "replayed");
  EXPECT_EQ(after[dropped[2]]["status"], "already_issued");
}

TEST_F(Batch, OneOrTwoJobsIssueTheSameNumbers) {
  make_pki();
  write_input(numbered_letters(6));
  std::set<std::string> numbers[2];
  for (int jobs : {1, 2}) {
    const std::string out = "out" + std::to_string(jobs);
    auto r = batch(out, signed_registry(out + ".db") + " --jobs " + std::to_string(jobs));
    ASSERT_EQ(r.exit_code, 0) << r.out;
    for (const auto& [line, e] : read_manifest(dir / out / "manifest.jsonl")) {
      EXPECT_EQ(e["status"], "issued");
      numbers[jobs - 1].insert(e["number"].get<std::string>());
    }
  }
  EXPECT_EQ(numbers[0].size(), 6u);
  EXPECT_EQ(numbers[0], numbers[1]);
}

}  // namespace

}  // namespace absah::testing
