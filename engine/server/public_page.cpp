#include "engine/server/public_page.h"

#include "engine/model/civil_date.h"
#include "engine/model/indonesian.h"
#include "engine/verify/public_mask.h"

namespace absah::server {

namespace {

// Kota Mataram keeps WITA (UTC+8); dates on the page are the office's dates.
constexpr int64_t kOfficeUtcOffsetSeconds = 8 * 3600;

struct VerdictText {
  const char* word;      // large, in the verdict box
  const char* sentence;  // what it means for the person holding the paper
  const char* colour;    // background of the verdict box
};

VerdictText verdict_text(verify::Verdict v, PageLanguage lang) {
  const bool id = lang == PageLanguage::Indonesian;
  switch (v) {
    case verify::Verdict::Valid:
      return {id ? "SAH" : "VALID",
              id ? "Dokumen ini asli, diterbitkan oleh Dinas Kependudukan dan Pencatatan Sipil, "
                   "dan masih berlaku."
                 : "This document is genuine, issued by the civil registration office, and "
                   "still in force.",
              "#13773a"};
    case verify::Verdict::Revoked:
      return {id ? "DICABUT" : "REVOKED",
              id ? "Dokumen ini pernah diterbitkan tetapi telah dicabut dan tidak berlaku lagi."
                 : "This document was issued but has been revoked and is no longer in force.",
              "#b3261e"};
    case verify::Verdict::Superseded:
      return {id ? "DIGANTI" : "SUPERSEDED",
              id ? "Dokumen ini telah diganti dengan dokumen bernomor baru dan tidak berlaku "
                   "lagi."
                 : "This document has been replaced by a document with a new number and is no "
                   "longer in force.",
              "#a35200"};
    case verify::Verdict::Unknown:
      return {id ? "TIDAK TERDAFTAR" : "NOT REGISTERED",
              id ? "Segel QR ini asli, tetapi nomor dokumen tidak ditemukan dalam register. "
                   "Tanyakan ke kantor Dukcapil."
                 : "The QR seal is genuine, but the document number is not in the register. "
                   "Ask the civil registration office.",
              "#a35200"};
    case verify::Verdict::Unreadable:
    case verify::Verdict::Tampered:
    case verify::Verdict::Invalid:
      break;
  }
  return {id ? "TIDAK SAH" : "NOT VALID",
          id ? "Kode QR ini bukan segel sah dari Dinas Kependudukan dan Pencatatan Sipil. "
               "Jangan percaya dokumen ini."
             : "This QR code is not a valid seal of the civil registration office. Do not rely "
               "on this document.",
          "#b3261e"};
}

// Fields read from a seal are shown only when the seal itself verified.
bool seal_is_authentic(verify::Verdict v) {
  return v == verify::Verdict::Valid || v == verify::Verdict::Revoked ||
         v == verify::Verdict::Superseded || v == verify::Verdict::Unknown;
}

std::string format_iso_date(const std::string& iso, PageLanguage lang) {
  auto date = model::parse_iso_date(iso);
  if (!date) return iso;
  if (lang == PageLanguage::Indonesian) return model::format_date_long(*date);
  static const char* kMonths[] = {"January",   "February", "March",    "April",
                                  "May",       "June",     "July",     "August",
                                  "September", "October",  "November", "December"};
  return std::to_string(date->day) + " " + kMonths[date->month - 1] + " " +
         std::to_string(date->year);
}

std::string format_unix_date(int64_t at, PageLanguage lang) {
  const int64_t local = at + kOfficeUtcOffsetSeconds;
  int64_t days = local / 86400;
  if (local % 86400 < 0) --days;
  return format_iso_date(model::CivilDate::from_days_since_epoch(days).iso(), lang);
}

const char* kStyle = R"(
*{box-sizing:border-box}
body{margin:0;font-family:"Liberation Sans",Arial,Helvetica,sans-serif;background:#f4f4f4;color:#1a1a1a;font-size:18px;line-height:1.4}
main{max-width:34rem;margin:0 auto;padding:1rem}
header{display:flex;justify-content:space-between;align-items:baseline;gap:1rem;margin-bottom:1rem}
header p{margin:0;font-size:.95rem;font-weight:bold}
header a{font-size:1rem;color:#0b57d0;padding:.5rem;white-space:nowrap}
.verdict{color:#fff;border-radius:.75rem;padding:1.5rem 1rem;text-align:center}
.verdict h1{font-size:2.6rem;margin:0;letter-spacing:.04em;line-height:1.1}
.verdict p{margin:.75rem 0 0;font-size:1.05rem}
.status{background:#fff;border-left:.4rem solid #b3261e;padding:.75rem 1rem;margin-top:1rem}
dl{background:#fff;border-radius:.75rem;padding:1rem;margin:1rem 0}
dt{font-size:.85rem;color:#555;margin-top:.75rem}
dt:first-child{margin-top:0}
dd{margin:0;font-weight:bold;word-break:break-word}
footer{font-size:.85rem;color:#555}
)";

void open_page(std::string& out, PageLanguage lang, const std::string& title) {
  out += "<!DOCTYPE html>\n<html lang=\"";
  out += lang == PageLanguage::Indonesian ? "id" : "en";
  out +=
      "\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"robots\" content=\"noindex\">\n<title>";
  out += html_escape(title);
  out += "</title>\n<style>";
  out += kStyle;
  out += "</style>\n</head>\n<body>\n<main>\n";
}

void header(std::string& out, PageLanguage lang, const std::string& self_path) {
  const bool id = lang == PageLanguage::Indonesian;
  out += "<header><p>";
  out += id ? "Verifikasi dokumen kependudukan" : "Civil registration document check";
  out += "</p><a href=\"";
  out += html_escape(self_path + (id ? "?lang=en" : "?lang=id"));
  out += "\" hreflang=\"";
  out += id ? "en\">English" : "id\">Bahasa Indonesia";
  out += "</a></header>\n";
}

void row(std::string& out, const char* label, const std::string& value) {
  if (value.empty()) return;
  out += "<dt>";
  out += label;
  out += "</dt><dd>";
  out += html_escape(value);
  out += "</dd>\n";
}

// The comparison hint only makes sense under document details.
void close_page(std::string& out, PageLanguage lang, bool with_details) {
  const bool id = lang == PageLanguage::Indonesian;
  out += "<footer><p>";
  out += id ? "Halaman ini memeriksa tanda tangan segel QR dan register dokumen."
            : "This page checks the QR seal's signature and the document register.";
  if (with_details)
    out += id ? " Cocokkan data di atas dengan dokumen kertas; nama pemegang sengaja disamarkan."
              : " Compare the data above with the paper document; the holder's name is masked "
                "on purpose.";
  out += "</p></footer>\n</main>\n</body>\n</html>\n";
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string render_public_page(const PublicPageInput& input) {
  const PageLanguage lang = input.language;
  const bool id = lang == PageLanguage::Indonesian;
  const verify::Verdict verdict = input.report ? input.report->verdict : verify::Verdict::Invalid;
  const VerdictText text = verdict_text(verdict, lang);

  std::string out;
  open_page(out, lang,
            std::string(text.word) + (id ? " — verifikasi dokumen" : " — document check"));
  header(out, lang, input.self_path);
  out += "<section class=\"verdict\" style=\"background:";
  out += text.colour;
  out += "\" data-verdict=\"";
  out += html_escape(verify::to_string(verdict));
  out += "\">\n<h1>";
  out += text.word;
  out += "</h1>\n<p>";
  out += text.sentence;
  out += "</p>\n</section>\n";

  const verify::VerificationReport* report = input.report;
  if (report && report->registry && verdict != verify::Verdict::Valid) {
    const verify::RegistryStatus& reg = *report->registry;
    std::string line;
    if (reg.status == "revoked") {
      line = id ? "Dicabut" : "Revoked";
      if (reg.at) line += (id ? " pada " : " on ") + format_unix_date(*reg.at, lang);
      if (!reg.reason.empty()) line += (id ? ". Alasan: " : ". Reason: ") + reg.reason;
    } else if (reg.status == "superseded") {
      line = id ? "Diganti" : "Superseded";
      if (reg.at) line += (id ? " pada " : " on ") + format_unix_date(*reg.at, lang);
      if (!reg.superseded_by.empty())
        line += (id ? " dengan nomor " : " by number ") + reg.superseded_by;
    }
    if (!line.empty()) {
      out += "<p class=\"status\" data-status=\"";
      out += html_escape(reg.status);
      out += "\">";
      out += html_escape(line);
      out += ".</p>\n";
    }
  }

  const bool with_details = report && report->document && seal_is_authentic(verdict);
  if (with_details) {
    const verify::DocumentFields& doc = *report->document;
    out += "<dl>\n";
    row(out, id ? "Jenis dokumen" : "Document type",
        input.type_title.empty() ? doc.type : input.type_title);
    row(out, id ? "Nomor" : "Number", doc.number);
    row(out, id ? "Tanggal terbit" : "Issue date", format_iso_date(doc.issue_date, lang));
    row(out, id ? "Diterbitkan oleh" : "Issued by",
        doc.office_name.empty() ? doc.office : doc.office_name);
    row(out, id ? "Nama pemegang" : "Holder's name", verify::mask_name(doc.subject_name));
    out += "</dl>\n";
  }
  close_page(out, lang, with_details);
  return out;
}

namespace {

// A grey box for pages that give no verdict on a document.
std::string notice_page(PageLanguage lang, const char* marker, const char* word,
                        const char* sentence) {
  std::string out;
  open_page(out, lang, word);
  out += "<section class=\"verdict\" style=\"background:#5f6368\" data-verdict=\"";
  out += marker;
  out += "\">\n<h1>";
  out += word;
  out += "</h1>\n<p>";
  out += sentence;
  out += "</p>\n</section>\n";
  close_page(out, lang, false);
  return out;
}

}  // namespace

std::string render_not_found_page(PageLanguage lang) {
  const bool id = lang == PageLanguage::Indonesian;
  return notice_page(
      lang, "not_found", id ? "TIDAK DITEMUKAN" : "NOT FOUND",
      id ? "Alamat ini bukan alamat verifikasi dokumen. Pindai ulang kode QR pada dokumen."
         : "This address is not a document check. Scan the QR code on the document again.");
}

std::string render_unavailable_page(PageLanguage lang) {
  const bool id = lang == PageLanguage::Indonesian;
  return notice_page(
      lang, "unavailable", id ? "COBA LAGI NANTI" : "TRY AGAIN LATER",
      id ? "Register dokumen sedang tidak dapat dihubungi, sehingga dokumen belum dapat "
           "diperiksa. Silakan pindai ulang beberapa saat lagi."
         : "The document register cannot be reached right now, so the document was not "
           "checked. Please scan again in a moment.");
}

}  // namespace absah::server
