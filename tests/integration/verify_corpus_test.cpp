// The verifier's corpus: documents freshly issued into a registry, then damaged, extended by
// hostile incremental updates, printed and scanned, revoked or superseded. Each case asserts
// the exact verdict and reason code of `absah verify --json` (docs/verification.md).

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "engine/sign/dev_pki.h"
#include "tests/integration/tool_runner.h"

namespace absah::testing {
namespace {

std::string read_bytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_bytes(const std::filesystem::path& p, const std::string& data) {
  std::ofstream(p, std::ios::binary) << data;
}

class VerifyCorpus : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    ASSERT_EQ(run_absah("keys init --dir " + quote(pki().string())).exit_code, 0);
    issue("sk_kelahiran", "letter.pdf", true);
    issue("akta_kelahiran", "akta.pdf", true);
    issue("sk_kematian", "unregistered.pdf", false);
    issue("sk_pindah", "revoked.pdf", true);
    issue("sk_datang_luar_negeri", "superseded.pdf", true);
    issue("sk_pindah_datang", "replacement.pdf", true);
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  static std::filesystem::path pki() { return dir_->path() / "pki"; }
  static std::string registry() { return "sqlite:" + (dir_->path() / "reg.db").string(); }
  static std::filesystem::path file(const std::string& name) { return dir_->path() / name; }

  static void issue(const std::string& type, const std::string& out, bool registered) {
    std::string cmd = "render --type " + type + " --data " +
                      quote((source_dir() / "samples" / (type + ".json")).string()) + " --out " +
                      quote(file(out).string()) + " --keys " + quote(pki().string());
    if (registered) cmd += " --registry " + quote(registry());
    auto r = run_absah(cmd + " 2>&1");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    std::smatch m;
    if (std::regex_search(r.out, m, std::regex("issued: (\\S+)"))) numbers_[out] = m[1];
  }

  static nlohmann::json verify(const std::filesystem::path& f, const std::string& extra = "") {
    auto r = run_absah("verify " + quote(f.string()) + " --json --trust " + quote(pki().string()) +
                       " --registry " + quote(registry()) + " " + extra + " 2>/dev/null");
    EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.out;
    auto j = nlohmann::json::parse(r.out, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << r.out;
    EXPECT_EQ(r.exit_code == 0, j.value("verdict", "") == "valid");
    return j;
  }

  // Writes `pdf` under `name` and expects verdict and reason.
  static void expect(const std::string& name, const std::string& pdf, const std::string& verdict,
                     const std::string& reason) {
    write_bytes(file(name), pdf);
    auto j = verify(file(name));
    EXPECT_EQ(j["verdict"], verdict) << name << "\n" << j.dump(1);
    EXPECT_EQ(j["reason"], reason) << name << "\n" << j.dump(1);
  }

  // An incremental update (ISO 32000-1 §7.5.6) defining `objects` (number → body).
  static std::string append_update(std::string pdf,
                                   const std::vector<std::pair<int, std::string>>& objects) {
    std::smatch m;
    std::regex_search(pdf, m, std::regex("startxref\\s+(\\d+)"));
    const std::string prev = m[1];
    std::regex_search(pdf, m, std::regex("/Size (\\d+)"));
    int size = std::stoi(m[1]);
    std::regex_search(pdf, m, std::regex("/Root (\\d+) 0 R"));
    const std::string root = m[1];
    std::string xref = "xref\n0 1\n0000000000 65535 f \n";
    for (const auto& [num, body] : objects) {
      char entry[32];
      std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", pdf.size());
      pdf += std::to_string(num) + " 0 obj\n" + body + "\nendobj\n";
      xref += std::to_string(num) + " 1\n" + entry;
      size = std::max(size, num + 1);
    }
    const size_t xref_at = pdf.size();
    pdf += xref + "trailer\n<</Size " + std::to_string(size) + "/Root " + root + " 0 R/Prev " +
           prev + ">>\nstartxref\n" + std::to_string(xref_at) + "\n%%EOF\n";
    return pdf;
  }

  // The number of the object whose definition holds `needle`.
  static int object_with(const std::string& pdf, const std::string& needle) {
    size_t at = pdf.find(needle);
    if (at == std::string::npos) return -1;
    size_t obj = pdf.rfind(" 0 obj", at);
    size_t start = pdf.find_last_not_of("0123456789", obj - 1) + 1;
    return std::stoi(pdf.substr(start, obj - start));
  }
  static int next_free(const std::string& pdf) {
    std::smatch m;
    std::regex_search(pdf, m, std::regex("/Size (\\d+)"));
    return std::stoi(m[1]);
  }
  static std::array<size_t, 4> byte_range(const std::string& pdf) {
    std::smatch m;
    std::regex_search(pdf, m, std::regex("/ByteRange\\[(\\d+) (\\d+) (\\d+) (\\d+)"));
    return {std::stoul(m[1]), std::stoul(m[2]), std::stoul(m[3]), std::stoul(m[4])};
  }

  static inline TempDir* dir_ = nullptr;
  static inline std::map<std::string, std::string> numbers_;
};

TEST_F(VerifyCorpus, IssuedDocumentsAreValidWithEveryFieldAnOfficerCompares) {
  auto j = verify(file("letter.pdf"));
  EXPECT_EQ(j["verdict"], "valid") << j.dump(1);
  EXPECT_EQ(j["reason"], "");
  EXPECT_EQ(j["input"], "pdf");
  EXPECT_EQ(j["document"]["type"], "sk_kelahiran");
  EXPECT_EQ(j["document"]["number"], numbers_["letter.pdf"]);
  EXPECT_EQ(j["document"]["office"], "5271");
  EXPECT_FALSE(j["document"]["subject_name"].get<std::string>().empty());
  EXPECT_EQ(j["document"]["subject_id"].get<std::string>().size(), 16u);
  EXPECT_NE(j["signer"]["subject"].get<std::string>().find("Mataram"), std::string::npos);
  EXPECT_TRUE(j["signer"]["signing_time"].is_string());
  EXPECT_EQ(j["registry"]["status"], "active");
  for (const auto& c : j["checks"]) EXPECT_NE(c["result"], "fail") << c.dump();
  EXPECT_EQ(verify(file("akta.pdf"))["verdict"], "valid");
  // The readable summary is Indonesian with English reason codes.
  auto text = run_absah("verify " + quote(file("letter.pdf").string()) + " --trust " +
                        quote(pki().string()) + " --registry " + quote(registry()));
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("SAH"), std::string::npos);
  EXPECT_NE(text.out.find("signature.valid"), std::string::npos);
}

TEST_F(VerifyCorpus, ByteFlipsInEachSignedRangeAreTampering) {
  const std::string pdf = read_bytes(file("letter.pdf"));
  const auto br = byte_range(pdf);
  std::string first = pdf;
  first[br[1] / 2] ^= 0x01;  // inside a font or content stream
  expect("flip1.pdf", first, "tampered", "signature.invalid");
  std::string second = pdf;
  size_t widget = second.find("/Subtype/Widget", br[2]);
  ASSERT_NE(widget, std::string::npos);
  second[widget + 9] = 'V';  // "/Widget" → "/Vidget", still well-formed
  expect("flip2.pdf", second, "tampered", "signature.invalid");
  std::string xref = pdf;
  size_t entry = xref.find("00000 n", xref.rfind("\nxref\n"));
  ASSERT_NE(entry, std::string::npos);
  xref[entry - 3] = xref[entry - 3] == '9' ? '8' : '9';  // an xref offset digit
  expect("flip3.pdf", xref, "tampered", "signature.invalid");
}

TEST_F(VerifyCorpus, IncrementalUpdatesThatChangeWhatIsSeenAreTampering) {
  const std::string pdf = read_bytes(file("letter.pdf"));
  const int page = object_with(pdf, "/Type/Page/");
  ASSERT_GT(page, 0);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(pdf, m, std::regex("/Contents (\\d+) 0 R")));
  const int contents = std::stoi(m[1]);
  const std::string drawing = "BT /F1 24 Tf 100 700 Td (PALSU) Tj ET";
  const std::string stream =
      "<</Length " + std::to_string(drawing.size()) + ">>\nstream\n" + drawing + "\nendstream";
  expect("replace-content.pdf", append_update(pdf, {{contents, stream}}), "tampered",
         "updates.page_content");

  // A page whose content array gains a stream drawn over the original.
  const int n = next_free(pdf);
  std::string page_body = pdf.substr(pdf.find(std::to_string(page) + " 0 obj"));
  page_body =
      page_body.substr(page_body.find("<<"), page_body.find("endobj") - page_body.find("<<"));
  std::string added_page = std::regex_replace(
      page_body, std::regex("/Contents \\d+ 0 R"),
      "/Contents[" + std::to_string(contents) + " 0 R " + std::to_string(n) + " 0 R]");
  auto added = append_update(pdf, {{n, stream}, {page, added_page}});
  expect("add-content.pdf", added, "tampered", "updates.page_content");
  // The attack file is a well-formed PDF to an independent reader, and what it shows changed.
  EXPECT_EQ(run_tool("qpdf --check " + quote(file("add-content.pdf").string())).exit_code, 0);
  auto shown = run_tool("pdftotext " + quote(file("add-content.pdf").string()) + " - 2>/dev/null");
  auto original = run_tool("pdftotext " + quote(file("letter.pdf").string()) + " - 2>/dev/null");
  EXPECT_NE(shown.out, original.out);

  const std::string annot =
      "<</Type/Annot/Subtype/FreeText/Rect[100 600 400 650]/Contents(DIBATALKAN)/DA(/Helv 20 Tf)>>";
  std::string annotated_page = std::regex_replace(page_body, std::regex("/Annots\\[ "),
                                                  "/Annots[ " + std::to_string(n) + " 0 R ");
  expect("add-annotation.pdf", append_update(pdf, {{n, annot}, {page, annotated_page}}), "tampered",
         "updates.annotation");

  const int widget = object_with(pdf, "/FT/Sig");
  ASSERT_GT(widget, 0);
  std::string widget_body = pdf.substr(pdf.find(std::to_string(widget) + " 0 obj"));
  widget_body = widget_body.substr(widget_body.find("<<"),
                                   widget_body.find("endobj") - widget_body.find("<<"));
  expect("form-value.pdf",
         append_update(pdf, {{widget, std::regex_replace(widget_body, std::regex("/V \\d+ 0 R"),
                                                         "/V(diubah)")}}),
         "tampered", "updates.form_value");

  const std::string second_sig =
      "<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached/ByteRange[0 10 20 30]"
      "/Contents<00>>>";
  expect("second-signature.pdf", append_update(pdf, {{n, second_sig}}), "tampered",
         "updates.signature_added");

  // The seal of another document copied over this one's link.
  const std::string other = read_bytes(file("akta.pdf"));
  ASSERT_TRUE(std::regex_search(other, m, std::regex("/URI\\(([^)]*)\\)")));
  const std::string other_uri = m[1];
  const int link = object_with(pdf, "/Subtype/Link");
  ASSERT_GT(link, 0);
  expect("copied-seal.pdf",
         append_update(pdf, {{link, "<</Type/Annot/Subtype/Link/Rect[0 0 10 10]/A<</S/URI/URI(" +
                                        other_uri + ")>>>>"}}),
         "tampered", "updates.annotation");

  // Garbage after %%EOF, and an xref-only update that points an object back at other bytes.
  expect("garbage.pdf", pdf + "this is not PDF\n", "tampered", "updates.unparseable");
  const std::string redirect = pdf + "xref\n0 1\n0000000000 65535 f \n" + std::to_string(contents) +
                               " 1\n0000000015 00000 n \ntrailer\n<</Size " + std::to_string(n) +
                               "/Root 1 0 R/Prev " +
                               std::to_string(std::stoul(pdf.substr(pdf.rfind("startxref") + 10))) +
                               ">>\nstartxref\n" + std::to_string(pdf.size()) + "\n%%EOF\n";
  expect("xref-redirect.pdf", redirect, "tampered", "updates.xref_redirect");
}

TEST_F(VerifyCorpus, DamagedSignatureDictionariesHaveTheirOwnCodes) {
  const std::string pdf = read_bytes(file("letter.pdf"));
  const auto br = byte_range(pdf);
  std::string zeroed = pdf;
  std::fill(zeroed.begin() + br[1] + 1, zeroed.begin() + br[2] - 1, '0');
  expect("zeroed.pdf", zeroed, "invalid", "signature.cms_malformed");
  std::string garbage = pdf;
  for (size_t i = br[1] + 1; i + 1 < br[2]; ++i) garbage[i] = "0123456789ABCDEF"[i % 16];
  expect("garbage-contents.pdf", garbage, "invalid", "signature.cms_malformed");

  auto with_range = [&](const std::string& replacement) {
    std::string out = pdf;
    size_t at = out.find("/ByteRange[") + 11;
    size_t end = out.find(']', at);
    std::string r = replacement;
    r.resize(end - at, ' ');
    out.replace(at, end - at, r);
    return out;
  };
  auto range = [](size_t a, size_t b, size_t c, size_t d) {
    return std::to_string(a) + " " + std::to_string(b) + " " + std::to_string(c) + " " +
           std::to_string(d);
  };
  expect("br-not-start.pdf", with_range(range(1, br[1], br[2], br[3])), "invalid",
         "signature.byte_range_not_from_start");
  expect("br-overlap.pdf", with_range(range(0, br[2], br[1], br[3])), "invalid",
         "signature.byte_range_overlap");
  expect("br-past-end.pdf", with_range(range(0, br[1], br[2], br[3] + 5000)), "invalid",
         "signature.byte_range_past_end");
  expect("br-short.pdf", with_range(range(0, br[1], br[2], br[3] - 40)), "tampered",
         "signature.byte_range_short");
  expect("br-malformed.pdf", with_range("0 x 1 2"), "invalid", "signature.byte_range_malformed");
}

TEST_F(VerifyCorpus, TruncatedAndForeignFiles) {
  const std::string pdf = read_bytes(file("letter.pdf"));
  // Cut just after the signature dictionary: the signed ranges reach past the end.
  const size_t after_signature = pdf.find("endobj", pdf.find("/Type/Sig")) + 6;
  ASSERT_LT(after_signature, pdf.size());
  expect("truncated.pdf", pdf.substr(0, after_signature), "invalid",
         "signature.byte_range_past_end");
  // Cut before the signature dictionary, with the seal's link still there.
  expect("truncated-early.pdf", pdf.substr(0, pdf.find("/Type/Sig")), "invalid",
         "signature.missing");
  expect("header-only.pdf", pdf.substr(0, 20), "unreadable", "seal.no_qr");
  expect("text.txt", "Surat Keterangan Kelahiran\n", "unreadable", "input.unrecognised");
  std::string random(4096, '\0');
  for (size_t i = 0; i < random.size(); ++i) random[i] = static_cast<char>((i * 7919) >> 3);
  expect("random.bin", random, "unreadable", "input.unrecognised");
}

TEST_F(VerifyCorpus, UntrustedAndExpiredSigners) {
  // Another PKI: a signer whose root the verifier does not trust.
  const auto other = dir_->path() / "other-pki";
  ASSERT_EQ(run_absah("keys init --dir " + quote(other.string())).exit_code, 0);
  auto r =
      run_absah("render --type sk_kelahiran --data " +
                quote((source_dir() / "samples/sk_kelahiran.json").string()) + " --out " +
                quote(file("foreign.pdf").string()) + " --keys " + quote(other.string()) + " 2>&1");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  auto j = verify(file("foreign.pdf"));
  EXPECT_EQ(j["verdict"], "invalid");
  EXPECT_EQ(j["reason"], "signature.certificate_untrusted") << j.dump(1);

  // A certificate that expired before the document was signed.
  const auto expired = dir_->path() / "expired-pki";
  sign::DevPkiOptions options;
  options.dir = expired;
  options.not_before = 1735689600;  // 2025-01-01
  options.not_after = 1751328000;   // 2025-07-01
  ASSERT_TRUE(sign::create_dev_pki(options).ok());
  r = run_absah("render --type sk_kelahiran --data " +
                quote((source_dir() / "samples/sk_kelahiran.json").string()) + " --out " +
                quote(file("expired.pdf").string()) + " --keys " + quote(expired.string()) +
                " 2>&1");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  auto e = run_absah("verify " + quote(file("expired.pdf").string()) + " --json --trust " +
                     quote(expired.string()) + " 2>/dev/null");
  auto ej = nlohmann::json::parse(e.out, nullptr, false);
  EXPECT_EQ(ej["verdict"], "invalid") << e.out;
  EXPECT_EQ(ej["reason"], "signature.certificate_expired") << e.out;
}

TEST_F(VerifyCorpus, RegistryStatusDecidesForAuthenticDocuments) {
  ASSERT_EQ(run_absah("registry revoke " + quote(numbers_["revoked.pdf"]) + " --registry " +
                      quote(registry()) + " --reason " + quote("data keliru") + " 2>&1")
                .exit_code,
            0);
  auto j = verify(file("revoked.pdf"));
  EXPECT_EQ(j["verdict"], "revoked") << j.dump(1);
  EXPECT_EQ(j["reason"], "registry.revoked");
  EXPECT_EQ(j["registry"]["reason"], "data keliru");
  EXPECT_TRUE(j["registry"]["at"].is_string());

  auto s =
      run_absah("registry supersede " + quote(numbers_["superseded.pdf"]) + " " +
                quote(numbers_["replacement.pdf"]) + " --registry " + quote(registry()) + " 2>&1");
  ASSERT_EQ(s.exit_code, 0) << s.out;
  j = verify(file("superseded.pdf"));
  EXPECT_EQ(j["verdict"], "superseded") << j.dump(1);
  EXPECT_EQ(j["reason"], "registry.superseded");
  EXPECT_EQ(j["registry"]["superseded_by"], numbers_["replacement.pdf"]);

  j = verify(file("unregistered.pdf"));
  EXPECT_EQ(j["verdict"], "unknown") << j.dump(1);
  EXPECT_EQ(j["reason"], "registry.unknown");
}

TEST_F(VerifyCorpus, PrintsScannedAndPhotographedAreReadFromTheirQr) {
  const std::string pdf = file("letter.pdf").string();
  for (int dpi : {150, 200}) {
    const std::string base = (dir_->path() / ("scan" + std::to_string(dpi))).string();
    ASSERT_EQ(run_tool("pdftoppm -r " + std::to_string(dpi) + " -gray -png -singlefile " +
                       quote(pdf) + " " + quote(base))
                  .exit_code,
              0);
    auto j = verify(base + ".png");
    EXPECT_EQ(j["verdict"], "valid") << dpi << " dpi\n" << j.dump(1);
    EXPECT_EQ(j["input"], "png");
    EXPECT_EQ(j["document"]["number"], numbers_["letter.pdf"]);
  }
  const std::string scan = (dir_->path() / "scan200.png").string();
  const std::string photo = (dir_->path() / "photo.jpg").string();
  ASSERT_EQ(run_tool("convert " + quote(scan) + " -rotate 7 -attenuate 0.3 +noise Gaussian " +
                     "-quality 40 " + quote(photo))
                .exit_code,
            0);
  auto j = verify(photo);
  EXPECT_EQ(j["verdict"], "valid") << j.dump(1);
  EXPECT_EQ(j["input"], "jpeg");

  // A page with its QR painted over cannot be judged.
  const std::string blank = (dir_->path() / "no-qr.png").string();
  ASSERT_EQ(run_tool("convert " + quote(scan) + " -fill white -draw 'rectangle 0,0 5000,8000' " +
                     quote(blank))
                .exit_code,
            0);
  j = verify(blank);
  EXPECT_EQ(j["verdict"], "unreadable");
  EXPECT_EQ(j["reason"], "seal.no_qr");
}

}  // namespace
}  // namespace absah::testing
