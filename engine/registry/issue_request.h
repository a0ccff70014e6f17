#pragma once
// What the caller asks the registry to issue. Either `number_pattern` (the registry allocates the
// next sequence number) or `fixed_number` (e.g. a NIK for identity cards) is set.

#include <cstdint>
#include <string>

namespace absah::registry {

struct IssueRequest {
  std::string type;  // document type id, e.g. "skpwni"
  // Placeholders: {office} {type} {dd} {mm} {yyyy} {ddmmyyyy} {yyyymmdd} {seq} {seqN} (N digits,
  // zero padded). The counter's scope follows the pattern: a number that shows the day counts
  // per day, one that shows only month and year counts per month, and so on; the office is part
  // of the scope only when the number shows it. That keeps every allocated number unique.
  std::string number_pattern;
  std::string fixed_number;  // used instead of the pattern when not empty
  std::string subject_nik;
  std::string office;
  int64_t issued_at = 0;         // Unix seconds, UTC
  int utc_offset_minutes = 420;  // local day of the office (WIB = UTC+7)
  std::string record_json;
  std::string seal_kid;
  std::string idempotency_key;  // optional; a retry with the same key returns the same document
  std::string actor;            // who issues, for the audit log
};

}  // namespace absah::registry
