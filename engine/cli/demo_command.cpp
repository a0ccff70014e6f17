// absah demo [--out-dir out] [--data-dir D] [--unsigned | signing options]: renders every
// sample record under samples/ (one per document type, named <type>.json), signs it, checks
// the signature back against the development root, and prints one line per document.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>

#include <nlohmann/json.hpp>

#include "engine/base/data_dir.h"
#include "engine/base/file_io.h"
#include "engine/cli/args.h"
#include "engine/cli/cli_support.h"
#include "engine/cli/commands.h"
#include "engine/cli/signing_setup.h"
#include "engine/sign/pades_check.h"
#include "engine/sign/trust_store.h"

namespace absah::cli {

namespace fs = std::filesystem;

int run_demo(const Argv& argv) {
  ArgSpec spec{{"out-dir", "data-dir", "trust"}, {"unsigned"}};
  spec.valued.insert(signing_option_names().begin(), signing_option_names().end());
  auto args = parse_args(argv, spec);
  if (!args) {
    print_error(std::cerr, args.error());
    return kExitUsage;
  }
  const fs::path data_dir = resolve_data_dir(args->get_or("data-dir", ""));
  const fs::path out_dir = args->get_or("out-dir", "out");
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) {
    print_error(std::cerr, Error(ErrorCode::Io, out_dir.string(), ec.message()));
    return kExitUsage;
  }
  auto renderer = make_renderer(data_dir.string());
  if (!renderer) {
    print_error(std::cerr, renderer.error());
    return kExitUsage;
  }
  auto now = current_time_unix();
  if (!now) {
    print_error(std::cerr, now.error());
    return kExitUsage;
  }
  auto opened = open_signing_unless_unsigned(*args);
  if (!opened) {
    print_error(std::cerr, opened.error());
    return kExitUsage;
  }
  std::optional<SigningSetup> signing = std::move(*opened);
  std::optional<sign::TrustStore> trust;
  if (signing) {
    auto t = sign::TrustStore::from_file(
        args->get_or("trust", (keys_dir(*args) / "root-ca.pem").string()));
    if (!t) {
      print_error(std::cerr, t.error());
      return kExitUsage;
    }
    trust = std::move(*t);
    std::printf("signing with %s\n", signing->description.c_str());
  }
  std::vector<fs::path> samples;
  for (const auto& e : fs::directory_iterator(data_dir / "samples", ec))
    if (e.path().extension() == ".json") samples.push_back(e.path());
  std::sort(samples.begin(), samples.end());
  int failures = 0;
  for (const fs::path& sample : samples) {
    const std::string type = sample.stem().string();
    auto text = read_file(sample);
    nlohmann::json record = text ? nlohmann::json::parse(*text, nullptr, false) : nlohmann::json();
    if (!text || record.is_discarded()) {
      std::printf("%-30s FAILED  %s is not readable JSON\n", type.c_str(), sample.c_str());
      ++failures;
      continue;
    }
    auto start = std::chrono::steady_clock::now();
    render::RenderRequest request{type, std::move(record), *now};
    attach_signing(request, signing);
    auto doc = (*renderer)->render(request);
    double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (!doc) {
      std::printf("%-30s FAILED  %s\n", type.c_str(), doc.error().describe().c_str());
      ++failures;
      continue;
    }
    fs::path out = out_dir / (type + ".pdf");
    auto written = write_file_atomic(out, doc->pdf);
    if (!written) {
      std::printf("%-30s FAILED  %s\n", type.c_str(), written.error().describe().c_str());
      ++failures;
      continue;
    }
    // The signature is checked back with the development root, as an officer's verifier would.
    std::string verdict = "unsigned";
    if (trust) {
      auto check = sign::check_last_signature(doc->pdf, *trust, {*now});
      bool good = check && check->ok();
      verdict = good ? "signature valid"
                     : "SIGNATURE INVALID: " + (check ? check->message : check.error().message);
      if (!good) ++failures;
    }
    std::printf("%-30s ok  %-32s %zu page(s) %6.1f KB %6.1f ms  %s  %s\n", type.c_str(),
                doc->number.c_str(), doc->pages, doc->pdf.size() / 1024.0, ms, verdict.c_str(),
                out.c_str());
  }
  std::printf("%zu documents, %d failed\n", samples.size(), failures);
  return failures == 0 && !samples.empty() ? kExitOk : kExitNegative;
}

}  // namespace absah::cli
