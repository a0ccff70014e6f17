#pragma once
// A document type's record schema, declared in its layout file (docs/record-schema.md):
// fields with types and constraints, nested objects and arrays, enumerations shared by all
// types (layouts/parts/enums.jsonc), and cross-field rules. Parsed once per type.

#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/base/result.h"

namespace absah::model {

enum class FieldType : uint8_t {
  None = 0,
  String,  // one line, default max 200 characters
  Text,    // may contain line breaks, max 10 000
  Name,    // a person's name (Permendagri 73/2022): letters, spaces, ' . , -; max 60
  Nik,
  Nkk,
  Nip,
  Date,  // YYYY-MM-DD
  Time,  // HH:MM
  Integer,
  Number,
  Enum,
  Boolean,
  Object,
  Array,
  Image,  // base64 JPEG or PNG
};

struct Enumerations {
  std::map<std::string, std::vector<std::string>> lists;
};

struct ObjectSpec;

struct FieldSpec {
  std::string name;
  FieldType type = FieldType::None;
  bool required = true;
  size_t min_length = 0;
  size_t max_length = 0;  // 0 = the type's default
  std::optional<std::regex> pattern;
  std::string pattern_source;
  std::string hint;  // how the expected form is described in errors
  std::optional<double> min;
  std::optional<double> max;
  std::string enum_name;
  std::vector<std::string> enum_values;
  std::string sex_field;               // NIK: sibling (or /root path) holding jenis_kelamin
  std::string birth_date_field;        // NIK: sibling (or /root path) holding the birth date
  bool legacy_ok = false;              // NIK: a structurally invalid NIK is a warning, not an error
  std::shared_ptr<ObjectSpec> object;  // Object, and Array items
  size_t min_items = 0;
  size_t max_items = 200;
};

struct ObjectSpec {
  std::vector<FieldSpec> fields;
};

struct SchemaRule {
  enum class Kind : uint8_t { None = 0, DateOrder, DateNotFuture };
  Kind kind = Kind::None;
  std::string earlier;  // DateOrder
  std::string later;
  std::string field;  // DateNotFuture
  std::string message;
};

struct Schema {
  std::shared_ptr<ObjectSpec> root = std::make_shared<ObjectSpec>();
  std::vector<SchemaRule> rules;
};

constexpr int kMaxSchemaDepth = 8;

Result<Enumerations> parse_enumerations(const nlohmann::json& json);
// Errors (LayoutInvalid) name the schema path ("fields.anggota.items.fields.nik.type").
Result<Schema> parse_schema(const nlohmann::json& json, const Enumerations& enums);

}  // namespace absah::model
