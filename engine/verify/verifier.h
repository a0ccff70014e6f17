#pragma once
// The verifier: one call takes whatever a citizen brought (a signed PDF, a scanned PDF, a PNG
// or JPEG scan or phone photo, decided by content) and returns one report: a verdict, every
// check with pass/fail and a stable reason code, and the fields an officer compares with the
// paper. The CLI (`absah verify`) and the HTTP service (`POST /v1/verify`, `GET /v/<seal>`)
// are thin shells around it. The report's JSON schema is in docs/verification.md.
//
// Every input is treated as hostile: sizes, object counts, nesting and decompression are
// bounded by VerifyLimits, and offsets read from the file are checked before use.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "engine/base/result.h"
#include "engine/registry/registry.h"
#include "engine/seal/seal.h"
#include "engine/seal/trust_list.h"
#include "engine/sign/trust_store.h"
#include "engine/verify/image_load.h"

namespace absah::verify {

// Ordered from best to worst only for display; the verdict rules are in verifier.cpp.
enum class Verdict : uint8_t {
  Valid = 0,   // signature (PDF) and seal verify, the registry has it active, all agree
  Revoked,     // authentic, but the registry says revoked
  Superseded,  // authentic, but replaced by a newer number
  Unknown,     // authentic seal, but the number is not in the registry
  Tampered,    // signed bytes changed, or changes after signing that alter what is seen
  Invalid,     // a signature or seal that does not verify, an untrusted signer, disagreement
  Unreadable,  // no document could be read: not a PDF/PNG/JPEG, or no QR code found
};

std::string_view to_string(Verdict verdict);
// The verdict as an officer reads it, in Indonesian ("SAH", "DICABUT", ...).
std::string_view verdict_label_id(Verdict verdict);
std::string_view verdict_label_en(Verdict verdict);

// Warn: a difference an officer should know about that does not decide the verdict (the PDF's
// digest differs from the registered one while signature, seal and record all agree: the
// office signed the same document twice).
enum class CheckResult : uint8_t { Pass = 0, Fail, Skipped, Warn };
std::string_view to_string(CheckResult result);

struct CheckOutcome {
  std::string check;  // "input", "pdf_structure", "pdf_signature", "certificate", "updates",
                      // "seal", "seal_pdf_agreement", "registry", "registry_agreement"
  CheckResult result = CheckResult::Skipped;
  std::string code;     // stable reason code, e.g. "signature.invalid", "seal.bad_signature"
  std::string message;  // English detail for officers; never a full NIK
};

// What the seal (and the registry) say the document is: the fields an officer compares with
// the paper in front of them.
struct DocumentFields {
  std::string type;          // "akta_kelahiran"
  std::string number;        // as printed
  std::string subject_name;  // as printed
  std::string subject_id;    // NIK or KK number, full (officers only; masked for the public)
  std::string issue_date;    // ISO 8601 date
  std::string office;        // region code, "5271"
  std::string office_name;   // from the seal trust list
};

struct SignerSummary {
  std::string subject;                    // RFC 2253 subject of the signing certificate
  std::string algorithm;                  // "ECDSA P-256 SHA-256", "RSA SHA-256"
  std::optional<int64_t> signing_time;    // /M of the signature dictionary (claimed)
  std::optional<int64_t> timestamp_time;  // genTime of a valid RFC 3161 token
};

struct RegistryStatus {
  std::string status;  // "active", "revoked", "superseded"
  std::string reason;  // revocation reason
  std::optional<int64_t> at;
  std::string superseded_by;
};

enum class InputKind : uint8_t { Unknown = 0, Pdf, ScannedPdf, Png, Jpeg, SealText };
std::string_view to_string(InputKind kind);

struct VerificationReport {
  Verdict verdict = Verdict::Unreadable;
  InputKind input = InputKind::Unknown;
  std::optional<DocumentFields> document;
  std::optional<SignerSummary> signer;
  std::optional<RegistryStatus> registry;
  std::vector<CheckOutcome> checks;
  // The first failing check's code (the reason for the verdict); empty when valid.
  std::string reason;
};

struct VerifyLimits {
  uint64_t max_input_bytes = 64ull << 20;            // 64 MiB
  uint64_t max_pdf_objects = 200'000;                // object headers in the file
  uint32_t max_nesting = 64;                         // arrays/dictionaries inside each other
  uint64_t max_inflated_stream_bytes = 64ull << 20;  // one decompressed stream
  uint64_t max_inflated_total_bytes = 256ull << 20;  // all decompressed streams of one file
  uint32_t max_scanned_images = 16;                  // page images tried in a scanned PDF
  ImageLimits image;
};

struct VerifyContext {
  const sign::TrustStore* pdf_trust = nullptr;  // roots for PDF signatures (required for PDFs)
  const seal::TrustList* seal_trust = nullptr;  // seal keys (required)
  registry::Registry* registry = nullptr;       // optional: no registry, no registry checks
  int64_t now_unix = 0;                         // the engine never reads the clock
  seal::SealCheckOptions seal_options;
  VerifyLimits limits;
};

// Verifies a file's bytes. A negative verdict is a report, not an error; the Result is an error
// only when verification could not run: a missing trust store (Usage), or a registry that
// cannot be reached (RegistryUnavailable).
Result<VerificationReport> verify_document(std::string_view bytes, const VerifyContext& context);

// Verifies the text of a QR code (the URL a phone opens): seal and registry only. Used by the
// public page behind every QR.
Result<VerificationReport> verify_seal_text(std::string_view qr_text, const VerifyContext& context);

struct ReportJsonOptions {
  // For the public: subject name masked ("B*** S******"), subject_id cut to region and the
  // last 4 digits, signer and detail messages left out.
  bool public_view = false;
};

// The report as JSON (docs/verification.md): {"verdict", "reason", "input", "document",
// "signer", "registry", "checks": [{"check", "result", "code", "message"}]}.
nlohmann::json report_to_json(const VerificationReport& report,
                              const ReportJsonOptions& options = {});

}  // namespace absah::verify
