#include "engine/model/schema.h"

#include <set>

namespace absah::model {

namespace {

using nlohmann::json;

const std::map<std::string, FieldType>& type_names() {
  static const std::map<std::string, FieldType> names = {
      {"string", FieldType::String}, {"text", FieldType::Text},   {"name", FieldType::Name},
      {"nik", FieldType::Nik},       {"nkk", FieldType::Nkk},     {"nip", FieldType::Nip},
      {"date", FieldType::Date},     {"time", FieldType::Time},   {"integer", FieldType::Integer},
      {"number", FieldType::Number}, {"enum", FieldType::Enum},   {"boolean", FieldType::Boolean},
      {"object", FieldType::Object}, {"array", FieldType::Array}, {"image", FieldType::Image},
  };
  return names;
}

Error schema_error(const std::string& path, const std::string& msg) {
  return Error(ErrorCode::LayoutInvalid, path, msg);
}

Result<std::shared_ptr<ObjectSpec>> parse_object(const json& j, const Enumerations& enums,
                                                 const std::string& path, int depth);

Result<FieldSpec> parse_field(const std::string& name, const json& j, const Enumerations& enums,
                              const std::string& path, int depth) {
  if (!j.is_object()) return schema_error(path, "a field is an object with a \"type\"");
  FieldSpec f;
  f.name = name;
  static const std::set<std::string> known_keys = {
      "type",   "required", "min_length", "max_length", "pattern",    "hint",
      "min",    "max",      "enum",       "sex",        "birth_date", "legacy_ok",
      "fields", "items",    "min_items",  "max_items",  "description"};
  for (const auto& [k, v] : j.items())
    if (!known_keys.count(k)) return schema_error(path + "." + k, "unknown schema key");
  std::string type = j.value("type", "");
  auto t = type_names().find(type);
  if (t == type_names().end())
    return schema_error(path + ".type", "unknown field type \"" + type + "\"");
  f.type = t->second;
  try {
    f.required = j.value("required", true);
    f.min_length = j.value("min_length", size_t{0});
    f.max_length = j.value("max_length", size_t{0});
    f.hint = j.value("hint", "");
    if (j.contains("min")) f.min = j["min"].get<double>();
    if (j.contains("max")) f.max = j["max"].get<double>();
    f.sex_field = j.value("sex", "");
    f.birth_date_field = j.value("birth_date", "");
    f.legacy_ok = j.value("legacy_ok", false);
    f.min_items = j.value("min_items", size_t{0});
    f.max_items = j.value("max_items", size_t{200});
  } catch (const json::exception& e) {
    return schema_error(path, std::string("wrong value type: ") + e.what());
  }
  if (f.max_items > 1000) return schema_error(path + ".max_items", "at most 1000");
  if (j.contains("pattern")) {
    if (!j["pattern"].is_string())
      return schema_error(path + ".pattern", "expected a regular expression");
    f.pattern_source = j["pattern"].get<std::string>();
    try {
      f.pattern = std::regex(f.pattern_source, std::regex::ECMAScript);
    } catch (const std::regex_error&) {
      return schema_error(path + ".pattern", "not a valid regular expression");
    }
  }
  if (f.type == FieldType::Enum) {
    f.enum_name = j.value("enum", "");
    auto it = enums.lists.find(f.enum_name);
    if (it == enums.lists.end())
      return schema_error(path + ".enum", "unknown enumeration \"" + f.enum_name + "\"");
    f.enum_values = it->second;
  }
  if (f.type == FieldType::Object) {
    auto o = parse_object(j, enums, path, depth + 1);
    if (!o) return o.take_error();
    f.object = *o;
  }
  if (f.type == FieldType::Array) {
    if (!j.contains("items")) return schema_error(path + ".items", "an array needs \"items\"");
    auto o = parse_object(j["items"], enums, path + ".items", depth + 1);
    if (!o) return o.take_error();
    f.object = *o;
  }
  return f;
}

Result<std::shared_ptr<ObjectSpec>> parse_object(const json& j, const Enumerations& enums,
                                                 const std::string& path, int depth) {
  if (depth > kMaxSchemaDepth) return schema_error(path, "schema nested deeper than 8 levels");
  if (!j.is_object() || !j.contains("fields") || !j["fields"].is_object())
    return schema_error(path + ".fields", "expected an object of fields");
  auto obj = std::make_shared<ObjectSpec>();
  for (const auto& [name, spec] : j["fields"].items()) {
    auto f = parse_field(name, spec, enums, path + ".fields." + name, depth);
    if (!f) return f.take_error();
    obj->fields.push_back(std::move(*f));
  }
  return obj;
}

}  // namespace

Result<Enumerations> parse_enumerations(const json& j) {
  Enumerations e;
  if (!j.is_object()) return schema_error("enums", "expected an object of lists");
  for (const auto& [name, list] : j.items()) {
    if (!list.is_array()) return schema_error("enums." + name, "expected a list of strings");
    auto& values = e.lists[name];
    for (const auto& v : list) {
      if (!v.is_string()) return schema_error("enums." + name, "expected a list of strings");
      values.push_back(v.get<std::string>());
    }
  }
  return e;
}

Result<Schema> parse_schema(const json& j, const Enumerations& enums) {
  Schema s;
  auto root = parse_object(j, enums, "", 0);
  if (!root) return root.take_error();
  s.root = *root;
  if (j.contains("rules")) {
    if (!j["rules"].is_array()) return schema_error("rules", "expected a list");
    for (size_t i = 0; i < j["rules"].size(); ++i) {
      const json& r = j["rules"][i];
      std::string at = "rules[" + std::to_string(i) + "]";
      SchemaRule rule;
      std::string kind = r.value("rule", "");
      if (kind == "date_order") {
        rule.kind = SchemaRule::Kind::DateOrder;
        rule.earlier = r.value("earlier", "");
        rule.later = r.value("later", "");
        if (rule.earlier.empty() || rule.later.empty())
          return schema_error(at, "date_order needs earlier and later");
      } else if (kind == "date_not_future") {
        rule.kind = SchemaRule::Kind::DateNotFuture;
        rule.field = r.value("field", "");
        if (rule.field.empty()) return schema_error(at, "date_not_future needs a field");
      } else {
        return schema_error(at + ".rule",
                            "unknown rule \"" + kind + "\" (date_order, date_not_future)");
      }
      rule.message = r.value("message", "");
      s.rules.push_back(std::move(rule));
    }
  }
  return s;
}

}  // namespace absah::model
