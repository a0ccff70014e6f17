#pragma once
// SQLite behind SqlConnection: WAL, synchronous=FULL (a committed issue survives power loss),
// busy_timeout so concurrent issuers queue instead of failing.

#include <memory>
#include <string>

#include "engine/registry/sql_connection.h"

struct sqlite3;

namespace absah::registry {

class SqliteConnection final : public SqlConnection {
 public:
  static Result<std::unique_ptr<SqlConnection>> open(const std::string& path);
  ~SqliteConnection() override;

  SqlDialect dialect() const override { return SqlDialect::Sqlite; }
  Result<std::vector<SqlRow>> query(std::string_view sql,
                                    const std::vector<SqlValue>& params) override;
  Status exec_script(std::string_view sql) override;
  Status begin_write() override;

 private:
  explicit SqliteConnection(sqlite3* db) : m_db(db) {}
  sqlite3* m_db;
};

}  // namespace absah::registry
