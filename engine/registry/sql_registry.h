#pragma once
// The one Registry implementation, written against SqlConnection so SQLite and PostgreSQL run
// the same statements (the few dialect differences are row locks, which SQLite does not need
// because BEGIN IMMEDIATE already holds the database's write lock). Not thread-safe: one
// Registry per thread or process; concurrency comes from the database.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/registry/audit_chain.h"
#include "engine/registry/registry.h"
#include "engine/registry/sql_connection.h"

namespace absah::registry {

class SqlRegistry final : public Registry {
 public:
  static Result<std::unique_ptr<Registry>> open(std::unique_ptr<SqlConnection> conn);

  Result<IssueResult> issue(const IssueRequest& request, const RenderCallback& render) override;
  Result<std::vector<Result<IssueResult>>> issue_many(const std::vector<IssueRequest>& requests,
                                                      const GroupRenderCallback& render) override;
  Result<Document> find(std::string_view number) override;
  Result<Document> find_by_idempotency_key(std::string_view key) override;
  Status revoke(std::string_view number, std::string_view reason, std::string_view who,
                int64_t at) override;
  Status supersede(std::string_view old_number, std::string_view new_number, std::string_view who,
                   int64_t at) override;
  Result<AuditReport> audit() override;
  int schema_version() const override { return m_schema_version; }

 private:
  SqlRegistry(std::unique_ptr<SqlConnection> conn, int version)
      : m_conn(std::move(conn)), m_schema_version(version) {}

  static Status check_request(const IssueRequest& request);
  // Everything of one issue except BEGIN/COMMIT; the caller owns the transaction. `prelude`
  // runs first, in the same exchange; `prelude_ran` says whether it did (false only when the
  // database failed).
  Result<IssueResult> issue_in_transaction(const IssueRequest& request,
                                           const RenderCallback& render,
                                           std::vector<SqlStatement> prelude, bool& prelude_ran);
  std::string find_sql(std::string_view column, bool lock) const;
  Result<IssueResult> replay_on_key_clash(Result<IssueResult> result, const IssueRequest& request);
  Result<Document> find_one(std::string_view where, std::string_view value, bool lock);
  struct AuditHead {
    int64_t seq = 0;
    std::string hash;
  };
  Result<AuditHead> read_audit_head();  // and lock it, on PostgreSQL
  Status lock_group_counters(const std::vector<IssueRequest>& requests);
  Status append_audit(int64_t at, std::string_view actor, std::string_view action,
                      std::string_view number, const std::string& detail);
  // What an audit entry records, before it is chained.
  struct PendingAudit {
    int64_t at = 0;
    std::string actor;
    std::string action;
    std::string number;
    std::string detail;
  };
  static AuditEntry chained_entry(const AuditHead& head, const PendingAudit& what);
  // The next entry of the chain, reading and locking the head.
  Result<AuditEntry> next_audit_entry(int64_t at, std::string_view actor, std::string_view action,
                                      std::string_view number, const std::string& detail);
  // Its insert and the head's update.
  static void append_audit_statements(const AuditEntry& entry,
                                      std::vector<SqlStatement>& statements);
  // A group's entries, chained onto the head and written with it in one exchange.
  Status write_group_audit();
  const char* for_update() const;

  std::unique_ptr<SqlConnection> m_conn;
  int m_schema_version;
  // Set while issue_many runs: the audit entries of the group's issued documents, in order.
  std::optional<std::vector<PendingAudit>> m_group_audit;
};

}  // namespace absah::registry
