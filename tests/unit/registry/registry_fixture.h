#pragma once
// One fixture, two backends: every registry test runs against SQLite and, when
// ABSAH_TEST_POSTGRES_URL is set (scripts/start-postgres.sh prints one), against PostgreSQL.
// Each PostgreSQL test gets its own schema so tests may run in parallel on one server.

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <ostream>
#include <string>

#include "engine/registry/registry.h"

namespace absah::registry::testing {

enum class Backend { Sqlite, Postgres };

std::string backend_name(const ::testing::TestParamInfo<Backend>& info);
inline void PrintTo(Backend b, std::ostream* os) {
  *os << (b == Backend::Sqlite ? "sqlite" : "postgres");
}

class RegistryTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Opens a fresh Registry on this test's database (a new connection every call).
  std::unique_ptr<Registry> open();
  // Runs SQL on the database directly, bypassing the registry: the tamperer's view.
  bool raw_exec(const std::string& sql);

  // 2026-11-29 10:00 WIB.
  static constexpr int64_t kDay = 1795921200;
  static IssueRequest skpwni(const std::string& key = "", int64_t at = kDay);
  // The number skpwni() requests get on kDay: "SKPWNI/3171/29112026/0007" for 7.
  static std::string skpwni_number(int seq);
  // A render callback returning a fixed PDF digest and counting its calls.
  RenderCallback renderer(int* calls = nullptr);

  // Runs `issuer(i, registry)` in `processes` forked processes, each with its own connection to
  // this test's database, and expects each to return 0. An issuer reports what failed with
  // child_failed (stderr) and returns non-zero.
  void run_issuers(int processes, const std::function<int(int i, Registry& registry)>& issuer);
  static int child_failed(int i, const Error& error, int code = 3);
  // 0 when the group and every request in it were issued, else child_failed's answer for the
  // first failure.
  static int group_failed(int i, const Result<std::vector<Result<IssueResult>>>& results);

  std::string m_url;
  std::string m_sqlite_dir;
  std::string m_pg_base_url;
  std::string m_pg_schema;
};

}  // namespace absah::registry::testing
