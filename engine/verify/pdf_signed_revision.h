#pragma once
// The signed revision of a PDF: the bytes the first signature covers, located from its
// /ByteRange and judged before any cryptography, so that each published attack on PDF
// signatures gets its own reason code:
//
//   - universal signature forgery (Mladenov et al., 2019): a signature dictionary whose
//     ByteRange or Contents is missing, null, empty or malformed → signature.byte_range_*;
//   - signature wrapping: the signed bytes moved and new content placed in the gap → the gap
//     must be exactly the /Contents hex string of that dictionary (signature.gap_not_contents);
//   - a ByteRange that stops before the end of a revision → signature.byte_range_short;
//   - shadow attacks prepared before signing (Mainka et al., 2021): a signed revision that
//     already holds several revisions, duplicate object definitions, or a cross-reference table
//     that points elsewhere than the objects it lists → structure.*.
//
// absah issues single-revision documents (one body, one xref table, one trailer), so the
// structural rules are strict: anything else was not made by absah.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/verify/finding.h"
#include "engine/verify/pdf_structure.h"

namespace absah::verify {

struct SignedRevision {
  std::array<uint64_t, 4> byte_range{};
  size_t signed_end = 0;  // byte_range[2] + byte_range[3]: where appended bytes start
  PdfSection section;     // the signed revision, read strictly
  PdfRef signature_object;
  std::optional<int64_t> claimed_signing_time;  // /M, Unix seconds
  size_t signature_dicts = 0;                   // "/ByteRange" keys in the signed revision
};

struct SignedRevisionResult {
  Finding finding;                         // empty when the signed revision is sound
  std::optional<SignedRevision> revision;  // set when the structure could be read
  // Set once the ByteRange's geometry passed, so that the CMS can be checked first: a changed
  // byte is "tampered" even when it also breaks the structure.
  std::optional<std::array<uint64_t, 4>> byte_range;
};

// Whether the file has any "/ByteRange" key (a signature dictionary) at all.
bool has_signature_dictionary(std::string_view pdf);

SignedRevisionResult read_signed_revision(std::string_view pdf, const StructureLimits& limits);

// "D:YYYYMMDDHHmmSS+HH'mm'" (ISO 32000-1 §7.9.4) → Unix seconds; nullopt when malformed.
std::optional<int64_t> parse_pdf_date(std::string_view text);

}  // namespace absah::verify
