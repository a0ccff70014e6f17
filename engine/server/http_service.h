#pragma once
// `absah serve`: the engine on the network for its three kinds of users (docs/server.md,
// docs/openapi.yaml).
//   issuer  (the population information system)  POST /v1/documents, POST .../{number}/revoke
//   officer (counter staff verifying paper)       POST /v1/verify, GET /v1/documents/{number}
//   public  (anyone who scans a QR code)          GET /v/{seal}
// plus GET /healthz and GET /metrics. The service knows nothing of key files or command-line
// options: what it needs to issue a document comes in as a function.

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "engine/base/result.h"
#include "engine/registry/registry.h"
#include "engine/render/renderer.h"
#include "engine/seal/trust_list.h"
#include "engine/server/access_tokens.h"
#include "engine/sign/trust_store.h"

namespace absah::server {

struct IssueInput {
  std::string type;
  nlohmann::json record;
  std::string idempotency_key;  // empty: none
  int64_t now_unix = 0;
};

struct IssueOutcome {
  render::RenderedDocument document;
  bool replayed = false;
};

// Renders, signs, seals and registers one document in the given registry (one transaction,
// see registry.h). Called from many threads at once, each with its own registry connection.
using IssueFunction =
    std::function<Result<IssueOutcome>(registry::Registry& registry, const IssueInput& input)>;

struct ServiceLimits {
  size_t max_body_bytes = 24u << 20;  // a scanned PDF or phone photo fits; the verifier bounds more
  int read_timeout_seconds = 10;      // silence between two bytes of a request
  int write_timeout_seconds = 30;
  // A whole request, head and body, arrives within this; a client dripping bytes is cut off.
  int request_timeout_seconds = 120;
  size_t max_head_bytes = 64u << 10;  // request line and headers
  size_t max_head_lines = 100;
  size_t keep_alive_max_requests = 100;
  int keep_alive_idle_seconds = 2;
  // Threads serving connections. A kept-alive connection holds its thread between requests,
  // so there are more threads than cores; CPU work is bounded by the cores, memory by these.
  size_t workers = 32;
  size_t max_queued = 64;  // accepted connections waiting for a worker; more are shed (503)
};

struct ServiceConfig {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (see HttpService::port)
  std::string registry_url;
  AccessTokens tokens;
  IssueFunction issue;
  // The title printed on a type's documents ("KUTIPAN AKTA KELAHIRAN"), for the public page.
  std::function<std::string(const std::string& type)> type_title;
  const sign::TrustStore* pdf_trust = nullptr;
  const seal::TrustList* seal_trust = nullptr;
  // The base of seal URLs (`--verify-url`): GET /v/<seal> checks "<base>/v/<seal>".
  std::string seal_base_url = "http://localhost:8080";
  std::function<int64_t()> clock;  // Unix seconds
  ServiceLimits limits;
  std::ostream* access_log = nullptr;  // one JSON object per line; nullptr: no log
};

class HttpService {
 public:
  // Checks the registry can be opened (migrations applied) and binds the listening socket.
  static Result<std::unique_ptr<HttpService>> start(ServiceConfig config);
  ~HttpService();

  int port() const;
  // Serves until stop(); returns after in-flight and queued requests were answered.
  void run();
  // Stops accepting; safe from another thread (not from a signal handler).
  void stop();

  struct State;

 private:
  explicit HttpService(std::unique_ptr<State> state);
  std::unique_ptr<State> m_state;
};

}  // namespace absah::server
