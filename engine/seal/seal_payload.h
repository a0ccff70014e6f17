#pragma once
// The seal payload: a compact CBOR map with small integer keys (docs/seal.md "Payload", CDDL
// there). Every field is weighed for the QR budget: dates as day numbers, the 16-digit
// subject number as 8 bytes, a 16-byte record digest.

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/base/result.h"
#include "engine/seal/cbor.h"

namespace absah::seal {

constexpr uint64_t kSealFormatVersion = 1;
constexpr size_t kRecordDigestBytes = 16;  // first 16 bytes of SHA-256 of the canonical record
constexpr size_t kMaxDocumentNumberBytes = 64;
constexpr size_t kMaxSubjectNameBytes = 240;  // 60 letters (Permendagri 73/2022) × 4 UTF-8 bytes

// CBOR map keys (docs/seal.md).
enum class PayloadKey : uint8_t {
  None = 0,
  Version = 1,
  DocumentType = 2,
  DocumentNumber = 3,
  IssueDate = 4,
  Office = 5,
  SubjectId = 6,
  SubjectName = 7,
  RecordDigest = 8,
};

struct SealPayload {
  uint64_t version = kSealFormatVersion;
  std::string document_type;    // stable type name ("akta_kelahiran"); a code in the CBOR
  std::string document_number;  // official number as printed, e.g. "SKPWNI/5271/22032021/0101"
  int64_t issue_date = 0;       // days since 1970-01-01 (civil date of issue, Asia/Makassar)
  uint32_t office = 0;          // issuing office region code, e.g. 5271 (Kota Mataram)
  // The 16-digit NIK (cards, letters, akta: the person the document is about) or KK number
  // (kk), as decimal digits; 8 bytes big-endian in the CBOR.
  std::string subject_id;
  std::string subject_name;  // as printed (UTF-8)
  // SHA-256 of the canonical record (docs/record-schema.md): pass all 32 bytes or the first 16;
  // the payload carries (and decoding returns) the first 16.
  std::string record_digest;

  bool operator==(const SealPayload&) const = default;
};

// Checks the fields and builds the CBOR map (keys ascending, preferred serialisation, so the
// encoding is deterministic, RFC 8949 §4.2.1).
Result<CborValue> payload_to_cbor(const SealPayload& payload);
// Reads the map back. Unknown keys, missing keys, wrong types or out-of-range values are all
// "wrong structure" errors (FieldFormat/FieldMissing/FieldType with the key as the path).
Result<SealPayload> payload_from_cbor(const CborValue& map);

}  // namespace absah::seal
