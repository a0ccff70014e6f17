#include "tests/unit/registry/registry_fixture.h"

#include <libpq-fe.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace absah::registry::testing {

namespace {

bool pg_exec(const std::string& url, const std::string& sql) {
  PGconn* conn = PQconnectdb(url.c_str());
  bool ok = PQstatus(conn) == CONNECTION_OK;
  if (ok) {
    PQsetNoticeProcessor(
        conn, [](void*, const char*) {}, nullptr);
    PGresult* res = PQexec(conn, sql.c_str());
    ok = PQresultStatus(res) == PGRES_COMMAND_OK || PQresultStatus(res) == PGRES_TUPLES_OK;
    PQclear(res);
  }
  PQfinish(conn);
  return ok;
}

}  // namespace

std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::Sqlite ? "Sqlite" : "Postgres";
}

void RegistryTest::SetUp() {
  static std::atomic<int> counter{0};
  if (GetParam() == Backend::Postgres) {
    const char* url = std::getenv("ABSAH_TEST_POSTGRES_URL");
    if (!url || !*url) {
      GTEST_SKIP() << "PostgreSQL backend not tested: set ABSAH_TEST_POSTGRES_URL "
                      "(export ABSAH_TEST_POSTGRES_URL=$(scripts/start-postgres.sh))";
    }
    m_pg_base_url = url;
    m_pg_schema = "absah_t" + std::to_string(getpid()) + "_" + std::to_string(counter++);
    ASSERT_TRUE(pg_exec(m_pg_base_url, "DROP SCHEMA IF EXISTS " + m_pg_schema +
                                           " CASCADE; CREATE SCHEMA " + m_pg_schema))
        << "cannot reach " << m_pg_base_url;
    m_url = m_pg_base_url + (m_pg_base_url.find('?') == std::string::npos ? "?" : "&") +
            "options=-csearch_path%3D" + m_pg_schema;
  } else {
    std::string tmpl = (std::filesystem::temp_directory_path() / "absah-registry-XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    m_sqlite_dir = tmpl;
    m_url = "sqlite:" + m_sqlite_dir + "/registry.db";
  }
}

void RegistryTest::TearDown() {
  if (!m_pg_schema.empty()) pg_exec(m_pg_base_url, "DROP SCHEMA " + m_pg_schema + " CASCADE");
  if (!m_sqlite_dir.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(m_sqlite_dir, ec);
  }
}

std::unique_ptr<Registry> RegistryTest::open() {
  auto r = open_registry(m_url);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().describe());
  return r.ok() ? std::move(r.value()) : nullptr;
}

bool RegistryTest::raw_exec(const std::string& sql) {
  if (GetParam() == Backend::Postgres) return pg_exec(m_url, sql);
  sqlite3* db = nullptr;
  bool ok = sqlite3_open((m_sqlite_dir + "/registry.db").c_str(), &db) == SQLITE_OK &&
            sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
  sqlite3_close(db);
  return ok;
}

IssueRequest RegistryTest::skpwni(const std::string& key, int64_t at) {
  IssueRequest r;
  r.type = "skpwni";
  r.number_pattern = "SKPWNI/{office}/{ddmmyyyy}/{seq4}";
  r.subject_nik = "3171012501900001";
  r.office = "3171";
  r.issued_at = at;
  r.record_json = R"({"nama":"BUDI SANTOSO","nik":"3171012501900001"})";
  r.seal_kid = "dev-seal-1";
  r.idempotency_key = key;
  r.actor = "petugas-1";
  return r;
}

std::string RegistryTest::skpwni_number(int seq) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "SKPWNI/3171/29112026/%04d", seq);
  return buf;
}

void RegistryTest::run_issuers(int processes,
                               const std::function<int(int i, Registry& registry)>& issuer) {
  {
    auto reg = open();  // migrate once up front; the children only open
    ASSERT_TRUE(reg);
  }
  std::vector<pid_t> children;
  for (int i = 0; i < processes; ++i) {
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      auto reg = open_registry(m_url);
      _exit(reg.ok() ? issuer(i, *reg.value()) : child_failed(i, reg.error(), 2));
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);
  }
}

int RegistryTest::child_failed(int i, const Error& error, int code) {
  std::fprintf(stderr, "issuer %d: %s\n", i, error.describe().c_str());
  return code;
}

int RegistryTest::group_failed(int i, const Result<std::vector<Result<IssueResult>>>& results) {
  if (!results.ok()) return child_failed(i, results.error());
  for (const auto& r : *results)
    if (!r.ok()) return child_failed(i, r.error(), 4);
  return 0;
}

RenderCallback RegistryTest::renderer(int* calls) {
  return [calls](const std::string&) -> Result<std::string> {
    if (calls) ++*calls;
    return std::string(64, 'a');
  };
}

}  // namespace absah::registry::testing
