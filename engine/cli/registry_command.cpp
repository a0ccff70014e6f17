// absah registry show NUMBER [--json] | revoke NUMBER --reason TEXT | supersede OLD NEW | audit
//   [--registry URL (default sqlite:absah.db)] [--by WHO]
// The lifecycle of issued documents. Exit 0 on success, 1 when audit finds a broken link,
// 2 for usage errors, unknown numbers and registry failures.

#include <iostream>

#include <nlohmann/json.hpp>

#include "engine/cli/args.h"
#include "engine/cli/cli_support.h"
#include "engine/cli/commands.h"
#include "engine/registry/registry.h"

namespace absah::cli {

namespace {

constexpr const char* kUsage =
    "usage: absah registry show NUMBER [--json] | revoke NUMBER --reason TEXT | supersede OLD NEW "
    "| audit\n"
    "       [--registry URL] [--by WHO]\n";

nlohmann::json document_json(const registry::Document& d) {
  nlohmann::json j = {{"type", d.type},
                      {"number", d.number},
                      // Officers see the NIK; logs and public pages never do (they mask it).
                      {"subject_nik", d.subject_nik},
                      {"office", d.office},
                      {"issued_at", d.issued_at},
                      {"record_sha256", d.record_sha256},
                      {"pdf_sha256", d.pdf_sha256},
                      {"seal_kid", d.seal_kid},
                      {"status", std::string(registry::to_string(d.status))}};
  if (!d.status_reason.empty()) j["reason"] = d.status_reason;
  if (d.status_at) j["status_at"] = *d.status_at;
  if (!d.status_by.empty()) j["status_by"] = d.status_by;
  if (!d.superseded_by.empty()) j["superseded_by"] = d.superseded_by;
  return j;
}

}  // namespace

int run_registry(const Argv& argv) {
  auto args = parse_args(argv, ArgSpec{{"registry", "reason", "by"}, {"json"}});
  if (!args || args->positional.empty()) {
    if (!args) print_error(std::cerr, args.error());
    std::cerr << kUsage;
    return kExitUsage;
  }
  const std::string& verb = args->positional[0];
  auto reg = registry::open_registry(args->get_or("registry", "sqlite:absah.db"));
  if (!reg) {
    print_error(std::cerr, reg.error());
    return kExitUsage;
  }
  auto now = current_time_unix();
  if (!now) {
    print_error(std::cerr, now.error());
    return kExitUsage;
  }
  const std::string who = args->get_or("by", "absah-cli");
  if (verb == "show" && args->positional.size() == 2) {
    auto doc = (*reg)->find(args->positional[1]);
    if (!doc) {
      print_error(std::cerr, doc.error());
      return kExitUsage;
    }
    nlohmann::json j = document_json(*doc);
    if (args->flags.count("json")) {
      std::cout << j.dump(2) << "\n";
    } else {
      for (const auto& [k, v] : j.items())
        std::cout << k << ": " << (v.is_string() ? v.get<std::string>() : v.dump()) << "\n";
    }
    return kExitOk;
  }
  if (verb == "revoke" && args->positional.size() == 2) {
    auto reason = args->get("reason");
    if (!reason || reason->empty()) {
      print_error(std::cerr, Error(ErrorCode::Usage, "--reason", "a revocation needs a reason"));
      return kExitUsage;
    }
    auto st = (*reg)->revoke(args->positional[1], *reason, who, *now);
    if (!st) {
      print_error(std::cerr, st.error());
      return kExitUsage;
    }
    std::cout << "revoked: " << args->positional[1] << "\n";
    return kExitOk;
  }
  if (verb == "supersede" && args->positional.size() == 3) {
    auto st = (*reg)->supersede(args->positional[1], args->positional[2], who, *now);
    if (!st) {
      print_error(std::cerr, st.error());
      return kExitUsage;
    }
    std::cout << "superseded: " << args->positional[1] << " by " << args->positional[2] << "\n";
    return kExitOk;
  }
  if (verb == "audit" && args->positional.size() == 1) {
    auto report = (*reg)->audit();
    if (!report) {
      print_error(std::cerr, report.error());
      return kExitUsage;
    }
    if (report->ok) {
      std::cout << "audit: ok, " << report->entries << " entries, chain intact\n";
      return kExitOk;
    }
    std::cout << "audit: BROKEN at entry " << report->first_broken << ": " << report->reason
              << "\n";
    return kExitNegative;
  }
  std::cerr << kUsage;
  return kExitUsage;
}

}  // namespace absah::cli
