#include "engine/server/service_state.h"

namespace absah::server {

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  // Messages quote what the client sent (a JSON parser's "last read" bytes, a document
  // number from the path), which need not be UTF-8; dump() would throw on it and turn a
  // 400 into a 500. Such bytes become U+FFFD.
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                  "application/json");
}

void send_error(httplib::Response& res, int status, const std::string& code,
                const std::string& message) {
  send_json(res, status, {{"error", {{"code", code}, {"message", message}}}});
}

int status_for(const Error& error) {
  switch (error.code) {
    case ErrorCode::JsonSyntax:
    case ErrorCode::Usage:
      return 400;
    case ErrorCode::FieldMissing:
    case ErrorCode::FieldType:
    case ErrorCode::FieldEnum:
    case ErrorCode::FieldFormat:
    case ErrorCode::FieldLength:
    case ErrorCode::FieldUnknown:
    case ErrorCode::NikInvalid:
    case ErrorCode::DateInvalid:
    case ErrorCode::RecordInvalid:
    case ErrorCode::UnknownDocumentType:
    case ErrorCode::TextOverflow:
    case ErrorCode::GlyphMissing:
    case ErrorCode::ImageInvalid:
      return 422;
    case ErrorCode::RegistryNotFound:
      return 404;
    case ErrorCode::RegistryConflict:
      return 409;
    case ErrorCode::RegistryUnavailable:
      return 503;
    default:
      return 500;
  }
}

void send_engine_error(httplib::Response& res, const Error& error) {
  const int status = status_for(error);
  const std::string code(to_string(error.code));
  if (status == 500) {
    send_error(res, 500, code, "the document could not be produced; see the service log");
    return;
  }
  nlohmann::json body = {{"error", {{"code", code}, {"message", error.message}}}};
  if (status == 422) {
    nlohmann::json errors = nlohmann::json::array();
    auto add = [&](const Error& e) {
      errors.push_back(
          {{"path", e.path}, {"rule", std::string(to_string(e.code))}, {"message", e.message}});
    };
    if (error.details.empty())
      add(error);
    else
      for (const Error& d : error.details) add(d);
    body["errors"] = std::move(errors);
  }
  send_json(res, status, body);
}

bool authorize(const ServiceState& state, const httplib::Request& req, httplib::Response& res,
               Role required) {
  const std::string header = req.get_header_value("Authorization");
  const std::string_view token = bearer_token(header);
  const std::optional<Role> role =
      token.empty() ? std::nullopt : state.config.tokens.role_of(token);
  if (!role) {
    res.set_header("WWW-Authenticate", "Bearer realm=\"absah\"");
    send_error(res, 401, "auth.unauthenticated",
               token.empty() ? "send Authorization: Bearer <token>" : "unknown token");
    return false;
  }
  if (*role != required) {
    send_error(res, 403, "auth.forbidden",
               "this route needs the " + std::string(to_string(required)) + " role");
    return false;
  }
  return true;
}

verify::VerifyContext verify_context(const ServiceState& state, registry::Registry* registry) {
  verify::VerifyContext context;
  context.pdf_trust = state.config.pdf_trust;
  context.seal_trust = state.config.seal_trust;
  context.registry = registry;
  context.now_unix = state.config.clock();
  return context;
}

}  // namespace absah::server
