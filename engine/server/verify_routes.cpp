// POST /v1/verify (officer) and GET /v/{seal} (the public page behind every QR code).

#include "engine/server/public_page.h"
#include "engine/server/service_state.h"

namespace absah::server {

namespace {

// The uploaded document: a multipart form's "file" part (or its only part), else the raw body.
const std::string* uploaded_bytes(const httplib::Request& req) {
  if (!req.is_multipart_form_data()) return &req.body;
  if (auto it = req.files.find("file"); it != req.files.end()) return &it->second.content;
  if (req.files.size() == 1) return &req.files.begin()->second.content;
  return nullptr;
}

void verify_upload(ServiceState& state, const httplib::Request& req, httplib::Response& res) {
  if (!authorize(state, req, res, Role::Officer)) return;
  const std::string* bytes = uploaded_bytes(req);
  if (!bytes) {
    send_error(res, 400, "request.invalid",
               "send the document as the body or as the multipart part named \"file\"");
    return;
  }
  if (bytes->empty()) {
    send_error(res, 400, "request.invalid", "the document is empty");
    return;
  }
  auto registry = state.registries.acquire();
  if (!registry) {
    send_engine_error(res, registry.error());
    return;
  }
  auto report = verify::verify_document(*bytes, verify_context(state, &**registry));
  if (!report) {
    if (report.error().code == ErrorCode::RegistryUnavailable) registry->discard();
    send_engine_error(res, report.error());
    return;
  }
  state.metrics.record_verdict("/v1/verify", std::string(verify::to_string(report->verdict)));
  send_json(res, 200, verify::report_to_json(*report));
}

bool wants_json(const httplib::Request& req) {
  const std::string accept = req.get_header_value("Accept");
  return accept.find("application/json") != std::string::npos &&
         accept.find("text/html") == std::string::npos;
}

void set_page_headers(httplib::Response& res) {
  // The status of a document can change at any time, and the URL carries the seal.
  res.set_header("Cache-Control", "no-store");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Content-Security-Policy",
                 "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
                 "form-action 'none'; frame-ancestors 'none'");
}

void public_page(ServiceState& state, const httplib::Request& req, httplib::Response& res) {
  const std::string seal = req.matches[1].str();
  PublicPageInput page;
  page.language =
      req.get_param_value("lang") == "en" ? PageLanguage::English : PageLanguage::Indonesian;
  page.self_path = "/v/" + seal;
  set_page_headers(res);

  auto registry = state.registries.acquire();
  std::optional<verify::VerificationReport> report;
  if (registry) {
    auto checked = verify::verify_seal_text(state.config.seal_base_url + "/v/" + seal,
                                            verify_context(state, &**registry));
    if (checked) {
      report = std::move(*checked);
    } else {
      if (checked.error().code == ErrorCode::RegistryUnavailable) registry->discard();
    }
  }
  if (!report) {
    // The seal may be fine; what failed is on our side. Say so rather than "not valid".
    res.set_header("Retry-After", "30");
    if (wants_json(req)) {
      send_error(res, 503, "registry.unavailable", "the register cannot be reached");
    } else {
      res.status = 503;
      res.set_content(render_unavailable_page(page.language), "text/html; charset=utf-8");
    }
    return;
  }
  state.metrics.record_verdict("/v/{seal}", std::string(verify::to_string(report->verdict)));
  if (wants_json(req)) {
    send_json(res, 200, verify::report_to_json(*report, {.public_view = true}));
    return;
  }
  if (report->document && state.config.type_title)
    page.type_title = state.config.type_title(report->document->type);
  page.report = &*report;
  res.status = 200;
  res.set_content(render_public_page(page), "text/html; charset=utf-8");
}

}  // namespace

void add_verify_routes(ServiceState& state) {
  state.server.Post("/v1/verify", [&state](const httplib::Request& req, httplib::Response& res) {
    verify_upload(state, req, res);
  });
  state.server.Get(R"(/v/([^/]+))", [&state](const httplib::Request& req, httplib::Response& res) {
    public_page(state, req, res);
  });
}

}  // namespace absah::server
