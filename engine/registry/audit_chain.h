#pragma once
// The hash that links one audit entry to the previous one.

#include <cstdint>
#include <string>
#include <string_view>

namespace absah::registry {

struct AuditEntry {
  int64_t seq = 0;
  int64_t at = 0;
  std::string actor;
  std::string action;  // "issue", "revoke", "supersede"
  std::string number;
  std::string detail;  // JSON object with the action's particulars
  std::string prev_hash;
  std::string hash;
};

// SHA-256 over the previous hash and every field, each length-prefixed so no two different
// entries serialise alike.
std::string audit_entry_hash(const AuditEntry& entry);

// All zeros: the `prev_hash` of the first entry.
inline constexpr std::string_view kAuditGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

}  // namespace absah::registry
