#pragma once
// Issuing through the registry: the registry allocates the number, the document is rendered
// with it inside the registry's transaction, and the PDF's digest is stored with it — so the
// registry never holds a number without its document. A retry with the same idempotency key
// returns the stored document's number and renders it again.

#include <functional>
#include <string>
#include <vector>

#include "engine/base/result.h"
#include "engine/registry/registry.h"
#include "engine/render/renderer.h"

namespace absah::cli {

struct RegisteredIssue {
  render::RenderedDocument document;
  bool replayed = false;  // the idempotency key was seen before
};

// What the registry is asked to store for a render request: number source, subject, canonical
// record, seal key id.
Result<registry::IssueRequest> make_issue_request(const render::Renderer& renderer,
                                                  const render::RenderRequest& request,
                                                  const std::string& idempotency_key);

Result<RegisteredIssue> issue_registered(const render::Renderer& renderer,
                                         registry::Registry& registry,
                                         render::RenderRequest request,
                                         const std::string& idempotency_key);

// Renders several independent requests and returns the results in the same order; may spread
// them over threads (RenderPool).
using RenderAll = std::function<std::vector<Result<render::RenderedDocument>>(
    std::vector<render::RenderRequest> requests)>;

// Group commit: the requests are issued in ONE registry transaction (Registry::issue_many): the
// registry numbers the group, `render_all` renders it at once inside the transaction, the
// registry stores it. A request that fails (its render, its number) gets its error and the
// others are numbered again without it; replays are rendered again with the stored number,
// after the commit. The outer error means the group's transaction failed and nothing was stored.
// Callers publish nothing before this returns. `keys[i]` belongs to `requests[i]`.
Result<std::vector<Result<RegisteredIssue>>> issue_registered_group(
    const render::Renderer& renderer, registry::Registry& registry,
    const std::vector<render::RenderRequest>& requests, const std::vector<std::string>& keys,
    const RenderAll& render_all);

}  // namespace absah::cli
