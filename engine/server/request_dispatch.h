#pragma once
// The service without a socket: one request in, the response a client of `absah serve` would
// receive out. The request is written as HTTP/1.1 bytes into memory and read back by the same
// httplib::Server, with the same limits, routes, authorization, handlers and error pages, as a
// request arriving on a connection (tests, the HTTP fuzz target). Connection handling (the
// worker queue, timeouts, keep-alive) is the one part that is not exercised.

#include <memory>

#include <httplib.h>

#include "engine/base/result.h"
#include "engine/server/http_service.h"

namespace absah::server {

class RequestDispatcher {
 public:
  // Checks the config and opens the registry as HttpService::start does; listens nowhere.
  static Result<std::unique_ptr<RequestDispatcher>> create(ServiceConfig config);
  ~RequestDispatcher();

  // `request.path` is the path as the handlers see it, after percent-decoding (any byte may
  // appear in it; it is encoded on the way in), and `request.params` become the query.
  // Content-Length is set from the body. Headers whose name or value holds CR, LF or NUL
  // cannot travel in HTTP and are left out.
  httplib::Response dispatch(const httplib::Request& request);

 private:
  explicit RequestDispatcher(std::unique_ptr<HttpService::State> state);
  std::unique_ptr<HttpService::State> m_state;
};

// The request as it goes on the wire (exposed for tests).
std::string serialize_request(const httplib::Request& request);

}  // namespace absah::server
