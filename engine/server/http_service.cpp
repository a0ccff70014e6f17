#include "engine/server/http_service.h"

#include <algorithm>
#include <chrono>
#include <ostream>

#include "engine/server/access_log.h"
#include "engine/server/bounded_task_queue.h"
#include "engine/server/public_page.h"
#include "engine/server/route_template.h"
#include "engine/server/service_state.h"
#include "engine/server/socket_stream.h"

namespace absah::server {

namespace {

using Clock = std::chrono::steady_clock;

// The accepting thread serves a connection itself only when the queue is full, to answer 503;
// it waits this long at most for the request head.
constexpr std::chrono::milliseconds kSheddingRequestTime{1000};

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
  // Connections, timeouts and keep-alive are absah's (serve_connection); httplib parses.
  server.set_payload_max_length(limits.max_body_bytes);
  // What the Keep-Alive response header announces; serve_connection enforces it.
  server.set_keep_alive_max_count(limits.keep_alive_max_requests);
  server.set_keep_alive_timeout(limits.keep_alive_idle_seconds);

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

// One connection: up to keep_alive_max_requests requests, each read within the stream's
// bounds. A connection served on the accepting thread because the queue was full gets one
// short-deadline request, answered 503 by the pre-routing handler.
void serve_connection(ServiceState& state, int fd) {
  const ServiceLimits& limits = state.config.limits;
  const bool shedding = BoundedTaskQueue::shedding();
  StreamLimits bounds;
  bounds.max_head_bytes = limits.max_head_bytes;
  bounds.max_head_lines = limits.max_head_lines;
  bounds.read_timeout = std::chrono::seconds(limits.read_timeout_seconds);
  bounds.write_timeout = std::chrono::seconds(limits.write_timeout_seconds);
  bounds.request_time =
      shedding ? kSheddingRequestTime
               : std::chrono::milliseconds(std::chrono::seconds(limits.request_timeout_seconds));
  SocketStream stream(fd, bounds);
  const auto idle = std::chrono::seconds(limits.keep_alive_idle_seconds);
  for (size_t served = 0; served < std::max<size_t>(limits.keep_alive_max_requests, 1); ++served) {
    if (served > 0 && (state.stopping.load() || !stream.wait_for_request(idle))) break;
    stream.begin_request();
    const bool last =
        shedding || state.stopping.load() || served + 1 >= limits.keep_alive_max_requests;
    bool client_closes = false;
    const bool answered =
        state.server.process_request(stream, last, client_closes, [](httplib::Request&) {});
    // A request that broke a bound ends the connection: what follows cannot be trusted to
    // start a request, and a fresh deadline must not reward a client for dripping.
    if (!answered || client_closes || last || stream.violation() != StreamViolation::None) break;
  }
}

}  // namespace

HttpService::State::State(ServiceConfig c)
    : config(std::move(c)),
      registries([url = config.registry_url] { return registry::open_registry(url); }),
      serialize_issues(config.registry_url.rfind("sqlite:", 0) == 0) {}

HttpService::HttpService(std::unique_ptr<State> state) : m_state(std::move(state)) {}

HttpService::~HttpService() {
  if (m_state) stop();
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
  auto listener = Listener::open(c.host, c.port);
  if (!listener) return listener.take_error();
  state->listener = std::move(*listener);
  state->port = state->listener->port();
  return std::unique_ptr<HttpService>(new HttpService(std::move(state)));
}

int HttpService::port() const {
  return m_state->port;
}

void HttpService::run() {
  const ServiceLimits& limits = m_state->config.limits;
  BoundedTaskQueue workers(limits.workers, limits.max_queued);
  ServiceState& state = *m_state;
  m_state->listener->run(
      [&](int fd) { workers.enqueue([&state, fd] { serve_connection(state, fd); }); });
  // Connections already accepted are served before run returns.
  workers.shutdown();
}

void HttpService::stop() {
  m_state->stopping.store(true);
  if (m_state->listener) m_state->listener->stop();
}

}  // namespace absah::server
