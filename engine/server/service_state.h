#pragma once
// What the route handlers of the service share (internal to engine/server).

#include <chrono>
#include <mutex>
#include <string>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "engine/server/access_tokens.h"
#include "engine/server/http_service.h"
#include "engine/server/metrics.h"
#include "engine/server/resource_pool.h"
#include "engine/verify/verifier.h"

#include <atomic>

#include "engine/server/listener.h"

namespace absah::server {

// httplib's server with its request processing open to a stream held in memory
// (request_dispatch.h), so that code reaches the handlers the way a socket does.
class ServiceServer : public httplib::Server {
 public:
  using httplib::Server::process_request;
};

struct HttpService::State {
  explicit State(ServiceConfig c);

  ServiceConfig config;
  ServiceServer server;
  ResourcePool<registry::Registry> registries;
  Metrics metrics;
  std::mutex log_mutex;
  // SQLite lets one writer in at a time and makes the others poll with growing sleeps
  // (busy_timeout), which under load turned a 10 ms issue into a second-long tail. Issuers of
  // one process therefore queue here instead, in order; PostgreSQL locks per counter itself.
  bool serialize_issues = false;
  std::mutex issue_mutex;
  std::unique_ptr<Listener> listener;  // absent in RequestDispatcher
  std::atomic<bool> stopping{false};
  int port = 0;
};

using ServiceState = HttpService::State;

// Checks the config, opens the first registry connection (migrations run once, a wrong URL
// fails here) and registers limits, hooks and routes; binds nothing.
Result<std::unique_ptr<ServiceState>> prepare_service(ServiceConfig config);

void add_document_routes(ServiceState& state);  // POST/GET /v1/documents...
void add_verify_routes(ServiceState& state);    // POST /v1/verify, GET /v/{seal}
void add_health_routes(ServiceState& state);    // GET /healthz, GET /metrics

void send_json(httplib::Response& res, int status, const nlohmann::json& body);
// {"error": {"code", "message"}}
void send_error(httplib::Response& res, int status, const std::string& code,
                const std::string& message);
// An engine error with the status its code calls for: 422 with every validation problem as
// {"path", "rule", "message"}, 400 malformed JSON, 404, 409, 503 registry down, else 500
// (whose message is not shown to the client).
void send_engine_error(httplib::Response& res, const Error& error);
int status_for(const Error& error);

// Checks `Authorization: Bearer` and the role; on failure the response is filled (401/403)
// and false returned.
bool authorize(const ServiceState& state, const httplib::Request& req, httplib::Response& res,
               Role required);

verify::VerifyContext verify_context(const ServiceState& state, registry::Registry* registry);

}  // namespace absah::server
