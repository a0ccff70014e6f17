#include "engine/registry/postgres_connection.h"

#include <libpq-fe.h>

#include <cstring>
#include <optional>

namespace absah::registry {

namespace {

Error pg_error(PGconn* conn, PGresult* res, std::string_view what) {
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  bool unique = state && std::strcmp(state, "23505") == 0;
  std::string message = res ? PQresultErrorMessage(res) : PQerrorMessage(conn);
  while (!message.empty() && message.back() == '\n') message.pop_back();
  return Error(unique ? ErrorCode::RegistryConflict : ErrorCode::RegistryUnavailable, "registry",
               std::string(what) + ": " + message);
}

}  // namespace

Result<std::unique_ptr<SqlConnection>> PostgresConnection::open(const std::string& url) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    Error e = pg_error(conn, nullptr, "cannot connect to postgresql");
    PQfinish(conn);
    return e;
  }
  std::unique_ptr<SqlConnection> out(new PostgresConnection(conn));
  // Notices (e.g. "relation already exists, skipping") are not errors; keep them off stderr.
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  return out;
}

PostgresConnection::~PostgresConnection() {
  PQfinish(m_conn);
}

namespace {

// Parameters as libpq wants them: text, or null.
struct TextParams {
  explicit TextParams(const std::vector<SqlValue>& params)
      : storage(params.size()), values(params.size(), nullptr) {
    for (size_t i = 0; i < params.size(); ++i) {
      if (const int64_t* n = std::get_if<int64_t>(&params[i])) {
        storage[i] = std::to_string(*n);
        values[i] = storage[i].c_str();
      } else if (const std::string* s = std::get_if<std::string>(&params[i])) {
        storage[i] = *s;
        values[i] = storage[i].c_str();
      }
    }
  }
  int count() const { return static_cast<int>(values.size()); }
  std::vector<std::string> storage;
  std::vector<const char*> values;
};

std::vector<SqlRow> rows_of(PGresult* res) {
  std::vector<SqlRow> rows;
  int n = PQntuples(res), cols = PQnfields(res);
  rows.reserve(n);
  for (int r = 0; r < n; ++r) {
    SqlRow row;
    row.reserve(cols);
    for (int c = 0; c < cols; ++c) {
      if (PQgetisnull(res, r, c)) {
        row.emplace_back(std::nullopt);
      } else {
        row.emplace_back(std::string(PQgetvalue(res, r, c), PQgetlength(res, r, c)));
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

using ResultGuard = std::unique_ptr<PGresult, void (*)(PGresult*)>;

}  // namespace

Result<std::vector<SqlRow>> PostgresConnection::query(std::string_view sql,
                                                      const std::vector<SqlValue>& params) {
  TextParams text(params);
  auto name = prepared(sql, text.count());
  if (!name) return name.take_error();
  ResultGuard res(PQexecPrepared(m_conn, (*name)->c_str(), text.count(), text.values.data(),
                                 nullptr, nullptr, 0),
                  PQclear);
  ExecStatusType st = PQresultStatus(res.get());
  if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) return pg_error(m_conn, res.get(), "query");
  return rows_of(res.get());
}

Result<std::vector<std::vector<SqlRow>>> PostgresConnection::query_all(
    const std::vector<SqlStatement>& statements) {
  // Statements are prepared (once per session) before the pipeline starts, so that the
  // pipeline holds only executions.
  std::vector<const std::string*> names;
  std::vector<TextParams> params;
  names.reserve(statements.size());
  params.reserve(statements.size());
  for (const SqlStatement& s : statements) {
    params.emplace_back(s.params);
    auto name = prepared(s.sql, params.back().count());
    if (!name) return name.take_error();
    names.push_back(*name);
  }
  if (PQenterPipelineMode(m_conn) != 1) return pg_error(m_conn, nullptr, "pipeline");
  bool sent = true;
  for (size_t i = 0; i < statements.size() && sent; ++i)
    sent = PQsendQueryPrepared(m_conn, names[i]->c_str(), params[i].count(),
                               params[i].values.data(), nullptr, nullptr, 0) == 1;
  sent = sent && PQpipelineSync(m_conn) == 1;
  if (!sent) {
    Error e = pg_error(m_conn, nullptr, "pipeline");
    PQexitPipelineMode(m_conn);
    return e;
  }
  // One result (then a null) per statement, then the sync. After a failure the server skips
  // the rest (PGRES_PIPELINE_ABORTED); everything is read to the sync so the connection stays
  // usable, and the first error is returned.
  std::vector<std::vector<SqlRow>> out;
  out.reserve(statements.size());
  std::optional<Error> failure;
  int nulls_in_a_row = 0;
  for (;;) {
    PGresult* raw = PQgetResult(m_conn);
    if (!raw) {
      // One null ends each statement's results; two in a row mean the sync will never come
      // (the connection broke).
      if (++nulls_in_a_row > 1 || PQstatus(m_conn) == CONNECTION_BAD) {
        if (!failure) failure = pg_error(m_conn, nullptr, "pipeline");
        break;
      }
      continue;
    }
    nulls_in_a_row = 0;
    ResultGuard res(raw, PQclear);
    const ExecStatusType st = PQresultStatus(raw);
    if (st == PGRES_PIPELINE_SYNC) break;
    if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK) {
      out.push_back(rows_of(raw));
    } else if (!failure) {
      failure = pg_error(m_conn, raw, "query");
    }
  }
  PQexitPipelineMode(m_conn);
  if (failure) return *failure;
  return out;
}

Result<const std::string*> PostgresConnection::prepared(std::string_view sql, int param_count) {
  auto it = m_statements.find(std::string(sql));
  if (it != m_statements.end()) return &it->second;
  // Prepared statements belong to the session, not to the transaction: a rollback keeps them.
  std::string name = "absah_" + std::to_string(m_statements.size() + 1);
  std::string text(sql);
  PGresult* res = PQprepare(m_conn, name.c_str(), text.c_str(), param_count, nullptr);
  std::unique_ptr<PGresult, void (*)(PGresult*)> guard(res, PQclear);
  if (PQresultStatus(res) != PGRES_COMMAND_OK) return pg_error(m_conn, res, "prepare");
  return &m_statements.emplace(std::move(text), std::move(name)).first->second;
}

Status PostgresConnection::exec_script(std::string_view sql) {
  std::string text(sql);
  PGresult* res = PQexec(m_conn, text.c_str());
  std::unique_ptr<PGresult, void (*)(PGresult*)> guard(res, PQclear);
  ExecStatusType st = PQresultStatus(res);
  if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) return pg_error(m_conn, res, "script");
  return ok_status();
}

Status PostgresConnection::begin_write() {
  // READ COMMITTED is enough: the counter row and the audit head are taken with row locks.
  return exec_script("BEGIN");
}

}  // namespace absah::registry
