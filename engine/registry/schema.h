#pragma once
// The registry schema as numbered migrations, one SQL script per dialect for each version.
// A migration is never edited once released; changes go in a new, higher version.

#include <string_view>
#include <vector>

#include "engine/base/result.h"
#include "engine/registry/sql_connection.h"

namespace absah::registry {

struct Migration {
  int version;
  std::string_view sqlite_sql;
  std::string_view postgres_sql;
};

const std::vector<Migration>& migrations();

// Applies the missing migrations in one transaction and returns the resulting version. Several
// processes opening a fresh database at once serialise on the write lock (SQLite) or an advisory
// lock (PostgreSQL), so each migration runs exactly once.
Result<int> migrate(SqlConnection& conn);

}  // namespace absah::registry
