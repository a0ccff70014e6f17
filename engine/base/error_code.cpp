#include "engine/base/error_code.h"

namespace absah {

std::string_view to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::None:
      return "none";
    case ErrorCode::Usage:
      return "usage";
    case ErrorCode::Io:
      return "io";
    case ErrorCode::JsonSyntax:
      return "json.syntax";
    case ErrorCode::FieldMissing:
      return "field.missing";
    case ErrorCode::FieldType:
      return "field.type";
    case ErrorCode::FieldEnum:
      return "field.enum";
    case ErrorCode::FieldFormat:
      return "field.format";
    case ErrorCode::FieldLength:
      return "field.length";
    case ErrorCode::FieldUnknown:
      return "field.unknown";
    case ErrorCode::NikInvalid:
      return "field.nik";
    case ErrorCode::DateInvalid:
      return "field.date";
    case ErrorCode::RecordInvalid:
      return "record.invalid";
    case ErrorCode::UnknownDocumentType:
      return "document_type.unknown";
    case ErrorCode::LayoutSyntax:
      return "layout.syntax";
    case ErrorCode::LayoutInvalid:
      return "layout.invalid";
    case ErrorCode::TextOverflow:
      return "layout.overflow";
    case ErrorCode::FontMissing:
      return "font.missing";
    case ErrorCode::GlyphMissing:
      return "font.glyph_missing";
    case ErrorCode::ImageInvalid:
      return "image.invalid";
    case ErrorCode::PdfWrite:
      return "pdf.write";
    case ErrorCode::PdfInvalid:
      return "pdf.invalid";
    case ErrorCode::RegistryUnavailable:
      return "registry.unavailable";
    case ErrorCode::RegistryConflict:
      return "registry.conflict";
    case ErrorCode::RegistryNotFound:
      return "registry.not_found";
    case ErrorCode::Internal:
      return "internal";
  }
  return "unknown";
}

}  // namespace absah
