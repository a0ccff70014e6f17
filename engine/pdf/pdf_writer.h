#pragma once
// Frames → PDF bytes. Fonts are embedded as subset Type0/CIDFontType2 (Identity-H) with
// widths and a ToUnicode map (PDF 32000-1 §9.7, §9.10), so text is searchable and copyable.
// The output is a function of its inputs only: the creation time and the document ID are
// parameters or derived from the content, never from the clock.

#include <cstdint>
#include <optional>
#include <string>

#include "engine/base/result.h"
#include "engine/layout/frame.h"
#include "engine/text/font_book.h"

namespace absah::pdf {

// Reserves a PAdES signature: a signature field whose /V dictionary carries a ByteRange and a
// zero-filled Contents placeholder that the signing stage patches in place. The literal
// placeholders are part of the contract with engine/sign/ (see docs/signing.md).
struct SignaturePlaceholder {
  size_t page_index = 0;
  Rect rect;                      // widget area, layout coordinates; empty = invisible
  size_t reserved_bytes = 16384;  // CMS capacity; the hex string is twice as long
  std::string field_name = "Signature1";
  std::string signer_name;
  std::string reason;
  std::string location;
  int64_t signing_time_unix = 0;  // written as /M
};

inline constexpr std::string_view kByteRangePlaceholder = "[0 9999999999 9999999999 9999999999]";

struct PdfWriteOptions {
  int64_t creation_time_unix = 0;
  std::optional<SignaturePlaceholder> signature;
};

Result<std::string> write_pdf(const layout::DocumentFrames& frames, const text::FontBook& fonts,
                              const PdfWriteOptions& options);

}  // namespace absah::pdf
