// `absah serve` over real HTTP on loopback: every route, every error status, idempotent
// issuing, verification of what was issued, the public page for valid, revoked and forged
// seals, metrics, access logs without NIKs, and a SIGTERM that lets a request in flight
// finish. Each test runs against SQLite and, with ABSAH_TEST_POSTGRES_URL, PostgreSQL.

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "engine/base/base64.h"
#include "tests/integration/server_fixture.h"

namespace absah::testing {

namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// The sk_kematian sample's subject.
constexpr const char* kSubjectNik = "5271011708480002";
constexpr const char* kSubjectName = "H. LALU SUPARMAN";

std::string encode_number(const std::string& number) {
  std::string out;
  for (char c : number) out += c == '/' ? std::string("%2F") : std::string(1, c);
  return out;
}

int connect_loopback(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

bool send_all(int fd, const std::string& data) {
  size_t sent = 0;
  while (sent < data.size()) {
    const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<size_t>(n);
  }
  return true;
}

std::string receive_all(int fd) {
  std::string out;
  char buf[65536];
  for (;;) {
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

class Service : public ServerTest {};

TEST_P(Service, HealthAndMetrics) {
  auto health = client().Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(nlohmann::json::parse(health->body)["status"], "ok");
  ASSERT_TRUE(client().Get("/v/NOTASEAL"));
  // The latency of a request is recorded once its response is written, so the client can be
  // faster than the bookkeeping: read the metrics until that request shows (at most 2 s).
  const std::string seen = "absah_http_request_duration_seconds_count{route=\"/v/{seal}\"} 1";
  auto metrics = client().Get("/metrics");
  for (int i = 0; i < 40 && metrics && metrics->body.find(seen) == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    metrics = client().Get("/metrics");
  }
  ASSERT_TRUE(metrics);
  EXPECT_EQ(metrics->status, 200);
  EXPECT_THAT(metrics->get_header_value("Content-Type"), HasSubstr("text/plain"));
  EXPECT_THAT(metrics->body,
              HasSubstr("absah_http_requests_total{method=\"GET\",route=\"/healthz\","
                        "status=\"200\"} 1"));
  EXPECT_THAT(metrics->body, HasSubstr("absah_verifications_total{route=\"/v/{seal}\","
                                       "verdict=\"invalid\"} 1"));
  EXPECT_THAT(metrics->body,
              HasSubstr("absah_http_request_duration_seconds_count{route=\"/v/{seal}\"} 1"));
}

TEST_P(Service, IssuesJsonThenPdfAndReplaysTheSameNumber) {
  auto first = issue("sk_kematian", "order-17");
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 201) << first->body;
  const auto doc = nlohmann::json::parse(first->body);
  const std::string number = doc["number"];
  EXPECT_THAT(number, ::testing::MatchesRegex(R"(474\.3/0001/DUKCAPIL/[0-9]+/[0-9]{4})"));
  EXPECT_FALSE(doc["replayed"].get<bool>());
  EXPECT_THAT(first->get_header_value("Location"), ::testing::StartsWith("/v1/documents/474.3"));
  EXPECT_THAT(doc["seal_url"].get<std::string>(),
              ::testing::StartsWith(std::string(kVerifyBase) + "/v/"));
  auto pdf = base64_decode(doc["pdf_base64"].get<std::string>());
  ASSERT_TRUE(pdf);
  EXPECT_EQ(pdf->substr(0, 5), "%PDF-");
  // The registry holds the digest of exactly the PDF that was returned.
  TempDir tmp;
  std::ofstream(tmp / "doc.pdf", std::ios::binary) << *pdf;
  auto digest = run_tool("sha256sum " + quote((tmp / "doc.pdf").string()));
  EXPECT_THAT(digest.out, ::testing::StartsWith(doc["pdf_sha256"].get<std::string>()));
  auto stored = client(kOfficerToken).Get(first->get_header_value("Location"));
  ASSERT_TRUE(stored);
  ASSERT_EQ(stored->status, 200) << stored->body;
  const auto record = nlohmann::json::parse(stored->body);
  EXPECT_EQ(record["pdf_sha256"], doc["pdf_sha256"]);
  EXPECT_EQ(record["status"], "active");
  EXPECT_EQ(record["subject_nik"], kSubjectNik);  // officers see the full record
  EXPECT_EQ(record["idempotency_key"], "order-17");

  // The same key again: the same document, as a PDF this time.
  auto again = issue("sk_kematian", "order-17", "application/pdf");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 201);
  EXPECT_EQ(again->get_header_value("Content-Type"), "application/pdf");
  EXPECT_EQ(again->get_header_value("Idempotent-Replayed"), "true");
  EXPECT_EQ(again->get_header_value("X-Document-Number"), number);
  EXPECT_EQ(again->body.substr(0, 5), "%PDF-");
  std::ofstream(tmp / "again.pdf", std::ios::binary) << again->body;
  EXPECT_EQ(run_tool("qpdf --check " + quote((tmp / "again.pdf").string())).exit_code, 0);

  // A new key: the next number.
  auto next = issue("sk_kematian", "order-18");
  ASSERT_TRUE(next);
  ASSERT_EQ(next->status, 201);
  EXPECT_THAT(nlohmann::json::parse(next->body)["number"].get<std::string>(), HasSubstr("/0002/"));
}

TEST_P(Service, RejectsMissingUnknownAndWrongRoleTokens) {
  const nlohmann::json body = {{"type", "sk_kematian"}, {"record", sample("sk_kematian")}};
  auto none = client().Post("/v1/documents", body.dump(), "application/json");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 401);
  EXPECT_THAT(none->get_header_value("WWW-Authenticate"), HasSubstr("Bearer"));
  auto unknown =
      client("issuer-test-token-0123456780").Post("/v1/documents", body.dump(), "application/json");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 401);
  auto officer = client(kOfficerToken).Post("/v1/documents", body.dump(), "application/json");
  ASSERT_TRUE(officer);
  EXPECT_EQ(officer->status, 403);
  EXPECT_EQ(nlohmann::json::parse(officer->body)["error"]["code"], "auth.forbidden");
  auto issuer_verifies = client(kIssuerToken).Post("/v1/verify", "%PDF-", "application/pdf");
  ASSERT_TRUE(issuer_verifies);
  EXPECT_EQ(issuer_verifies->status, 403);
  auto issuer_reads = client(kIssuerToken).Get("/v1/documents/1");
  ASSERT_TRUE(issuer_reads);
  EXPECT_EQ(issuer_reads->status, 403);
  auto officer_revokes =
      client(kOfficerToken).Post("/v1/documents/1/revoke", R"({"reason":"x"})", "application/json");
  ASSERT_TRUE(officer_revokes);
  EXPECT_EQ(officer_revokes->status, 403);
  auto no_token_verify = client().Post("/v1/verify", "%PDF-", "application/pdf");
  ASSERT_TRUE(no_token_verify);
  EXPECT_EQ(no_token_verify->status, 401);
  // Nothing was issued by any of these.
  EXPECT_THAT(client().Get("/metrics")->body, Not(HasSubstr("absah_documents_issued_total{")));
}

TEST_P(Service, ReportsEveryRecordErrorAndMalformedRequests) {
  auto c = client(kIssuerToken);
  auto malformed =
      c.Post("/v1/documents", R"({"type": "sk_kematian", "record": {)", "application/json");
  ASSERT_TRUE(malformed);
  EXPECT_EQ(malformed->status, 400);
  EXPECT_EQ(nlohmann::json::parse(malformed->body)["error"]["code"], "json.syntax");
  auto no_record = c.Post("/v1/documents", R"({"type": "sk_kematian"})", "application/json");
  ASSERT_TRUE(no_record);
  EXPECT_EQ(no_record->status, 400);

  auto record = sample("sk_kematian");
  record["tanggal_lahir"] = "1948-02-30";
  record["jenis_kelamin"] = "WANITA";
  auto invalid =
      c.Post("/v1/documents", nlohmann::json({{"type", "sk_kematian"}, {"record", record}}).dump(),
             "application/json");
  ASSERT_TRUE(invalid);
  ASSERT_EQ(invalid->status, 422) << invalid->body;
  const auto body = nlohmann::json::parse(invalid->body);
  EXPECT_EQ(body["error"]["code"], "record.invalid");
  std::set<std::pair<std::string, std::string>> found;
  for (const auto& e : body["errors"]) {
    EXPECT_FALSE(e["message"].get<std::string>().empty());
    found.insert({e["path"].get<std::string>(), e["rule"].get<std::string>()});
  }
  EXPECT_TRUE(found.count({"tanggal_lahir", "field.date"})) << body.dump(1);
  EXPECT_TRUE(found.count({"jenis_kelamin", "field.enum"})) << body.dump(1);

  auto unknown_type =
      c.Post("/v1/documents", nlohmann::json({{"type", "sim_a"}, {"record", record}}).dump(),
             "application/json");
  ASSERT_TRUE(unknown_type);
  EXPECT_EQ(unknown_type->status, 422);
  EXPECT_EQ(nlohmann::json::parse(unknown_type->body)["errors"][0]["rule"],
            "document_type.unknown");
  // A failed issue allocates no number: the first good one is 0001.
  auto good = issue("sk_kematian");
  ASSERT_TRUE(good);
  ASSERT_EQ(good->status, 201);
  EXPECT_THAT(nlohmann::json::parse(good->body)["number"].get<std::string>(), HasSubstr("/0001/"));
}

TEST_P(Service, VerifiesUploadsRawAndMultipart) {
  auto issued = issue("sk_kematian", "", "application/pdf");
  ASSERT_TRUE(issued);
  ASSERT_EQ(issued->status, 201);
  const std::string pdf = issued->body;
  auto c = client(kOfficerToken);
  auto raw = c.Post("/v1/verify", pdf, "application/pdf");
  ASSERT_TRUE(raw);
  ASSERT_EQ(raw->status, 200) << raw->body;
  auto report = nlohmann::json::parse(raw->body);
  EXPECT_EQ(report["verdict"], "valid") << report.dump(1);
  EXPECT_EQ(report["document"]["number"], issued->get_header_value("X-Document-Number"));

  httplib::MultipartFormDataItems form = {{"file", pdf, "scan.pdf", "application/pdf"}};
  auto multipart = c.Post("/v1/verify", form);
  ASSERT_TRUE(multipart);
  ASSERT_EQ(multipart->status, 200);
  EXPECT_EQ(nlohmann::json::parse(multipart->body)["verdict"], "valid");

  std::string changed = pdf;
  const size_t at = changed.find("LALU SUPARMAN");
  if (at != std::string::npos)
    changed[at] = 'X';
  else
    changed[changed.size() / 3] ^= 0x01;
  auto tampered = c.Post("/v1/verify", changed, "application/pdf");
  ASSERT_TRUE(tampered);
  ASSERT_EQ(tampered->status, 200);
  EXPECT_NE(nlohmann::json::parse(tampered->body)["verdict"], "valid");

  auto garbage = c.Post("/v1/verify", std::string(100, 'z'), "application/octet-stream");
  ASSERT_TRUE(garbage);
  EXPECT_EQ(garbage->status, 200);
  EXPECT_EQ(nlohmann::json::parse(garbage->body)["verdict"], "unreadable");
  auto empty = c.Post("/v1/verify", "", "application/pdf");
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->status, 400);

  // Revoked: the report says so.
  const std::string number = issued->get_header_value("X-Document-Number");
  auto revoke = client(kIssuerToken)
                    .Post("/v1/documents/" + encode_number(number) + "/revoke",
                          R"({"reason": "data keliru"})", "application/json");
  ASSERT_TRUE(revoke);
  ASSERT_EQ(revoke->status, 200) << revoke->body;
  auto after = c.Post("/v1/verify", pdf, "application/pdf");
  ASSERT_TRUE(after);
  EXPECT_EQ(nlohmann::json::parse(after->body)["verdict"], "revoked");
}

TEST_P(Service, LooksUpAndRevokesByNumber) {
  auto missing = client(kOfficerToken).Get("/v1/documents/474.3%2F9999%2FDUKCAPIL%2F01%2F2020");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(nlohmann::json::parse(missing->body)["error"]["code"], "registry.not_found");
  auto issuer = client(kIssuerToken);
  auto revoke_missing = issuer.Post("/v1/documents/474.3%2F9999%2FDUKCAPIL%2F01%2F2020/revoke",
                                    R"({"reason": "x"})", "application/json");
  ASSERT_TRUE(revoke_missing);
  EXPECT_EQ(revoke_missing->status, 404);

  auto issued = issue("sk_kematian");
  ASSERT_TRUE(issued);
  const std::string path =
      "/v1/documents/" + encode_number(nlohmann::json::parse(issued->body)["number"]);
  auto no_reason = issuer.Post(path + "/revoke", R"({})", "application/json");
  ASSERT_TRUE(no_reason);
  EXPECT_EQ(no_reason->status, 400);
  auto revoked = issuer.Post(path + "/revoke", R"({"reason": "data keliru"})", "application/json");
  ASSERT_TRUE(revoked);
  ASSERT_EQ(revoked->status, 200);
  const auto doc = nlohmann::json::parse(revoked->body);
  EXPECT_EQ(doc["status"], "revoked");
  EXPECT_EQ(doc["status_reason"], "data keliru");
  auto twice = issuer.Post(path + "/revoke", R"({"reason": "lagi"})", "application/json");
  ASSERT_TRUE(twice);
  EXPECT_EQ(twice->status, 409);
  auto shown = client(kOfficerToken).Get(path);
  ASSERT_TRUE(shown);
  EXPECT_EQ(nlohmann::json::parse(shown->body)["status"], "revoked");
}

TEST_P(Service, PublicPageForValidRevokedAndForgedSeals) {
  auto issued = issue("sk_kematian");
  ASSERT_TRUE(issued);
  ASSERT_EQ(issued->status, 201);
  const auto doc = nlohmann::json::parse(issued->body);
  const std::string path = seal_path(doc["seal_url"]);
  ASSERT_FALSE(path.empty());

  auto valid = client().Get(path);
  ASSERT_TRUE(valid);
  ASSERT_EQ(valid->status, 200);
  EXPECT_THAT(valid->get_header_value("Content-Type"), HasSubstr("text/html"));
  EXPECT_EQ(valid->get_header_value("Cache-Control"), "no-store");
  EXPECT_THAT(valid->body, HasSubstr("data-verdict=\"valid\""));
  EXPECT_THAT(valid->body, HasSubstr("<h1>SAH</h1>"));
  EXPECT_THAT(valid->body, HasSubstr("name=\"viewport\""));
  EXPECT_THAT(valid->body, HasSubstr(doc["number"].get<std::string>()));
  EXPECT_THAT(valid->body, Not(HasSubstr("<script")));
  // Never the NIK, the full name, the birth date or the address.
  const auto record = sample("sk_kematian");
  EXPECT_THAT(valid->body, Not(HasSubstr(kSubjectNik)));
  EXPECT_THAT(valid->body, Not(HasSubstr(kSubjectName)));
  EXPECT_THAT(valid->body, Not(HasSubstr("SUPARMAN")));
  EXPECT_THAT(valid->body, Not(HasSubstr("17 Agustus 1948")));
  EXPECT_THAT(valid->body, Not(HasSubstr("SALEH SUNGKAR")));
  EXPECT_THAT(valid->body, HasSubstr("S*******"));

  auto english = client().Get(path + "?lang=en");
  ASSERT_TRUE(english);
  EXPECT_THAT(english->body, HasSubstr("<h1>VALID</h1>"));
  EXPECT_THAT(english->body, HasSubstr("lang=\"en\""));

  auto as_json = client().Get(path, {{"Accept", "application/json"}});
  ASSERT_TRUE(as_json);
  EXPECT_EQ(nlohmann::json::parse(as_json->body)["verdict"], "valid");
  EXPECT_THAT(as_json->body, Not(HasSubstr(kSubjectNik)));

  // Forged: one character of the seal changed (still the QR alphabet).
  std::string forged = path;
  char& c = forged[forged.size() - 10];
  c = c == 'A' ? 'B' : 'A';
  auto bad = client().Get(forged);
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 200);
  EXPECT_THAT(bad->body, HasSubstr("data-verdict=\"invalid\""));
  EXPECT_THAT(bad->body, HasSubstr("TIDAK SAH"));
  EXPECT_THAT(bad->body, Not(HasSubstr(doc["number"].get<std::string>())));
  auto junk = client().Get("/v/%3Cscript%3Ealert(1)%3C%5Cscript%3E");
  ASSERT_TRUE(junk);
  EXPECT_EQ(junk->status, 200);
  EXPECT_THAT(junk->body, HasSubstr("TIDAK SAH"));
  EXPECT_THAT(junk->body, Not(HasSubstr("<script>")));
  auto not_a_seal = client().Get("/kk/123");
  ASSERT_TRUE(not_a_seal);
  EXPECT_EQ(not_a_seal->status, 404);
  EXPECT_THAT(not_a_seal->body, HasSubstr("data-verdict=\"not_found\""));

  ASSERT_EQ(client(kIssuerToken)
                .Post("/v1/documents/" + encode_number(doc["number"]) + "/revoke",
                      R"({"reason": "data keliru"})", "application/json")
                ->status,
            200);
  auto revoked = client().Get(path);
  ASSERT_TRUE(revoked);
  EXPECT_EQ(revoked->status, 200);
  EXPECT_THAT(revoked->body, HasSubstr("data-verdict=\"revoked\""));
  EXPECT_THAT(revoked->body, HasSubstr("DICABUT"));
  EXPECT_THAT(revoked->body, HasSubstr("Dicabut pada"));
  EXPECT_THAT(revoked->body, HasSubstr("data keliru"));
}

TEST_P(Service, AccessLogIsJsonWithRouteTemplatesAndNoNik) {
  auto issued = issue("sk_kematian");
  ASSERT_TRUE(issued);
  ASSERT_EQ(issued->status, 201);
  ASSERT_TRUE(client().Get(seal_path(nlohmann::json::parse(issued->body)["seal_url"])));
  ASSERT_TRUE(client(kOfficerToken).Get("/v1/documents/" + std::string(kSubjectNik)));
  ASSERT_EQ(m_server->terminate(SIGTERM), 0);
  const std::string log = access_log();
  EXPECT_THAT(log, Not(HasSubstr(kSubjectNik)));
  EXPECT_THAT(log, Not(HasSubstr("SUPARMAN")));
  EXPECT_THAT(log, Not(HasSubstr(kIssuerToken)));
  std::set<std::string> routes;
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    const auto entry = nlohmann::json::parse(line);  // every line is one JSON object
    routes.insert(entry["route"]);
    EXPECT_TRUE(entry["status"].is_number());
    EXPECT_TRUE(entry["ms"].is_number());
  }
  EXPECT_EQ(routes,
            (std::set<std::string>{"/v1/documents", "/v/{seal}", "/v1/documents/{number}"}));
}

TEST_P(Service, RefusesBodiesOverTheLimit) {
  start({"--max-body", "100000"});
  auto big = client(kOfficerToken).Post("/v1/verify", std::string(200000, 'x'), "application/pdf");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
  EXPECT_EQ(nlohmann::json::parse(big->body)["error"]["code"], "request.too_large");
}

TEST_P(Service, ShedsConnectionsBeyondTheQueue) {
  start({"--workers", "1", "--max-queued", "1"});
  // One idle connection holds the only worker, the next waits in the queue.
  const int busy = connect_loopback(m_server->port());
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const int queued = connect_loopback(m_server->port());
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const int shed = connect_loopback(m_server->port());
  ASSERT_GE(busy, 0);
  ASSERT_GE(queued, 0);
  ASSERT_GE(shed, 0);
  ASSERT_TRUE(send_all(shed, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  const std::string response = receive_all(shed);
  EXPECT_THAT(response, ::testing::StartsWith("HTTP/1.1 503"));
  EXPECT_THAT(response, HasSubstr("server.busy"));
  ::close(shed);
  ::close(queued);
  ::close(busy);
}

// Resident memory of a process in KiB, from /proc (0 when unreadable).
long resident_kib(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return 0;
}

TEST_P(Service, EndlessHeadersAreCutOffWithoutGrowingMemory) {
  start({"--max-header-lines", "50"});
  const long before = resident_kib(m_server->pid());
  const int fd = connect_loopback(m_server->port());
  ASSERT_GE(fd, 0);
  // 100 MB of 4 KB header lines, as fast as the socket takes them: without a bound on the
  // head the service would keep every one in memory.
  ASSERT_TRUE(send_all(fd, "GET /healthz HTTP/1.1\r\nHost: x\r\n"));
  const std::string line = "X-Filler: " + std::string(4000, 'a') + "\r\n";
  std::string block;
  for (int i = 0; i < 64; ++i) block += line;
  size_t sent_lines = 0;
  while (sent_lines < 25000 && send_all(fd, block)) sent_lines += 64;
  EXPECT_LT(sent_lines, 25000u) << "the service kept reading headers";
  const std::string response = receive_all(fd);
  ::close(fd);
  EXPECT_THAT(response, ::testing::StartsWith("HTTP/1.1 400"));
  const long after = resident_kib(m_server->pid());
  EXPECT_LT(after - before, 50 * 1024)
      << "resident memory grew from " << before << " to " << after << " KiB";
  auto health = client().Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
}

TEST_P(Service, ADrippingClientIsCutOffAtTheRequestTimeout) {
  start({"--request-timeout", "2", "--workers", "1", "--max-queued", "4"});
  const int fd = connect_loopback(m_server->port());
  ASSERT_GE(fd, 0);
  // A header line every 300 ms: well inside the read timeout (10 s), never finishing.
  const auto start_time = std::chrono::steady_clock::now();
  bool cut = !send_all(fd, "GET /healthz HTTP/1.1\r\n");
  while (!cut && std::chrono::steady_clock::now() - start_time < std::chrono::seconds(15)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    cut = !send_all(fd, "X-Drip: 1\r\n");
    // Anything to read now is the service giving up on the request: an error or the close.
    pollfd p{fd, POLLIN, 0};
    if (!cut && ::poll(&p, 1, 0) > 0) cut = true;
  }
  const auto held = std::chrono::steady_clock::now() - start_time;
  ::close(fd);
  EXPECT_TRUE(cut);
  EXPECT_LT(held, std::chrono::seconds(6)) << "the only worker was held past the request timeout";
  // The worker is free again.
  auto health = client().Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
}

TEST_P(Service, SigtermLetsARequestInFlightFinish) {
  // The request head and half the body are sent, then the service is told to stop; the rest
  // of the body follows. The document is issued and returned, then the process exits 0.
  const nlohmann::json body = {
      {"type", "sk_kematian"}, {"record", sample("sk_kematian")}, {"idempotency_key", "in-flight"}};
  const std::string text = body.dump();
  const int fd = connect_loopback(m_server->port());
  ASSERT_GE(fd, 0);
  ASSERT_TRUE(send_all(fd, "POST /v1/documents HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                               std::string(kIssuerToken) +
                               "\r\nContent-Type: application/json\r\nConnection: close\r\n"
                               "Content-Length: " +
                               std::to_string(text.size()) + "\r\n\r\n" +
                               text.substr(0, text.size() / 2)));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ASSERT_EQ(::kill(m_server->pid(), SIGTERM), 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  // Stopped accepting: a new connection is refused.
  const int late = connect_loopback(m_server->port());
  EXPECT_LT(late, 0);
  if (late >= 0) ::close(late);
  ASSERT_TRUE(send_all(fd, text.substr(text.size() / 2)));
  const std::string response = receive_all(fd);
  ::close(fd);
  EXPECT_THAT(response, ::testing::StartsWith("HTTP/1.1 201"));
  EXPECT_THAT(response, HasSubstr("\"number\""));
  EXPECT_EQ(m_server->terminate(0), 0);
  // The registry kept it: a restarted service replays it for the same key.
  start();
  auto replay = issue("sk_kematian", "in-flight");
  ASSERT_TRUE(replay);
  EXPECT_EQ(replay->status, 201);
  EXPECT_TRUE(nlohmann::json::parse(replay->body)["replayed"].get<bool>());
}

INSTANTIATE_TEST_SUITE_P(Backends, Service,
                         ::testing::Values(ServerBackend::Sqlite, ServerBackend::Postgres),
                         server_backend_name);

}  // namespace

}  // namespace absah::testing
