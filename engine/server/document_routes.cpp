// POST /v1/documents (issuer), GET /v1/documents/{number} (officer),
// POST /v1/documents/{number}/revoke (issuer).

#include <cctype>
#include <cstdio>

#include "engine/base/base64.h"
#include "engine/base/json_syntax.h"
#include "engine/registry/sha256_hex.h"
#include "engine/server/service_state.h"

namespace absah::server {

namespace {

// Returns false (and fills a 400) unless the body is a JSON object.
bool parse_json_object(const httplib::Request& req, httplib::Response& res, nlohmann::json& out) {
  auto parsed = parse_json(req.body);
  if (!parsed) {
    const Error& e = parsed.error();
    send_error(res, 400, "json.syntax",
               e.offset
                   ? "malformed JSON at byte " + std::to_string(*e.offset + 1) + ": " + e.message
                   : "malformed JSON: " + e.message);
    return false;
  }
  out = std::move(parsed.value());
  if (!out.is_object()) {
    send_error(res, 400, "json.syntax", "the body must be a JSON object");
    return false;
  }
  return true;
}

std::string hex(const std::array<uint8_t, 32>& bytes) {
  std::string out;
  char buf[3];
  for (uint8_t b : bytes) {
    std::snprintf(buf, sizeof buf, "%02x", b);
    out += buf;
  }
  return out;
}

// Accept: application/pdf picks the PDF; anything else (JSON, */*, none) the JSON form.
bool wants_pdf(const httplib::Request& req) {
  const std::string accept = req.get_header_value("Accept");
  const size_t pdf = accept.find("application/pdf");
  if (pdf == std::string::npos) return false;
  const size_t json = accept.find("application/json");
  return json == std::string::npos || pdf < json;
}

// Numbers carry slashes ("474.3/0001/DUKCAPIL/11/2026"); the Location header encodes them.
std::string document_path(const std::string& number) {
  std::string out = "/v1/documents/";
  char buf[4];
  for (unsigned char c : number) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

nlohmann::json registry_document_json(const registry::Document& doc) {
  nlohmann::json record = nlohmann::json::parse(doc.record_json, nullptr, false);
  nlohmann::json out = {
      {"type", doc.type},
      {"number", doc.number},
      {"subject_nik", doc.subject_nik},
      {"office", doc.office},
      {"issued_at", doc.issued_at},
      {"record", record.is_discarded() ? nlohmann::json(doc.record_json) : record},
      {"record_sha256", doc.record_sha256},
      {"pdf_sha256", doc.pdf_sha256},
      {"seal_kid", doc.seal_kid},
      {"status", std::string(registry::to_string(doc.status))},
  };
  if (!doc.idempotency_key.empty()) out["idempotency_key"] = doc.idempotency_key;
  if (doc.status != registry::DocumentStatus::Active) {
    out["status_reason"] = doc.status_reason;
    out["status_at"] = doc.status_at ? nlohmann::json(*doc.status_at) : nlohmann::json();
    out["status_by"] = doc.status_by;
    if (!doc.superseded_by.empty()) out["superseded_by"] = doc.superseded_by;
  }
  return out;
}

void issue_document(ServiceState& state, const httplib::Request& req, httplib::Response& res) {
  if (!authorize(state, req, res, Role::Issuer)) return;
  nlohmann::json body;
  if (!parse_json_object(req, res, body)) return;
  IssueInput input;
  const auto type = body.find("type");
  const auto record = body.find("record");
  if (type == body.end() || !type->is_string() || type->get<std::string>().empty()) {
    send_error(res, 400, "request.invalid", "\"type\" must be a document type code");
    return;
  }
  if (record == body.end() || !record->is_object()) {
    send_error(res, 400, "request.invalid", "\"record\" must be a JSON object");
    return;
  }
  if (const auto key = body.find("idempotency_key"); key != body.end() && !key->is_null()) {
    if (!key->is_string() || key->get<std::string>().size() > 200) {
      send_error(res, 400, "request.invalid",
                 "\"idempotency_key\" must be a string of at most 200 characters");
      return;
    }
    input.idempotency_key = key->get<std::string>();
  }
  if (input.idempotency_key.empty())
    input.idempotency_key = req.get_header_value("Idempotency-Key");
  input.type = type->get<std::string>();
  input.record = std::move(*record);
  input.now_unix = state.config.clock();

  auto registry = state.registries.acquire();
  if (!registry) {
    send_engine_error(res, registry.error());
    return;
  }
  std::unique_lock<std::mutex> one_writer;
  if (state.serialize_issues) one_writer = std::unique_lock(state.issue_mutex);
  auto issued = state.config.issue(**registry, input);
  if (one_writer.owns_lock()) one_writer.unlock();
  if (!issued) {
    if (issued.error().code == ErrorCode::RegistryUnavailable) registry->discard();
    send_engine_error(res, issued.error());
    return;
  }
  const render::RenderedDocument& doc = issued->document;
  state.metrics.record_issued(doc.type, issued->replayed);
  res.status = 201;
  res.set_header("Location", document_path(doc.number));
  if (issued->replayed) res.set_header("Idempotent-Replayed", "true");
  if (wants_pdf(req)) {
    res.set_header("Content-Disposition", "inline; filename=\"" + doc.type + ".pdf\"");
    res.set_header("X-Document-Number", doc.number);
    res.set_content(doc.pdf, "application/pdf");
    return;
  }
  send_json(res, 201,
            {{"type", doc.type},
             {"number", doc.number},
             {"issue_date", doc.issue_date},
             {"pages", doc.pages},
             {"replayed", issued->replayed},
             {"seal_url", doc.seal_url},
             {"pdf_sha256", registry::sha256_hex(doc.pdf)},
             {"record_sha256", hex(doc.record_digest)},
             {"pdf_base64", base64_encode(doc.pdf)}});
}

void show_document(ServiceState& state, const httplib::Request& req, httplib::Response& res) {
  if (!authorize(state, req, res, Role::Officer)) return;
  auto registry = state.registries.acquire();
  if (!registry) {
    send_engine_error(res, registry.error());
    return;
  }
  auto doc = (*registry)->find(req.matches[1].str());
  if (!doc) {
    if (doc.error().code == ErrorCode::RegistryUnavailable) registry->discard();
    send_engine_error(res, doc.error());
    return;
  }
  send_json(res, 200, registry_document_json(*doc));
}

void revoke_document(ServiceState& state, const httplib::Request& req, httplib::Response& res) {
  if (!authorize(state, req, res, Role::Issuer)) return;
  nlohmann::json body;
  if (!parse_json_object(req, res, body)) return;
  const auto reason = body.find("reason");
  if (reason == body.end() || !reason->is_string() || reason->get<std::string>().empty()) {
    send_error(res, 400, "request.invalid", "\"reason\" must be a non-empty string");
    return;
  }
  const std::string number = req.matches[1].str();
  auto registry = state.registries.acquire();
  if (!registry) {
    send_engine_error(res, registry.error());
    return;
  }
  auto revoked = (*registry)->revoke(number, reason->get<std::string>(), "absah-serve issuer",
                                     state.config.clock());
  if (!revoked) {
    if (revoked.error().code == ErrorCode::RegistryUnavailable) registry->discard();
    send_engine_error(res, revoked.error());
    return;
  }
  auto doc = (*registry)->find(number);
  if (!doc) {
    send_engine_error(res, doc.error());
    return;
  }
  send_json(res, 200, registry_document_json(*doc));
}

}  // namespace

void add_document_routes(ServiceState& state) {
  state.server.Post("/v1/documents", [&state](const httplib::Request& req, httplib::Response& res) {
    issue_document(state, req, res);
  });
  state.server.Post(R"(/v1/documents/(.+)/revoke)",
                    [&state](const httplib::Request& req, httplib::Response& res) {
                      revoke_document(state, req, res);
                    });
  state.server.Get(R"(/v1/documents/(.+))",
                   [&state](const httplib::Request& req, httplib::Response& res) {
                     show_document(state, req, res);
                   });
}

}  // namespace absah::server
