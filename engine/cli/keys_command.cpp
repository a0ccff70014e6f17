// absah keys init [--dir keys/dev] [--algorithm ecdsa|rsa] [--force] [--not-before YYYY-MM-DD]
// Makes the development PKI (engine/sign/dev_pki.h). The validity starts on 1 January of the
// current year (SOURCE_DATE_EPOCH honoured) unless --not-before is given, and lasts five years
// for the end-entity certificates and the seal key, twenty for the CAs.

#include <cstdio>
#include <ctime>
#include <iostream>

#include "engine/cli/args.h"
#include "engine/cli/cli_support.h"
#include "engine/sign/dev_pki.h"

namespace absah::cli {

int run_keys(const std::vector<std::string>& args);

namespace {

constexpr const char* kUsage =
    "usage: absah keys init [--dir keys/dev] [--algorithm ecdsa|rsa] [--force] "
    "[--not-before YYYY-MM-DD]\n";

int64_t utc_midnight(int year, int month, int day) {
  struct tm tm {};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  return static_cast<int64_t>(timegm(&tm));
}

Result<int64_t> parse_day(const std::string& text) {
  int y = 0, m = 0, d = 0;
  char tail = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || y < 1970 || y > 2999 ||
      m < 1 || m > 12 || d < 1 || d > 31)
    return Error(ErrorCode::Usage, "--not-before", "expected a date YYYY-MM-DD");
  return utc_midnight(y, m, d);
}

int year_of(int64_t unix_seconds) {
  time_t t = static_cast<time_t>(unix_seconds);
  struct tm tm {};
  gmtime_r(&t, &tm);
  return tm.tm_year + 1900;
}

int64_t add_years(int64_t unix_seconds, int years) {
  time_t t = static_cast<time_t>(unix_seconds);
  struct tm tm {};
  gmtime_r(&t, &tm);
  tm.tm_year += years;
  return static_cast<int64_t>(timegm(&tm));
}

}  // namespace

int run_keys(const std::vector<std::string>& argv) {
  if (argv.empty() || argv[0] != "init") {
    std::cerr << kUsage;
    return kExitUsage;
  }
  std::vector<std::string> rest(argv.begin() + 1, argv.end());
  auto args = parse_args(rest, ArgSpec{{"dir", "algorithm", "not-before"}, {"force"}});
  if (!args) {
    print_error(std::cerr, args.error());
    std::cerr << kUsage;
    return kExitUsage;
  }
  if (!args->positional.empty()) {
    std::cerr << kUsage;
    return kExitUsage;
  }
  sign::DevPkiOptions options;
  options.dir = args->get_or("dir", "keys/dev");
  std::string algorithm = args->get_or("algorithm", "ecdsa");
  if (algorithm == "ecdsa")
    options.algorithm = sign::KeyAlgorithm::EcdsaP256;
  else if (algorithm == "rsa")
    options.algorithm = sign::KeyAlgorithm::Rsa3072;
  else {
    std::cerr << "absah keys: --algorithm must be ecdsa or rsa\n";
    return kExitUsage;
  }
  options.overwrite = args->has("force") ? sign::Overwrite::Yes : sign::Overwrite::No;
  if (auto day = args->get("not-before")) {
    auto start = parse_day(*day);
    if (!start) {
      print_error(std::cerr, start.error());
      return kExitUsage;
    }
    options.not_before = *start;
  } else {
    auto now = current_time_unix();
    if (!now) {
      print_error(std::cerr, now.error());
      return kExitUsage;
    }
    options.not_before = utc_midnight(year_of(*now), 1, 1);
  }
  options.not_after = add_years(options.not_before, 5);
  options.ca_not_after = add_years(options.not_before, 20);

  auto made = sign::create_dev_pki(options);
  if (!made) {
    print_error(std::cerr, made.error());
    return kExitUsage;
  }
  std::cout << "development PKI written to " << options.dir.string() << " (valid "
            << sign::format_utc(options.not_before) << " to " << sign::format_utc(options.not_after)
            << "), seal kid " << made->seal_kid << "\n";
  for (const auto& path : made->written) std::cout << "  " << path.string() << "\n";
  std::cout << "NOT FOR PRODUCTION: see keys/README.md for bringing real keys.\n";
  return kExitOk;
}

}  // namespace absah::cli
