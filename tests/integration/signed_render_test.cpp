// Signed and sealed documents from the real binary, judged independently: poppler's pdfsig
// (NSS) must call each signature valid and — with our development root in its NSS database —
// trusted; OpenSSL's cms tool must see the RFC 3161 token in B-T signatures; zbarimg must read
// the QR seal from a 150-dpi rendering, also rotated, blurred and JPEG-compressed, and
// `absah seal decode` must find it valid with the record's data.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "tests/integration/tool_runner.h"
#include "tests/tools/tsa/tsa_server.h"

namespace absah::testing {

namespace {

using ::testing::HasSubstr;

// One development PKI and NSS database for the whole suite.
class Pki {
 public:
  static Pki& get() {
    static Pki pki;
    return pki;
  }
  std::filesystem::path dir() const { return m_dir.path() / "pki"; }
  std::string nss() const { return "sql:" + (m_dir.path() / "nss").string(); }
  std::string keys_args() const { return "--keys " + quote(dir().string()); }

 private:
  Pki() {
    auto init = run_absah("keys init --dir " + quote(dir().string()));
    EXPECT_EQ(init.exit_code, 0) << init.out;
    std::filesystem::create_directories(m_dir.path() / "nss");
    EXPECT_EQ(run_tool("certutil -N -d " + nss() + " --empty-password").exit_code, 0);
    auto add = run_tool("certutil -A -d " + nss() + " -n absah-dev-root -t CT,C,C -i " +
                        quote((dir() / "root-ca.pem").string()));
    EXPECT_EQ(add.exit_code, 0) << add.out;
  }
  TempDir m_dir;
};

std::string sample(const std::string& type) {
  return (source_dir() / "samples" / (type + ".json")).string();
}

struct Rendered {
  ToolResult result;
  std::string seal_url;
};

Rendered render(const std::string& type, const std::filesystem::path& out,
                const std::string& extra = "") {
  Rendered r;
  r.result = run_absah("render --type " + type + " --data " + quote(sample(type)) + " --out " +
                       quote(out.string()) + " " + Pki::get().keys_args() + " " + extra);
  std::smatch m;
  if (std::regex_search(r.result.out, m, std::regex("seal: (\\S+)"))) r.seal_url = m[1];
  return r;
}

void expect_pdfsig_valid_and_trusted(const std::filesystem::path& pdf) {
  auto sig = run_tool("pdfsig -nssdir " + Pki::get().nss() + " " + quote(pdf.string()));
  // pdfsig exits 0 even on a digest mismatch: judge its words.
  EXPECT_THAT(sig.out, HasSubstr("Signature Validation: Signature is Valid.")) << sig.out;
  EXPECT_THAT(sig.out, HasSubstr("Certificate Validation: Certificate is Trusted.")) << sig.out;
  EXPECT_THAT(sig.out, HasSubstr("Signature Type: ETSI.CAdES.detached")) << sig.out;
  EXPECT_THAT(sig.out, HasSubstr("Total document signed")) << sig.out;
  auto check = run_tool("qpdf --check " + quote(pdf.string()));
  EXPECT_EQ(check.exit_code, 0) << check.out;
}

// The CMS from the signature's Contents, located by its ByteRange.
std::string extract_cms(const std::string& pdf) {
  std::smatch m;
  std::regex br("/ByteRange\\s*\\[\\s*0\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s*\\]");
  if (!std::regex_search(pdf, m, br)) return {};
  size_t start = std::stoul(m[1]) + 1, end = std::stoul(m[2]) - 1;
  std::string hex = pdf.substr(start, end - start), der;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    der += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return der;
}

struct Case {
  std::string type;
  std::string key;  // "ecdsa" or "rsa"
};

class SignedDocument : public ::testing::TestWithParam<Case> {};

}  // namespace

TEST_P(SignedDocument, PdfsigCallsItValidAndTrusted) {
  const Case& c = GetParam();
  TempDir dir;
  auto pdf = dir / "doc.pdf";
  std::string key;
  if (c.key == "rsa")
    key = "--key " + quote((Pki::get().dir() / "signing-rsa-key.pem").string()) + " --cert " +
          quote((Pki::get().dir() / "signing-rsa.pem").string());
  auto r = render(c.type, pdf, key);
  ASSERT_EQ(r.result.exit_code, 0) << r.result.out;
  EXPECT_THAT(r.result.out, HasSubstr(c.key == "rsa" ? "rsa-pkcs1-sha256" : "ecdsa-p256-sha256"));
  expect_pdfsig_valid_and_trusted(pdf);
}

INSTANTIATE_TEST_SUITE_P(CardLetterAkta, SignedDocument,
                         ::testing::Values(Case{"ktp_el", "ecdsa"}, Case{"sk_kematian", "ecdsa"},
                                           Case{"akta_kelahiran", "ecdsa"}, Case{"ktp_el", "rsa"},
                                           Case{"sk_kematian", "rsa"},
                                           Case{"akta_kelahiran", "rsa"}),
                         [](const auto& info) { return info.param.type + "_" + info.param.key; });

TEST(SignedRender, RsaSignedAndSealedRerenderIsByteIdentical) {
  // RSA PKCS#1 v1.5 is deterministic and the seal uses RFC 6979 nonces, so the same record,
  // time and keys give the same bytes — in another time zone and locale too.
  TempDir dir;
  std::string key = "--key " + quote((Pki::get().dir() / "signing-rsa-key.pem").string()) +
                    " --cert " + quote((Pki::get().dir() / "signing-rsa.pem").string()) + " " +
                    Pki::get().keys_args();
  auto run = [&](const std::filesystem::path& out, const std::string& env) {
    return run_tool(env +
                    " SOURCE_DATE_EPOCH=1795163400 ABSAH_DATA_DIR=" + quote(source_dir().string()) +
                    " " + quote(ABSAH_BINARY) + " render --type akta_kelahiran --data " +
                    quote(sample("akta_kelahiran")) + " --out " + quote(out.string()) + " " + key);
  };
  auto a = run(dir / "a.pdf", "TZ=UTC");
  auto b = run(dir / "b.pdf", "TZ=Asia/Makassar LC_ALL=C.UTF-8");
  ASSERT_EQ(a.exit_code, 0) << a.out;
  ASSERT_EQ(b.exit_code, 0) << b.out;
  EXPECT_EQ(read_text(dir / "a.pdf"), read_text(dir / "b.pdf"));
}

TEST(SignedRender, AFlippedByteIsADigestMismatchForPdfsig) {
  TempDir dir;
  auto pdf = dir / "doc.pdf";
  ASSERT_EQ(render("sk_kematian", pdf).result.exit_code, 0);
  std::string bytes = read_text(pdf);
  size_t at = bytes.find("/Title");
  ASSERT_NE(at, std::string::npos);
  bytes[at + 8] ^= 0x01;
  std::ofstream(pdf, std::ios::binary) << bytes;
  auto sig = run_tool("pdfsig -nssdir " + Pki::get().nss() + " " + quote(pdf.string()));
  EXPECT_THAT(sig.out, HasSubstr("Digest Mismatch")) << sig.out;
}

TEST(SignedRender, TimestampedThroughALoopbackTsa) {
  TsaConfig config;
  config.certificate = Pki::get().dir() / "tsa.pem";
  config.private_key = Pki::get().dir() / "tsa-key.pem";
  config.chain = Pki::get().dir() / "chain.pem";
  auto tsa = TsaServer::start(config);
  ASSERT_TRUE(tsa) << tsa.error().describe();
  TempDir dir;
  auto pdf = dir / "doc.pdf";
  auto r = render("akta_kelahiran", pdf, "--tsa " + (*tsa)->url());
  ASSERT_EQ(r.result.exit_code, 0) << r.result.out;
  expect_pdfsig_valid_and_trusted(pdf);
  auto der = dir / "cms.der";
  std::ofstream(der, std::ios::binary) << extract_cms(read_text(pdf));
  auto print = run_tool("openssl cms -cmsout -print -inform DER -in " + quote(der.string()));
  EXPECT_THAT(print.out, HasSubstr("id-smime-aa-timeStampToken")) << "B-T carries the token";
}

TEST(SignedRender, NoCmsSigningTimeTheClaimedTimeIsInM) {
  TempDir dir;
  auto pdf = dir / "doc.pdf";
  ASSERT_EQ(render("kk", pdf).result.exit_code, 0);
  const std::string bytes = read_text(pdf);
  auto der = dir / "cms.der";
  std::ofstream(der, std::ios::binary) << extract_cms(bytes);
  auto print = run_tool("openssl cms -cmsout -print -inform DER -in " + quote(der.string()));
  EXPECT_THAT(print.out, HasSubstr("id-smime-aa-signingCertificateV2")) << print.out;
  EXPECT_THAT(print.out, ::testing::Not(HasSubstr("signingTime")))
      << "PAdES baseline (EN 319 142-1): /M only";
  EXPECT_TRUE(std::regex_search(bytes, std::regex("/M ?\\(D:[0-9]{14}Z\\)")))
      << "claimed signing time in /M";
}

TEST(SignedRender, ThroughAPkcs11Token) {
  if (run_tool("command -v softhsm2-util").exit_code != 0) GTEST_SKIP() << "softhsm2 not installed";
  TempDir token;
  auto made = run_tool("PKI_DIR=" + quote(Pki::get().dir().string()) + " sh " +
                       quote((source_dir() / "keys" / "softhsm-dev-token.sh").string()) + " " +
                       quote(token.path().string()));
  ASSERT_EQ(made.exit_code, 0) << made.out;
  TempDir dir;
  auto pdf = dir / "doc.pdf";
  // The token lives where SOFTHSM2_CONF says; the binary inherits it.
  auto r = run_tool("SOFTHSM2_CONF=" + quote((token.path() / "softhsm2.conf").string()) +
                    " ABSAH_DATA_DIR=" + quote(source_dir().string()) + " " + quote(ABSAH_BINARY) +
                    " render --type ktp_el --data " + quote(sample("ktp_el")) + " --out " +
                    quote(pdf.string()) + " " + Pki::get().keys_args() +
                    " --key 'pkcs11:token=absah-dev;object=signing-ec?pin-value=123456' --cert " +
                    quote((Pki::get().dir() / "signing-ec.pem").string()) + " --chain " +
                    quote((Pki::get().dir() / "chain.pem").string()));
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_THAT(r.out, HasSubstr("PKCS#11"));
  expect_pdfsig_valid_and_trusted(pdf);
}

// --- QR seal -------------------------------------------------------------------------------

namespace {

class SealedDocument : public ::testing::TestWithParam<std::string> {};

std::string zbar(const std::filesystem::path& image) {
  // zbarimg's D-Bus chatter goes to stderr, which is dropped inside the group.
  auto r = run_tool("(zbarimg -q --raw --set '*.enable=0' --set qrcode.enable=1 " +
                    quote(image.string()) + " 2>/dev/null)");
  std::string out = r.out;
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

// A one-page "scanned" PDF holding a greyscale JPEG as its page image, written by hand (the
// structure a scanner produces: an image XObject drawn over the whole page).
std::string scanned_pdf(const std::string& jpeg, int width, int height) {
  std::vector<std::string> objects = {
      "<</Type/Catalog/Pages 2 0 R>>",
      "<</Type/Pages/Kids[3 0 R]/Count 1>>",
      "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</XObject<</Im1 4 0 "
      "R>>>>/Contents 5 0 R>>",
      "<</Type/XObject/Subtype/Image/Width " + std::to_string(width) + "/Height " +
          std::to_string(height) +
          "/ColorSpace/DeviceGray/BitsPerComponent 8/Filter/DCTDecode/Length " +
          std::to_string(jpeg.size()) + ">>stream\n" + jpeg + "\nendstream",
  };
  const std::string content = "q 595 0 0 842 0 0 cm /Im1 Do Q";
  objects.push_back("<</Length " + std::to_string(content.size()) + ">>stream\n" + content +
                    "\nendstream");
  std::string pdf = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  char line[32];
  for (size_t off : offsets) {
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
    pdf += line;
  }
  pdf += "trailer\n<</Size " + std::to_string(objects.size() + 1) + "/Root 1 0 R>>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

}  // namespace

TEST_P(SealedDocument, ReadsBackFromA150DpiPrintAlsoDegraded) {
  const std::string type = GetParam();
  TempDir dir;
  auto pdf = dir / "doc.pdf";
  auto r = render(type, pdf);
  ASSERT_EQ(r.result.exit_code, 0) << r.result.out;
  ASSERT_FALSE(r.seal_url.empty()) << r.result.out;
  ASSERT_THAT(r.seal_url, ::testing::StartsWith("http://localhost:8080/v/"));

  // The QR area is a link to the same URL.
  EXPECT_NE(read_text(pdf).find("/URI(" + r.seal_url + ")"), std::string::npos);

  // 150 dpi, the seal's page (the back of a card, the first page of paper).
  std::string page = type == "ktp_el" ? "2" : "1";
  ASSERT_EQ(run_tool("pdftoppm -r 150 -gray -png -f " + page + " -l " + page + " -singlefile " +
                     quote(pdf.string()) + " " + quote((dir / "scan").string()))
                .exit_code,
            0);
  const auto scan = dir / "scan.png";
  const auto record = nlohmann::json::parse(read_text(sample(type)));

  struct Variant {
    std::string file, ops;
    bool zbar_reads;  // zbarimg 0.23 loses the blurred 150-dpi letters' seals; absah reads them
  };
  const std::vector<Variant> variants = {
      {"straight.png", "", true},
      {"rot90.png", "-rotate 90", true},
      {"rot7.png", "-background white -rotate 7", true},
      {"blur.png", "-blur 0x1", false},
      {"q40.jpg", "-quality 40", true},
  };
  for (const auto& [name, ops, zbar_reads] : variants) {
    auto image = dir / name;
    auto conv =
        run_tool("convert " + quote(scan.string()) + " " + ops + " " + quote(image.string()));
    ASSERT_EQ(conv.exit_code, 0) << conv.out;
    if (zbar_reads) EXPECT_EQ(zbar(image), r.seal_url) << "zbarimg on " << name;
    auto decoded = run_absah("seal decode " + quote(image.string()) + " --json --trust " +
                             quote((Pki::get().dir() / "seal-trust.json").string()));
    EXPECT_EQ(decoded.exit_code, 0) << name << ": " << decoded.out;
    EXPECT_THAT(decoded.out, HasSubstr("\"valid\"")) << name;
    if (record.contains("nomor"))
      EXPECT_THAT(decoded.out, HasSubstr(record["nomor"].get<std::string>())) << name;
  }
}

INSTANTIATE_TEST_SUITE_P(CardLetterAkta, SealedDocument,
                         ::testing::Values("ktp_el", "sk_kematian", "akta_kelahiran"));

}  // namespace absah::testing
