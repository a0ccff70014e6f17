// absah verify FILE [--registry URL] [--trust DIR] [--json]
// A thin shell around verify::verify_document (engine/verify/verifier.h): loads the trust
// anchors (root-ca.pem for PDF signatures, seal-trust.json for seals) from --trust (default:
// the keys directory), opens the registry when one is given, prints the report. Exit 0 only
// for `valid`, 1 for any other verdict, 2 for usage or I/O errors (an unreadable file, a
// registry that cannot be reached).

#include <iostream>

#include <nlohmann/json.hpp>

#include "engine/base/file_io.h"
#include "engine/cli/args.h"
#include "engine/cli/cli_support.h"
#include "engine/cli/commands.h"
#include "engine/cli/signing_setup.h"
#include "engine/cli/verify_report_text.h"
#include "engine/registry/registry.h"
#include "engine/seal/trust_list.h"
#include "engine/sign/trust_store.h"
#include "engine/verify/verifier.h"

namespace absah::cli {

int run_verify(const Argv& argv) {
  auto args = parse_args(argv, ArgSpec{{"registry", "trust", "keys", "max-bytes"}, {"json"}});
  if (!args || args->positional.size() != 1) {
    if (!args) print_error(std::cerr, args.error());
    std::cerr << "usage: absah verify FILE [--registry URL] [--trust DIR] [--json]\n";
    return kExitUsage;
  }
  const std::string file = args->positional[0];
  verify::VerifyLimits limits;
  if (auto max = args->get("max-bytes")) {
    try {
      limits.max_input_bytes = std::stoull(*max);
    } catch (...) {
      print_error(std::cerr, Error(ErrorCode::Usage, "--max-bytes", "not a number: " + *max));
      return kExitUsage;
    }
  }
  // A file over the limit is refused from its size, never loaded.
  auto bytes = read_file(file, limits.max_input_bytes);
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
  auto roots = sign::TrustStore::from_file(trust_dir / "root-ca.pem");
  if (!roots) {
    print_error(std::cerr, roots.error());
    return kExitUsage;
  }
  auto now = current_time_unix();
  if (!now) {
    print_error(std::cerr, now.error());
    return kExitUsage;
  }
  std::unique_ptr<registry::Registry> reg;
  if (auto url = args->get("registry")) {
    auto opened = registry::open_registry(*url);
    if (!opened) {
      print_error(std::cerr, opened.error());
      return kExitUsage;
    }
    reg = std::move(*opened);
  }

  verify::VerifyContext context;
  context.pdf_trust = &*roots;
  context.seal_trust = &*seal_trust;
  context.registry = reg.get();
  context.now_unix = *now;
  context.limits = limits;
  auto report = verify::verify_document(*bytes, context);
  if (!report) {
    Error e = report.take_error();
    if (e.path.empty()) e.path = file;
    print_error(std::cerr, e);
    return kExitUsage;
  }
  if (args->flags.count("json")) {
    nlohmann::json out = verify::report_to_json(*report);
    out["file"] = file;
    std::cout << out.dump(2) << "\n";
  } else {
    print_report_text(std::cout, file, *report);
  }
  return report->verdict == verify::Verdict::Valid ? kExitOk : kExitNegative;
}

}  // namespace absah::cli
