#include "engine/verify/verifier.h"

#include <algorithm>
#include <cstdio>

#include "engine/registry/sha256_hex.h"
#include "engine/sign/dev_pki.h"
#include "engine/sign/pades_check.h"
#include "engine/verify/pdf_qr_source.h"
#include "engine/verify/pdf_signed_revision.h"
#include "engine/verify/pdf_updates.h"
#include "engine/verify/qr_scan.h"

namespace absah::verify {

namespace {

// The verdict a failing reason code leads to. Checks run in pipeline order and the first
// failure decides, so a tampered file is "tampered" even if its seal is also wrong.
Verdict verdict_for(std::string_view code, InputKind input) {
  auto starts = [&](std::string_view p) { return code.substr(0, p.size()) == p; };
  if (starts("input.")) return Verdict::Unreadable;
  if (code == "seal.no_qr") return input == InputKind::Pdf ? Verdict::Invalid : Verdict::Unreadable;
  if (code == "signature.invalid" || code == "signature.gap_not_contents" ||
      code == "signature.byte_range_short" || starts("updates."))
    return Verdict::Tampered;
  if (code == "registry.unknown") return Verdict::Unknown;
  if (code == "registry.revoked") return Verdict::Revoked;
  if (code == "registry.superseded") return Verdict::Superseded;
  return Verdict::Invalid;
}

class ReportBuilder {
 public:
  explicit ReportBuilder(InputKind input) { m_report.input = input; }

  void pass(std::string check, std::string code, std::string message = {}) {
    add(std::move(check), CheckResult::Pass, std::move(code), std::move(message));
  }
  void skip(std::string check, std::string message) {
    add(std::move(check), CheckResult::Skipped, "", std::move(message));
  }
  void warn(std::string check, std::string code, std::string message) {
    add(std::move(check), CheckResult::Warn, std::move(code), std::move(message));
  }
  void fail(std::string check, const Finding& f) {
    std::string message = f.message;
    if (f.offset) message += " (byte " + std::to_string(*f.offset) + ")";
    fail(std::move(check), f.code, std::move(message));
  }
  void fail(std::string check, std::string code, std::string message) {
    if (m_report.reason.empty()) {
      m_report.reason = code;
      m_decided = verdict_for(code, m_report.input);
    }
    add(std::move(check), CheckResult::Fail, std::move(code), std::move(message));
  }
  VerificationReport& report() { return m_report; }
  VerificationReport finish() {
    m_report.verdict = m_decided.value_or(Verdict::Valid);
    return std::move(m_report);
  }

 private:
  void add(std::string check, CheckResult r, std::string code, std::string message) {
    m_report.checks.push_back({std::move(check), r, std::move(code), std::move(message)});
  }
  VerificationReport m_report;
  std::optional<Verdict> m_decided;
};

std::string hex(std::string_view bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(digits[c >> 4]);
    out.push_back(digits[c & 15]);
  }
  return out;
}

std::string iso_date_from_days(int64_t days) {
  return sign::format_utc(days * 86400).substr(0, 10);
}

// Checks every QR text; the first valid seal wins, otherwise the most telling failure (one
// whose signature was checked, then any that looked like our seal).
seal::SealCheck best_seal(const std::vector<std::string>& texts, const VerifyContext& ctx) {
  seal::SealCheck best;
  best.reason = seal::SealReason::NoQr;
  best.message = "no QR code found";
  auto rank = [](const seal::SealCheck& c) {
    if (c.valid()) return 4;
    if (c.payload) return 3;
    if (c.reason == seal::SealReason::NoQr) return 0;
    if (c.reason == seal::SealReason::NotOurUrl) return 1;
    return 2;
  };
  for (const auto& t : texts) {
    seal::SealCheck c = seal::check_seal_text(t, *ctx.seal_trust, ctx.now_unix, ctx.seal_options);
    if (rank(c) > rank(best)) best = std::move(c);
    if (best.valid()) break;
  }
  return best;
}

void add_seal_checks(ReportBuilder& b, const seal::SealCheck& seal_check) {
  if (seal_check.payload) {
    const seal::SealPayload& p = *seal_check.payload;
    DocumentFields d;
    d.type = p.document_type;
    d.number = p.document_number;
    d.subject_name = p.subject_name;
    d.subject_id = p.subject_id;
    d.issue_date = iso_date_from_days(p.issue_date);
    d.office = std::to_string(p.office);
    d.office_name = seal_check.office_name;
    b.report().document = std::move(d);
  }
  const std::string code = "seal." + std::string(seal::to_string(seal_check.reason));
  if (seal_check.valid())
    b.pass("seal", code, "seal signature valid (key " + hex(seal_check.kid) + ")");
  else
    b.fail("seal", code, seal_check.message);
}

// Registry status and agreement of the registered document with the seal (and, for a digital
// PDF, with the file's digest).
Status add_registry_checks(ReportBuilder& b, const seal::SealPayload& p, const VerifyContext& ctx,
                           std::optional<std::string_view> pdf) {
  if (!ctx.registry) {
    b.skip("registry", "no registry configured");
    return ok_status();
  }
  auto doc = ctx.registry->find(p.document_number);
  if (!doc) {
    if (doc.error().code != ErrorCode::RegistryNotFound) return doc.take_error();
    b.fail("registry", "registry.unknown", "number " + p.document_number + " is not registered");
    return ok_status();
  }
  std::vector<std::string> differ;
  if (doc->type != p.document_type) differ.push_back("type");
  if (doc->subject_nik != p.subject_id) differ.push_back("subject");
  if (doc->office != std::to_string(p.office)) differ.push_back("office");
  if (doc->record_sha256.substr(0, 2 * p.record_digest.size()) != hex(p.record_digest))
    differ.push_back("record digest");
  if (differ.empty()) {
    b.pass("registry_agreement", "registry.agrees",
           "type, subject, office and record digest match the registered document");
  } else {
    std::string list;
    for (const auto& d : differ) list += (list.empty() ? "" : ", ") + d;
    b.fail("registry_agreement", "registry.mismatch",
           "the seal and the registered document differ in: " + list);
  }
  if (pdf) {
    if (registry::sha256_hex(*pdf) == doc->pdf_sha256)
      b.pass("registry_pdf_digest", "registry.pdf_digest_match",
             "the file is byte for byte the registered PDF");
    else
      b.warn("registry_pdf_digest", "registry.pdf_digest_differs",
             "the file's SHA-256 differs from the registered PDF's (signed again?)");
  }
  RegistryStatus status;
  status.status = std::string(registry::to_string(doc->status));
  status.reason = doc->status_reason;
  status.at = doc->status_at;
  status.superseded_by = doc->superseded_by;
  b.report().registry = status;
  switch (doc->status) {
    case registry::DocumentStatus::Active:
      b.pass("registry", "registry.active", "registered and active");
      break;
    case registry::DocumentStatus::Revoked:
      b.fail("registry", "registry.revoked",
             "revoked" + (doc->status_at ? " on " + sign::format_utc(*doc->status_at) : "") +
                 (doc->status_reason.empty() ? "" : ": " + doc->status_reason));
      break;
    case registry::DocumentStatus::Superseded:
      b.fail("registry", "registry.superseded",
             "superseded by " + doc->superseded_by +
                 (doc->status_at ? " on " + sign::format_utc(*doc->status_at) : ""));
      break;
  }
  return ok_status();
}

// A PDF text string (ISO 32000-1 §7.9.2.2): UTF-16BE with a BOM, else PDFDocEncoding, whose
// ASCII range is all a document number uses.
std::string pdf_text_string(const std::string& s) {
  if (s.size() < 2 || static_cast<unsigned char>(s[0]) != 0xFE ||
      static_cast<unsigned char>(s[1]) != 0xFF)
    return s;
  std::string out;
  for (size_t i = 2; i + 1 < s.size(); i += 2) {
    unsigned cp = (static_cast<unsigned char>(s[i]) << 8) | static_cast<unsigned char>(s[i + 1]);
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }
  return out;
}

// absah writes "<title> <number>" as the signed document information's /Subject.
std::optional<std::string> signed_subject(const PdfSection& s) {
  if (s.trailers.empty()) return std::nullopt;
  const PdfValue* info = s.trailers.front().get("Info");
  if (!info || info->kind != PdfValue::Kind::Ref) return std::nullopt;
  const PdfObjectDef* o = s.find(info->ref.num);
  if (!o) return std::nullopt;
  const PdfValue* subject = o->value.get("Subject");
  if (!subject || subject->kind != PdfValue::Kind::String) return std::nullopt;
  return pdf_text_string(subject->text);
}

std::string_view algorithm_name(sign::SignatureAlgorithm a) {
  switch (a) {
    case sign::SignatureAlgorithm::EcdsaP256Sha256:
      return "ECDSA P-256 SHA-256";
    case sign::SignatureAlgorithm::RsaPkcs1Sha256:
      return "RSA PKCS#1 v1.5 SHA-256";
    default:
      return "unknown";
  }
}

// The digital-PDF steps: signed revision, CMS and chain, appended updates. Returns the QR texts
// (links) of the signed revision.
std::vector<std::string> check_signed_pdf(ReportBuilder& b, std::string_view pdf,
                                          const VerifyContext& ctx, std::string& pdf_subject) {
  StructureLimits limits;
  limits.max_objects = ctx.limits.max_pdf_objects;
  limits.syntax.max_nesting = ctx.limits.max_nesting;
  SignedRevisionResult rev = read_signed_revision(pdf, limits);
  std::vector<std::string> texts;
  if (!rev.finding.ok() && rev.byte_range) {
    // Bytes changed inside the signed ranges explain any structural damage there.
    sign::CheckOptions at_now;
    at_now.verification_time = ctx.now_unix;
    auto sig = sign::check_signature(pdf, *rev.byte_range, *ctx.pdf_trust, at_now);
    if (sig && sig->code == sign::SignatureCheckCode::SignatureInvalid) {
      b.fail("pdf_signature", "signature.invalid", sig->message);
      b.skip("updates", "not reviewed: the signed bytes were changed");
      return texts;
    }
  }
  if (!rev.finding.ok()) {
    const bool structural = rev.finding.code.rfind("structure.", 0) == 0;
    if (structural) b.pass("pdf_signature", "signature.located", "signature dictionary found");
    b.fail(structural ? "pdf_structure" : "pdf_signature", rev.finding);
    b.skip("updates", "not reviewed: the signed revision could not be read");
    return texts;
  }
  const SignedRevision& r = *rev.revision;
  b.pass("pdf_structure", "structure.single_revision",
         "one signed revision, " + std::to_string(r.section.objects.size()) + " objects");

  // Certificates must be valid when the document was signed: the timestamp's time when there
  // is a valid one, else the claimed /M (itself inside the signed bytes).
  sign::CheckOptions options;
  options.verification_time = r.claimed_signing_time.value_or(ctx.now_unix);
  auto sig = sign::check_signature(pdf, r.byte_range, *ctx.pdf_trust, options);
  if (sig && sig->code == sign::SignatureCheckCode::CertificateNotValidAtTime &&
      sig->timestamp_unix) {
    options.verification_time = sig->timestamp_unix;
    sig = sign::check_signature(pdf, r.byte_range, *ctx.pdf_trust, options);
  }
  if (!sig) {
    b.fail("pdf_signature", "signature.unchecked", sig.error().message);
  } else {
    SignerSummary signer;
    signer.subject = sig->signer_subject;
    signer.algorithm = std::string(algorithm_name(sig->algorithm));
    signer.signing_time = r.claimed_signing_time;
    signer.timestamp_time = sig->timestamp_unix;
    if (sig->signature_valid) b.report().signer = signer;
    if (sig->ok() || sig->code == sign::SignatureCheckCode::NotWholeFile)
      b.pass("pdf_signature", "signature.valid",
             "PAdES signature valid, signed by " + sig->signer_subject +
                 (sig->has_timestamp ? ", timestamped" : ""));
    else
      b.fail("pdf_signature", std::string(sign::to_string(sig->code)), sig->message);
  }

  UpdateReview updates = review_updates(pdf, r, limits);
  if (!updates.finding.ok())
    b.fail("updates", updates.finding);
  else if (updates.appended_bytes == 0 || updates.updates == 0)
    b.pass("updates", "updates.none", "nothing after the signed revision");
  else
    b.pass("updates", "updates.dss_only",
           std::to_string(updates.updates) + " update(s) that only add validation data");

  for (auto& link : link_uris(r.section)) texts.push_back(std::move(link.text));
  pdf_subject = signed_subject(r.section).value_or("");
  return texts;
}

std::vector<std::string> texts_of(std::vector<PdfQrText> found) {
  std::vector<std::string> out;
  for (auto& f : found) out.push_back(std::move(f.text));
  return out;
}

Result<VerificationReport> finish_with_seal(ReportBuilder& b, const std::vector<std::string>& texts,
                                            const VerifyContext& ctx,
                                            std::optional<std::string_view> pdf,
                                            const std::string& pdf_subject) {
  seal::SealCheck seal_check = best_seal(texts, ctx);
  add_seal_checks(b, seal_check);
  if (!seal_check.valid()) {
    b.skip("registry", "not consulted: no valid seal");
    return b.finish();
  }
  const seal::SealPayload& p = *seal_check.payload;
  if (pdf) {
    // The seal must name the document it is printed on: the signed /Subject ends with the
    // number (docs/verification.md).
    const std::string& n = p.document_number;
    if (pdf_subject.size() >= n.size() &&
        pdf_subject.compare(pdf_subject.size() - n.size(), n.size(), n) == 0)
      b.pass("seal_pdf_agreement", "agreement.pdf_number",
             "the signed PDF carries the seal's number");
    else
      b.fail("seal_pdf_agreement", "agreement.seal_pdf_mismatch",
             "the seal names " + n + " but the signed PDF says \"" + pdf_subject + "\"");
  }
  ABSAH_TRY_STATUS(add_registry_checks(b, p, ctx, pdf));
  return b.finish();
}

}  // namespace

Result<VerificationReport> verify_document(std::string_view bytes, const VerifyContext& ctx) {
  if (!ctx.seal_trust)
    return Error(ErrorCode::Usage, "seal_trust", "the verifier needs a seal trust list");
  const ImageKind kind = sniff_image_kind(bytes);
  InputKind input = kind == ImageKind::Pdf    ? InputKind::Pdf
                    : kind == ImageKind::Png  ? InputKind::Png
                    : kind == ImageKind::Jpeg ? InputKind::Jpeg
                                              : InputKind::Unknown;
  if (bytes.size() > ctx.limits.max_input_bytes) {
    ReportBuilder b(input);
    b.fail("input", "input.too_large",
           std::to_string(bytes.size()) + " bytes; the limit is " +
               std::to_string(ctx.limits.max_input_bytes));
    return b.finish();
  }
  if (input == InputKind::Unknown) {
    ReportBuilder b(input);
    b.fail("input", "input.unrecognised", "not a PDF, PNG or JPEG (decided by content)");
    return b.finish();
  }

  if (input == InputKind::Png || input == InputKind::Jpeg) {
    ReportBuilder b(input);
    auto image = load_grey_image(bytes, ctx.limits.image);
    if (!image) {
      b.fail("input", "input.image_unreadable", image.error().message);
      return b.finish();
    }
    b.pass("input", "input.image",
           std::to_string(image->width) + " x " + std::to_string(image->height) + " pixels");
    auto found = scan_qr(*image);
    std::vector<std::string> texts;
    if (found)
      for (auto& q : *found) texts.push_back(std::move(q.text));
    return finish_with_seal(b, texts, ctx, std::nullopt, "");
  }

  if (!has_signature_dictionary(bytes)) {
    // An unsigned PDF: a scan saved as PDF is judged by the QR in its page images; a PDF that
    // carries a seal link but no signature is not an absah document.
    StructureLimits limits;
    limits.max_objects = ctx.limits.max_pdf_objects;
    limits.syntax.max_nesting = ctx.limits.max_nesting;
    auto section = scan_pdf_section(bytes, 0, bytes.size(), ScanMode::Lenient, limits);
    if (!section) {
      ReportBuilder b(InputKind::Pdf);
      b.fail("input", "input.pdf_unreadable", section.error().message);
      return b.finish();
    }
    auto links = link_uris(*section);
    if (!links.empty()) {
      ReportBuilder b(InputKind::Pdf);
      b.fail("pdf_signature", "signature.missing", "the PDF carries a seal link but no signature");
      return finish_with_seal(b, texts_of(std::move(links)), ctx, std::nullopt, "");
    }
    ReportBuilder b(InputKind::ScannedPdf);
    b.skip("pdf_signature", "an unsigned PDF: judged as a scan by its QR code");
    PdfImageLimits image_limits;
    image_limits.max_images = ctx.limits.max_scanned_images;
    image_limits.max_inflated_stream_bytes = ctx.limits.max_inflated_stream_bytes;
    image_limits.max_inflated_total_bytes = ctx.limits.max_inflated_total_bytes;
    image_limits.image = ctx.limits.image;
    return finish_with_seal(b, texts_of(qr_texts_from_images(bytes, *section, image_limits)), ctx,
                            std::nullopt, "");
  }

  if (!ctx.pdf_trust)
    return Error(ErrorCode::Usage, "pdf_trust", "the verifier needs trust anchors for PDFs");
  ReportBuilder b(InputKind::Pdf);
  std::string subject;
  std::vector<std::string> texts = check_signed_pdf(b, bytes, ctx, subject);
  return finish_with_seal(b, texts, ctx, bytes, subject);
}

Result<VerificationReport> verify_seal_text(std::string_view qr_text, const VerifyContext& ctx) {
  if (!ctx.seal_trust)
    return Error(ErrorCode::Usage, "seal_trust", "the verifier needs a seal trust list");
  ReportBuilder b(InputKind::SealText);
  if (qr_text.size() > 4096) {
    b.fail("input", "input.too_large", "a seal text is at most 4096 bytes");
    return b.finish();
  }
  return finish_with_seal(b, {std::string(qr_text)}, ctx, std::nullopt, "");
}

}  // namespace absah::verify
