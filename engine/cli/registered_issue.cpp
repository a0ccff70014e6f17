#include "engine/cli/registered_issue.h"

#include "engine/base/json_path.h"
#include "engine/model/canonical_json.h"
#include "engine/model/civil_date.h"
#include "engine/registry/sha256_hex.h"
#include "engine/seal/seal_key.h"

namespace absah::cli {

namespace {

// Kota Mataram keeps WITA (UTC+8).
constexpr int kOfficeUtcOffsetMinutes = 8 * 60;

}  // namespace

Result<RegisteredIssue> issue_registered(const render::Renderer& renderer,
                                         registry::Registry& registry,
                                         render::RenderRequest request,
                                         const std::string& idempotency_key) {
  auto spec = renderer.layout(request.type);
  if (!spec) return spec.take_error();
  const nlohmann::json& record = request.record;

  registry::IssueRequest issue;
  issue.type = request.type;
  // A number the record already carries (a card's NIK, a KK number, a number given by the
  // backend) is registered as it is; otherwise the registry numbers by the layout's pattern.
  issue.fixed_number = string_at_json_path(record, render::kRecordNumberKey);
  if (issue.fixed_number.empty() && !(*spec)->number_field.empty())
    issue.fixed_number = string_at_json_path(record, (*spec)->number_field);
  issue.number_pattern = (*spec)->number_format;
  if (issue.fixed_number.empty() && issue.number_pattern.empty())
    return Error(ErrorCode::FieldMissing, render::kRecordNumberKey,
                 "the " + request.type + " layout has no number format and the record no number");
  issue.subject_nik = string_at_json_path(record, (*spec)->subject_id_field);
  issue.office = renderer.office().value("code", "");
  issue.utc_offset_minutes = kOfficeUtcOffsetMinutes;
  issue.issued_at = request.issue_time_unix;
  // With an explicit issue date, number by that day (noon in Mataram).
  if (auto day = model::parse_iso_date(string_at_json_path(record, render::kRecordIssueDateKey)))
    issue.issued_at = day->days_since_epoch() * 86400 + 4 * 3600;
  nlohmann::json subject = record;
  if (subject.is_object()) {
    subject.erase(render::kRecordNumberKey);
    subject.erase(render::kRecordIssueDateKey);
  }
  issue.record_json = model::canonical_json(subject);
  if (request.seal_key) issue.seal_kid = seal::to_hex(request.seal_key->kid());
  issue.idempotency_key = idempotency_key;
  issue.actor = "absah-cli";

  std::optional<render::RenderedDocument> rendered;
  auto result = registry.issue(issue, [&](const std::string& number) -> Result<std::string> {
    render::RenderRequest numbered = request;
    numbered.number = number;
    auto doc = renderer.render(numbered);
    if (!doc) return doc.take_error();
    std::string digest = registry::sha256_hex(doc->pdf);
    rendered = std::move(*doc);
    return digest;
  });
  if (!result) return result.take_error();
  RegisteredIssue out;
  out.replayed = result->replayed;
  if (!rendered) {
    // A replay: the registry kept the number; render the document again with it.
    request.number = result->document.number;
    auto doc = renderer.render(request);
    if (!doc) return doc.take_error();
    rendered = std::move(*doc);
  }
  out.document = std::move(*rendered);
  return out;
}

}  // namespace absah::cli
