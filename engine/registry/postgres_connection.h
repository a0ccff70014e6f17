#pragma once
// PostgreSQL behind SqlConnection (libpq, text parameters and results).

#include <memory>
#include <string>
#include <unordered_map>

#include "engine/registry/sql_connection.h"

struct pg_conn;

namespace absah::registry {

class PostgresConnection final : public SqlConnection {
 public:
  static Result<std::unique_ptr<SqlConnection>> open(const std::string& url);
  ~PostgresConnection() override;

  SqlDialect dialect() const override { return SqlDialect::Postgres; }
  Result<std::vector<SqlRow>> query(std::string_view sql,
                                    const std::vector<SqlValue>& params) override;
  Result<std::vector<std::vector<SqlRow>>> query_all(
      const std::vector<SqlStatement>& statements) override;
  Status exec_script(std::string_view sql) override;
  Status begin_write() override;

 private:
  explicit PostgresConnection(pg_conn* conn) : m_conn(conn) {}
  // The server-side name of the statement, prepared on first use: the registry repeats a few
  // fixed statements, and planning each one again for every issue cost a round of parsing and
  // planning on the server.
  Result<const std::string*> prepared(std::string_view sql, int param_count);

  pg_conn* m_conn;
  std::unordered_map<std::string, std::string> m_statements;  // SQL text -> statement name
};

}  // namespace absah::registry
