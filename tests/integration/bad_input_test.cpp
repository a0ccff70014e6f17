// The bad-input catalogue (docs/bad-input.md): every row is one test through `absah render`.
// Each must exit 2, print a message that names the field, line or byte offset at fault, and
// leave no output file behind.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "tests/integration/tool_runner.h"

namespace absah::testing {

namespace {

using nlohmann::json;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

// One development PKI for the whole suite (keys init costs a few RSA key generations).
const std::filesystem::path& shared_pki() {
  static TempDir dir;
  static const bool made = [] {
    auto init = run_absah("keys init --dir " + quote((dir / "pki").string()));
    EXPECT_EQ(init.exit_code, 0) << init.out;
    return true;
  }();
  (void)made;
  static const std::filesystem::path pki = dir / "pki";
  return pki;
}

class BadInput : public ::testing::Test {
 protected:
  json sample(const std::string& type) const {
    return json::parse(read_text(source_dir() / "samples" / (type + ".json")));
  }

  std::filesystem::path write(const std::string& name, const std::string& bytes) const {
    std::ofstream(dir / name, std::ios::binary) << bytes;
    return dir / name;
  }

  // Renders `data` and checks the catalogue's contract: exit 2, nothing written.
  ToolResult render_refused(const std::string& type, const std::filesystem::path& data,
                            const std::string& extra = "--unsigned") {
    const auto out = dir / "out.pdf";
    auto r = run_absah("render --type " + type + " --data " + quote(data.string()) + " --out " +
                       quote(out.string()) + " " + extra);
    EXPECT_EQ(r.exit_code, 2) << r.out;
    EXPECT_FALSE(std::filesystem::exists(out)) << "a refused render left " << out;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
      EXPECT_EQ(entry.path().filename().string().find("out.pdf."), std::string::npos)
          << "temporary output left behind: " << entry.path();
    return r;
  }

  ToolResult render_record_refused(const std::string& type, const json& record) {
    return render_refused(type, write("record.json", record.dump()));
  }

  std::string signing_options(const std::string& extra = "") const {
    return "--keys " + quote(shared_pki().string()) + " " + extra;
  }

  TempDir dir;
};

TEST_F(BadInput, MalformedJsonNamesLineColumnAndByte) {
  auto r = render_refused("ktp_el", write("bad.json", "{\"nik\": \"1\",\n \"nama\": }"));
  EXPECT_THAT(r.out, AllOf(HasSubstr("malformed JSON"), HasSubstr("line 2, column 10"),
                           HasSubstr("at byte 22"), HasSubstr("[json.syntax]")));
}

// Found by fuzz_layout_parser: nlohmann reports a number beyond a double (1e999) as
// out_of_range, not as a parse error, and the uncaught exception aborted the process.
TEST_F(BadInput, ANumberTooLargeForADoubleIsRefusedNotACrash) {
  std::string record = sample("ktp_el").dump();
  record.insert(1, "\"x\": 1e999, ");
  auto r = render_refused("ktp_el", write("huge.json", record));
  EXPECT_THAT(r.out, AllOf(HasSubstr("malformed JSON"), HasSubstr("too large"),
                           HasSubstr("[json.syntax]")));
  EXPECT_THAT(r.out, Not(HasSubstr("1e999")));
}

TEST_F(BadInput, WrongTypeNamesTheField) {
  auto record = sample("ktp_el");
  record["nama"] = 12;
  auto r = render_record_refused("ktp_el", record);
  EXPECT_THAT(r.out, HasSubstr("nama: expected a name as a string, got the number 12"));
  EXPECT_THAT(r.out, HasSubstr("[field.type]"));
}

TEST_F(BadInput, MissingFieldNamesTheField) {
  auto record = sample("ktp_el");
  record["alamat"].erase("kelurahan");
  auto r = render_record_refused("ktp_el", record);
  EXPECT_THAT(r.out, AllOf(HasSubstr("alamat.kelurahan"), HasSubstr("[field.missing]")));
}

TEST_F(BadInput, UnknownEnumerationValueListsTheAllowedOnes) {
  auto record = sample("ktp_el");
  record["jenis_kelamin"] = "WANITA";
  auto r = render_record_refused("ktp_el", record);
  EXPECT_THAT(r.out, HasSubstr("jenis_kelamin: \"WANITA\" is not one of LAKI-LAKI, PEREMPUAN"));
}

TEST_F(BadInput, ImpossibleDateSaysWhy) {
  auto record = sample("ktp_el");
  record["tanggal_lahir"] = "1990-02-30";
  auto r = render_record_refused("ktp_el", record);
  EXPECT_THAT(r.out, AllOf(HasSubstr("tanggal_lahir"), HasSubstr("February 1990 has 28 days"),
                           HasSubstr("[field.date]")));
}

TEST_F(BadInput, NikOfTheWrongLength) {
  auto record = sample("ktp_el");
  record["nik"] = record["nik"].get<std::string>().substr(0, 15);
  auto r = render_record_refused("ktp_el", record);
  EXPECT_THAT(r.out, HasSubstr("nik: a NIK is 16 digits, got 15 characters"));
}

TEST_F(BadInput, NikWithAnUnknownRegion) {
  auto record = sample("ktp_el");
  const std::string nik = record["nik"];
  record["nik"] = "99" + nik.substr(2);
  auto r = render_record_refused("ktp_el", record);
  EXPECT_THAT(r.out, AllOf(HasSubstr("nik: NIK region"), HasSubstr("no province 99")));
  // The message names the region digits, never the whole NIK.
  EXPECT_THAT(r.out, Not(HasSubstr("99" + nik.substr(2))));
}

TEST_F(BadInput, NikWithAnImpossibleBirthDate) {
  auto record = sample("ktp_el");
  const std::string nik = record["nik"];
  record["nik"] = nik.substr(0, 6) + "320290" + nik.substr(12);
  auto r = render_record_refused("ktp_el", record);
  EXPECT_THAT(r.out, AllOf(HasSubstr("nik: NIK birth date digits 320290"), HasSubstr("day 32")));
}

TEST_F(BadInput, StringOfAHundredThousandCharacters) {
  auto record = sample("ktp_el");
  record["nama"] = std::string(100000, 'A');
  auto r = render_record_refused("ktp_el", record);
  EXPECT_THAT(r.out, HasSubstr("nama: 100000 characters, at most 60 allowed [field.length]"));
  // The value itself is not echoed back.
  EXPECT_THAT(r.out, Not(HasSubstr(std::string(1000, 'A'))));
}

TEST_F(BadInput, ControlCharacterNamesFieldAndByte) {
  auto record = sample("ktp_el");
  record["nama"] = "BUDI\aSANTOSO";
  auto r = render_record_refused("ktp_el", record);
  EXPECT_THAT(r.out, HasSubstr("nama: control character U+0007 at byte 4 [field.format]"));
}

TEST_F(BadInput, InvalidUtf8NamesTheByteAndIsNotEchoed) {
  auto r = render_refused("ktp_el", write("bad.json", "{\"nama\": \"BUDI\xff\xfe\"}"));
  EXPECT_THAT(r.out, AllOf(HasSubstr("ill-formed UTF-8"), HasSubstr("at byte 14"),
                           HasSubstr("[json.syntax]")));
  // The terminal and logs get valid UTF-8 only.
  EXPECT_EQ(r.out.find('\xff'), std::string::npos) << r.out;
}

TEST_F(BadInput, TableOfTenThousandRows) {
  auto record = sample("kk");
  const json member = record["anggota"][0];
  record["anggota"] = json::array();
  for (int i = 0; i < 10000; ++i) record["anggota"].push_back(member);
  const auto started = std::chrono::steady_clock::now();
  auto r = render_record_refused("kk", record);
  EXPECT_THAT(r.out, HasSubstr("anggota: 10000 items, expected 1 to 20 [field.length]"));
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(20));
}

TEST_F(BadInput, UnknownDocumentTypeListsTheKnownOnes) {
  auto r = render_refused("ktp", write("record.json", sample("ktp_el").dump()));
  EXPECT_THAT(r.out, AllOf(HasSubstr("unknown document type \"ktp\""),
                           HasSubstr("known types: akta_kelahiran"), HasSubstr("ktp_el"),
                           HasSubstr("sk_tempat_tinggal")));
}

TEST_F(BadInput, RecordFileOverTheSizeLimit) {
  auto r = render_refused("ktp_el", write("record.json", sample("ktp_el").dump()),
                          "--unsigned --max-input-bytes 1000");
  EXPECT_THAT(r.out, AllOf(HasSubstr("record.json"), HasSubstr("1000")));
}

// Private keys. The suite runs as root in CI, where permission bits do not stop reading, so an
// unreadable key is a path that is not a regular file.
TEST_F(BadInput, UnreadablePrivateKey) {
  std::filesystem::create_directory(dir / "key.pem");
  auto r = render_refused("ktp_el", write("record.json", sample("ktp_el").dump()),
                          signing_options("--key " + quote((dir / "key.pem").string())));
  EXPECT_THAT(r.out, AllOf(HasSubstr("key.pem"), HasSubstr("not a regular file")));
}

TEST_F(BadInput, WorldReadablePrivateKeyIsRefused) {
  const auto key = dir / "key.pem";
  std::filesystem::copy_file(shared_pki() / "signing-key.pem", key);
  ASSERT_EQ(::chmod(key.c_str(), 0644), 0);
  auto r = render_refused("ktp_el", write("record.json", sample("ktp_el").dump()),
                          signing_options("--key " + quote(key.string())));
  EXPECT_THAT(
      r.out, AllOf(HasSubstr("accessible by group or others (mode 0644)"), HasSubstr("chmod 600")));
}

TEST_F(BadInput, WorldReadableSealKeyIsRefused) {
  const auto key = dir / "seal.pem";
  std::filesystem::copy_file(shared_pki() / "seal-key.pem", key);
  ASSERT_EQ(::chmod(key.c_str(), 0640), 0);
  auto r = render_refused("ktp_el", write("record.json", sample("ktp_el").dump()),
                          signing_options("--seal-key " + quote(key.string())));
  EXPECT_THAT(r.out, HasSubstr("accessible by group or others (mode 0640)"));
}

TEST_F(BadInput, CorruptPrivateKeyIsNotEchoed) {
  // Looks like a key and carries a recognisable secret; none of it may reach the message.
  const std::string secret = "c2VjcmV0LWtleS1tYXRlcmlhbC1kby1ub3QtbG9n";
  for (const char* option : {"--key", "--seal-key"}) {
    const auto key = dir / "corrupt.pem";
    std::filesystem::remove(key);
    write("corrupt.pem",
          "-----BEGIN PRIVATE KEY-----\n" + secret + "\n-----END PRIVATE KEY-----\n");
    ASSERT_EQ(::chmod(key.c_str(), 0600), 0);
    auto r = render_refused("ktp_el", write("record.json", sample("ktp_el").dump()),
                            signing_options(std::string(option) + " " + quote(key.string())));
    EXPECT_THAT(r.out, HasSubstr("corrupt.pem")) << option;
    EXPECT_THAT(r.out, Not(HasSubstr(secret.substr(0, 12)))) << option;
    EXPECT_THAT(r.out, Not(HasSubstr("BEGIN PRIVATE KEY"))) << option;
  }
}

// Registries.
class BadRegistry : public BadInput {
 protected:
  ToolResult issue_refused(const std::string& url) {
    auto record = sample("sk_kematian");
    record.erase("nomor");
    return render_refused("sk_kematian", write("record.json", record.dump()),
                          signing_options("--registry " + quote(url)));
  }
  ToolResult issue(const std::string& url, const std::string& out) {
    auto record = sample("sk_kematian");
    record.erase("nomor");
    return run_absah("render --type sk_kematian --data " +
                     quote(write("record.json", record.dump()).string()) + " --out " +
                     quote((dir / out).string()) + " " +
                     signing_options("--registry " + quote(url)));
  }
};

TEST_F(BadRegistry, LockedByAnotherProcess) {
  const auto db = dir / "absah.db";
  auto first = issue("sqlite:" + db.string(), "first.pdf");
  ASSERT_EQ(first.exit_code, 0) << first.out;
  // Another process takes the write lock and keeps it for a few seconds while we issue.
  auto started = run_tool("{ (echo 'BEGIN IMMEDIATE;'; sleep 4) | sqlite3 " + quote(db.string()) +
                          "; } >/dev/null 2>&1 &");
  ASSERT_EQ(started.exit_code, 0) << started.out;
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  auto r = issue_refused("sqlite:" + db.string() + "?busy_timeout_ms=300");
  EXPECT_THAT(r.out, AllOf(HasSubstr("database is locked"), HasSubstr("[registry.unavailable]")));
}

TEST_F(BadRegistry, Full) {
  const auto db = dir / "absah.db";
  auto first = issue("sqlite:" + db.string(), "first.pdf");
  ASSERT_EQ(first.exit_code, 0) << first.out;
  // The database may not grow by a single page: the next issue has nowhere to go.
  auto pages = run_tool("sqlite3 " + quote(db.string()) + " 'PRAGMA page_count;'");
  ASSERT_EQ(pages.exit_code, 0) << pages.out;
  const std::string cap = std::to_string(std::stoi(pages.out));
  std::string out;
  for (int i = 0; i < 50; ++i) {
    auto r = issue("sqlite:" + db.string() + "?max_page_count=" + cap, "more.pdf");
    if (r.exit_code != 0) {
      out = r.out;
      EXPECT_EQ(r.exit_code, 2) << r.out;
      EXPECT_FALSE(std::filesystem::exists(dir / "more.pdf"));
      break;
    }
    std::filesystem::remove(dir / "more.pdf");
  }
  EXPECT_THAT(out, AllOf(HasSubstr("full"), HasSubstr("[registry.unavailable]")));
}

TEST_F(BadRegistry, Unreachable) {
  auto r = issue_refused("postgresql://127.0.0.1:1/x");
  EXPECT_THAT(r.out, AllOf(HasSubstr("127.0.0.1"), HasSubstr("[registry.unavailable]")));
}

TEST_F(BadRegistry, UnknownUrlOption) {
  auto r = issue_refused("sqlite:" + (dir / "absah.db").string() + "?journal=off");
  EXPECT_THAT(r.out, HasSubstr("unknown option 'journal'"));
}

}  // namespace

}  // namespace absah::testing
