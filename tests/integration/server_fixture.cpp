#include "tests/integration/server_fixture.h"

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>

namespace absah::testing {

namespace {

std::unique_ptr<TempDir>& suite_dir() {
  static std::unique_ptr<TempDir> dir;
  return dir;
}

bool psql(const std::string& url, const std::string& sql) {
  return run_tool("psql -q -v ON_ERROR_STOP=1 " + quote(url) + " -c " + quote(sql)).exit_code == 0;
}

}  // namespace

std::string server_backend_name(const ::testing::TestParamInfo<ServerBackend>& info) {
  return info.param == ServerBackend::Sqlite ? "Sqlite" : "Postgres";
}

std::filesystem::path ServerTest::pki() {
  return suite_dir()->path() / "pki";
}

void ServerTest::SetUpTestSuite() {
  if (suite_dir()) return;
  suite_dir() = std::make_unique<TempDir>();
  auto init = run_absah("keys init --dir " + quote(pki().string()));
  ASSERT_EQ(init.exit_code, 0) << init.out;
  const auto tokens = suite_dir()->path() / "tokens";
  std::ofstream(tokens) << "# test tokens\nissuer " << kIssuerToken << "\nofficer " << kOfficerToken
                        << "\n";
  ::chmod(tokens.c_str(), 0600);
}

void ServerTest::TearDownTestSuite() {}

void ServerTest::SetUp() {
  static std::atomic<int> counter{0};
  m_dir = std::make_unique<TempDir>();
  if (GetParam() == ServerBackend::Postgres) {
    const char* url = std::getenv("ABSAH_TEST_POSTGRES_URL");
    if (!url || !*url)
      GTEST_SKIP() << "PostgreSQL backend not tested: set ABSAH_TEST_POSTGRES_URL "
                      "(export ABSAH_TEST_POSTGRES_URL=$(scripts/start-postgres.sh))";
    m_pg_base_url = url;
    m_pg_schema = "absah_srv" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    ASSERT_TRUE(psql(m_pg_base_url, "DROP SCHEMA IF EXISTS " + m_pg_schema +
                                        " CASCADE; CREATE SCHEMA " + m_pg_schema))
        << "cannot reach " << m_pg_base_url;
    m_registry_url = m_pg_base_url + (m_pg_base_url.find('?') == std::string::npos ? "?" : "&") +
                     "options=-csearch_path%3D" + m_pg_schema;
  } else {
    m_registry_url = "sqlite:" + (m_dir->path() / "registry.db").string();
  }
  start();
}

void ServerTest::start(const std::vector<std::string>& extra) {
  if (m_server) m_server->terminate(SIGTERM);
  std::vector<std::string> args = {"--registry",   m_registry_url,
                                   "--tokens",     (suite_dir()->path() / "tokens").string(),
                                   "--keys",       pki().string(),
                                   "--verify-url", kVerifyBase,
                                   "--workers",    "4"};
  args.insert(args.end(), extra.begin(), extra.end());
  m_server = std::make_unique<ServerProcess>(args, m_dir->path() / "access.log");
  ASSERT_NE(m_server->port(), 0) << m_server->startup_output();
}

void ServerTest::TearDown() {
  m_server.reset();
  if (!m_pg_schema.empty()) psql(m_pg_base_url, "DROP SCHEMA " + m_pg_schema + " CASCADE");
}

httplib::Client ServerTest::client(const char* token) const {
  httplib::Client c("127.0.0.1", m_server->port());
  c.set_read_timeout(30, 0);
  if (token) c.set_bearer_token_auth(token);
  return c;
}

nlohmann::json ServerTest::sample(const std::string& type) {
  auto record = nlohmann::json::parse(read_text(source_dir() / "samples" / (type + ".json")));
  record.erase("nomor");
  return record;
}

httplib::Result ServerTest::issue(const std::string& type, const std::string& idempotency_key,
                                  const char* accept) {
  nlohmann::json body = {{"type", type}, {"record", sample(type)}};
  if (!idempotency_key.empty()) body["idempotency_key"] = idempotency_key;
  return client(kIssuerToken)
      .Post("/v1/documents", {{"Accept", accept}}, body.dump(), "application/json");
}

std::string ServerTest::seal_path(const std::string& seal_url) {
  const size_t at = seal_url.find("/v/");
  return at == std::string::npos ? std::string() : seal_url.substr(at);
}

std::string ServerTest::access_log() const {
  return read_text(m_dir->path() / "access.log");
}

}  // namespace absah::testing
