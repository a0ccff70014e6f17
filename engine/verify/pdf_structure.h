#pragma once
// The body of a PDF revision as written in the file, read front to back: object definitions
// (with where their stream data lies, never decompressed), the classic cross-reference table,
// the trailer, startxref and %%EOF. The verifier judges a signed revision and the bytes appended
// after it from what is written, not from what a lenient reader would reconstruct.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.h"
#include "engine/verify/pdf_syntax.h"

namespace absah::verify {

struct PdfObjectDef {
  PdfRef id;
  size_t offset = 0;  // of the object number
  size_t end = 0;     // just past "endobj"
  PdfValue value;
  bool has_stream = false;
  size_t stream_begin = 0;  // first data byte
  size_t stream_end = 0;    // one past the last data byte

  std::string_view stream_data(std::string_view file) const {
    return file.substr(stream_begin, stream_end - stream_begin);
  }
};

struct XrefEntry {
  uint32_t num = 0;
  uint64_t offset = 0;  // in-use: byte offset; free: next free object
  uint32_t gen = 0;
  bool in_use = false;
};

struct PdfSection {
  size_t begin = 0;
  size_t end = 0;
  std::vector<PdfObjectDef> objects;   // in file order
  std::vector<XrefEntry> xref;         // classic table entries, in file order
  size_t xref_tables = 0;              // "xref" keywords seen
  std::vector<uint64_t> xref_offsets;  // where each "xref" keyword is
  std::vector<PdfValue> trailers;      // "trailer" dictionaries seen
  std::vector<uint64_t> startxrefs;    // "startxref" values seen
  size_t eof_markers = 0;              // "%%EOF" lines seen

  const PdfObjectDef* find(uint32_t num) const;
};

enum class ScanMode : uint8_t {
  // Everything must be an object, an xref table, a trailer, startxref or a comment; anything
  // else is an error with its offset (signed revisions and incremental updates).
  Strict = 0,
  // Unknown bytes are skipped to the next line (third-party PDFs such as scans, read only for
  // their images).
  Lenient,
};

struct StructureLimits {
  uint64_t max_objects = 200'000;
  SyntaxLimits syntax;
};

// Reads file[begin, end). Errors: PdfInvalid with the offset, or over the object limit.
Result<PdfSection> scan_pdf_section(std::string_view file, size_t begin, size_t end, ScanMode mode,
                                    const StructureLimits& limits = {});

}  // namespace absah::verify
