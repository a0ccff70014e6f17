#pragma once
// The outcome of checking the audit log's hash chain.

#include <cstdint>
#include <string>

namespace absah::registry {

struct AuditReport {
  bool ok = true;
  int64_t entries = 0;       // entries checked
  int64_t first_broken = 0;  // sequence number of the first entry whose link fails; 0 when ok
  std::string reason;        // why that link fails
};

}  // namespace absah::registry
