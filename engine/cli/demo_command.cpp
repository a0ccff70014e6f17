// absah demo [--out-dir out] [--data-dir D]: renders every sample record under samples/
// (one per document type, named <type>.json) and prints one line per document.

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>

#include "engine/base/data_dir.h"
#include "engine/base/file_io.h"
#include "engine/cli/args.h"
#include "engine/cli/cli_support.h"
#include "engine/cli/commands.h"

namespace absah::cli {

namespace fs = std::filesystem;

int run_demo(const Argv& argv) {
  auto args = parse_args(argv, ArgSpec{{"out-dir", "data-dir"}, {}});
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
    auto doc = (*renderer)->render({type, std::move(record), *now});
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
    std::printf("%-30s ok  %-32s %zu page(s) %7.1f KB %6.1f ms  %s\n", type.c_str(),
                doc->number.c_str(), doc->pages, doc->pdf.size() / 1024.0, ms, out.c_str());
  }
  std::printf("%zu documents, %d failed\n", samples.size(), failures);
  return failures == 0 && !samples.empty() ? kExitOk : kExitNegative;
}

}  // namespace absah::cli
