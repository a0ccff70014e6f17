#include "tests/unit/sign/sign_test_support.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>

#include "engine/sign/dev_pki.h"

namespace absah::sign::testing {

ToolOutput run(const std::string& command) {
  ToolOutput result;
  std::string full = command + " 2>&1";
  FILE* pipe = ::popen(full.c_str(), "r");
  if (!pipe) return result;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) result.out.append(buf.data(), n);
  int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::string quote(const std::string& arg) {
  std::string out = "'";
  for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

bool have_tool(const std::string& name) {
  return run("command -v " + quote(name)).exit_code == 0;
}

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "absah-sign-XXXXXX").string();
  char* made = ::mkdtemp(pattern.data());
  if (made) m_path = made;
}

TempDir::~TempDir() {
  std::error_code ec;
  if (!m_path.empty()) std::filesystem::remove_all(m_path, ec);
}

std::string make_placeholder_pdf(size_t reserved_bytes) {
  std::string content = "0.2 0.3 0.6 rg 72 700 451 60 re f\n0 g 72 640 m 523 640 l S\n";
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] /SigFlags 3 >> >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> /Contents 6 0 R "
      "/Annots [4 0 R] >>",
      "<< /Type /Annot /Subtype /Widget /FT /Sig /T (Tanda Tangan Elektronik) /Rect [0 0 0 0] "
      "/F 132 /P 3 0 R /V 5 0 R >>",
      "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached "
      "/M (D:20261129080000+08'00') /Reason (Dokumen kependudukan) "
      "/ByteRange [0 9999999999 9999999999 9999999999] /Contents <" +
          std::string(2 * reserved_bytes, '0') + "> >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "endstream",
  };
  std::string pdf = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t off : offsets) {
    char line[24];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] "
         ">>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

const std::filesystem::path& pki_dir() {
  static TempDir dir;
  static bool made = [] {
    DevPkiOptions options;
    options.dir = dir.path();
    auto result = create_dev_pki(options);
    if (!result) ADD_FAILURE() << result.error().describe();
    return result.ok();
  }();
  (void)made;
  return dir.path();
}

const std::filesystem::path& nss_dir() {
  static TempDir dir;
  static bool made = [] {
    auto a = run("certutil -N -d sql:" + quote(dir.path().string()) + " --empty-password");
    auto b = run("certutil -A -d sql:" + quote(dir.path().string()) +
                 " -n absah-dev-root -t CT,C,C -i " + quote((pki_dir() / "root-ca.pem").string()));
    if (a.exit_code != 0 || b.exit_code != 0) ADD_FAILURE() << a.out << b.out;
    return true;
  }();
  (void)made;
  return dir.path();
}

std::string pdfsig(const std::filesystem::path& pdf) {
  return run("pdfsig -nssdir sql:" + quote(nss_dir().string()) + " " + quote(pdf.string())).out;
}

bool pdfsig_accepts(const std::string& report) {
  return report.find("Signature Type: ETSI.CAdES.detached") != std::string::npos &&
         report.find("Signature is Valid.") != std::string::npos &&
         report.find("Certificate is Trusted.") != std::string::npos &&
         report.find("Total document signed") != std::string::npos &&
         report.find("Signature #2") == std::string::npos;
}

void write_bytes(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::unique_ptr<KeyFileSigner> file_signer(const std::string& which) {
  auto signer =
      KeyFileSigner::open({pki_dir() / ("signing-" + which + "-key.pem"),
                           pki_dir() / ("signing-" + which + ".pem"), pki_dir() / "chain.pem"});
  EXPECT_TRUE(signer.ok()) << signer.error().describe();
  return signer.ok() ? std::move(*signer) : nullptr;
}

}  // namespace absah::sign::testing
