// absah render --type T --data R.json --out F.pdf [--unsigned | --key K --cert C --chain CH
//              --keys DIR --tsa URL] [--registry URL [--idempotency-key K]] [--data-dir D]
//              [--max-input-bytes N]

#include <iostream>

#include <nlohmann/json.hpp>

#include "engine/base/file_io.h"
#include "engine/base/json_syntax.h"
#include "engine/cli/args.h"
#include "engine/cli/batch_command.h"
#include "engine/cli/cli_support.h"
#include "engine/cli/commands.h"
#include "engine/cli/registered_issue.h"
#include "engine/cli/signing_setup.h"

namespace absah::cli {

namespace {

// A record is a few KiB (a KK of 20 members with photos stays well under 1 MiB); the bound
// keeps a stray huge file out of memory. --max-input-bytes changes it.
constexpr uint64_t kDefaultMaxRecordBytes = 16u << 20;

Result<uint64_t> max_input_bytes(const Args& args) {
  const auto text = args.get("max-input-bytes");
  if (!text) return kDefaultMaxRecordBytes;
  uint64_t n = 0;
  const bool digits = !text->empty() && text->size() <= 15 &&
                      text->find_first_not_of("0123456789") == std::string::npos;
  if (digits) n = std::stoull(*text);
  if (!digits || n == 0)
    return Error(ErrorCode::Usage, "--max-input-bytes", "expected a positive number of bytes");
  return n;
}

Result<nlohmann::json> read_record(const std::string& path, uint64_t max_bytes) {
  auto text = read_file(path, max_bytes);
  if (!text) return text.take_error();
  auto parsed = parse_json(*text);
  if (!parsed) {
    Error err = parsed.take_error();
    err.path = path;
    err.message = "malformed JSON: " + err.message;
    return err;
  }
  return parsed;
}

}  // namespace

int run_render(const Argv& argv) {
  if (is_batch_render(argv)) return run_render_batch(argv);
  ArgSpec spec{
      {"type", "data", "out", "data-dir", "registry", "idempotency-key", "max-input-bytes"},
      {"unsigned"}};
  spec.valued.insert(signing_option_names().begin(), signing_option_names().end());
  auto args = parse_args(argv, spec);
  if (!args) {
    print_error(std::cerr, args.error());
    return kExitUsage;
  }
  for (const char* required : {"type", "data", "out"}) {
    if (!args->get(required)) {
      std::cerr
          << "usage: absah render --type T --data R.json --out F.pdf [--unsigned | --key K ...]\n";
      print_error(std::cerr,
                  Error(ErrorCode::Usage, std::string("--") + required, "option is required"));
      return kExitUsage;
    }
  }
  auto opened = open_signing_unless_unsigned(*args);
  if (!opened) {
    print_error(std::cerr, opened.error());
    return kExitUsage;
  }
  std::optional<SigningSetup> signing = std::move(*opened);
  auto now = current_time_unix();
  if (!now) {
    print_error(std::cerr, now.error());
    return kExitUsage;
  }
  auto max_bytes = max_input_bytes(*args);
  if (!max_bytes) {
    print_error(std::cerr, max_bytes.error());
    return kExitUsage;
  }
  auto record = read_record(*args->get("data"), *max_bytes);
  if (!record) {
    print_error(std::cerr, record.error());
    return kExitUsage;
  }
  auto renderer = make_renderer(args->get_or("data-dir", ""));
  if (!renderer) {
    print_error(std::cerr, renderer.error());
    return kExitUsage;
  }
  render::RenderRequest request;
  request.type = *args->get("type");
  request.record = std::move(*record);
  request.issue_time_unix = *now;
  attach_signing(request, signing);
  // With a registry the number is allocated and the document recorded in one transaction;
  // the file is written only after the commit.
  std::optional<render::RenderedDocument> rendered;
  bool replayed = false;
  if (auto url = args->get("registry")) {
    if (!signing) {
      print_error(std::cerr,
                  Error(ErrorCode::Usage, "--registry", "only signed documents are registered"));
      return kExitUsage;
    }
    auto reg = registry::open_registry(*url);
    if (!reg) {
      print_error(std::cerr, reg.error());
      return kExitUsage;
    }
    auto issued = issue_registered(**renderer, **reg, request, args->get_or("idempotency-key", ""));
    if (!issued) {
      print_error(std::cerr, issued.error());
      return kExitUsage;
    }
    replayed = issued->replayed;
    rendered = std::move(issued->document);
  } else {
    if (args->get("idempotency-key")) {
      print_error(std::cerr, Error(ErrorCode::Usage, "--idempotency-key", "needs --registry"));
      return kExitUsage;
    }
    auto doc = (*renderer)->render(request);
    if (!doc) {
      print_error(std::cerr, doc.error());
      return kExitUsage;
    }
    rendered = std::move(*doc);
  }
  render::RenderedDocument* doc = &*rendered;
  for (const Error& w : doc->warnings) std::cerr << "warning: " << w.describe() << "\n";
  const std::string out = *args->get("out");
  auto written = write_file_atomic(out, doc->pdf);
  if (!written) {
    print_error(std::cerr, written.error());
    return kExitUsage;
  }
  std::cout << out << ": " << doc->type << " " << doc->number << ", " << doc->pages << " page(s), "
            << doc->pdf.size() << " bytes, "
            << (doc->signed_pdf ? "signed (" + signing->description + ")" : "unsigned") << "\n";
  if (!doc->seal_url.empty())
    std::cout << "seal: " << doc->seal_url << " (QR version " << doc->qr_version << ")\n";
  if (args->get("registry"))
    std::cout << (replayed ? "already issued: " : "issued: ") << doc->number << "\n";
  return kExitOk;
}

}  // namespace absah::cli
