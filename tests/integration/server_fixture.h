#pragma once
// A running `absah serve` for a test: a development PKI made once per test binary, a tokens
// file, a fresh registry per test — SQLite, or PostgreSQL (a schema of its own) when
// ABSAH_TEST_POSTGRES_URL is set — and an HTTP client per role.

#include <gtest/gtest.h>
#include <httplib.h>

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/integration/server_process.h"
#include "tests/integration/tool_runner.h"

namespace absah::testing {

enum class ServerBackend { Sqlite, Postgres };
std::string server_backend_name(const ::testing::TestParamInfo<ServerBackend>& info);

inline constexpr const char* kIssuerToken = "issuer-test-token-0123456789";
inline constexpr const char* kOfficerToken = "officer-test-token-0123456789";
inline constexpr const char* kVerifyBase = "https://absah.test";

class ServerTest : public ::testing::TestWithParam<ServerBackend> {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();
  void SetUp() override;
  void TearDown() override;

  // Starts (or restarts) the service with extra options.
  void start(const std::vector<std::string>& extra = {});

  httplib::Client client(const char* token = nullptr) const;
  // POST /v1/documents with the sample record of `type` (its own number removed).
  httplib::Result issue(const std::string& type, const std::string& idempotency_key = "",
                        const char* accept = "application/json");
  static nlohmann::json sample(const std::string& type);
  // The path of the public page for a seal URL ("https://absah.test/v/XYZ" → "/v/XYZ").
  static std::string seal_path(const std::string& seal_url);
  std::string access_log() const;

  static std::filesystem::path pki();
  std::string m_registry_url;
  std::string m_pg_base_url, m_pg_schema;
  std::unique_ptr<TempDir> m_dir;
  std::unique_ptr<ServerProcess> m_server;
};

}  // namespace absah::testing
