#pragma once
// Shared pieces of the sign/ tests: a minimal PDF with the writer's signature placeholders, a
// development PKI made once per test process, an NSS database trusting its root for pdfsig,
// and a runner for the independent judges (pdfsig, qpdf, openssl, softhsm2-util).

#include <filesystem>
#include <memory>
#include <string>

#include "engine/sign/key_file_signer.h"

namespace absah::sign::testing {

struct ToolOutput {
  int exit_code = -1;
  std::string out;  // stdout and stderr
};

ToolOutput run(const std::string& command);
std::string quote(const std::string& arg);
bool have_tool(const std::string& name);

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }
  std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

 private:
  std::filesystem::path m_path;
};

// A one-page PDF 1.7 with an AcroForm signature field whose /V is a /Sig dictionary holding
// `/ByteRange [0 9999999999 9999999999 9999999999]` and `/Contents <00…00>` (2×reserved
// zeros), with a correct classic xref table, as the PDF writer produces it.
std::string make_placeholder_pdf(size_t reserved_bytes = 16384);

// The development PKI (dev_pki.h, ECDSA CAs) made once in a temporary directory.
const std::filesystem::path& pki_dir();
// The PKI's "ec" or "rsa" signing key and certificate with the chain, as a key-file signer;
// null (and a test failure) if it cannot be opened.
std::unique_ptr<KeyFileSigner> file_signer(const std::string& which);
// An NSS database (sql:) trusting pki_dir()/root-ca.pem, made once.
const std::filesystem::path& nss_dir();

// pdfsig's report for a file, run against nss_dir().
std::string pdfsig(const std::filesystem::path& pdf);
// True when pdfsig calls the only signature valid, trusted, ETSI.CAdES.detached and total.
bool pdfsig_accepts(const std::string& report);

void write_bytes(const std::filesystem::path& path, const std::string& bytes);
std::string read_bytes(const std::filesystem::path& path);

}  // namespace absah::sign::testing
