// absah seal decode FILE [--trust keys/dev/seal-trust.json] [--json]
// Finds the QR seals in a PNG, JPEG or PDF (format by magic bytes; in a PDF the seal link's
// URI, or the QR in a scanned PDF's page images), checks each against the trust list and
// prints the payload with the result. Exit 0 when a valid seal was found, 1 when the file
// holds no valid seal (no QR, not ours, altered, unknown key...), 2 for usage and I/O.

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/base/data_dir.h"
#include "engine/base/file_io.h"
#include "engine/cli/args.h"
#include "engine/cli/cli_support.h"
#include "engine/model/civil_date.h"
#include "engine/seal/seal.h"
#include "engine/verify/image_load.h"
#include "engine/verify/pdf_qr_source.h"
#include "engine/verify/qr_scan.h"

namespace absah::cli {

int run_seal(const std::vector<std::string>& args);

namespace {

constexpr const char* kUsage =
    "usage: absah seal decode FILE [--trust keys/dev/seal-trust.json] [--json]\n"
    "  FILE   a PNG or JPEG image (scan or photo) holding the document's QR seal\n"
    "  exit   0 valid seal, 1 no valid seal, 2 usage or I/O error\n";

struct Decoded {
  verify::QrFound qr;
  seal::SealCheck check;
  std::string origin;  // for PDFs: "link on page 1", "image on page 2"
};

std::filesystem::path default_trust_path() {
  const std::filesystem::path relative = "keys/dev/seal-trust.json";
  if (std::filesystem::exists(relative)) return relative;
  return resolve_data_dir() / relative;
}

nlohmann::json payload_json(const seal::SealPayload& p) {
  return {
      {"version", p.version},
      {"document_type", p.document_type},
      {"document_number", p.document_number},
      {"issue_date", model::CivilDate::from_days_since_epoch(p.issue_date).iso()},
      {"office", p.office},
      {"subject_id", p.subject_id},
      {"subject_name", p.subject_name},
      {"record_digest_prefix", seal::to_hex(p.record_digest)},
  };
}

nlohmann::json decoded_json(const Decoded& d) {
  nlohmann::json corners = nlohmann::json::array();
  for (const auto& c : d.qr.corners) corners.push_back({c.x, c.y});
  nlohmann::json check = {{"result", seal::to_string(d.check.reason)},
                          {"message", d.check.message}};
  if (d.check.offset) check["offset"] = *d.check.offset;
  if (!d.check.kid.empty()) check["kid"] = seal::to_hex(d.check.kid);
  if (!d.check.office.empty()) {
    check["office"] = d.check.office;
    check["office_name"] = d.check.office_name;
  }
  if (d.check.payload) check["payload"] = payload_json(*d.check.payload);
  nlohmann::json out = {{"text_length", d.qr.text.size()}, {"check", check}};
  if (!d.origin.empty()) {
    out["origin"] = d.origin;
  } else {
    out["pass"] = verify::to_string(d.qr.pass);
    out["corners"] = corners;
  }
  return out;
}

void print_text(const std::string& file, const std::vector<Decoded>& all, bool valid) {
  std::printf("%s: %s\n", file.c_str(),
              valid         ? "VALID seal"
              : all.empty() ? "no QR code found (no_qr)"
                            : "NO valid seal");
  for (size_t i = 0; i < all.size(); ++i) {
    const auto& d = all[i];
    if (!d.origin.empty())
      std::printf("\nQR %zu (%zu characters, %s)\n", i + 1, d.qr.text.size(), d.origin.c_str());
    else
      std::printf("\nQR %zu (%zu characters, found by the %s pass, at %d,%d)\n", i + 1,
                  d.qr.text.size(), std::string(verify::to_string(d.qr.pass)).c_str(),
                  d.qr.corners[0].x, d.qr.corners[0].y);
    std::printf("  result:          %s", std::string(seal::to_string(d.check.reason)).c_str());
    if (!d.check.valid()) std::printf(" — %s", d.check.message.c_str());
    if (d.check.offset)
      std::printf(" (byte %llu)", static_cast<unsigned long long>(*d.check.offset));
    std::printf("\n");
    if (!d.check.kid.empty())
      std::printf("  key id:          %s\n", seal::to_hex(d.check.kid).c_str());
    if (!d.check.office.empty())
      std::printf("  office:          %s %s\n", d.check.office.c_str(),
                  d.check.office_name.c_str());
    if (const auto& p = d.check.payload) {
      std::printf("  document type:   %s\n", p->document_type.c_str());
      std::printf("  document number: %s\n", p->document_number.c_str());
      std::printf("  issue date:      %s\n",
                  model::CivilDate::from_days_since_epoch(p->issue_date).iso().c_str());
      std::printf("  issuing office:  %u\n", p->office);
      std::printf("  subject id:      %s\n", p->subject_id.c_str());
      std::printf("  subject name:    %s\n", p->subject_name.c_str());
      std::printf("  record digest:   %s… (first 16 bytes of SHA-256)\n",
                  seal::to_hex(p->record_digest).c_str());
    } else if (d.check.reason == seal::SealReason::NotOurUrl) {
      std::printf("  text:            %.80s%s\n", d.qr.text.c_str(),
                  d.qr.text.size() > 80 ? "…" : "");
    }
  }
}

int decode(const Args& args) {
  if (args.positional.size() != 2) {
    std::fputs(kUsage, stderr);
    return kExitUsage;
  }
  const std::string file = args.positional[1];
  auto bytes = read_file(file);
  if (!bytes) {
    print_error(std::cerr, bytes.error());
    return kExitUsage;
  }
  auto trust = seal::load_trust_list(args.get_or("trust", default_trust_path().string()));
  if (!trust) {
    print_error(std::cerr, trust.error());
    return kExitUsage;
  }
  auto now = current_time_unix();
  if (!now) {
    print_error(std::cerr, now.error());
    return kExitUsage;
  }
  std::vector<verify::QrFound> found;
  std::vector<std::string> origins;
  if (verify::sniff_image_kind(*bytes) == verify::ImageKind::Pdf) {
    // A PDF: the seal URL from its link annotation, or the QR in a scanned PDF's page images.
    auto texts = verify::qr_texts_from_pdf(*bytes);
    if (!texts) {
      Error e = texts.take_error();
      e.path = file;
      print_error(std::cerr, e);
      return kExitUsage;
    }
    for (auto& t : *texts) {
      verify::QrFound qr;
      qr.text = std::move(t.text);
      found.push_back(std::move(qr));
      origins.push_back(std::move(t.origin));
    }
  } else {
    auto image = verify::load_grey_image(*bytes);
    if (!image) {
      Error e = image.take_error();
      e.path = file;
      print_error(std::cerr, e);
      return kExitUsage;
    }
    auto scanned = verify::scan_qr(*image);
    if (!scanned) {
      print_error(std::cerr, scanned.error());
      return kExitUsage;
    }
    found = std::move(*scanned);
  }
  std::vector<Decoded> all;
  bool valid = false;
  for (size_t i = 0; i < found.size(); ++i) {
    seal::SealCheck check = seal::check_seal_text(found[i].text, *trust, *now);
    valid = valid || check.valid();
    all.push_back({std::move(found[i]), std::move(check), i < origins.size() ? origins[i] : ""});
  }
  if (args.flags.count("json")) {
    nlohmann::json out = {{"file", file},
                          {"result", valid         ? "valid"
                                     : all.empty() ? "no_qr"
                                                   : "invalid"},
                          {"qr_codes", nlohmann::json::array()}};
    for (const auto& d : all) out["qr_codes"].push_back(decoded_json(d));
    std::cout << out.dump(2) << "\n";
  } else {
    print_text(file, all, valid);
  }
  return valid ? kExitOk : kExitNegative;
}

}  // namespace

int run_seal(const std::vector<std::string>& argv) {
  if (argv.empty() || argv[0] == "--help" || argv[0] == "-h") {
    std::fputs(kUsage, argv.empty() ? stderr : stdout);
    return argv.empty() ? kExitUsage : kExitOk;
  }
  if (argv[0] != "decode") {
    std::cerr << "absah seal: unknown subcommand \"" << argv[0] << "\"\n" << kUsage;
    return kExitUsage;
  }
  auto args = parse_args(argv, ArgSpec{{"trust"}, {"json"}});
  if (!args) {
    print_error(std::cerr, args.error());
    return kExitUsage;
  }
  return decode(*args);
}

}  // namespace absah::cli
