#pragma once
// The little the registry needs from a database: run one statement with positional parameters
// written `$1`, `$2`, ... (both SQLite and PostgreSQL accept that spelling) and get text rows
// back. Keeps the registry's logic in one place for both backends.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "engine/base/result.h"

namespace absah::registry {

using SqlValue = std::variant<std::nullptr_t, int64_t, std::string>;
using SqlRow = std::vector<std::optional<std::string>>;

// A statement failed; `unique_violation` lets the caller tell a clash from a broken database.
struct SqlError {
  std::string message;
  bool unique_violation = false;
};

enum class SqlDialect { Sqlite, Postgres };

struct SqlStatement {
  std::string sql;
  std::vector<SqlValue> params;
};

class SqlConnection {
 public:
  virtual ~SqlConnection() = default;
  virtual SqlDialect dialect() const = 0;
  // Returns the rows, or the failure as an Error whose code is RegistryConflict for a unique
  // violation and RegistryUnavailable otherwise.
  virtual Result<std::vector<SqlRow>> query(std::string_view sql,
                                            const std::vector<SqlValue>& params = {}) = 0;
  // Runs the statements in order and returns each one's rows, stopping at the first failure.
  // PostgreSQL sends them in one exchange (pipeline mode), so a network round trip is paid
  // once, not per statement; SQLite, in process, runs them one by one.
  virtual Result<std::vector<std::vector<SqlRow>>> query_all(
      const std::vector<SqlStatement>& statements) {
    std::vector<std::vector<SqlRow>> out;
    out.reserve(statements.size());
    for (const SqlStatement& s : statements) {
      auto rows = query(s.sql, s.params);
      if (!rows.ok()) return rows.take_error();
      out.push_back(std::move(rows.value()));
    }
    return out;
  }
  // Several statements without parameters (migrations).
  virtual Status exec_script(std::string_view sql) = 0;
  // BEGIN in the backend's strongest form for writers (SQLite: IMMEDIATE).
  virtual Status begin_write() = 0;
};

}  // namespace absah::registry
