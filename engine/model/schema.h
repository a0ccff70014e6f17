#pragma once
// A document type's record schema, declared as JSON in its layout file and documented in
// docs/record-schema.md: fields with types and constraints, nested objects and arrays,
// enumerations shared by all types (layouts/parts/enums.jsonc), and cross-field rules.
// Parsed once per type; a schema mistake is reported with its path inside the schema
// ("fields.anggota.items.fields.nik.type") and code LayoutInvalid.

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
  Time,  // HH:MM or HH.MM
  Integer,
  Number,
  Enum,
  Boolean,
  Object,
  Array,
  Image,  // base64 JPEG or PNG, at most 2 MiB decoded
};

std::string_view to_string(FieldType type);

// Limits that bound the work of validating untrusted records.
inline constexpr int kMaxSchemaDepth = 8;            // nested objects and arrays, root included
inline constexpr size_t kDefaultStringLength = 200;  // string
inline constexpr size_t kDefaultNameLength = 60;     // name: Permendagri 73/2022 Pasal 4
inline constexpr size_t kMaxTextLength = 10000;      // text (hard cap for every string type)
inline constexpr size_t kMaxPatternSubject = 256;    // longest string a pattern may be run on
inline constexpr size_t kDefaultMaxItems = 200;
inline constexpr size_t kMaxItems = 1000;
inline constexpr size_t kMaxImageBytes = 2u << 20;  // decoded

struct Enumerations {
  std::map<std::string, std::vector<std::string>> lists;
};

struct ObjectSpec;

struct FieldSpec {
  std::string name;
  FieldType type = FieldType::None;
  bool required = true;
  std::string description;
  size_t min_length = 0;
  size_t max_length = 0;  // effective maximum (the type's default when the schema gives none)
  std::optional<std::regex> pattern;  // matched against the whole value (regex_match)
  std::string pattern_source;
  std::string hint;  // how the expected form is described in errors
  std::optional<double> min;
  std::optional<double> max;
  std::string enum_name;
  std::vector<std::string> enum_values;
  std::string sex_field;               // NIK: sibling (or "/root.path") holding jenis_kelamin
  std::string birth_date_field;        // NIK: sibling (or "/root.path") holding the birth date
  bool legacy_ok = false;              // NIK: a structurally invalid NIK is a warning, not an error
  std::shared_ptr<ObjectSpec> object;  // Object, and Array items that are objects
  std::shared_ptr<FieldSpec> item;     // Array items that are single values
  size_t min_items = 0;
  size_t max_items = kDefaultMaxItems;
};

struct ObjectSpec {
  std::vector<FieldSpec> fields;  // in the order the schema object holds them
  const FieldSpec* find(std::string_view name) const;
};

struct SchemaRule {
  enum class Kind : uint8_t { None = 0, DateOrder, DateNotFuture };
  Kind kind = Kind::None;
  std::string earlier;  // DateOrder: dotted paths from the record root
  std::string later;
  std::string field;  // DateNotFuture
  std::string message;
};

struct Schema {
  std::shared_ptr<ObjectSpec> root = std::make_shared<ObjectSpec>();
  std::vector<SchemaRule> rules;
};

// `{ "name": ["VALUE", ...], ... }`; every list non-empty, values non-empty and unique.
Result<Enumerations> parse_enumerations(const nlohmann::json& json);
Result<Schema> parse_schema(const nlohmann::json& json, const Enumerations& enums);

}  // namespace absah::model
