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
  using Registry::issue_many;
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
  // What the first exchange of an issue found: an earlier document with the request's key, or
  // the number and document id allocated to the request.
  struct Allocation {
    std::optional<Document> replay;
    std::string number;
    int64_t id = 0;
  };
  // The first exchange, inside the caller's transaction: `prelude` (a savepoint) runs first, then
  // the idempotency key's lookup, the number (the counter's increment, or the fixed number's
  // clash check) and a document id. `prelude_ran` says whether the exchange ran (false only when
  // the database failed).
  Result<Allocation> allocate(const IssueRequest& request, std::vector<SqlStatement> prelude,
                              bool& prelude_ran);
  // The stored document for an allocation and its PDF digest, and the statement that inserts it.
  static Document issued_document(const IssueRequest& request, const Allocation& allocation,
                                  const std::string& pdf_sha256);
  static SqlStatement document_insert(const Document& document, bool fixed_number);
  static std::string issue_detail(const Document& document);
  // One pass of issue_many: allocates numbers to the unsettled requests, renders them, stores
  // them. Returns true when the group is stored, false when the pass was rolled back to the
  // group's savepoint and must run again (a render failed: its request is settled with the
  // error; or a key or number was taken meanwhile by another issuer).
  struct GroupState;
  Result<bool> issue_group_pass(const std::vector<IssueRequest>& requests,
                                const GroupRenderCallback& render, GroupState& state);
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
  Status write_group_audit(const std::vector<PendingAudit>& entries);
  const char* for_update() const;

  std::unique_ptr<SqlConnection> m_conn;
  int m_schema_version;
};

}  // namespace absah::registry
