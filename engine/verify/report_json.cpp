#include <nlohmann/json.hpp>

#include "engine/sign/dev_pki.h"
#include "engine/verify/public_mask.h"
#include "engine/verify/verifier.h"

namespace absah::verify {

namespace {

nlohmann::json time_or_null(const std::optional<int64_t>& t) {
  return t ? nlohmann::json(sign::format_utc(*t)) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json report_to_json(const VerificationReport& report, const ReportJsonOptions& options) {
  const bool pub = options.public_view;
  nlohmann::json out;
  out["verdict"] = to_string(report.verdict);
  out["reason"] = report.reason;
  out["input"] = to_string(report.input);
  if (report.document) {
    const DocumentFields& d = *report.document;
    out["document"] = {
        {"type", d.type},
        {"number", d.number},
        {"subject_name", pub ? mask_name(d.subject_name) : d.subject_name},
        {"subject_id", pub ? mask_id(d.subject_id) : d.subject_id},
        {"issue_date", d.issue_date},
        {"office", d.office},
        {"office_name", d.office_name},
    };
  } else {
    out["document"] = nullptr;
  }
  if (report.signer && !pub) {
    out["signer"] = {{"subject", report.signer->subject},
                     {"algorithm", report.signer->algorithm},
                     {"signing_time", time_or_null(report.signer->signing_time)},
                     {"timestamp_time", time_or_null(report.signer->timestamp_time)}};
  } else {
    out["signer"] = nullptr;
  }
  if (report.registry) {
    out["registry"] = {{"status", report.registry->status},
                       {"reason", pub ? "" : report.registry->reason},
                       {"at", time_or_null(report.registry->at)},
                       {"superseded_by", report.registry->superseded_by}};
  } else {
    out["registry"] = nullptr;
  }
  out["checks"] = nlohmann::json::array();
  for (const auto& c : report.checks)
    out["checks"].push_back({{"check", c.check},
                             {"result", to_string(c.result)},
                             {"code", c.code},
                             {"message", pub ? "" : c.message}});
  return out;
}

}  // namespace absah::verify
