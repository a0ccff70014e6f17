#include "engine/sign/http_post.h"

#include <httplib.h>

namespace absah::sign {

Result<HttpResponse> http_post(const std::string& url, std::string_view content_type,
                               std::string_view body, int timeout_seconds, size_t max_body_bytes) {
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos)
    return Error(ErrorCode::Usage, url, "URL must start with http:// or https://");
  std::string scheme = url.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https")
    return Error(ErrorCode::Usage, url, "URL must start with http:// or https://");
  size_t path_start = url.find('/', scheme_end + 3);
  std::string origin = path_start == std::string::npos ? url : url.substr(0, path_start);
  std::string path = path_start == std::string::npos ? "/" : url.substr(path_start);
  if (origin.size() <= scheme_end + 3) return Error(ErrorCode::Usage, url, "URL has no host");

  httplib::Client client(origin);
  if (!client.is_valid()) return Error(ErrorCode::Usage, url, "cannot use this URL");
  client.set_connection_timeout(timeout_seconds, 0);
  client.set_read_timeout(timeout_seconds, 0);
  client.set_write_timeout(timeout_seconds, 0);
  client.set_follow_location(false);
  httplib::Headers headers = {{"Accept", "application/timestamp-reply"}};
  auto res = client.Post(path, headers, std::string(body), std::string(content_type));
  if (!res)
    return Error(ErrorCode::Io, url, "HTTP request failed: " + httplib::to_string(res.error()));
  // AD-HOC: cpp-httplib 0.11 reads the whole body before we can bound it; a timestamp reply is
  // a few kilobytes, so the bound is checked afterwards.
  if (res->body.size() > max_body_bytes)
    return Error(ErrorCode::Io, url,
                 "HTTP response of " + std::to_string(res->body.size()) + " bytes is too large");
  HttpResponse out;
  out.status = res->status;
  out.content_type = res->get_header_value("Content-Type");
  out.body = std::move(res->body);
  return out;
}

}  // namespace absah::sign
