#pragma once
// A write transaction that rolls back unless committed, so every early return on an error
// leaves the database as it was (counter included).

#include "engine/registry/sql_connection.h"

namespace absah::registry {

class Transaction {
 public:
  explicit Transaction(SqlConnection& conn) : m_conn(conn) {}
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction() {
    if (m_open) (void)m_conn.exec_script("ROLLBACK");
  }

  Status begin() {
    ABSAH_TRY_STATUS(m_conn.begin_write());
    m_open = true;
    return ok_status();
  }
  // A consistent read-only snapshot (audit reads several tables); ends with a rollback.
  Status begin_snapshot() {
    ABSAH_TRY_STATUS(m_conn.exec_script(m_conn.dialect() == SqlDialect::Postgres
                                            ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
                                            : "BEGIN"));
    m_open = true;
    return ok_status();
  }
  Status commit() {
    m_open = false;
    Status st = m_conn.exec_script("COMMIT");
    // A failed COMMIT may leave SQLite's transaction open; never leave it dangling.
    if (!st.ok()) (void)m_conn.exec_script("ROLLBACK");
    return st;
  }

 private:
  SqlConnection& m_conn;
  bool m_open = false;
};

}  // namespace absah::registry
