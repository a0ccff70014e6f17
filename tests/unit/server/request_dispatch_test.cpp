// The socket-free entry point answers as the network service does: routing, the body limit,
// authorization, multipart parsing and the JSON error pages all come from the same server.

#include "engine/server/request_dispatch.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "engine/seal/trust_list.h"
#include "engine/sign/dev_pki.h"
#include "engine/sign/trust_store.h"

namespace absah::server {
namespace {

namespace fs = std::filesystem;

constexpr const char* kIssuerToken = "issuer-token-0123456789abcdef";
constexpr const char* kOfficerToken = "officer-token-0123456789abcdef";

struct Trust {
  fs::path dir;
  sign::TrustStore pdf;
  seal::TrustList seal;
};

const Trust& trust() {
  static const Trust made = [] {
    const fs::path dir =
        fs::temp_directory_path() / ("absah-dispatch-test-" + std::to_string(getpid()));
    fs::remove_all(dir);
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(
          fs::temp_directory_path() / ("absah-dispatch-test-" + std::to_string(getpid())), ec);
    });
    sign::DevPkiOptions options;
    options.dir = dir / "pki";
    if (!sign::create_dev_pki(options)) std::abort();
    auto pdf = sign::TrustStore::from_file(options.dir / "root-ca.pem");
    auto seal = seal::load_trust_list(options.dir / "seal-trust.json");
    if (!pdf || !seal) std::abort();
    return Trust{dir, std::move(*pdf), std::move(*seal)};
  }();
  return made;
}

class RequestDispatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServiceConfig config;
    const std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    config.registry_url = "sqlite:" + (trust().dir / (name + ".db")).string();
    auto tokens = AccessTokens::parse(
        std::string("issuer ") + kIssuerToken + "\nofficer " + kOfficerToken + "\n", "test");
    ASSERT_TRUE(tokens) << tokens.error().describe();
    config.tokens = std::move(*tokens);
    config.pdf_trust = &trust().pdf;
    config.seal_trust = &trust().seal;
    config.clock = [] { return int64_t{1780272000}; };
    config.limits.max_body_bytes = 4096;
    config.issue = [this](registry::Registry&, const IssueInput& input) -> Result<IssueOutcome> {
      ++issue_calls;
      last_type = input.type;
      Error error(ErrorCode::RecordInvalid, "record", "the record is not valid");
      error.details.push_back(Error(ErrorCode::FieldMissing, "anak.nama", "required"));
      return error;
    };
    auto made = RequestDispatcher::create(std::move(config));
    ASSERT_TRUE(made) << made.error().describe();
    dispatcher = std::move(*made);
  }

  httplib::Response send(const std::string& method, const std::string& path,
                         const std::string& body = "", const char* token = nullptr,
                         const std::string& content_type = "application/json") {
    httplib::Request req;
    req.method = method;
    req.path = path;
    req.body = body;
    if (!body.empty()) req.headers.emplace("Content-Type", content_type);
    if (token) req.headers.emplace("Authorization", std::string("Bearer ") + token);
    return dispatcher->dispatch(req);
  }

  static std::string error_code(const httplib::Response& res) {
    const auto json = nlohmann::json::parse(res.body, nullptr, false);
    if (json.is_discarded() || !json.contains("error"))
      return "<not a JSON error: " + res.body + ">";
    return json["error"].value("code", "");
  }

  std::unique_ptr<RequestDispatcher> dispatcher;
  std::atomic<int> issue_calls{0};
  std::string last_type;
};

TEST_F(RequestDispatchTest, IssuingNeedsTheIssuerToken) {
  const std::string body = R"({"type":"akta_kelahiran","record":{}})";
  auto res = send("POST", "/v1/documents", body);
  EXPECT_EQ(res.status, 401);
  EXPECT_EQ(error_code(res), "auth.unauthenticated");
  EXPECT_EQ(res.get_header_value("WWW-Authenticate"), "Bearer realm=\"absah\"");
  res = send("POST", "/v1/documents", body, kOfficerToken);
  EXPECT_EQ(res.status, 403);
  EXPECT_EQ(error_code(res), "auth.forbidden");
  EXPECT_EQ(issue_calls, 0);
}

TEST_F(RequestDispatchTest, IssueErrorsListEveryProblem) {
  auto res =
      send("POST", "/v1/documents", R"({"type":"akta_kelahiran","record":{}})", kIssuerToken);
  EXPECT_EQ(res.status, 422);
  EXPECT_EQ(issue_calls, 1);
  EXPECT_EQ(last_type, "akta_kelahiran");
  const auto json = nlohmann::json::parse(res.body);
  ASSERT_EQ(json["errors"].size(), 1u);
  EXPECT_EQ(json["errors"][0]["path"], "anak.nama");
}

TEST_F(RequestDispatchTest, MalformedJsonIsA400WithTheOffset) {
  auto res = send("POST", "/v1/documents", R"({"type": )", kIssuerToken);
  EXPECT_EQ(res.status, 400);
  EXPECT_EQ(error_code(res), "json.syntax");
  EXPECT_NE(res.body.find("byte"), std::string::npos);
  EXPECT_EQ(issue_calls, 0);
}

TEST_F(RequestDispatchTest, ANumberTooLargeForADoubleIsA400NotA500) {
  auto res =
      send("POST", "/v1/documents", R"({"type": "kk", "record": {"x": 1e999}})", kIssuerToken);
  EXPECT_EQ(res.status, 400);
  EXPECT_EQ(error_code(res), "json.syntax");
  EXPECT_EQ(issue_calls, 0);
}

// Found by fuzz_http_request: the parser's message quoted the invalid byte and dumping the
// error threw, so bad input got a 500.
TEST_F(RequestDispatchTest, InvalidUtf8InTheQuotedInputIsStillA400) {
  auto res = send("POST", "/v1/documents",
                  "[1,2\xfe"
                  "3]",
                  kIssuerToken);
  EXPECT_EQ(res.status, 400);
  EXPECT_EQ(error_code(res), "json.syntax");
  res = send("GET", "/v1/documents/\xff\xfe", "", kOfficerToken);
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(error_code(res), "registry.not_found");
  EXPECT_NE(res.body.find("\xEF\xBF\xBD"), std::string::npos) << res.body;  // U+FFFD
}

// Found by fuzz_http_request: the parser's "last read" token (here a whole NIK) was quoted.
TEST_F(RequestDispatchTest, MalformedJsonMessageDoesNotQuoteTheValue) {
  auto res = send("POST", "/v1/documents", "{\"record\":{\"nik\":\"5271013850049002\x01\"}}",
                  kIssuerToken);
  EXPECT_EQ(res.status, 400);
  EXPECT_EQ(error_code(res), "json.syntax");
  EXPECT_EQ(res.body.find("5271013850049002"), std::string::npos) << res.body;
  EXPECT_NE(res.body.find("at byte"), std::string::npos) << res.body;
}

TEST_F(RequestDispatchTest, BodyOverTheLimitIs413BeforeAnyHandler) {
  auto res = send("POST", "/v1/documents", std::string(5000, ' '), kIssuerToken);
  EXPECT_EQ(res.status, 413);
  EXPECT_EQ(error_code(res), "request.too_large");
  EXPECT_EQ(issue_calls, 0);
}

TEST_F(RequestDispatchTest, UnroutedApiPathIsAJson404AndOtherPagesHtml) {
  auto res = send("GET", "/v1/nothing-here");
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(error_code(res), "route.not_found");
  res = send("GET", "/elsewhere");
  EXPECT_EQ(res.status, 404);
  EXPECT_NE(res.get_header_value("Content-Type").find("text/html"), std::string::npos);
}

TEST_F(RequestDispatchTest, DocumentNumberWithSlashesReachesTheRegistry) {
  // The path is decoded by the server: "%2F" in the wire form, "/" for the handler.
  auto res = send("GET", "/v1/documents/474.3/0001/DUKCAPIL/11/2026", "", kOfficerToken);
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(error_code(res), "registry.not_found");
}

TEST_F(RequestDispatchTest, RevokeWithoutReasonIs400) {
  auto res = send("POST", "/v1/documents/474.3%2F0001/revoke", "{}", kIssuerToken);
  EXPECT_EQ(res.status, 400);
  EXPECT_EQ(error_code(res), "request.invalid");
}

TEST_F(RequestDispatchTest, MultipartVerifyIsParsedByTheServer) {
  // Two parts, neither named "file": the handler finds no document in the parsed form.
  const std::string body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\none\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\ntwo\r\n--XyZ--\r\n";
  auto res = send("POST", "/v1/verify", body, kOfficerToken, "multipart/form-data; boundary=XyZ");
  EXPECT_EQ(res.status, 400);
  EXPECT_NE(res.body.find("multipart part named"), std::string::npos) << res.body;
}

TEST_F(RequestDispatchTest, VerifyOfGarbageIsAReportNotAnError) {
  auto res = send("POST", "/v1/verify", "not a document", kOfficerToken, "application/pdf");
  EXPECT_EQ(res.status, 200) << res.body;
  const auto json = nlohmann::json::parse(res.body);
  EXPECT_TRUE(json.contains("verdict"));
}

TEST_F(RequestDispatchTest, HealthAnswersWithTheSchema) {
  auto res = send("GET", "/healthz");
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(nlohmann::json::parse(res.body)["status"], "ok");
}

TEST(SerializeRequest, EncodesPathAndQueryAndDropsUncarriableHeaders) {
  httplib::Request req;
  req.method = "GET";
  req.path = "/v/a b%";
  req.params.emplace("lang", "en&x");
  req.headers.emplace("X-Ok", "yes");
  req.headers.emplace("X-Bad", "a\r\nInjected: 1");
  const std::string wire = serialize_request(req);
  EXPECT_EQ(wire.rfind("GET /v/a%20b%25?lang=en%26x HTTP/1.1\r\n", 0), 0u) << wire;
  EXPECT_NE(wire.find("X-Ok: yes\r\n"), std::string::npos);
  EXPECT_EQ(wire.find("Injected"), std::string::npos);
  EXPECT_NE(wire.find("Content-Length: 0\r\n\r\n"), std::string::npos);
}

}  // namespace
}  // namespace absah::server
