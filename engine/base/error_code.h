#pragma once
// Stable error codes. Tests, reports and the HTTP API branch on these; messages may change,
// codes never do. The string form (`to_string`) is what JSON output carries.

#include <cstdint>
#include <string_view>

namespace absah {

enum class ErrorCode : uint16_t {
  None = 0,
  // usage and I/O
  Usage,
  Io,
  // input records
  JsonSyntax,
  FieldMissing,
  FieldType,
  FieldEnum,
  FieldFormat,
  FieldLength,
  FieldUnknown,
  NikInvalid,
  DateInvalid,
  RecordInvalid,  // summary code carrying the individual field errors as details
  UnknownDocumentType,
  // layouts and fonts
  LayoutSyntax,
  LayoutInvalid,
  TextOverflow,
  FontMissing,
  GlyphMissing,
  ImageInvalid,
  // output
  PdfWrite,
  Internal,
  // added later; codes only ever go at the end
  PdfInvalid,  // a PDF that cannot be read
  RegistryUnavailable,  // the registry database cannot be opened or a statement failed
  RegistryConflict,     // a unique number, idempotency key or status transition clashes
  RegistryNotFound,     // no document with that number
};

std::string_view to_string(ErrorCode code);

}  // namespace absah
