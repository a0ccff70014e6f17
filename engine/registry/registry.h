#pragma once
// The registry: what was issued, by whom, and what became of it. Backends are chosen by URL:
// `sqlite:PATH` (embedded, WAL) or `postgresql://...` / `postgres://...` (libpq). Both share one
// schema, applied by versioned migrations when the registry is opened.
//
// Issuing is one transaction: allocate the number, call the renderer with it, store the document
// with the PDF digest the renderer returns, append to the audit log, commit. A renderer error
// rolls everything back, the counter included, so numbers stay gapless and no number ever exists
// without its document. The caller writes the PDF file only after `issue` returns.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.h"
#include "engine/registry/audit_report.h"
#include "engine/registry/document.h"
#include "engine/registry/issue_request.h"

namespace absah::registry {

// Receives the allocated number, renders (and signs) the document, returns the PDF's SHA-256 as
// lowercase hex. Runs inside the issuing transaction: keep it to rendering, and note that other
// issuers of the same counter wait for it.
using RenderCallback = std::function<Result<std::string>(const std::string& number)>;

// A request of a group with the number the registry allocated to it.
struct NumberedRequest {
  size_t index = 0;  // the request's position in the group
  std::string number;
};

// Renders a group's numbered requests, all at once so that the caller can spread them over its
// cores (they are independent of each other), and returns for each, in the same order, its PDF's
// SHA-256 as lowercase hex or its error. Runs inside the group's transaction.
using GroupRenderCallback =
    std::function<std::vector<Result<std::string>>(const std::vector<NumberedRequest>& todo)>;

// The same, one request at a time (tests, benchmarks, callers with one core to give).
using RenderEachCallback =
    std::function<Result<std::string>(size_t index, const std::string& number)>;

struct IssueResult {
  Document document;
  bool replayed = false;  // true when the idempotency key matched an earlier issue
};

class Registry {
 public:
  virtual ~Registry() = default;

  virtual Result<IssueResult> issue(const IssueRequest& request, const RenderCallback& render) = 0;

  // Group commit: issues the requests in ONE transaction, so a group pays for one durable commit
  // instead of one per document, and renders them together, so the renders can run on all cores
  // while the group holds its counters. Numbers are allocated for the whole group first, then
  // `render` gets every numbered request at once, then the documents are stored. When a render
  // fails, that request gets its error and the group's numbering is rolled back and done again
  // without it (a request whose number did not change keeps its render), so numbering stays
  // gapless. A request with a key already issued, in the registry or earlier in the group, is a
  // replay. The outer Result fails only when the group transaction itself fails; then nothing of
  // the group was stored. Every guarantee of `issue` holds per request; callers must not publish
  // any document before this returns.
  virtual Result<std::vector<Result<IssueResult>>> issue_many(
      const std::vector<IssueRequest>& requests, const GroupRenderCallback& render) = 0;
  Result<std::vector<Result<IssueResult>>> issue_many(const std::vector<IssueRequest>& requests,
                                                      const RenderEachCallback& render_each);

  // The active document with that number, else the most recent one carrying it.
  virtual Result<Document> find(std::string_view number) = 0;
  virtual Result<Document> find_by_idempotency_key(std::string_view key) = 0;

  virtual Status revoke(std::string_view number, std::string_view reason, std::string_view who,
                        int64_t at) = 0;
  // Marks `old_number` superseded by `new_number`; both must exist, the old one must be active.
  virtual Status supersede(std::string_view old_number, std::string_view new_number,
                           std::string_view who, int64_t at) = 0;

  // Walks the audit log; a failure to read is an error, a broken chain is a report.
  virtual Result<AuditReport> audit() = 0;

  // Highest schema version applied.
  virtual int schema_version() const = 0;
};

Result<std::unique_ptr<Registry>> open_registry(std::string_view url);

}  // namespace absah::registry
