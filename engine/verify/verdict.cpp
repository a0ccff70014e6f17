#include "engine/verify/verifier.h"

namespace absah::verify {

std::string_view to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::Valid:
      return "valid";
    case Verdict::Revoked:
      return "revoked";
    case Verdict::Superseded:
      return "superseded";
    case Verdict::Unknown:
      return "unknown";
    case Verdict::Tampered:
      return "tampered";
    case Verdict::Invalid:
      return "invalid";
    case Verdict::Unreadable:
      return "unreadable";
  }
  return "invalid";
}

std::string_view verdict_label_id(Verdict verdict) {
  switch (verdict) {
    case Verdict::Valid:
      return "SAH";
    case Verdict::Revoked:
      return "DICABUT";
    case Verdict::Superseded:
      return "DIGANTI";
    case Verdict::Unknown:
      return "TIDAK TERDAFTAR";
    case Verdict::Tampered:
      return "DIUBAH";
    case Verdict::Invalid:
      return "TIDAK SAH";
    case Verdict::Unreadable:
      return "TIDAK TERBACA";
  }
  return "TIDAK SAH";
}

std::string_view verdict_label_en(Verdict verdict) {
  switch (verdict) {
    case Verdict::Valid:
      return "VALID";
    case Verdict::Revoked:
      return "REVOKED";
    case Verdict::Superseded:
      return "SUPERSEDED";
    case Verdict::Unknown:
      return "NOT REGISTERED";
    case Verdict::Tampered:
      return "ALTERED";
    case Verdict::Invalid:
      return "NOT VALID";
    case Verdict::Unreadable:
      return "UNREADABLE";
  }
  return "NOT VALID";
}

std::string_view to_string(CheckResult result) {
  switch (result) {
    case CheckResult::Pass:
      return "pass";
    case CheckResult::Fail:
      return "fail";
    case CheckResult::Skipped:
      return "skipped";
    case CheckResult::Warn:
      return "warn";
  }
  return "fail";
}

std::string_view to_string(InputKind kind) {
  switch (kind) {
    case InputKind::Unknown:
      return "unknown";
    case InputKind::Pdf:
      return "pdf";
    case InputKind::ScannedPdf:
      return "scanned_pdf";
    case InputKind::Png:
      return "png";
    case InputKind::Jpeg:
      return "jpeg";
    case InputKind::SealText:
      return "seal_text";
  }
  return "unknown";
}

}  // namespace absah::verify
