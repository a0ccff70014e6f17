#include "engine/registry/sqlite_connection.h"

#include <sqlite3.h>
#include <time.h>

#include <algorithm>

namespace absah::registry {

namespace {

Error sqlite_error(sqlite3* db, std::string_view what) {
  int code = sqlite3_extended_errcode(db);
  bool unique = code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY;
  return Error(unique ? ErrorCode::RegistryConflict : ErrorCode::RegistryUnavailable, "registry",
               std::string(what) + ": " + sqlite3_errmsg(db));
}

Result<int64_t> parse_option_number(std::string_view key, std::string_view value) {
  int64_t n = 0;
  if (value.empty() || value.size() > 12)
    return Error(ErrorCode::Usage, "registry",
                 "sqlite: option " + std::string(key) + " needs a number");
  for (char c : value) {
    if (c < '0' || c > '9')
      return Error(ErrorCode::Usage, "registry",
                   "sqlite: option " + std::string(key) + " needs a number");
    n = n * 10 + (c - '0');
  }
  return n;
}

}  // namespace

Result<std::pair<std::string, SqliteOptions>> parse_sqlite_target(std::string_view target) {
  SqliteOptions options;
  const size_t question = target.find('?');
  std::string path(target.substr(0, question));
  if (question == std::string_view::npos) return std::make_pair(path, options);
  std::string_view query = target.substr(question + 1);
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    const size_t eq = pair.find('=');
    const std::string_view key = pair.substr(0, eq);
    const std::string_view value = eq == std::string_view::npos ? "" : pair.substr(eq + 1);
    if (key != "busy_timeout_ms" && key != "max_page_count")
      return Error(ErrorCode::Usage, "registry",
                   "sqlite: unknown option '" + std::string(key) +
                       "' (known: busy_timeout_ms, max_page_count)");
    auto n = parse_option_number(key, value);
    if (!n) return n.take_error();
    if (key == "max_page_count")
      options.max_page_count = *n;
    else if (*n <= 24 * 3600 * 1000)
      options.busy_timeout_ms = static_cast<int>(*n);
    else
      return Error(ErrorCode::Usage, "registry", "sqlite: busy_timeout_ms is at most a day");
  }
  return std::make_pair(path, options);
}

Result<std::unique_ptr<SqlConnection>> SqliteConnection::open(const std::string& path,
                                                              const SqliteOptions& options) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    Error e(ErrorCode::RegistryUnavailable, "registry",
            "cannot open sqlite database " + path + ": " +
                (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
    sqlite3_close(db);
    return e;
  }
  auto* sqlite_conn = new SqliteConnection(db, options.busy_timeout_ms);
  std::unique_ptr<SqlConnection> conn(sqlite_conn);
  sqlite3_busy_handler(db, &SqliteConnection::on_busy, sqlite_conn);
  ABSAH_TRY_STATUS(conn->exec_script(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"));
  if (options.max_page_count > 0)
    ABSAH_TRY_STATUS(
        conn->exec_script("PRAGMA max_page_count=" + std::to_string(options.max_page_count) + ";"));
  return conn;
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, stmt] : m_statements) sqlite3_finalize(stmt);
  sqlite3_close_v2(m_db);
}

namespace {

int64_t monotonic_ns() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec;
}

}  // namespace

// SQLite's own busy_timeout sleeps 1, 2, 5, 10 ... ms between attempts; an issue holds the
// write lock for well under a millisecond, so a waiting process would sleep through many
// commits of the other one. Polling every 50 to 500 µs keeps the same total timeout.
int SqliteConnection::on_busy(void* self, int attempts) {
  auto* conn = static_cast<SqliteConnection*>(self);
  const int64_t now = monotonic_ns();
  if (attempts == 0) conn->m_busy_since_ns = now;
  if (now - conn->m_busy_since_ns >= int64_t{conn->m_busy_timeout_ms} * 1'000'000) return 0;
  const long pause_us = std::min(500L, 50L * (attempts + 1));
  timespec pause{0, pause_us * 1000};
  nanosleep(&pause, nullptr);
  return 1;
}

Result<sqlite3_stmt*> SqliteConnection::prepared(std::string_view sql) {
  auto it = m_statements.find(std::string(sql));
  if (it != m_statements.end()) return it->second;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(m_db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                         &stmt, nullptr) != SQLITE_OK) {
    return sqlite_error(m_db, "prepare");
  }
  m_statements.emplace(std::string(sql), stmt);
  return stmt;
}

Result<std::vector<SqlRow>> SqliteConnection::query(std::string_view sql,
                                                    const std::vector<SqlValue>& params) {
  auto cached = prepared(sql);
  if (!cached) return cached.take_error();
  sqlite3_stmt* stmt = *cached;
  // Leave the statement reset and unbound whatever happens, ready for the next call.
  struct Reset {
    sqlite3_stmt* s;
    ~Reset() {
      sqlite3_reset(s);
      sqlite3_clear_bindings(s);
    }
  } reset{stmt};
  for (size_t i = 0; i < params.size(); ++i) {
    // `$N` is a named parameter to SQLite; look its index up rather than assume the order.
    std::string name = "$" + std::to_string(i + 1);
    int index = sqlite3_bind_parameter_index(stmt, name.c_str());
    if (index == 0) continue;
    const SqlValue& v = params[i];
    int rc = SQLITE_OK;
    if (std::holds_alternative<std::nullptr_t>(v)) {
      rc = sqlite3_bind_null(stmt, index);
    } else if (const int64_t* n = std::get_if<int64_t>(&v)) {
      rc = sqlite3_bind_int64(stmt, index, *n);
    } else {
      const std::string& s = std::get<std::string>(v);
      rc = sqlite3_bind_text(stmt, index, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    }
    if (rc != SQLITE_OK) return sqlite_error(m_db, "bind");
  }
  std::vector<SqlRow> rows;
  for (;;) {
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) return sqlite_error(m_db, "step");
    int n = sqlite3_column_count(stmt);
    SqlRow row;
    row.reserve(n);
    for (int c = 0; c < n; ++c) {
      if (sqlite3_column_type(stmt, c) == SQLITE_NULL) {
        row.emplace_back(std::nullopt);
      } else {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
        row.emplace_back(std::string(text, sqlite3_column_bytes(stmt, c)));
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

Status SqliteConnection::exec_script(std::string_view sql) {
  std::string s(sql);
  char* message = nullptr;
  if (sqlite3_exec(m_db, s.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string m = message ? message : "unknown error";
    sqlite3_free(message);
    return Error(ErrorCode::RegistryUnavailable, "registry", "sqlite: " + m);
  }
  return ok_status();
}

Status SqliteConnection::begin_write() {
  // IMMEDIATE takes the write lock now, so two issuers never both read the same counter value
  // and then fail to upgrade; the second one waits (busy_timeout) instead.
  return exec_script("BEGIN IMMEDIATE");
}

}  // namespace absah::registry
