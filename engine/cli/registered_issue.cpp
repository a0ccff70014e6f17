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

Result<registry::IssueRequest> make_issue_request(const render::Renderer& renderer,
                                                  const render::RenderRequest& request,
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
  return issue;
}

Result<RegisteredIssue> issue_registered(const render::Renderer& renderer,
                                         registry::Registry& registry,
                                         render::RenderRequest request,
                                         const std::string& idempotency_key) {
  auto issue = make_issue_request(renderer, request, idempotency_key);
  if (!issue) return issue.take_error();
  std::optional<render::RenderedDocument> rendered;
  auto result = registry.issue(*issue, [&](const std::string& number) -> Result<std::string> {
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

Result<std::vector<Result<RegisteredIssue>>> issue_registered_group(
    const render::Renderer& renderer, registry::Registry& registry,
    const std::vector<render::RenderRequest>& requests, const std::vector<std::string>& keys,
    const RenderAll& render_all) {
  std::vector<Result<RegisteredIssue>> out(requests.size(),
                                           Error(ErrorCode::Internal, "", "not issued"));
  std::vector<registry::IssueRequest> issues;
  std::vector<size_t> request_of_issue;
  for (size_t i = 0; i < requests.size(); ++i) {
    auto issue = make_issue_request(renderer, requests[i], keys[i]);
    if (!issue) {
      out[i] = issue.take_error();
      continue;
    }
    issues.push_back(std::move(*issue));
    request_of_issue.push_back(i);
  }
  if (issues.empty()) return out;

  // The PDFs wait here until the commit; a slot whose number was rolled back is rendered again
  // or never read.
  std::vector<std::optional<render::RenderedDocument>> rendered(requests.size());
  auto results = registry.issue_many(
      issues,
      registry::GroupRenderCallback([&](const std::vector<registry::NumberedRequest>& todo) {
        std::vector<render::RenderRequest> numbered;
        numbered.reserve(todo.size());
        for (const registry::NumberedRequest& one : todo) {
          numbered.push_back(requests[request_of_issue[one.index]]);
          numbered.back().number = one.number;
        }
        std::vector<Result<render::RenderedDocument>> docs = render_all(std::move(numbered));
        std::vector<Result<std::string>> digests;
        digests.reserve(todo.size());
        for (size_t k = 0; k < todo.size(); ++k) {
          const size_t i = request_of_issue[todo[k].index];
          rendered[i].reset();
          if (k >= docs.size() || !docs[k]) {
            digests.push_back(k < docs.size() ? docs[k].take_error()
                                              : Error(ErrorCode::Internal, "", "not rendered"));
            continue;
          }
          digests.push_back(registry::sha256_hex(docs[k]->pdf));
          rendered[i] = std::move(*docs[k]);
        }
        return digests;
      }));
  if (!results) return results.take_error();

  // Replays: the registry kept the number of an earlier issue; render again with it, dated as
  // issued, all together. (A render made before a key clash carries a rolled-back number and is
  // discarded.)
  std::vector<render::RenderRequest> again;
  std::vector<size_t> again_of;
  for (size_t index = 0; index < results->size(); ++index) {
    const size_t i = request_of_issue[index];
    auto& result = (*results)[index];
    if (!result) {
      out[i] = result.take_error();
      continue;
    }
    RegisteredIssue issued;
    issued.replayed = result->replayed;
    if (issued.replayed) {
      again.push_back(requests[i]);
      again.back().number = result->document.number;
      again.back().issue_time_unix = result->document.issued_at;
      again_of.push_back(i);
      out[i] = std::move(issued);
    } else if (rendered[i] && rendered[i]->number == result->document.number) {
      issued.document = std::move(*rendered[i]);
      out[i] = std::move(issued);
    } else {
      out[i] = Error(ErrorCode::Internal, result->document.number,
                     "the registry stored a document that was not rendered here");
    }
  }
  if (!again.empty()) {
    std::vector<Result<render::RenderedDocument>> docs = render_all(std::move(again));
    for (size_t k = 0; k < again_of.size(); ++k) {
      const size_t i = again_of[k];
      if (k >= docs.size() || !docs[k])
        out[i] =
            k < docs.size() ? docs[k].take_error() : Error(ErrorCode::Internal, "", "not rendered");
      else
        out[i]->document = std::move(*docs[k]);
    }
  }
  return out;
}

}  // namespace absah::cli
