// HTTP requests → the service's handlers, through the socket-free entry point
// (engine/server/request_dispatch.h): the same parser, limits, routes, authorization and error
// pages as `absah serve`. The service issues for real (renderer, PAdES signer and QR seal from a
// PKI made in a temporary folder) into a SQLite registry made once per process.
//
// Input: byte 0 chooses the request, the rest is its body and/or path segment.
//   bits 0-2  route (mod 6): 0 POST /v1/documents (JSON), 1 POST /v1/verify (raw bytes),
//             2 POST /v1/verify (multipart, boundary "absahfuzz"), 3 POST /v1/documents/{n}/revoke
//             ("{n}\n{JSON}"), 4 GET /v1/documents/{n}, 5 GET /v/{seal}
//   bits 3-4  credentials: the route's role, the other role, none, an unknown token
//   bit 5     Accept: application/pdf (issue) or application/json (public page)
//   bit 6     an Idempotency-Key header; ?lang=en on the public page
// A segment "@" stands for the number of a document issued at start-up, "@seal" for its seal.
//
// Invariants (abort() on violation, so libFuzzer keeps the input): the status is one the route
// documents (docs/openapi.yaml) or a transport limit (413, 414); never 5xx for any input; every
// 4xx from the API is a JSON error with a code; no response carries a bearer token that the
// request did not itself carry in its body or path.

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "engine/base/data_dir.h"
#include "engine/base/file_io.h"
#include "engine/cli/registered_issue.h"
#include "engine/render/renderer.h"
#include "engine/seal/seal_key.h"
#include "engine/seal/trust_list.h"
#include "engine/server/request_dispatch.h"
#include "engine/sign/dev_pki.h"
#include "engine/sign/key_file_signer.h"
#include "engine/sign/trust_store.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

namespace fs = std::filesystem;
using namespace absah;

constexpr const char* kIssuerToken = "fuzz-issuer-token-5f0c2a91d7";
constexpr const char* kOfficerToken = "fuzz-officer-token-83be6d04c1";
constexpr const char* kSealBase = "https://absah.example";

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "fuzz_http_request: %s\n", what.c_str());
  std::abort();
}

template <typename T>
T must(Result<T> result, const char* what) {
  if (!result) fail(std::string(what) + ": " + result.error().describe());
  return std::move(result).value();
}

fs::path& work_dir() {
  static fs::path dir;
  return dir;
}

void remove_work_dir() {
  std::error_code ec;
  if (!work_dir().empty()) fs::remove_all(work_dir(), ec);
}

// Lives for the whole process: the service's issue function points into it.
struct Service {
  std::optional<sign::TrustStore> pdf_trust;
  seal::TrustList seal_trust;
  std::unique_ptr<sign::KeyFileSigner> signer;
  std::unique_ptr<seal::SealKey> seal_key;
  std::unique_ptr<render::Renderer> renderer;
  std::unique_ptr<server::RequestDispatcher> dispatcher;
  std::string known_number;  // issued at start-up
  std::string known_seal;
};

httplib::Response issue_sample(server::RequestDispatcher& dispatcher) {
  auto sample = read_file(resolve_data_dir() / "samples" / "akta_kelahiran.json");
  if (!sample) fail("no samples/akta_kelahiran.json (set ABSAH_DATA_DIR)");
  httplib::Request req;
  req.method = "POST";
  req.path = "/v1/documents";
  req.headers.emplace("Authorization", std::string("Bearer ") + kIssuerToken);
  req.headers.emplace("Content-Type", "application/json");
  req.body =
      nlohmann::json{{"type", "akta_kelahiran"}, {"record", nlohmann::json::parse(*sample)}}.dump();
  return dispatcher.dispatch(req);
}

Service& service() {
  static Service* const s = [] {
    auto* const owned = new Service;
    Service& made = *owned;
    work_dir() = fs::temp_directory_path() / ("absah-fuzz-http." + std::to_string(getpid()));
    fs::remove_all(work_dir());
    std::atexit(remove_work_dir);
    sign::DevPkiOptions pki;
    pki.dir = work_dir() / "pki";
    must(sign::create_dev_pki(pki), "development PKI");
    made.pdf_trust = must(sign::TrustStore::from_file(pki.dir / "root-ca.pem"), "trust store");
    made.seal_trust = must(seal::load_trust_list(pki.dir / "seal-trust.json"), "seal trust");
    made.signer = must(sign::KeyFileSigner::open({pki.dir / "signing-key.pem",
                                                  pki.dir / "signing.pem", pki.dir / "chain.pem"}),
                       "signer");
    made.seal_key = std::make_unique<seal::SealKey>(
        must(seal::SealKey::from_pem(must(read_file(pki.dir / "seal-key.pem"), "seal key")),
             "seal key"));
    made.renderer = must(render::Renderer::create({resolve_data_dir()}), "renderer");

    server::ServiceConfig config;
    config.registry_url = "sqlite:" + (work_dir() / "registry.db").string();
    config.tokens = must(
        server::AccessTokens::parse(
            std::string("issuer ") + kIssuerToken + "\nofficer " + kOfficerToken + "\n", "fuzz"),
        "tokens");
    config.pdf_trust = &*made.pdf_trust;
    config.seal_trust = &made.seal_trust;
    config.seal_base_url = kSealBase;
    config.clock = [] { return fuzz::kFuzzNow; };
    config.limits.max_body_bytes = 1u << 20;
    config.type_title = [renderer = made.renderer.get()](const std::string& type) {
      auto spec = renderer->layout(type);
      return spec ? (*spec)->title : std::string();
    };
    config.issue = [&made](registry::Registry& registry,
                           const server::IssueInput& input) -> Result<server::IssueOutcome> {
      render::RenderRequest request;
      request.type = input.type;
      request.record = input.record;
      request.issue_time_unix = input.now_unix;
      request.signer = made.signer.get();
      request.seal_key = made.seal_key.get();
      request.seal_base_url = kSealBase;
      auto issued = cli::issue_registered(*made.renderer, registry, std::move(request),
                                          input.idempotency_key);
      if (!issued) return issued.take_error();
      return server::IssueOutcome{std::move(issued->document), issued->replayed};
    };
    made.dispatcher = must(server::RequestDispatcher::create(std::move(config)), "service");

    const httplib::Response first = issue_sample(*made.dispatcher);
    if (first.status != 201) fail("the sample did not issue: " + first.body);
    const auto body = nlohmann::json::parse(first.body);
    made.known_number = body.at("number").get<std::string>();
    const std::string seal_url = body.at("seal_url").get<std::string>();
    made.known_seal = seal_url.substr(seal_url.rfind('/') + 1);
    return owned;
  }();
  return *s;
}

enum Route { Issue, VerifyRaw, VerifyMultipart, Revoke, Show, PublicPage, kRouteCount };

std::set<int> documented_statuses(Route route) {
  switch (route) {
    case Issue:
      return {201, 400, 401, 403, 409, 422};
    case VerifyRaw:
    case VerifyMultipart:
      return {200, 400, 401, 403};
    case Revoke:
      return {200, 400, 401, 403, 404, 409};
    case Show:
      return {200, 401, 403, 404};
    case PublicPage:
      return {200, 404};
    default:
      return {};
  }
}

std::string segment(std::string_view text) {
  if (text == "@") return service().known_number;
  if (text == "@seal") return service().known_seal;
  return std::string(text);
}

void check(Route route, const httplib::Request& req, const httplib::Response& res) {
  const std::string context = " (route " + std::to_string(route) + ", " + req.method + " " +
                              req.path.substr(0, 200) + "): " + res.body.substr(0, 400);
  if (res.status >= 500) fail("status " + std::to_string(res.status) + context);
  if (!documented_statuses(route).count(res.status) && res.status != 413 && res.status != 414)
    fail("undocumented status " + std::to_string(res.status) + context);
  for (const char* token : {kIssuerToken, kOfficerToken}) {
    // A client that puts a token in its own body or path may see it quoted back; what must
    // never happen is a token travelling from the Authorization header into a response.
    if (req.body.find(token) != std::string::npos || req.path.find(token) != std::string::npos)
      continue;
    if (res.body.find(token) != std::string::npos) fail("a token in the body" + context);
    for (const auto& [name, value] : res.headers)
      if (value.find(token) != std::string::npos) fail("a token in header " + name + context);
  }
  const bool api = req.path.rfind("/v1/", 0) == 0;
  if (res.status >= 400 && (api || req.method != "GET")) {
    const auto json = nlohmann::json::parse(res.body, nullptr, false);
    if (json.is_discarded() || !json.is_object() || !json.contains("error") ||
        !json["error"].is_object() || !json["error"].contains("code") ||
        !json["error"]["code"].is_string() || json["error"]["code"].get<std::string>().empty())
      fail("a 4xx that is not a JSON error with a code" + context);
    // The parser's "last read" token may be a whole personal value (docs/bad-input.md).
    if (json["error"].value("code", "") == "json.syntax" &&
        req.body.find("last read") == std::string::npos &&
        json["error"].value("message", "").find("last read") != std::string::npos)
      fail("a JSON syntax error quotes the input" + context);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  Service& s = service();
  const uint8_t selector = data[0];
  const std::string_view rest = fuzz::as_text(data + 1, size - 1);
  const auto route = static_cast<Route>((selector & 7) % kRouteCount);
  const int credentials = (selector >> 3) & 3;
  const bool alternative_accept = selector & 0x20;
  const bool extra = selector & 0x40;

  httplib::Request req;
  const bool issuer_route = route == Issue || route == Revoke;
  switch (route) {
    case Issue:
      req.method = "POST";
      req.path = "/v1/documents";
      req.body = std::string(rest);
      req.headers.emplace("Content-Type", "application/json");
      if (alternative_accept) req.headers.emplace("Accept", "application/pdf");
      if (extra) req.headers.emplace("Idempotency-Key", "fuzz-" + std::to_string(rest.size()));
      break;
    case VerifyRaw:
      req.method = "POST";
      req.path = "/v1/verify";
      req.body = std::string(rest);
      req.headers.emplace("Content-Type", "application/octet-stream");
      break;
    case VerifyMultipart:
      req.method = "POST";
      req.path = "/v1/verify";
      req.body = std::string(rest);
      req.headers.emplace("Content-Type", "multipart/form-data; boundary=absahfuzz");
      break;
    case Revoke: {
      const size_t newline = rest.find('\n');
      req.method = "POST";
      req.path = "/v1/documents/" + segment(rest.substr(0, newline)) + "/revoke";
      req.body = newline == std::string_view::npos ? "" : std::string(rest.substr(newline + 1));
      req.headers.emplace("Content-Type", "application/json");
      break;
    }
    case Show:
      req.method = "GET";
      req.path = "/v1/documents/" + segment(rest);
      break;
    case PublicPage:
      req.method = "GET";
      req.path = "/v/" + segment(rest);
      if (alternative_accept) req.headers.emplace("Accept", "application/json");
      if (extra) req.params.emplace("lang", "en");
      break;
    default:
      return 0;
  }
  const char* own = issuer_route ? kIssuerToken : kOfficerToken;
  const char* other = issuer_route ? kOfficerToken : kIssuerToken;
  switch (credentials) {
    case 0:
      req.headers.emplace("Authorization", std::string("Bearer ") + own);
      break;
    case 1:
      req.headers.emplace("Authorization", std::string("Bearer ") + other);
      break;
    case 2:
      break;
    default:
      req.headers.emplace("Authorization", "Bearer not-a-token-of-this-service");
      break;
  }
  const httplib::Response res = s.dispatcher->dispatch(req);
  // ABSAH_FUZZ_TRACE=1: what each input got back, for writing seeds that reach a handler.
  static const bool trace = std::getenv("ABSAH_FUZZ_TRACE") != nullptr;
  if (trace)
    std::fprintf(stderr, "  %s %s -> %d %.160s\n", req.method.c_str(),
                 req.path.substr(0, 80).c_str(), res.status, res.body.c_str());
  check(route, req, res);
  return 0;
}
