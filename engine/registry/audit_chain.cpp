#include "engine/registry/audit_chain.h"

#include "engine/registry/sha256_hex.h"

namespace absah::registry {

namespace {
void field(std::string& out, std::string_view value) {
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += '\n';
}
}  // namespace

std::string audit_entry_hash(const AuditEntry& e) {
  std::string data = "absah-audit-v1\n";
  field(data, e.prev_hash);
  field(data, std::to_string(e.seq));
  field(data, std::to_string(e.at));
  field(data, e.actor);
  field(data, e.action);
  field(data, e.number);
  field(data, e.detail);
  return sha256_hex(data);
}

}  // namespace absah::registry
