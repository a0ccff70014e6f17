#include "engine/registry/schema.h"

#include "engine/registry/transaction.h"

namespace absah::registry {

namespace {

// Version 1: documents, per-scope counters, and the hash-chained audit log with its head row
// (the head is what concurrent writers lock, so entries get consecutive sequence numbers).
// Allocated numbers are unique outright; fixed numbers (a NIK on a card) only among the active
// documents of a type, so a card can be reissued once the old one is revoked or superseded.
constexpr std::string_view kSqliteV1 = R"sql(
CREATE TABLE counters (
  scope TEXT PRIMARY KEY,
  last_seq INTEGER NOT NULL
);
CREATE TABLE documents (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  type TEXT NOT NULL,
  number TEXT NOT NULL,
  fixed_number INTEGER NOT NULL,
  subject_nik TEXT NOT NULL,
  office TEXT NOT NULL,
  issued_at INTEGER NOT NULL,
  record_json TEXT NOT NULL,
  record_sha256 TEXT NOT NULL,
  pdf_sha256 TEXT NOT NULL,
  seal_kid TEXT NOT NULL,
  idempotency_key TEXT UNIQUE,
  status TEXT NOT NULL,
  status_reason TEXT,
  status_at INTEGER,
  status_by TEXT,
  superseded_by TEXT
);
CREATE UNIQUE INDEX documents_allocated_number ON documents(number) WHERE fixed_number = 0;
CREATE UNIQUE INDEX documents_active_number ON documents(type, number) WHERE status = 'active';
CREATE INDEX documents_number ON documents(number);
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  number TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
)sql";

constexpr std::string_view kPostgresV1 = R"sql(
CREATE TABLE counters (
  scope TEXT PRIMARY KEY,
  last_seq BIGINT NOT NULL
);
CREATE TABLE documents (
  id BIGSERIAL PRIMARY KEY,
  type TEXT NOT NULL,
  number TEXT NOT NULL,
  fixed_number INTEGER NOT NULL,
  subject_nik TEXT NOT NULL,
  office TEXT NOT NULL,
  issued_at BIGINT NOT NULL,
  record_json TEXT NOT NULL,
  record_sha256 TEXT NOT NULL,
  pdf_sha256 TEXT NOT NULL,
  seal_kid TEXT NOT NULL,
  idempotency_key TEXT UNIQUE,
  status TEXT NOT NULL,
  status_reason TEXT,
  status_at BIGINT,
  status_by TEXT,
  superseded_by TEXT
);
CREATE UNIQUE INDEX documents_allocated_number ON documents(number) WHERE fixed_number = 0;
CREATE UNIQUE INDEX documents_active_number ON documents(type, number) WHERE status = 'active';
CREATE INDEX documents_number ON documents(number);
CREATE TABLE audit_log (
  seq BIGINT PRIMARY KEY,
  at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  number TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
CREATE FUNCTION absah_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS
  $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION absah_audit_append_only();
)sql";

// Any constant will do; it only has to be the same in every absah process.
constexpr std::string_view kMigrationLock = "SELECT pg_advisory_xact_lock(7242190601)";

}  // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = {{1, kSqliteV1, kPostgresV1}};
  return all;
}

Result<int> migrate(SqlConnection& conn) {
  bool pg = conn.dialect() == SqlDialect::Postgres;
  Transaction tx(conn);
  ABSAH_TRY_STATUS(tx.begin());
  if (pg) ABSAH_TRY_STATUS(conn.query(kMigrationLock, {}));
  ABSAH_TRY_STATUS(conn.exec_script(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)"));
  auto rows = conn.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", {});
  if (!rows.ok()) return rows.take_error();
  int current = std::stoi(rows.value().at(0).at(0).value_or("0"));
  for (const Migration& m : migrations()) {
    if (m.version <= current) continue;
    ABSAH_TRY_STATUS(conn.exec_script(pg ? m.postgres_sql : m.sqlite_sql));
    ABSAH_TRY_STATUS(
        conn.query("INSERT INTO schema_migrations (version) VALUES ($1)", {int64_t{m.version}}));
    current = m.version;
  }
  ABSAH_TRY_STATUS(tx.commit());
  return current;
}

}  // namespace absah::registry
