// The pieces of `render --batch` that need no renderer: line parsing, file names, the manifest's
// handling of an interrupted earlier run, and the progress line.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/cli/batch_manifest.h"
#include "engine/cli/batch_record.h"
#include "engine/cli/progress_reporter.h"

namespace absah::cli {
namespace {

TEST(BatchLine, ParsesTypeRecordAndKey) {
  auto r = parse_batch_line(7, R"({"type":"kk","record":{"a":1},"idempotency_key":"k-1"})");
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_EQ(r->line, 7u);
  EXPECT_EQ(r->type, "kk");
  EXPECT_EQ(r->record["a"], 1);
  EXPECT_EQ(r->idempotency_key, "k-1");
}

TEST(BatchLine, NamesWhatIsWrong) {
  EXPECT_EQ(parse_batch_line(1, R"({"type":"kk","record":)").error().code, ErrorCode::JsonSyntax);
  EXPECT_EQ(parse_batch_line(1, "[1]").error().code, ErrorCode::FieldType);
  EXPECT_EQ(parse_batch_line(1, R"({"record":{}})").error().path, "type");
  EXPECT_EQ(parse_batch_line(1, R"({"type":"kk","record":[]})").error().path, "record");
  EXPECT_EQ(parse_batch_line(1, R"({"type":"kk","record":{},"idempotency_key":5})").error().path,
            "idempotency_key");
  EXPECT_EQ(parse_batch_line(1, R"({"type":"kk","record":{},"nomor":"1"})").error().code,
            ErrorCode::FieldUnknown);
}

TEST(BatchLine, MalformedJsonDoesNotQuoteTheRecord) {
  // A control character inside a string: nlohmann would quote the string read so far.
  auto r = parse_batch_line(1, "{\"type\":\"kk\",\"record\":{\"nik\":\"5271014101900001\x01\"}}");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message.find("5271014101900001"), std::string::npos) << r.error().message;
}

TEST(BatchLine, DerivedKeyFollowsTheContentNotTheKeyOrder) {
  auto a = parse_batch_line(1, R"({"type":"kk","record":{"a":1,"b":2}})");
  auto b = parse_batch_line(9, R"({"record":{"b":2,"a":1},"type":"kk"})");
  auto c = parse_batch_line(1, R"({"type":"kk","record":{"a":1,"b":3}})");
  EXPECT_EQ(derived_idempotency_key(*a), derived_idempotency_key(*b));
  EXPECT_NE(derived_idempotency_key(*a), derived_idempotency_key(*c));
}

TEST(BatchFileName, IsPaddedAndCannotEscapeTheFolder) {
  EXPECT_EQ(batch_file_name(42, "kk"), "000042-kk.pdf");
  EXPECT_EQ(batch_file_name(3, "../../etc/x"), "000003-______etc_x.pdf");
}

TEST(Manifest, KeepsCompleteSuccessesAndDropsErrorsAndACutLine) {
  const auto dir = std::filesystem::temp_directory_path() / "absah-manifest-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto path = dir / "manifest.jsonl";
  std::ofstream(path) << R"({"line":1,"sha256":"aa","file":"000001-kk.pdf"})"
                      << "\n"
                      << R"({"line":2,"error":{"code":"json.syntax"}})"
                      << "\n"
                      << R"({"line":3,"sha256":"bb","file":"000003-kk.pdf"})"
                      << "\n"
                      << R"({"line":4,"sha2)";
  {
    auto m = ManifestWriter::open(path);
    ASSERT_TRUE(m) << m.error().describe();
    EXPECT_TRUE((*m)->already_done(1));
    EXPECT_FALSE((*m)->already_done(2));
    EXPECT_TRUE((*m)->already_done(3));
    EXPECT_FALSE((*m)->already_done(4));
    EXPECT_EQ((*m)->kept_entries(), 2u);
    ASSERT_TRUE((*m)->append_error(2, Error(ErrorCode::RecordInvalid, "x", "bad")));
  }
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(
      text.str(),
      "{\"line\":1,\"sha256\":\"aa\",\"file\":\"000001-kk.pdf\"}\n"
      "{\"line\":3,\"sha256\":\"bb\",\"file\":\"000003-kk.pdf\"}\n"
      "{\"error\":{\"code\":\"record.invalid\",\"message\":\"bad\",\"path\":\"x\"},\"line\":2}\n");
  std::filesystem::remove_all(dir);
}

TEST(Progress, TerminalBarAndPlainLine) {
  ProgressCounts c;
  c.done = 250;
  c.failed = 2;
  c.total = 1000;
  EXPECT_EQ(format_progress(c, 5.0, true, 8),
            "[##------]  250/1000  25.0%  50 doc/s  ETA 15s  (2 failed)");
  EXPECT_EQ(format_progress(c, 5.0, false),
            "batch: 250/1000 done (25.0%), 50 doc/s, ETA 15s, 2 failed");
  c.total.reset();
  EXPECT_EQ(format_progress(c, 5.0, false), "batch: 250 done, 50 doc/s, ETA ?, 2 failed");
  EXPECT_EQ(format_duration(3725), "1h02m");
  EXPECT_EQ(format_duration(125), "2m05s");
}

}  // namespace
}  // namespace absah::cli
