// absah verify FILE [--registry URL] [--trust DIR] [--json]
// A first verifier (the full one with attack detection is the verifier issue): for a PDF the
// PAdES signature (sign/pades_check) and the seal from its link; for a PNG or JPEG the seal
// read from the image; then the registry's status for the seal's number. Exit 0 only for
// `valid`, 1 for any other verdict, 2 for usage or I/O errors.

#include <iostream>

#include <nlohmann/json.hpp>

#include "engine/base/file_io.h"
#include "engine/cli/args.h"
#include "engine/cli/cli_support.h"
#include "engine/cli/commands.h"
#include "engine/cli/signing_setup.h"
#include "engine/registry/registry.h"
#include "engine/seal/seal.h"
#include "engine/seal/trust_list.h"
#include "engine/sign/pades_check.h"
#include "engine/sign/trust_store.h"
#include "engine/verify/image_load.h"
#include "engine/verify/pdf_qr_source.h"
#include "engine/verify/qr_scan.h"

namespace absah::cli {

namespace {

struct Check {
  std::string name;
  bool pass = false;
  std::string code;
  std::string message;
};

const char* verdict_text_id(const std::string& v) {
  if (v == "valid") return "SAH — dokumen asli dan berlaku";
  if (v == "revoked") return "DICABUT — dokumen telah dicabut";
  if (v == "superseded") return "DIGANTI — dokumen telah diganti dengan nomor baru";
  if (v == "unknown") return "TIDAK TERDAFTAR — nomor tidak ada dalam register";
  if (v == "tampered") return "DIUBAH — isi berkas tidak sesuai tanda tangan";
  if (v == "unreadable") return "TIDAK TERBACA — kode QR tidak ditemukan";
  return "TIDAK SAH — segel atau tanda tangan tidak sah";
}

}  // namespace

int run_verify(const Argv& argv) {
  auto args = parse_args(argv, ArgSpec{{"registry", "trust", "keys"}, {"json"}});
  if (!args || args->positional.size() != 1) {
    if (!args) print_error(std::cerr, args.error());
    std::cerr << "usage: absah verify FILE [--registry URL] [--trust DIR] [--json]\n";
    return kExitUsage;
  }
  const std::string file = args->positional[0];
  auto bytes = read_file(file);
  if (!bytes) {
    print_error(std::cerr, bytes.error());
    return kExitUsage;
  }
  const std::filesystem::path trust_dir = args->get_or("trust", keys_dir(*args).string());
  auto seal_trust = seal::load_trust_list(trust_dir / "seal-trust.json");
  if (!seal_trust) {
    print_error(std::cerr, seal_trust.error());
    return kExitUsage;
  }
  auto now = current_time_unix();
  if (!now) {
    print_error(std::cerr, now.error());
    return kExitUsage;
  }

  std::vector<Check> checks;
  std::string verdict;
  std::vector<std::string> qr_texts;
  const auto kind = verify::sniff_image_kind(*bytes);
  if (kind == verify::ImageKind::Pdf) {
    auto roots = sign::TrustStore::from_file(trust_dir / "root-ca.pem");
    if (!roots) {
      print_error(std::cerr, roots.error());
      return kExitUsage;
    }
    auto sig = sign::check_last_signature(*bytes, *roots, {*now});
    if (!sig) {
      print_error(std::cerr, sig.error());
      return kExitUsage;
    }
    const std::string code =
        sig->ok() ? "signature.valid" : std::string(sign::to_string(sig->code));
    checks.push_back({"pdf_signature", sig->ok(), code,
                      sig->ok() ? "signed by " + sig->signer_subject : sig->message});
    if (!sig->ok())
      verdict = sig->code == sign::SignatureCheckCode::SignatureInvalid ||
                        sig->code == sign::SignatureCheckCode::NotWholeFile
                    ? "tampered"
                    : "invalid";
    auto texts = verify::qr_texts_from_pdf(*bytes);
    if (texts)
      for (auto& t : *texts) qr_texts.push_back(std::move(t.text));
  } else if (kind == verify::ImageKind::Png || kind == verify::ImageKind::Jpeg) {
    auto image = verify::load_grey_image(*bytes);
    if (!image) {
      print_error(std::cerr, image.error());
      return kExitUsage;
    }
    auto found = verify::scan_qr(*image);
    if (found)
      for (auto& q : *found) qr_texts.push_back(std::move(q.text));
  } else {
    print_error(std::cerr,
                Error(ErrorCode::Usage, file, "not a PDF, PNG or JPEG (decided by content)"));
    return kExitUsage;
  }

  std::optional<seal::SealPayload> payload;
  seal::SealCheck seal_check;
  seal_check.reason = seal::SealReason::NoQr;
  for (const auto& text : qr_texts) {
    seal_check = seal::check_seal_text(text, *seal_trust, *now);
    if (seal_check.valid()) break;
  }
  checks.push_back({"seal", seal_check.valid(),
                    "seal." + std::string(seal::to_string(seal_check.reason)), seal_check.message});
  if (seal_check.valid()) payload = seal_check.payload;
  if (verdict.empty() && !payload)
    verdict = seal_check.reason == seal::SealReason::NoQr && kind != verify::ImageKind::Pdf
                  ? "unreadable"
                  : "invalid";

  if (payload && args->get("registry")) {
    auto reg = registry::open_registry(*args->get("registry"));
    if (!reg) {
      print_error(std::cerr, reg.error());
      return kExitUsage;
    }
    auto doc = (*reg)->find(payload->document_number);
    if (!doc) {
      checks.push_back(
          {"registry", false, "registry.unknown", "the number is not in the registry"});
      if (verdict.empty()) verdict = "unknown";
    } else {
      std::string status(registry::to_string(doc->status));
      bool active = doc->status == registry::DocumentStatus::Active;
      std::string message = active ? "active" : status;
      if (!doc->status_reason.empty()) message += ": " + doc->status_reason;
      if (!doc->superseded_by.empty()) message += " by " + doc->superseded_by;
      checks.push_back({"registry", active, "registry." + status, message});
      bool agrees = doc->type == payload->document_type;
      checks.push_back({"registry_agreement", agrees,
                        agrees ? "registry.agrees" : "registry.type_mismatch",
                        agrees ? "seal and registry name the same document"
                               : "seal and registry disagree on the type"});
      if (verdict.empty()) verdict = !agrees ? "invalid" : active ? "valid" : status;
    }
  }
  if (verdict.empty()) verdict = "valid";

  nlohmann::json out = {{"verdict", verdict}, {"file", file}, {"checks", nlohmann::json::array()}};
  if (payload)
    out["document"] = {{"type", payload->document_type}, {"number", payload->document_number}};
  else
    out["document"] = nullptr;
  for (const auto& c : checks)
    out["checks"].push_back({{"check", c.name},
                             {"result", c.pass ? "pass" : "fail"},
                             {"code", c.code},
                             {"message", c.message}});
  if (args->flags.count("json")) {
    std::cout << out.dump(2) << "\n";
  } else {
    std::cout << file << ": " << verdict_text_id(verdict) << " [" << verdict << "]\n";
    if (payload)
      std::cout << "  " << payload->document_type << " " << payload->document_number << "\n";
    for (const auto& c : checks)
      std::cout << "  " << (c.pass ? "ok   " : "GAGAL") << " " << c.name << " (" << c.code << ")"
                << (c.message.empty() ? "" : ": " + c.message) << "\n";
  }
  return verdict == "valid" ? kExitOk : kExitNegative;
}

}  // namespace absah::cli
