#include "engine/cli/verify_report_text.h"

#include "engine/sign/dev_pki.h"

namespace absah::cli {

namespace {

std::string_view explanation_id(verify::Verdict v) {
  switch (v) {
    case verify::Verdict::Valid:
      return "dokumen asli, terdaftar dan berlaku";
    case verify::Verdict::Revoked:
      return "dokumen asli, tetapi telah dicabut";
    case verify::Verdict::Superseded:
      return "dokumen asli, tetapi telah diganti dengan nomor baru";
    case verify::Verdict::Unknown:
      return "segel sah, tetapi nomor tidak ada dalam register";
    case verify::Verdict::Tampered:
      return "isi berkas diubah setelah ditandatangani";
    case verify::Verdict::Invalid:
      return "tanda tangan atau segel tidak sah";
    case verify::Verdict::Unreadable:
      return "berkas atau kode QR tidak dapat dibaca";
  }
  return "";
}

void row(std::ostream& out, std::string_view label, const std::string& value) {
  if (value.empty()) return;
  out << "  " << label;
  for (size_t i = label.size(); i < 16; ++i) out << ' ';
  out << ": " << value << "\n";
}

}  // namespace

void print_report_text(std::ostream& out, const std::string& file,
                       const verify::VerificationReport& report) {
  // Without a registry, "valid" means signature and seal only: say so.
  const bool unregistered_valid = report.verdict == verify::Verdict::Valid && !report.registry;
  out << file << ": " << verify::verdict_label_id(report.verdict) << " — "
      << (unregistered_valid ? "tanda tangan dan segel asli (register tidak diperiksa)"
                             : explanation_id(report.verdict))
      << " [" << verify::to_string(report.verdict);
  if (!report.reason.empty()) out << ": " << report.reason;
  out << "]\n";
  if (report.document) {
    const auto& d = *report.document;
    row(out, "Jenis dokumen", d.type);
    row(out, "Nomor", d.number);
    row(out, "Nama", d.subject_name);
    row(out, "NIK/No. KK", d.subject_id);
    row(out, "Tanggal terbit", d.issue_date);
    row(out, "Kantor", d.office + (d.office_name.empty() ? "" : " " + d.office_name));
  }
  if (report.signer) {
    row(out, "Penanda tangan", report.signer->subject);
    if (report.signer->signing_time)
      row(out, "Waktu tanda tangan", sign::format_utc(*report.signer->signing_time));
    if (report.signer->timestamp_time)
      row(out, "Cap waktu (TSA)", sign::format_utc(*report.signer->timestamp_time));
  }
  if (report.registry) {
    std::string status = report.registry->status;
    if (report.registry->at) status += " " + sign::format_utc(*report.registry->at);
    if (!report.registry->superseded_by.empty())
      status += " oleh " + report.registry->superseded_by;
    if (!report.registry->reason.empty()) status += " (" + report.registry->reason + ")";
    row(out, "Status register", status);
  }
  out << "  pemeriksaan (checks):\n";
  for (const auto& c : report.checks) {
    std::string_view mark = c.result == verify::CheckResult::Pass   ? "ok   "
                            : c.result == verify::CheckResult::Fail ? "GAGAL"
                            : c.result == verify::CheckResult::Warn ? "catat"
                                                                    : "-    ";
    out << "    " << mark << " " << c.check;
    if (!c.code.empty()) out << " (" << c.code << ")";
    if (!c.message.empty()) out << ": " << c.message;
    out << "\n";
  }
}

}  // namespace absah::cli
