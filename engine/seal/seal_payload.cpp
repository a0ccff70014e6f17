#include "engine/seal/seal_payload.h"

#include <string>

#include "engine/base/utf8.h"
#include "engine/seal/document_code.h"

namespace absah::seal {

namespace {

std::string key_path(PayloadKey key) {
  return "payload." + std::to_string(static_cast<int>(key));
}

Error field_error(ErrorCode code, PayloadKey key, std::string message) {
  return Error(code, key_path(key), std::move(message));
}

bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// 16 decimal digits → 8 bytes big-endian (a 16-digit number is below 2^54).
std::string pack_subject_id(std::string_view digits) {
  uint64_t v = 0;
  for (char c : digits) v = v * 10 + static_cast<uint64_t>(c - '0');
  std::string out(8, '\0');
  for (int i = 7; i >= 0; --i, v >>= 8) out[static_cast<size_t>(i)] = static_cast<char>(v & 0xFF);
  return out;
}

std::string unpack_subject_id(std::string_view bytes) {
  uint64_t v = 0;
  for (char c : bytes) v = (v << 8) | static_cast<uint8_t>(c);
  std::string digits = std::to_string(v);
  return std::string(16 - std::min<size_t>(16, digits.size()), '0') + digits;
}

Status check_text(const std::string& text, PayloadKey key, size_t max_bytes) {
  if (text.empty()) return field_error(ErrorCode::FieldMissing, key, "must not be empty");
  if (text.size() > max_bytes)
    return field_error(ErrorCode::FieldLength, key,
                       "longer than " + std::to_string(max_bytes) + " bytes");
  if (find_invalid_utf8(text)) return field_error(ErrorCode::FieldFormat, key, "not valid UTF-8");
  return ok_status();
}

}  // namespace

Result<CborValue> payload_to_cbor(const SealPayload& p) {
  if (p.version != kSealFormatVersion)
    return field_error(ErrorCode::FieldFormat, PayloadKey::Version, "only version 1 is defined");
  auto code = document_code_for(p.document_type);
  if (!code)
    return field_error(ErrorCode::UnknownDocumentType, PayloadKey::DocumentType,
                       "no seal code for document type \"" + p.document_type + "\"");
  ABSAH_TRY_STATUS(
      check_text(p.document_number, PayloadKey::DocumentNumber, kMaxDocumentNumberBytes));
  ABSAH_TRY_STATUS(check_text(p.subject_name, PayloadKey::SubjectName, kMaxSubjectNameBytes));
  if (p.subject_id.size() != 16 || !all_digits(p.subject_id))
    // Never echo the number itself: it is a NIK (design.md "Privacy").
    return field_error(ErrorCode::FieldFormat, PayloadKey::SubjectId, "must be 16 decimal digits");
  if (p.record_digest.size() != 32 && p.record_digest.size() != kRecordDigestBytes)
    return field_error(ErrorCode::FieldLength, PayloadKey::RecordDigest,
                       "must be a 32-byte SHA-256 (or its first 16 bytes)");
  if (p.office == 0)
    return field_error(ErrorCode::FieldMissing, PayloadKey::Office, "office code not set");

  using K = PayloadKey;
  auto k = [](K key) { return CborValue::uint(static_cast<uint64_t>(key)); };
  return CborValue::map({
      {k(K::Version), CborValue::uint(p.version)},
      {k(K::DocumentType), CborValue::uint(*code)},
      {k(K::DocumentNumber), CborValue::text(p.document_number)},
      {k(K::IssueDate), CborValue::integer(p.issue_date)},
      {k(K::Office), CborValue::uint(p.office)},
      {k(K::SubjectId), CborValue::byte_string(pack_subject_id(p.subject_id))},
      {k(K::SubjectName), CborValue::text(p.subject_name)},
      {k(K::RecordDigest),
       CborValue::byte_string(std::string_view(p.record_digest).substr(0, kRecordDigestBytes))},
  });
}

Result<SealPayload> payload_from_cbor(const CborValue& map) {
  if (map.type != CborType::Map)
    return Error(ErrorCode::FieldType, "payload", "payload is not a CBOR map");
  for (size_t i = 0; i < map.items.size(); i += 2) {
    auto key = map.items[i].as_int();
    if (!key || *key < 1 || *key > static_cast<int64_t>(PayloadKey::RecordDigest))
      return Error(ErrorCode::FieldUnknown, "payload", "unknown payload key");
  }
  auto get = [&](PayloadKey key, CborType type) -> Result<const CborValue*> {
    const CborValue* v = map.find(static_cast<int64_t>(key));
    if (!v) return field_error(ErrorCode::FieldMissing, key, "missing");
    // Dates may be before 1970 in principle (negative day numbers).
    bool type_ok = v->type == type || (type == CborType::Negative && v->type == CborType::Unsigned);
    if (!type_ok) return field_error(ErrorCode::FieldType, key, "wrong CBOR type");
    return v;
  };
  SealPayload p;
  auto version = get(PayloadKey::Version, CborType::Unsigned);
  if (!version) return version.take_error();
  if ((*version)->number != kSealFormatVersion)
    return field_error(ErrorCode::FieldFormat, PayloadKey::Version,
                       "unsupported seal format version " + std::to_string((*version)->number));
  p.version = (*version)->number;

  auto type = get(PayloadKey::DocumentType, CborType::Unsigned);
  if (!type) return type.take_error();
  auto name = document_type_for((*type)->number);
  if (!name)
    return field_error(ErrorCode::UnknownDocumentType, PayloadKey::DocumentType,
                       "unknown document type code");
  p.document_type = std::string(*name);

  auto number = get(PayloadKey::DocumentNumber, CborType::Text);
  if (!number) return number.take_error();
  p.document_number = (*number)->bytes;
  ABSAH_TRY_STATUS(
      check_text(p.document_number, PayloadKey::DocumentNumber, kMaxDocumentNumberBytes));

  auto date = get(PayloadKey::IssueDate, CborType::Negative);
  if (!date) return date.take_error();
  auto days = (*date)->as_int();
  // ±1,000,000 days is far beyond any civil record and keeps later date arithmetic safe.
  if (!days || *days < -1000000 || *days > 1000000)
    return field_error(ErrorCode::DateInvalid, PayloadKey::IssueDate, "issue date out of range");
  p.issue_date = *days;

  auto office = get(PayloadKey::Office, CborType::Unsigned);
  if (!office) return office.take_error();
  if ((*office)->number == 0 || (*office)->number > 999999)
    return field_error(ErrorCode::FieldFormat, PayloadKey::Office, "office code out of range");
  p.office = static_cast<uint32_t>((*office)->number);

  auto subject = get(PayloadKey::SubjectId, CborType::Bytes);
  if (!subject) return subject.take_error();
  if ((*subject)->bytes.size() != 8)
    return field_error(ErrorCode::FieldLength, PayloadKey::SubjectId, "must be 8 bytes");
  p.subject_id = unpack_subject_id((*subject)->bytes);
  if (p.subject_id.size() != 16)
    return field_error(ErrorCode::FieldFormat, PayloadKey::SubjectId, "more than 16 digits");

  auto subject_name = get(PayloadKey::SubjectName, CborType::Text);
  if (!subject_name) return subject_name.take_error();
  p.subject_name = (*subject_name)->bytes;
  ABSAH_TRY_STATUS(check_text(p.subject_name, PayloadKey::SubjectName, kMaxSubjectNameBytes));

  auto digest = get(PayloadKey::RecordDigest, CborType::Bytes);
  if (!digest) return digest.take_error();
  if ((*digest)->bytes.size() != kRecordDigestBytes)
    return field_error(ErrorCode::FieldLength, PayloadKey::RecordDigest, "must be 16 bytes");
  p.record_digest = (*digest)->bytes;
  return p;
}

}  // namespace absah::seal
