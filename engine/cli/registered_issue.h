#pragma once
// Issuing through the registry: the registry allocates the number, the document is rendered
// with it inside the registry's transaction, and the PDF's digest is stored with it — so the
// registry never holds a number without its document. A retry with the same idempotency key
// returns the stored document's number and renders it again.

#include <string>

#include "engine/base/result.h"
#include "engine/registry/registry.h"
#include "engine/render/renderer.h"

namespace absah::cli {

struct RegisteredIssue {
  render::RenderedDocument document;
  bool replayed = false;  // the idempotency key was seen before
};

Result<RegisteredIssue> issue_registered(const render::Renderer& renderer,
                                         registry::Registry& registry,
                                         render::RenderRequest request,
                                         const std::string& idempotency_key);

}  // namespace absah::cli
