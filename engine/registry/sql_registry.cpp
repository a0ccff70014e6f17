#include "engine/registry/sql_registry.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "engine/registry/audit_chain.h"
#include "engine/registry/number_pattern.h"
#include "engine/registry/schema.h"
#include "engine/registry/sha256_hex.h"
#include "engine/registry/transaction.h"

namespace absah::registry {

namespace {

constexpr std::string_view kDocumentColumns =
    "id, type, number, subject_nik, office, issued_at, record_json, record_sha256, pdf_sha256, "
    "seal_kid, idempotency_key, status, status_reason, status_at, status_by, superseded_by";

Error registry_error(ErrorCode code, std::string message) {
  return Error(code, "registry", std::move(message));
}

DocumentStatus parse_status(const std::string& s) {
  if (s == "revoked") return DocumentStatus::Revoked;
  if (s == "superseded") return DocumentStatus::Superseded;
  return DocumentStatus::Active;
}

Document document_from_row(const SqlRow& r) {
  auto text = [&](size_t i) { return r.at(i).value_or(""); };
  Document d;
  d.id = std::stoll(text(0));
  d.type = text(1);
  d.number = text(2);
  d.subject_nik = text(3);
  d.office = text(4);
  d.issued_at = std::stoll(text(5));
  d.record_json = text(6);
  d.record_sha256 = text(7);
  d.pdf_sha256 = text(8);
  d.seal_kid = text(9);
  d.idempotency_key = text(10);
  d.status = parse_status(text(11));
  d.status_reason = text(12);
  if (r.at(13)) d.status_at = std::stoll(*r.at(13));
  d.status_by = text(14);
  d.superseded_by = text(15);
  return d;
}

bool is_sha256_hex(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// A key names one request: replaying it for another subject or type means the caller reused a
// key by mistake, and answering with somebody else's document would be worse than failing.
Result<IssueResult> replay(Document existing, const IssueRequest& req) {
  if (existing.type != req.type || existing.subject_nik != req.subject_nik) {
    return registry_error(ErrorCode::RegistryConflict, "idempotency key " + req.idempotency_key +
                                                           " was used for a different document (" +
                                                           existing.number + ")");
  }
  return IssueResult{std::move(existing), true};
}

SqlStatement audit_insert(const AuditEntry& e) {
  return {
      "INSERT INTO audit_log (seq, at, actor, action, number, detail, prev_hash, hash) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      {e.seq, e.at, e.actor, e.action, e.number, e.detail, e.prev_hash, e.hash}};
}

SqlStatement audit_head_update(int64_t seq, const std::string& hash) {
  return {"UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1", {seq, hash}};
}

SqlValue optional_text(const std::string& s) {
  if (s.empty()) return nullptr;
  return s;
}

}  // namespace

std::string_view to_string(DocumentStatus status) {
  switch (status) {
    case DocumentStatus::Active:
      return "active";
    case DocumentStatus::Revoked:
      return "revoked";
    case DocumentStatus::Superseded:
      return "superseded";
  }
  return "active";
}

Result<std::unique_ptr<Registry>> SqlRegistry::open(std::unique_ptr<SqlConnection> conn) {
  auto version = migrate(*conn);
  if (!version.ok()) return version.take_error();
  return std::unique_ptr<Registry>(new SqlRegistry(std::move(conn), version.value()));
}

const char* SqlRegistry::for_update() const {
  return m_conn->dialect() == SqlDialect::Postgres ? " FOR UPDATE" : "";
}

Status SqlRegistry::check_request(const IssueRequest& req) {
  if (req.type.empty()) return Error(ErrorCode::Usage, "type", "document type is empty");
  if (req.number_pattern.empty() && req.fixed_number.empty()) {
    return Error(ErrorCode::Usage, "number_pattern", "neither a pattern nor a fixed number");
  }
  return ok_status();
}

Result<IssueResult> SqlRegistry::issue(const IssueRequest& req, const RenderCallback& render) {
  ABSAH_TRY_STATUS(check_request(req));
  if (!render) return Error(ErrorCode::Usage, "render", "no render callback");
  auto attempt = [&]() -> Result<IssueResult> {
    Transaction tx(*m_conn);
    ABSAH_TRY_STATUS(tx.begin());
    bool ran = false;
    auto allocated = allocate(req, {}, ran);
    if (!allocated.ok()) return allocated.take_error();  // the destructor rolls back
    if (allocated->replay) return replay(std::move(*allocated->replay), req);
    auto pdf = render(allocated->number);
    if (!pdf.ok()) return pdf.take_error();
    if (!is_sha256_hex(pdf.value())) {
      return registry_error(ErrorCode::Internal,
                            "render callback returned no lowercase hex "
                            "SHA-256 for " +
                                allocated->number);
    }
    Document d = issued_document(req, allocated.value(), pdf.value());
    // The second exchange: the document, its audit entry and the audit head.
    auto entry = next_audit_entry(req.issued_at, req.actor, "issue", d.number, issue_detail(d));
    if (!entry.ok()) return entry.take_error();
    std::vector<SqlStatement> second = {document_insert(d, !req.fixed_number.empty())};
    append_audit_statements(entry.value(), second);
    ABSAH_TRY_STATUS(m_conn->query_all(second));
    ABSAH_TRY_STATUS(tx.commit());
    return IssueResult{std::move(d), false};
  };
  return replay_on_key_clash(attempt(), req);
}

Result<IssueResult> SqlRegistry::replay_on_key_clash(Result<IssueResult> result,
                                                     const IssueRequest& req) {
  // Two retries with one key racing on PostgreSQL: the loser's insert hits the unique key and
  // rolls back (its number with it); the winner's document is the answer.
  if (!result.ok() && result.error().code == ErrorCode::RegistryConflict &&
      !req.idempotency_key.empty()) {
    auto existing = find_by_idempotency_key(req.idempotency_key);
    if (existing.ok()) return replay(std::move(existing.value()), req);
  }
  return result;
}

Status SqlRegistry::lock_group_counters(const std::vector<IssueRequest>& requests) {
  // PostgreSQL locks rows one by one. Every issuer takes counters before the audit head; a
  // group, which needs several counters, takes all of them up front in one order (std::set)
  // so that two groups, or a group and a single issue, never wait on each other in a circle.
  if (m_conn->dialect() != SqlDialect::Postgres) return ok_status();
  std::set<std::string> scopes;
  for (const IssueRequest& req : requests) {
    if (!req.fixed_number.empty() || req.number_pattern.empty()) continue;
    auto scope = counter_scope(req.number_pattern, req.type, req.office,
                               local_date(req.issued_at, req.utc_offset_minutes));
    if (scope.ok()) scopes.insert(std::move(scope.value()));
  }
  for (const std::string& scope : scopes) {
    ABSAH_TRY_STATUS(
        m_conn->query("INSERT INTO counters (scope, last_seq) VALUES ($1, 0) "
                      "ON CONFLICT (scope) DO UPDATE SET last_seq = counters.last_seq",
                      {scope}));
  }
  return ok_status();
}

// What issue_many knows across its passes.
struct SqlRegistry::GroupState {
  explicit GroupState(size_t n) : settled(n), rendered(n) {}
  // Requests answered for good: an invalid request, a failed render, a replay of a document
  // issued before the group, a clash with another issuer's fixed number.
  std::vector<std::optional<Result<IssueResult>>> settled;
  // The last render of each request: its number and digest. A request that gets the same number
  // in a later pass keeps it instead of being rendered again.
  struct Rendered {
    std::string number;
    std::string digest;
  };
  std::vector<std::optional<Rendered>> rendered;
  // Filled by the pass that stores the group.
  std::vector<std::optional<Result<IssueResult>>> stored;
};

Result<std::vector<Result<IssueResult>>> SqlRegistry::issue_many(
    const std::vector<IssueRequest>& requests, const GroupRenderCallback& render) {
  if (!render) return Error(ErrorCode::Usage, "render", "no render callback");
  GroupState state(requests.size());
  for (size_t i = 0; i < requests.size(); ++i)
    if (auto bad = check_request(requests[i]); !bad.ok()) state.settled[i] = bad.take_error();
  Transaction tx(*m_conn);
  ABSAH_TRY_STATUS(tx.begin());
  ABSAH_TRY_STATUS(lock_group_counters(requests));
  ABSAH_TRY_STATUS(m_conn->exec_script("SAVEPOINT issue_group"));
  // Each pass that does not store settles at least one request or meets a key or number that
  // another issuer committed meanwhile; the bound only guards against a database that keeps
  // changing under the group.
  const size_t max_passes = requests.size() + 3;
  for (size_t pass = 0; pass < max_passes; ++pass) {
    auto stored = issue_group_pass(requests, render, state);
    if (!stored.ok()) return stored.take_error();
    if (!stored.value()) continue;
    ABSAH_TRY_STATUS(tx.commit());
    std::vector<Result<IssueResult>> results;
    results.reserve(requests.size());
    for (size_t i = 0; i < requests.size(); ++i)
      results.push_back(state.settled[i] ? std::move(*state.settled[i])
                                         : std::move(*state.stored[i]));
    return results;
  }
  return registry_error(ErrorCode::RegistryUnavailable,
                        "the group of " + std::to_string(requests.size()) +
                            " could not be numbered: other issuers kept taking its keys");
}

Result<bool> SqlRegistry::issue_group_pass(const std::vector<IssueRequest>& requests,
                                           const GroupRenderCallback& render, GroupState& state) {
  const size_t n = requests.size();
  constexpr size_t kNone = static_cast<size_t>(-1);
  std::vector<std::optional<Allocation>> allocated(n);
  std::vector<size_t> replay_of(n, kNone);  // a key seen earlier in the group
  std::map<std::string, size_t> key_owner;
  std::set<std::pair<std::string, std::string>> fixed_taken;  // (type, number) in this group
  auto restart = [&]() -> Result<bool> {
    ABSAH_TRY_STATUS(m_conn->exec_script("ROLLBACK TO issue_group"));
    return false;
  };

  // 1. Numbers. A savepoint per request undoes the counter's increment when the request turns
  // out to be a replay or a clash; releasing the previous one travels with the next request.
  bool savepoint_open = false;
  int64_t next_sqlite_id = 0;
  for (size_t i = 0; i < n; ++i) {
    if (state.settled[i]) continue;
    const IssueRequest& req = requests[i];
    if (!req.idempotency_key.empty()) {
      auto owner = key_owner.find(req.idempotency_key);
      if (owner != key_owner.end()) {
        replay_of[i] = owner->second;
        continue;
      }
    }
    if (!req.fixed_number.empty() && fixed_taken.count({req.type, req.fixed_number})) {
      state.settled[i] =
          registry_error(ErrorCode::RegistryConflict, "an active " + req.type + " with number " +
                                                          req.fixed_number +
                                                          " is issued earlier in "
                                                          "the same group");
      continue;
    }
    std::vector<SqlStatement> savepoint;
    if (savepoint_open) savepoint.push_back({"RELEASE SAVEPOINT issue_one", {}});
    savepoint.push_back({"SAVEPOINT issue_one", {}});
    bool ran = false;
    auto allocation = allocate(req, std::move(savepoint), ran);
    if (!ran) return allocation.take_error();  // the database failed: the group is lost
    savepoint_open = true;
    if (!allocation.ok() || allocation->replay) {
      ABSAH_TRY_STATUS(m_conn->exec_script("ROLLBACK TO issue_one"));
      state.settled[i] = allocation.ok() ? replay(std::move(*allocation->replay), req)
                                         : Result<IssueResult>(allocation.take_error());
      continue;
    }
    // SQLite hands out MAX(id) + 1, which does not move until the group's inserts: count on from
    // the first. (BEGIN IMMEDIATE holds the database's write lock, nobody else inserts.)
    if (m_conn->dialect() == SqlDialect::Sqlite) {
      if (next_sqlite_id == 0) next_sqlite_id = allocation->id;
      allocation->id = next_sqlite_id++;
    }
    if (!req.idempotency_key.empty()) key_owner[req.idempotency_key] = i;
    if (!req.fixed_number.empty()) fixed_taken.insert({req.type, req.fixed_number});
    allocated[i] = std::move(allocation.value());
  }

  // 2. Renders, all at once.
  std::vector<NumberedRequest> todo;
  for (size_t i = 0; i < n; ++i) {
    if (!allocated[i]) continue;
    const auto& earlier = state.rendered[i];
    if (earlier && earlier->number == allocated[i]->number) continue;
    todo.push_back({i, allocated[i]->number});
  }
  if (!todo.empty()) {
    std::vector<Result<std::string>> digests = render(todo);
    if (digests.size() != todo.size())
      return registry_error(ErrorCode::Internal, "render callback answered " +
                                                     std::to_string(digests.size()) + " of " +
                                                     std::to_string(todo.size()) + " requests");
    bool failed = false;
    for (size_t k = 0; k < todo.size(); ++k) {
      const size_t i = todo[k].index;
      state.rendered[i].reset();
      if (!digests[k].ok()) {
        state.settled[i] = digests[k].take_error();
      } else if (!is_sha256_hex(digests[k].value())) {
        state.settled[i] = registry_error(
            ErrorCode::Internal,
            "render callback returned no lowercase hex SHA-256 for " + todo[k].number);
      } else {
        state.rendered[i] = GroupState::Rendered{todo[k].number, std::move(digests[k].value())};
        continue;
      }
      failed = true;
    }
    // The failed requests' numbers go back: the others are numbered again without them.
    if (failed) return restart();
  }

  // 3. The documents in one exchange, their audit entries in another at the end.
  std::vector<SqlStatement> inserts;
  std::vector<PendingAudit> audit;
  state.stored.assign(n, std::nullopt);
  for (size_t i = 0; i < n; ++i) {
    if (!allocated[i]) continue;
    Document d = issued_document(requests[i], *allocated[i], state.rendered[i]->digest);
    inserts.push_back(document_insert(d, !requests[i].fixed_number.empty()));
    audit.push_back({requests[i].issued_at, requests[i].actor, "issue", d.number, issue_detail(d)});
    state.stored[i] = IssueResult{std::move(d), false};
  }
  if (!inserts.empty()) {
    auto inserted = m_conn->query_all(inserts);
    // A unique key taken by another issuer since the lookup: the next pass sees its document.
    if (!inserted.ok() && inserted.error().code == ErrorCode::RegistryConflict) return restart();
    if (!inserted.ok()) return inserted.take_error();
  }
  for (size_t i = 0; i < n; ++i) {
    if (replay_of[i] == kNone) continue;
    state.stored[i] = replay((*state.stored[replay_of[i]])->document, requests[i]);
  }
  ABSAH_TRY_STATUS(write_group_audit(audit));
  return true;
}

Result<SqlRegistry::Allocation> SqlRegistry::allocate(const IssueRequest& req,
                                                      std::vector<SqlStatement> prelude,
                                                      bool& prelude_ran) {
  prelude_ran = false;
  std::vector<SqlStatement> first = std::move(prelude);
  const size_t prelude_count = first.size();
  const bool keyed = !req.idempotency_key.empty();
  if (keyed) first.push_back({find_sql("idempotency_key", false), {req.idempotency_key}});
  LocalDate date = local_date(req.issued_at, req.utc_offset_minutes);
  if (!req.fixed_number.empty()) {
    first.push_back(
        {"SELECT id FROM documents WHERE type = $1 AND number = $2 AND status = 'active'",
         {req.type, req.fixed_number}});
  } else {
    auto scope = counter_scope(req.number_pattern, req.type, req.office, date);
    if (!scope.ok()) {
      auto ran = m_conn->query_all({first.begin(), first.begin() + prelude_count});
      prelude_ran = ran.ok();
      return ran.ok() ? scope.take_error() : ran.take_error();
    }
    // The upsert both creates the day's counter and takes its row lock; the increment is undone
    // by the rollback if anything after it fails, which keeps the numbering gapless.
    first.push_back(
        {"INSERT INTO counters (scope, last_seq) VALUES ($1, 1) "
         "ON CONFLICT (scope) DO UPDATE SET last_seq = counters.last_seq + 1 RETURNING last_seq",
         {scope.value()}});
  }
  // The id is taken before the insert because the audit entry, sent with it, names it.
  first.push_back({m_conn->dialect() == SqlDialect::Postgres
                       ? "SELECT nextval(pg_get_serial_sequence('documents', 'id'))"
                       : "SELECT COALESCE(MAX(id), 0) + 1 FROM documents",
                   {}});
  auto answers = m_conn->query_all(first);
  if (!answers.ok()) return answers.take_error();
  prelude_ran = true;
  size_t at = prelude_count;
  Allocation out;
  if (keyed) {
    const auto& rows = answers.value()[at++];
    if (!rows.empty()) {
      out.replay = document_from_row(rows.front());
      return out;
    }
  }
  if (!req.fixed_number.empty()) {
    if (!answers.value()[at++].empty()) {
      return registry_error(ErrorCode::RegistryConflict, "an active " + req.type + " with number " +
                                                             req.fixed_number + " already exists");
    }
    out.number = req.fixed_number;
  } else {
    const auto& seq = answers.value()[at++];
    auto formatted = format_number(req.number_pattern, req.type, req.office, date,
                                   std::stoll(seq.at(0).at(0).value_or("0")));
    if (!formatted.ok()) return formatted.take_error();
    out.number = std::move(formatted.value());
  }
  out.id = std::stoll(answers.value()[at++].at(0).at(0).value_or("0"));
  return out;
}

Document SqlRegistry::issued_document(const IssueRequest& req, const Allocation& allocation,
                                      const std::string& pdf_sha256) {
  Document d;
  d.id = allocation.id;
  d.type = req.type;
  d.number = allocation.number;
  d.subject_nik = req.subject_nik;
  d.office = req.office;
  d.issued_at = req.issued_at;
  d.record_json = req.record_json;
  d.record_sha256 = sha256_hex(req.record_json);
  d.pdf_sha256 = pdf_sha256;
  d.seal_kid = req.seal_kid;
  d.idempotency_key = req.idempotency_key;
  return d;
}

SqlStatement SqlRegistry::document_insert(const Document& d, bool fixed_number) {
  return {
      "INSERT INTO documents (id, type, number, fixed_number, subject_nik, office, issued_at, "
      "record_json, record_sha256, pdf_sha256, seal_kid, idempotency_key, status) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'active')",
      {d.id, d.type, d.number, int64_t{fixed_number ? 1 : 0}, d.subject_nik, d.office, d.issued_at,
       d.record_json, d.record_sha256, d.pdf_sha256, d.seal_kid, optional_text(d.idempotency_key)}};
}

std::string SqlRegistry::issue_detail(const Document& d) {
  nlohmann::json detail = {{"id", d.id},
                           {"type", d.type},
                           {"record_sha256", d.record_sha256},
                           {"pdf_sha256", d.pdf_sha256},
                           {"seal_kid", d.seal_kid}};
  return detail.dump();
}

std::string SqlRegistry::find_sql(std::string_view column, bool lock) const {
  // Active first: a fixed number (a NIK) may have older revoked or superseded documents.
  return "SELECT " + std::string(kDocumentColumns) + " FROM documents WHERE " +
         std::string(column) +
         " = $1 ORDER BY CASE WHEN status = 'active' THEN 0 ELSE 1 END, id DESC LIMIT 1" +
         (lock ? for_update() : "");
}

Result<Document> SqlRegistry::find_one(std::string_view column, std::string_view value, bool lock) {
  auto rows = m_conn->query(find_sql(column, lock), {std::string(value)});
  if (!rows.ok()) return rows.take_error();
  if (rows.value().empty()) {
    // The value comes from whoever asked (a URL path, a command line): quote a bounded prefix.
    constexpr size_t kQuoted = 80;
    std::string quoted(value.substr(0, kQuoted));
    if (value.size() > kQuoted) quoted += "…";
    return registry_error(ErrorCode::RegistryNotFound,
                          "no document with " + std::string(column) + " " + quoted);
  }
  return document_from_row(rows.value().front());
}

Result<Document> SqlRegistry::find(std::string_view number) {
  return find_one("number", number, false);
}

Result<Document> SqlRegistry::find_by_idempotency_key(std::string_view key) {
  return find_one("idempotency_key", key, false);
}

Status SqlRegistry::revoke(std::string_view number, std::string_view reason, std::string_view who,
                           int64_t at) {
  Transaction tx(*m_conn);
  ABSAH_TRY_STATUS(tx.begin());
  auto doc = find_one("number", number, true);
  if (!doc.ok()) return doc.take_error();
  if (doc->status != DocumentStatus::Active) {
    return registry_error(
        ErrorCode::RegistryConflict,
        "document " + std::string(number) + " is already " + std::string(to_string(doc->status)));
  }
  ABSAH_TRY_STATUS(
      m_conn->query("UPDATE documents SET status = 'revoked', status_reason = $1, status_at = $2, "
                    "status_by = $3 WHERE id = $4",
                    {std::string(reason), at, std::string(who), doc->id}));
  nlohmann::json detail = {{"id", doc->id}, {"reason", std::string(reason)}};
  ABSAH_TRY_STATUS(append_audit(at, who, "revoke", number, detail.dump()));
  return tx.commit();
}

Status SqlRegistry::supersede(std::string_view old_number, std::string_view new_number,
                              std::string_view who, int64_t at) {
  if (old_number == new_number) {
    return Error(ErrorCode::Usage, "number", "a document cannot supersede itself");
  }
  Transaction tx(*m_conn);
  ABSAH_TRY_STATUS(tx.begin());
  auto old_doc = find_one("number", old_number, true);
  if (!old_doc.ok()) return old_doc.take_error();
  auto new_doc = find_one("number", new_number, false);
  if (!new_doc.ok()) return new_doc.take_error();
  if (old_doc->status != DocumentStatus::Active) {
    return registry_error(ErrorCode::RegistryConflict, "document " + std::string(old_number) +
                                                           " is already " +
                                                           std::string(to_string(old_doc->status)));
  }
  if (new_doc->status != DocumentStatus::Active) {
    return registry_error(ErrorCode::RegistryConflict, "the superseding document " +
                                                           std::string(new_number) + " is " +
                                                           std::string(to_string(new_doc->status)));
  }
  ABSAH_TRY_STATUS(m_conn->query(
      "UPDATE documents SET status = 'superseded', superseded_by = $1, status_at = $2, "
      "status_by = $3 WHERE id = $4",
      {std::string(new_number), at, std::string(who), old_doc->id}));
  nlohmann::json detail = {
      {"id", old_doc->id}, {"superseded_by", std::string(new_number)}, {"new_id", new_doc->id}};
  ABSAH_TRY_STATUS(append_audit(at, who, "supersede", old_number, detail.dump()));
  return tx.commit();
}

Result<SqlRegistry::AuditHead> SqlRegistry::read_audit_head() {
  // The head row is the chain's lock: concurrent writers queue on it and each sees the hash its
  // predecessor committed.
  auto head = m_conn->query(
      std::string("SELECT seq, hash FROM audit_head WHERE id = 1") + for_update(), {});
  if (!head.ok()) return head.take_error();
  if (head.value().empty()) return registry_error(ErrorCode::Internal, "audit head row missing");
  return AuditHead{std::stoll(head.value()[0].at(0).value_or("0")),
                   head.value()[0].at(1).value_or("")};
}

Result<AuditEntry> SqlRegistry::next_audit_entry(int64_t at, std::string_view actor,
                                                 std::string_view action, std::string_view number,
                                                 const std::string& detail) {
  auto head = read_audit_head();
  if (!head.ok()) return head.take_error();
  return chained_entry(head.value(),
                       {at, std::string(actor), std::string(action), std::string(number), detail});
}

AuditEntry SqlRegistry::chained_entry(const AuditHead& head, const PendingAudit& what) {
  AuditEntry e;
  e.seq = head.seq + 1;
  e.prev_hash = head.hash;
  e.at = what.at;
  e.actor = what.actor;
  e.action = what.action;
  e.number = what.number;
  e.detail = what.detail;
  e.hash = audit_entry_hash(e);
  return e;
}

void SqlRegistry::append_audit_statements(const AuditEntry& e,
                                          std::vector<SqlStatement>& statements) {
  statements.push_back(audit_insert(e));
  statements.push_back(audit_head_update(e.seq, e.hash));
}

Status SqlRegistry::write_group_audit(const std::vector<PendingAudit>& entries) {
  if (entries.empty()) return ok_status();
  auto head = read_audit_head();
  if (!head.ok()) return head.take_error();
  AuditHead at = head.value();
  std::vector<SqlStatement> statements;
  for (const PendingAudit& what : entries) {
    AuditEntry e = chained_entry(at, what);
    at = AuditHead{e.seq, e.hash};
    statements.push_back(audit_insert(e));
  }
  statements.push_back(audit_head_update(at.seq, at.hash));
  ABSAH_TRY_STATUS(m_conn->query_all(statements));
  return ok_status();
}

Status SqlRegistry::append_audit(int64_t at, std::string_view actor, std::string_view action,
                                 std::string_view number, const std::string& detail) {
  auto entry = next_audit_entry(at, actor, action, number, detail);
  if (!entry.ok()) return entry.take_error();
  std::vector<SqlStatement> statements;
  append_audit_statements(entry.value(), statements);
  ABSAH_TRY_STATUS(m_conn->query_all(statements));
  return ok_status();
}

Result<AuditReport> SqlRegistry::audit() {
  AuditReport report;
  Transaction snapshot(*m_conn);
  ABSAH_TRY_STATUS(snapshot.begin_snapshot());
  auto rows = m_conn->query(
      "SELECT seq, at, actor, action, number, detail, prev_hash, hash FROM audit_log ORDER BY seq",
      {});
  if (!rows.ok()) return rows.take_error();
  auto fail = [&](int64_t seq, std::string reason) {
    report.ok = false;
    report.first_broken = seq;
    report.reason = std::move(reason);
    return report;
  };
  std::string prev(kAuditGenesisHash);
  int64_t expected_seq = 1;
  // What each issue entry vouches for, to compare with the documents table afterwards.
  std::map<int64_t, std::pair<int64_t, nlohmann::json>> issued;  // document id → (seq, detail)
  for (const SqlRow& r : rows.value()) {
    AuditEntry e;
    e.seq = std::stoll(r.at(0).value_or("0"));
    e.at = std::stoll(r.at(1).value_or("0"));
    e.actor = r.at(2).value_or("");
    e.action = r.at(3).value_or("");
    e.number = r.at(4).value_or("");
    e.detail = r.at(5).value_or("");
    e.prev_hash = r.at(6).value_or("");
    e.hash = r.at(7).value_or("");
    if (e.seq != expected_seq) {
      return fail(expected_seq, "entry " + std::to_string(expected_seq) + " is missing");
    }
    if (e.prev_hash != prev) return fail(e.seq, "previous-hash link does not match");
    if (audit_entry_hash(e) != e.hash) return fail(e.seq, "entry hash does not match its content");
    if (e.action == "issue") {
      auto detail = nlohmann::json::parse(e.detail, nullptr, false);
      if (detail.is_object() && detail.contains("id")) {
        issued[detail["id"].get<int64_t>()] = {e.seq, detail};
      }
    }
    prev = e.hash;
    ++expected_seq;
    ++report.entries;
  }
  // A deleted tail leaves the head ahead of the log.
  auto head = m_conn->query("SELECT seq, hash FROM audit_head WHERE id = 1", {});
  if (!head.ok()) return head.take_error();
  if (!head.value().empty() &&
      (std::stoll(head.value()[0].at(0).value_or("0")) != expected_seq - 1 ||
       head.value()[0].at(1).value_or("") != prev)) {
    return fail(expected_seq, "the log ends before its recorded head");
  }
  // Documents must match what the chain recorded when they were issued.
  auto docs = m_conn->query(
      "SELECT id, number, record_json, record_sha256, pdf_sha256 FROM documents ORDER BY id", {});
  if (!docs.ok()) return docs.take_error();
  for (const SqlRow& r : docs.value()) {
    int64_t id = std::stoll(r.at(0).value_or("0"));
    std::string number = r.at(1).value_or("");
    auto it = issued.find(id);
    if (it == issued.end()) return fail(expected_seq, "document " + number + " was never logged");
    const nlohmann::json& detail = it->second.second;
    std::string record_sha = r.at(3).value_or("");
    if (sha256_hex(r.at(2).value_or("")) != record_sha ||
        detail.value("record_sha256", "") != record_sha ||
        detail.value("pdf_sha256", "") != r.at(4).value_or("")) {
      return fail(it->second.first, "document " + number + " differs from its issue entry");
    }
  }
  return report;
}

}  // namespace absah::registry
