#include "engine/server/route_template.h"

namespace absah::server {

namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

std::string route_template(std::string_view method, std::string_view path) {
  if (path == "/healthz" || path == "/metrics" || path == "/v1/verify" || path == "/v1/documents")
    return std::string(path);
  constexpr std::string_view kDocuments = "/v1/documents/";
  if (starts_with(path, kDocuments) && path.size() > kDocuments.size()) {
    if (method == "POST" && ends_with(path, "/revoke") &&
        path.size() > kDocuments.size() + std::string_view("/revoke").size())
      return "/v1/documents/{number}/revoke";
    return "/v1/documents/{number}";
  }
  if (starts_with(path, "/v/") && path.size() > 3) return "/v/{seal}";
  return "other";
}

}  // namespace absah::server
