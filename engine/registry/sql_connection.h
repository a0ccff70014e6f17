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

class SqlConnection {
 public:
  virtual ~SqlConnection() = default;
  virtual SqlDialect dialect() const = 0;
  // Returns the rows, or the failure as an Error whose code is RegistryConflict for a unique
  // violation and RegistryUnavailable otherwise.
  virtual Result<std::vector<SqlRow>> query(std::string_view sql,
                                            const std::vector<SqlValue>& params = {}) = 0;
  // Several statements without parameters (migrations).
  virtual Status exec_script(std::string_view sql) = 0;
  // BEGIN in the backend's strongest form for writers (SQLite: IMMEDIATE).
  virtual Status begin_write() = 0;
};

}  // namespace absah::registry
