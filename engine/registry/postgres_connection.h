#pragma once
// PostgreSQL behind SqlConnection (libpq, text parameters and results).

#include <memory>
#include <string>

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
  Status exec_script(std::string_view sql) override;
  Status begin_write() override;

 private:
  explicit PostgresConnection(pg_conn* conn) : m_conn(conn) {}
  pg_conn* m_conn;
};

}  // namespace absah::registry
