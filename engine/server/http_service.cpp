#include "engine/server/http_service.h"

#include <chrono>
#include <ostream>

#include "engine/server/access_log.h"
#include "engine/server/bounded_task_queue.h"
#include "engine/server/public_page.h"
#include "engine/server/route_template.h"
#include "engine/server/service_state.h"

namespace absah::server {

namespace {

using Clock = std::chrono::steady_clock;

// When the request head was read, on the thread serving it: the logger runs on the same
// thread after the response was written.
thread_local std::optional<Clock::time_point> t_request_start;

void log_request(ServiceState& state, const httplib::Request& req, const httplib::Response& res) {
  const auto end = Clock::now();
  const double seconds =
      t_request_start ? std::chrono::duration<double>(end - *t_request_start).count() : 0.0;
  t_request_start.reset();
  const std::string route = route_template(req.method, req.path);
  state.metrics.record_request(req.method, route, res.status, seconds);
  if (!state.config.access_log) return;
  AccessLogEntry entry;
  entry.unix_millis = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  entry.method = req.method;
  entry.route = route;
  entry.status = res.status;
  entry.millis = seconds * 1000;
  entry.bytes_in = req.body.size();
  entry.bytes_out = res.body.size();
  entry.remote = req.remote_addr;
  const std::string line = format_access_log_line(entry);
  std::lock_guard lock(state.log_mutex);
  *state.config.access_log << line << '\n' << std::flush;
}

}  // namespace

void add_health_routes(ServiceState& state) {
  state.server.Get("/healthz", [&state](const httplib::Request&, httplib::Response& res) {
    auto registry = state.registries.acquire();
    if (!registry) {
      send_error(res, 503, "registry.unavailable", "the register cannot be opened");
      return;
    }
    send_json(res, 200, {{"status", "ok"}, {"registry_schema", (*registry)->schema_version()}});
  });
  state.server.Get("/metrics", [&state](const httplib::Request&, httplib::Response& res) {
    res.set_content(state.metrics.render(), "text/plain; version=0.0.4; charset=utf-8");
  });
}

namespace {

bool is_api_path(const std::string& path) {
  return path.rfind("/v1/", 0) == 0 || path == "/healthz" || path == "/metrics";
}

void configure(ServiceState& state) {
  const ServiceLimits& limits = state.config.limits;
  httplib::Server& server = state.server;
  server.new_task_queue = [limits] {
    return new BoundedTaskQueue(limits.workers, limits.max_queued);
  };
  server.set_payload_max_length(limits.max_body_bytes);
  server.set_read_timeout(limits.read_timeout_seconds, 0);
  server.set_write_timeout(limits.write_timeout_seconds, 0);
  server.set_keep_alive_max_count(limits.keep_alive_max_requests);
  server.set_keep_alive_timeout(limits.keep_alive_idle_seconds);
  // Headers and body go out in separate writes; without TCP_NODELAY, Nagle's algorithm and
  // the client's delayed ACK hold every keep-alive response back by about 40 ms.
  server.set_tcp_nodelay(true);

  server.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    t_request_start = Clock::now();
    if (!BoundedTaskQueue::shedding()) return httplib::Server::HandlerResponse::Unhandled;
    res.set_header("Retry-After", "1");
    res.set_header("Connection", "close");
    send_error(res, 503, "server.busy", "too many requests in progress; retry shortly");
    return httplib::Server::HandlerResponse::Handled;
  });
  server.set_logger([&state](const httplib::Request& req, const httplib::Response& res) {
    log_request(state, req, res);
  });
  // Unrouted paths, oversized bodies (413) and the like: JSON for the API, a page otherwise.
  server.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (is_api_path(req.path) || req.method != "GET") {
      const std::string code = res.status == 404   ? "route.not_found"
                               : res.status == 413 ? "request.too_large"
                                                   : "request.invalid";
      const std::string message = res.status == 404 ? "no such route"
                                  : res.status == 413
                                      ? "the body is larger than the service accepts"
                                      : "the request could not be served";
      send_error(res, res.status, code, message);
      return;
    }
    const int status = res.status;
    res.set_content(
        render_not_found_page(req.get_param_value("lang") == "en" ? PageLanguage::English
                                                                  : PageLanguage::Indonesian),
        "text/html; charset=utf-8");
    res.status = status;
  });
  server.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        send_error(res, 500, "internal", "internal error; see the service log");
      });
  add_document_routes(state);
  add_verify_routes(state);
  add_health_routes(state);
}

}  // namespace

HttpService::State::State(ServiceConfig c)
    : config(std::move(c)),
      registries([url = config.registry_url] { return registry::open_registry(url); }),
      serialize_issues(config.registry_url.rfind("sqlite:", 0) == 0) {}

HttpService::HttpService(std::unique_ptr<State> state) : m_state(std::move(state)) {}

HttpService::~HttpService() {
  if (m_state && m_state->server.is_running()) m_state->server.stop();
}

Result<std::unique_ptr<ServiceState>> prepare_service(ServiceConfig config) {
  if (!config.issue || !config.clock || !config.seal_trust || !config.pdf_trust)
    return Error(ErrorCode::Usage, "serve", "the service needs an issuer, a clock and trust lists");
  auto state = std::make_unique<ServiceState>(std::move(config));
  {
    auto first = state->registries.acquire();
    if (!first) return first.take_error();
  }
  configure(*state);
  return state;
}

Result<std::unique_ptr<HttpService>> HttpService::start(ServiceConfig config) {
  auto prepared = prepare_service(std::move(config));
  if (!prepared) return prepared.take_error();
  std::unique_ptr<State> state = std::move(*prepared);
  const ServiceConfig& c = state->config;
  if (c.port == 0) {
    state->port = state->server.bind_to_any_port(c.host);
    if (state->port <= 0)
      return Error(ErrorCode::Io, "--listen", "cannot listen on " + c.host + ":0");
  } else {
    if (!state->server.bind_to_port(c.host, c.port))
      return Error(ErrorCode::Io, "--listen",
                   "cannot listen on " + c.host + ":" + std::to_string(c.port) +
                       " (in use, or not an address of this machine)");
    state->port = c.port;
  }
  return std::unique_ptr<HttpService>(new HttpService(std::move(state)));
}

int HttpService::port() const {
  return m_state->port;
}

void HttpService::run() {
  m_state->server.listen_after_bind();
}

void HttpService::stop() {
  m_state->server.stop();
}

}  // namespace absah::server
