#include "engine/model/schema.h"

#include <algorithm>
#include <set>

namespace absah::model {

namespace {

using nlohmann::json;

struct TypeInfo {
  const char* name;
  FieldType type;
  // Keys a field of this type may carry besides type, required, description and hint. A key
  // that does not apply is an error, so that a misplaced "max_length" on an integer is not
  // silently ignored.
  std::set<std::string> keys;
};

const std::vector<TypeInfo>& types() {
  static const std::vector<TypeInfo> all = {
      {"string", FieldType::String, {"min_length", "max_length", "pattern"}},
      {"text", FieldType::Text, {"min_length", "max_length"}},
      {"name", FieldType::Name, {"min_length", "max_length"}},
      {"nik", FieldType::Nik, {"sex", "birth_date", "legacy_ok"}},
      {"nkk", FieldType::Nkk, {}},
      {"nip", FieldType::Nip, {}},
      {"date", FieldType::Date, {}},
      {"time", FieldType::Time, {}},
      {"integer", FieldType::Integer, {"min", "max"}},
      {"number", FieldType::Number, {"min", "max"}},
      {"enum", FieldType::Enum, {"enum"}},
      {"boolean", FieldType::Boolean, {}},
      {"object", FieldType::Object, {"fields"}},
      {"array", FieldType::Array, {"items", "min_items", "max_items"}},
      {"image", FieldType::Image, {}},
  };
  return all;
}

std::string type_list() {
  std::string out;
  for (const TypeInfo& t : types()) out += (out.empty() ? "" : ", ") + std::string(t.name);
  return out;
}

Error schema_error(const std::string& path, const std::string& msg) {
  return Error(ErrorCode::LayoutInvalid, path, msg);
}

std::string join(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

Result<size_t> count_at(const json& j, const char* key, size_t fallback, size_t cap,
                        const std::string& path) {
  if (!j.contains(key)) return fallback;
  const json& v = j[key];
  if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<int64_t>() >= 0))
    return schema_error(join(path, key), "expected a whole number ≥ 0");
  uint64_t n = v.get<uint64_t>();
  if (n > cap)
    return schema_error(join(path, key), "at most " + std::to_string(cap) + ", got " + v.dump());
  return static_cast<size_t>(n);
}

Result<std::string> string_at(const json& j, const char* key, const std::string& path) {
  if (!j.contains(key)) return std::string();
  if (!j[key].is_string()) return schema_error(join(path, key), "expected a string");
  return j[key].get<std::string>();
}

Result<bool> bool_at(const json& j, const char* key, bool fallback, const std::string& path) {
  if (!j.contains(key)) return fallback;
  if (!j[key].is_boolean()) return schema_error(join(path, key), "expected true or false");
  return j[key].get<bool>();
}

Result<std::shared_ptr<ObjectSpec>> parse_object(const json& j, const Enumerations& enums,
                                                 const std::string& path, int depth);

Result<FieldSpec> parse_field(const std::string& name, const json& j, const Enumerations& enums,
                              const std::string& path, int depth) {
  if (!j.is_object()) return schema_error(path, "a field is an object with a \"type\"");
  if (name.empty() || name.find_first_of(".[]/") != std::string::npos)
    return schema_error(path, "a field name is not empty and has no . [ ] /");
  FieldSpec f;
  f.name = name;
  if (!j.contains("type") || !j["type"].is_string())
    return schema_error(join(path, "type"), "a field needs a \"type\": one of " + type_list());
  std::string type = j["type"].get<std::string>();
  auto t = std::find_if(types().begin(), types().end(),
                        [&](const TypeInfo& i) { return type == i.name; });
  if (t == types().end())
    return schema_error(join(path, "type"),
                        "unknown field type \"" + type + "\" (one of " + type_list() + ")");
  f.type = t->type;
  for (const auto& [k, v] : j.items()) {
    if (k == "type" || k == "required" || k == "description" || k == "hint") continue;
    if (!t->keys.count(k))
      return schema_error(join(path, k), "\"" + k + "\" does not apply to a field of type " + type);
  }

  auto required = bool_at(j, "required", true, path);
  if (!required) return required.take_error();
  f.required = *required;
  auto description = string_at(j, "description", path);
  if (!description) return description.take_error();
  f.description = *description;
  auto hint = string_at(j, "hint", path);
  if (!hint) return hint.take_error();
  f.hint = *hint;

  if (f.type == FieldType::String || f.type == FieldType::Text || f.type == FieldType::Name) {
    size_t fallback = f.type == FieldType::Text   ? kMaxTextLength
                      : f.type == FieldType::Name ? kDefaultNameLength
                                                  : kDefaultStringLength;
    auto max = count_at(j, "max_length", fallback, kMaxTextLength, path);
    if (!max) return max.take_error();
    auto min = count_at(j, "min_length", 0, kMaxTextLength, path);
    if (!min) return min.take_error();
    if (*max == 0) return schema_error(join(path, "max_length"), "must be at least 1");
    if (*min > *max)
      return schema_error(join(path, "min_length"),
                          "greater than max_length " + std::to_string(*max));
    f.max_length = *max;
    f.min_length = *min;
  }
  if (j.contains("pattern")) {
    if (!j["pattern"].is_string())
      return schema_error(join(path, "pattern"), "expected a regular expression (ECMAScript)");
    // libstdc++'s matcher recurses once per character: long subjects could exhaust the stack.
    if (f.max_length > kMaxPatternSubject)
      return schema_error(join(path, "pattern"),
                          "a pattern needs max_length ≤ " + std::to_string(kMaxPatternSubject) +
                              " (the field allows " + std::to_string(f.max_length) + ")");
    f.pattern_source = j["pattern"].get<std::string>();
    try {
      f.pattern = std::regex(f.pattern_source, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      return schema_error(join(path, "pattern"),
                          "not a valid regular expression: " + std::string(e.what()));
    }
  }
  for (auto [key, bound] : {std::pair{"min", &f.min}, std::pair{"max", &f.max}}) {
    if (!j.contains(key)) continue;
    if (!j[key].is_number()) return schema_error(join(path, key), "expected a number");
    *bound = j[key].get<double>();
  }
  if (f.min && f.max && *f.min > *f.max) return schema_error(join(path, "min"), "greater than max");

  if (f.type == FieldType::Enum) {
    auto enum_name = string_at(j, "enum", path);
    if (!enum_name) return enum_name.take_error();
    f.enum_name = *enum_name;
    auto it = enums.lists.find(f.enum_name);
    if (it == enums.lists.end()) {
      std::string known;
      for (const auto& [n, values] : enums.lists) known += (known.empty() ? "" : ", ") + n;
      return schema_error(join(path, "enum"),
                          "unknown enumeration \"" + f.enum_name + "\" (known: " + known + ")");
    }
    f.enum_values = it->second;
  }
  if (f.type == FieldType::Nik) {
    auto sex = string_at(j, "sex", path);
    if (!sex) return sex.take_error();
    auto birth = string_at(j, "birth_date", path);
    if (!birth) return birth.take_error();
    auto legacy = bool_at(j, "legacy_ok", false, path);
    if (!legacy) return legacy.take_error();
    f.sex_field = *sex;
    f.birth_date_field = *birth;
    f.legacy_ok = *legacy;
  }
  if (f.type == FieldType::Object) {
    auto o = parse_object(j, enums, path, depth + 1);
    if (!o) return o.take_error();
    f.object = *o;
  }
  if (f.type == FieldType::Array) {
    auto max = count_at(j, "max_items", kDefaultMaxItems, kMaxItems, path);
    if (!max) return max.take_error();
    auto min = count_at(j, "min_items", 0, kMaxItems, path);
    if (!min) return min.take_error();
    if (*min > *max)
      return schema_error(join(path, "min_items"),
                          "greater than max_items " + std::to_string(*max));
    f.min_items = *min;
    f.max_items = *max;
    if (!j.contains("items") || !j["items"].is_object())
      return schema_error(join(path, "items"),
                          "an array needs \"items\": {\"fields\": {...}} or {\"type\": ...}");
    const json& items = j["items"];
    if (items.contains("type")) {
      if (depth + 1 >= kMaxSchemaDepth)
        return schema_error(join(path, "items"), "schema nested deeper than " +
                                                     std::to_string(kMaxSchemaDepth) + " levels");
      auto item = parse_field(name, items, enums, join(path, "items"), depth + 1);
      if (!item) return item.take_error();
      if (!item->sex_field.empty() || !item->birth_date_field.empty())
        return schema_error(join(path, "items"),
                            "a NIK item of a list of values has no sibling fields to compare");
      f.item = std::make_shared<FieldSpec>(std::move(*item));
    } else {
      auto o = parse_object(items, enums, join(path, "items"), depth + 1);
      if (!o) return o.take_error();
      f.object = *o;
    }
  }
  return f;
}

// The field a dotted path names, walking nested objects (not arrays) from `from`.
const FieldSpec* resolve(const ObjectSpec& from, std::string_view path) {
  const ObjectSpec* obj = &from;
  while (obj) {
    size_t dot = path.find('.');
    const FieldSpec* f = obj->find(path.substr(0, dot));
    if (!f || dot == std::string_view::npos) return f;
    obj = f->type == FieldType::Object ? f->object.get() : nullptr;
    path = path.substr(dot + 1);
  }
  return nullptr;
}

// A NIK's "sex" / "birth_date" must name an enum / date field: a sibling, or from the root when
// it starts with "/". Checked once the whole schema is known.
Status check_references(const ObjectSpec& obj, const ObjectSpec& root, const std::string& path) {
  for (const FieldSpec& f : obj.fields) {
    std::string at = join(join(path, "fields"), f.name);
    if (f.type == FieldType::Nik) {
      struct Ref {
        const std::string& target;
        const char* key;
        FieldType want;
      };
      for (const Ref& r : {Ref{f.sex_field, "sex", FieldType::Enum},
                           Ref{f.birth_date_field, "birth_date", FieldType::Date}}) {
        if (r.target.empty()) continue;
        const FieldSpec* target = r.target[0] == '/'
                                      ? resolve(root, std::string_view(r.target).substr(1))
                                      : resolve(obj, r.target);
        if (!target || target->type != r.want)
          return schema_error(
              join(at, r.key),
              "\"" + r.target + "\" is not a " + std::string(to_string(r.want)) + " field " +
                  (r.target[0] == '/' ? "from the record root" : "beside this one"));
      }
    }
    if (f.object) {
      std::string inner = f.type == FieldType::Array ? join(at, "items") : at;
      if (auto s = check_references(*f.object, root, inner); !s) return s;
    }
  }
  return ok_status();
}

Result<std::shared_ptr<ObjectSpec>> parse_object(const json& j, const Enumerations& enums,
                                                 const std::string& path, int depth) {
  if (depth >= kMaxSchemaDepth)
    return schema_error(path,
                        "schema nested deeper than " + std::to_string(kMaxSchemaDepth) + " levels");
  if (!j.is_object() || !j.contains("fields") || !j["fields"].is_object())
    return schema_error(join(path, "fields"), "expected an object of fields");
  auto obj = std::make_shared<ObjectSpec>();
  for (const auto& [name, spec] : j["fields"].items()) {
    auto f = parse_field(name, spec, enums, join(join(path, "fields"), name), depth);
    if (!f) return f.take_error();
    obj->fields.push_back(std::move(*f));
  }
  return obj;
}

Result<std::string> rule_path(const json& r, const char* key, const ObjectSpec& root,
                              const std::string& at) {
  if (!r.contains(key) || !r[key].is_string() || r[key].get<std::string>().empty())
    return schema_error(join(at, key), "expected the dotted path of a date field");
  std::string p = r[key].get<std::string>();
  const FieldSpec* f = resolve(root, p);
  if (!f || f->type != FieldType::Date)
    return schema_error(join(at, key), "\"" + p + "\" is not a date field of the record");
  return p;
}

}  // namespace

std::string_view to_string(FieldType type) {
  for (const TypeInfo& t : types())
    if (t.type == type) return t.name;
  return "none";
}

const FieldSpec* ObjectSpec::find(std::string_view name) const {
  for (const FieldSpec& f : fields)
    if (f.name == name) return &f;
  return nullptr;
}

namespace {

Result<Enumerations> parse_enumerations_fields(const json& j) {
  Enumerations e;
  if (!j.is_object()) return schema_error("", "expected an object of lists");
  for (const auto& [name, list] : j.items()) {
    if (!list.is_array() || list.empty())
      return schema_error(name, "expected a non-empty list of strings");
    auto& values = e.lists[name];
    for (size_t i = 0; i < list.size(); ++i) {
      const json& v = list[i];
      std::string at = name + "[" + std::to_string(i) + "]";
      if (!v.is_string() || v.get_ref<const std::string&>().empty())
        return schema_error(at, "expected a non-empty string");
      const std::string& s = v.get_ref<const std::string&>();
      if (std::find(values.begin(), values.end(), s) != values.end())
        return schema_error(at, "\"" + s + "\" is listed twice");
      values.push_back(s);
    }
  }
  return e;
}

}  // namespace

Result<Enumerations> parse_enumerations(const json& j) {
  // A value of the wrong JSON type makes nlohmann throw from inside the readers; it becomes
  // an error of the schema instead of a crash.
  try {
    return parse_enumerations_fields(j);
  } catch (const json::exception& e) {
    return Error(ErrorCode::LayoutInvalid, "enums",
                 std::string("a field has the wrong JSON type: ") + e.what());
  }
}

namespace {

Result<Schema> parse_schema_fields(const json& j, const Enumerations& enums) {
  Schema s;
  if (!j.is_object()) return schema_error("", "a schema is an object with \"fields\"");
  for (const auto& [k, v] : j.items())
    if (k != "fields" && k != "rules" && k != "description")
      return schema_error(k, "unknown schema key (fields, rules, description)");
  auto root = parse_object(j, enums, "", 0);
  if (!root) return root.take_error();
  s.root = *root;
  if (auto refs = check_references(*s.root, *s.root, ""); !refs) return refs.take_error();
  if (!j.contains("rules")) return s;
  if (!j["rules"].is_array()) return schema_error("rules", "expected a list");
  for (size_t i = 0; i < j["rules"].size(); ++i) {
    const json& r = j["rules"][i];
    std::string at = "rules[" + std::to_string(i) + "]";
    if (!r.is_object()) return schema_error(at, "a rule is an object with \"rule\"");
    SchemaRule rule;
    std::string kind = r.value("rule", "");
    std::set<std::string> keys = {"rule", "message"};
    if (kind == "date_order") {
      rule.kind = SchemaRule::Kind::DateOrder;
      auto earlier = rule_path(r, "earlier", *s.root, at);
      if (!earlier) return earlier.take_error();
      auto later = rule_path(r, "later", *s.root, at);
      if (!later) return later.take_error();
      rule.earlier = *earlier;
      rule.later = *later;
      keys.insert({"earlier", "later"});
    } else if (kind == "date_not_future") {
      rule.kind = SchemaRule::Kind::DateNotFuture;
      auto field = rule_path(r, "field", *s.root, at);
      if (!field) return field.take_error();
      rule.field = *field;
      keys.insert("field");
    } else {
      return schema_error(join(at, "rule"),
                          "unknown rule \"" + kind + "\" (date_order, date_not_future)");
    }
    for (const auto& [k, v] : r.items())
      if (!keys.count(k)) return schema_error(join(at, k), "does not apply to " + kind);
    auto message = string_at(r, "message", at);
    if (!message) return message.take_error();
    rule.message = *message;
    s.rules.push_back(std::move(rule));
  }
  return s;
}

}  // namespace

Result<Schema> parse_schema(const json& j, const Enumerations& enums) {
  // A value of the wrong JSON type makes nlohmann throw from inside the readers; it becomes
  // an error of the schema instead of a crash.
  try {
    return parse_schema_fields(j, enums);
  } catch (const json::exception& e) {
    return Error(ErrorCode::LayoutInvalid, "schema",
                 std::string("a field has the wrong JSON type: ") + e.what());
  }
}

}  // namespace absah::model
