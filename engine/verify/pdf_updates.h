#pragma once
// Bytes appended after the signed revision (incremental updates, ISO 32000-1 §7.5.6). A viewer
// shows the last revision, so anything appended can change what the reader sees while the
// signature still verifies (the "incremental saving attack", Mladenov et al., 2019, and the
// hide / replace / hide-and-replace shadow attacks, Mainka et al., 2021). The rule is an allow
// list: an update may add new objects that nothing visible refers to and may rewrite the
// catalog only to add a document security store (/DSS, PAdES LTV, ETSI EN 319 142-1 §5.4).
// Everything else is named:
//
//   updates.unparseable       bytes that are not objects + xref table + trailer
//   updates.uninspectable     object streams or xref streams (contents not reviewable here)
//   updates.page_content      a page, page tree, content stream, font or image redefined, or a
//                             page added
//   updates.annotation        an annotation added or redefined (links and drawings included)
//   updates.form_value        a form field or its value changed
//   updates.signature_added   another signature dictionary
//   updates.signature_changed the signature dictionary redefined
//   updates.catalog_changed   the catalog rewritten beyond adding /DSS
//   updates.object_redefined  any other object of the signed revision redefined
//   updates.object_deleted    an object of the signed revision marked free
//   updates.xref_redirect     an xref entry pointing outside the update, or /Prev elsewhere
//   updates.root_changed      a trailer /Root other than the signed one
//   updates.encrypted         /Encrypt added

#include <string_view>

#include "engine/verify/finding.h"
#include "engine/verify/pdf_signed_revision.h"

namespace absah::verify {

struct UpdateReview {
  Finding finding;  // empty: nothing appended, or only allowed updates
  size_t appended_bytes = 0;
  size_t updates = 0;     // revisions appended
  bool dss_only = false;  // something was appended and all of it was allowed
};

UpdateReview review_updates(std::string_view pdf, const SignedRevision& signed_revision,
                            const StructureLimits& limits);

}  // namespace absah::verify
