#pragma once
// Shared helpers for the seal tests: keys, a trust list made from them, a typical payload.

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "engine/seal/seal.h"

namespace absah::seal::testing {

inline SealKey new_key() {
  auto k = SealKey::generate();
  if (!k.ok()) std::abort();
  return std::move(k).value();
}

inline std::string json_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\n')
      out += "\\n";
    else if (c == '"' || c == '\\')
      out += std::string("\\") + c;
    else
      out += c;
  }
  return out;
}

inline std::string trust_entry(const SealKey& key, const std::string& not_before,
                               const std::string& not_after) {
  return R"({"kid":")" + to_hex(key.kid()) +
         R"(","office":"5271","office_name":"Dinas Kependudukan dan Pencatatan Sipil Kota Mataram","not_before":")" +
         not_before + R"(","not_after":")" + not_after + R"(","public_key_pem":")" +
         json_escape(*key.public_key_pem()) + R"("})";
}

inline TrustList trust_of(std::initializer_list<std::string> entries) {
  std::string json = R"({"version":1,"keys":[)";
  bool first = true;
  for (const auto& e : entries) {
    if (!first) json += ",";
    json += e;
    first = false;
  }
  json += "]}";
  auto list = parse_trust_list(json);
  if (!list.ok()) std::abort();
  return std::move(list).value();
}

inline SealPayload sample_payload() {
  SealPayload p;
  p.document_type = "sk_pindah";
  p.document_number = "SKPWNI/5271/22032021/0101";
  p.issue_date = 20700;  // 2026-09-04
  p.office = 5271;
  p.subject_id = "5271015203900001";
  p.subject_name = "Ni Luh Putu Ayu Sri Wahyuni";
  p.record_digest = std::string(32, '\x5a');
  return p;
}

// 2026-09-04 12:00:00 UTC
constexpr int64_t kNoonOfIssue = 20700 * 86400 + 43200;

}  // namespace absah::seal::testing
