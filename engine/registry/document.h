#pragma once
// One issued document as the registry holds it. Digests are lowercase hex SHA-256; times are
// Unix seconds (UTC) supplied by the caller, never read from the clock here.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace absah::registry {

enum class DocumentStatus { Active, Revoked, Superseded };

std::string_view to_string(DocumentStatus status);

struct Document {
  int64_t id = 0;  // internal, never printed on paper
  std::string type;
  std::string number;
  std::string subject_nik;
  std::string office;
  int64_t issued_at = 0;
  std::string record_json;    // canonical record, stored byte for byte
  std::string record_sha256;  // of record_json
  std::string pdf_sha256;
  std::string seal_kid;
  std::string idempotency_key;  // empty when none was given
  DocumentStatus status = DocumentStatus::Active;
  std::string status_reason;         // revocation reason
  std::optional<int64_t> status_at;  // when revoked or superseded
  std::string status_by;             // who revoked or superseded
  std::string superseded_by;         // newer number when status is Superseded
};

}  // namespace absah::registry
