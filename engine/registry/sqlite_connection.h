#pragma once
// SQLite behind SqlConnection: WAL, synchronous=FULL (a committed issue survives power loss),
// busy_timeout so concurrent issuers queue instead of failing.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "engine/registry/sql_connection.h"

struct sqlite3;
struct sqlite3_stmt;

namespace absah::registry {

// Set from the URL's query: `sqlite:PATH?busy_timeout_ms=500&max_page_count=10000`.
struct SqliteOptions {
  // How long a writer waits for another process's lock before the issue fails.
  int busy_timeout_ms = 60000;  // long enough for 4 processes x 250 fsync'd issues to queue
  // Caps the database file (pages of 4 KiB); 0 keeps SQLite's default. A full registry fails
  // the issue with "database or disk is full" and nothing is written.
  int64_t max_page_count = 0;
};

// Splits "PATH?key=value&..." into the path and options; unknown keys are a Usage error.
Result<std::pair<std::string, SqliteOptions>> parse_sqlite_target(std::string_view target);

class SqliteConnection final : public SqlConnection {
 public:
  static Result<std::unique_ptr<SqlConnection>> open(const std::string& path,
                                                     const SqliteOptions& options = {});
  ~SqliteConnection() override;

  SqlDialect dialect() const override { return SqlDialect::Sqlite; }
  Result<std::vector<SqlRow>> query(std::string_view sql,
                                    const std::vector<SqlValue>& params) override;
  Status exec_script(std::string_view sql) override;
  Status begin_write() override;

 private:
  explicit SqliteConnection(sqlite3* db, int busy_timeout_ms)
      : m_db(db), m_busy_timeout_ms(busy_timeout_ms) {}
  static int on_busy(void* self, int attempts);
  // Prepared once per connection and statement text: the registry runs a handful of fixed
  // statements, and parsing them again for every issue cost more CPU than running them.
  Result<sqlite3_stmt*> prepared(std::string_view sql);

  sqlite3* m_db;
  int m_busy_timeout_ms;
  int64_t m_busy_since_ns = 0;
  std::unordered_map<std::string, sqlite3_stmt*> m_statements;
};

}  // namespace absah::registry
