#include "engine/cli/batch_record.h"

#include <cstdio>

#include "engine/base/json_syntax.h"
#include "engine/model/canonical_json.h"
#include "engine/registry/sha256_hex.h"

namespace absah::cli {

Result<BatchRecord> parse_batch_line(uint64_t line_number, std::string_view text) {
  BatchRecord out;
  out.line = line_number;
  auto parsed = parse_json(text);
  if (!parsed) {
    Error err = parsed.take_error();
    err.message = "malformed JSON: " + err.message;
    return err;
  }
  nlohmann::json j = std::move(parsed.value());
  if (!j.is_object()) return Error(ErrorCode::FieldType, "", "a batch line must be a JSON object");
  auto type = j.find("type");
  if (type == j.end())
    return Error(ErrorCode::FieldMissing, "type", "the document type is missing");
  if (!type->is_string() || type->get_ref<const std::string&>().empty())
    return Error(ErrorCode::FieldType, "type", "expected a non-empty string");
  out.type = type->get<std::string>();
  auto record = j.find("record");
  if (record == j.end()) return Error(ErrorCode::FieldMissing, "record", "the record is missing");
  if (!record->is_object()) return Error(ErrorCode::FieldType, "record", "expected a JSON object");
  out.record = std::move(*record);
  if (auto key = j.find("idempotency_key"); key != j.end() && !key->is_null()) {
    if (!key->is_string() || key->get_ref<const std::string&>().empty())
      return Error(ErrorCode::FieldType, "idempotency_key", "expected a non-empty string");
    out.idempotency_key = key->get<std::string>();
  }
  for (const auto& [name, value] : j.items()) {
    (void)value;
    if (name != "type" && name != "record" && name != "idempotency_key")
      return Error(ErrorCode::FieldUnknown, name, "not a batch line key");
  }
  return out;
}

std::string derived_idempotency_key(const BatchRecord& record) {
  nlohmann::json j = {{"type", record.type}, {"record", record.record}};
  return "sha256:" + registry::sha256_hex(model::canonical_json(j));
}

std::string batch_file_name(uint64_t line_number, std::string_view type) {
  char prefix[32];
  std::snprintf(prefix, sizeof prefix, "%06llu-", static_cast<unsigned long long>(line_number));
  std::string name = prefix;
  for (char c : type) {
    bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '_' || c == '-';
    name += safe ? c : '_';
  }
  return name + ".pdf";
}

}  // namespace absah::cli
