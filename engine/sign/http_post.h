#pragma once
// One HTTP(S) POST with a body and a content type, for RFC 3161 over HTTP (RFC 3161 §3.4:
// application/timestamp-query in, application/timestamp-reply out). Adapter over cpp-httplib,
// which stays inside this file's .cpp.

#include <string>
#include <string_view>

#include "engine/base/result.h"

namespace absah::sign {

struct HttpResponse {
  int status = 0;
  std::string content_type;
  std::string body;
};

// `url` is http://host[:port]/path or https://...; the response body is bounded by
// `max_body_bytes`; connect and read time out after `timeout_seconds`.
Result<HttpResponse> http_post(const std::string& url, std::string_view content_type,
                               std::string_view body, int timeout_seconds,
                               size_t max_body_bytes = 1 << 20);

}  // namespace absah::sign
