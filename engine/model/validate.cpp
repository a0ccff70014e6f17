#include "engine/model/validate.h"

#include <algorithm>

#include "engine/base/base64.h"
#include "engine/base/utf8.h"
#include "engine/model/nik.h"

namespace absah::model {

namespace {

using nlohmann::json;

constexpr size_t kDefaultMaxString = 200;
constexpr size_t kMaxText = 10000;
constexpr size_t kMaxNameLength = 60;  // Permendagri 73/2022 Pasal 4
constexpr size_t kMaxImageBase64 = 3u << 20;

std::string type_word(const json& v) {
  switch (v.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::boolean:
      return "a boolean";
    case json::value_t::string:
      return "a string";
    case json::value_t::array:
      return "an array";
    case json::value_t::object:
      return "an object";
    default:
      return "a number";
  }
}

std::string shown(const std::string& s) {
  return "\"" + (s.size() > 40 ? s.substr(0, 37) + "..." : s) + "\"";
}

size_t code_points(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool is_name_letter(uint32_t c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
         (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x1E00 && c <= 0x1EFF) ||
         (c >= 0x300 && c <= 0x36F);
}

class Validator {
 public:
  Validator(const json& root, std::optional<CivilDate> ref) : m_root(root), m_reference(ref) {}
  ValidationResult result;

  void object(const json& value, const ObjectSpec& spec, const std::string& path) {
    if (!value.is_object()) {
      add(ErrorCode::FieldType, path, "expected an object, got " + type_word(value));
      return;
    }
    for (const FieldSpec& f : spec.fields) {
      std::string p = path.empty() ? f.name : path + "." + f.name;
      auto it = value.find(f.name);
      if (it == value.end() || it->is_null() ||
          (it->is_string() && it->get_ref<const std::string&>().empty())) {
        if (f.required) add(ErrorCode::FieldMissing, p, "required field is missing");
        continue;
      }
      field(*it, f, p, value);
    }
    for (const auto& [key, v] : value.items()) {
      bool known = false;
      for (const FieldSpec& f : spec.fields) known |= f.name == key;
      if (!known)
        add(ErrorCode::FieldUnknown, path.empty() ? key : path + "." + key,
            "unknown field (a typo?)");
    }
  }

  void rules(const Schema& schema) {
    for (const SchemaRule& r : schema.rules) {
      if (r.kind == SchemaRule::Kind::DateOrder) {
        auto a = date_at(r.earlier), b = date_at(r.later);
        if (a && b && *b < *a)
          add(ErrorCode::DateInvalid, r.later,
              r.later + " " + b->iso() + " is before " + r.earlier + " " + a->iso() +
                  (r.message.empty() ? "" : " (" + r.message + ")"));
      } else if (r.kind == SchemaRule::Kind::DateNotFuture && m_reference) {
        auto d = date_at(r.field);
        if (d && *m_reference < *d)
          add(ErrorCode::DateInvalid, r.field,
              r.field + " " + d->iso() + " is after the issue date " + m_reference->iso());
      }
    }
  }

 private:
  void add(ErrorCode code, const std::string& path, const std::string& msg) {
    result.errors.emplace_back(code, path, msg);
  }

  const json* lookup(const json& from, std::string_view path) const {
    const json* node = &from;
    while (node && !path.empty()) {
      size_t dot = path.find('.');
      std::string key(path.substr(0, dot));
      if (!node->is_object() || !node->contains(key)) return nullptr;
      node = &(*node)[key];
      path = dot == std::string_view::npos ? std::string_view{} : path.substr(dot + 1);
    }
    return node;
  }

  std::optional<CivilDate> date_at(const std::string& path) const {
    const json* v = lookup(m_root, path);
    if (!v || !v->is_string()) return std::nullopt;
    auto d = parse_iso_date(v->get<std::string>());
    return d ? std::optional<CivilDate>(*d) : std::nullopt;
  }

  // A sibling field, or from the record root when the path starts with '/'.
  const json* related(const json& parent, const std::string& path) const {
    if (path.empty()) return nullptr;
    if (path[0] == '/') return lookup(m_root, std::string_view(path).substr(1));
    return lookup(parent, path);
  }

  bool text_ok(const std::string& s, const std::string& path, bool allow_newline) {
    if (auto bad = find_invalid_utf8(s)) {
      add(ErrorCode::FieldFormat, path, "invalid UTF-8 at byte " + std::to_string(*bad));
      return false;
    }
    for (size_t i = 0; i < s.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      if ((c < 0x20 && !(allow_newline && c == '\n')) || c == 0x7F) {
        add(ErrorCode::FieldFormat, path,
            "control character 0x" + std::string(1, "0123456789ABCDEF"[c >> 4]) +
                std::string(1, "0123456789ABCDEF"[c & 15]) + " at byte " + std::to_string(i));
        return false;
      }
    }
    return true;
  }

  void length(const std::string& s, const FieldSpec& f, size_t default_max,
              const std::string& path) {
    size_t max = f.max_length ? f.max_length : default_max;
    size_t n = code_points(s);
    if (n > max)
      add(ErrorCode::FieldLength, path,
          std::to_string(n) + " characters, at most " + std::to_string(max));
    else if (n < f.min_length)
      add(ErrorCode::FieldLength, path,
          std::to_string(n) + " characters, at least " + std::to_string(f.min_length));
  }

  void field(const json& v, const FieldSpec& f, const std::string& path, const json& parent) {
    const bool stringy = f.type != FieldType::Integer && f.type != FieldType::Number &&
                         f.type != FieldType::Boolean && f.type != FieldType::Object &&
                         f.type != FieldType::Array;
    if (stringy && !v.is_string()) {
      add(ErrorCode::FieldType, path, "expected a string, got " + type_word(v));
      return;
    }
    switch (f.type) {
      case FieldType::String:
      case FieldType::Text: {
        const std::string& s = v.get_ref<const std::string&>();
        if (!text_ok(s, path, f.type == FieldType::Text)) return;
        length(s, f, f.type == FieldType::Text ? kMaxText : kDefaultMaxString, path);
        if (f.pattern && !std::regex_match(s, *f.pattern))
          add(ErrorCode::FieldFormat, path,
              shown(s) + " does not match " +
                  (f.hint.empty() ? "the pattern " + f.pattern_source : f.hint));
        break;
      }
      case FieldType::Name: {
        const std::string& s = v.get_ref<const std::string&>();
        if (!text_ok(s, path, false)) return;
        length(s, f, kMaxNameLength, path);
        size_t pos = 0;
        bool letter = false;
        while (pos < s.size()) {
          size_t at = pos;
          uint32_t c = *next_code_point(s, pos);
          if (is_name_letter(c)) {
            letter = true;
          } else if (c != ' ' && c != '\'' && c != '.' && c != ',' && c != '-') {
            std::string ch = s.substr(at, pos - at);
            add(ErrorCode::FieldFormat, path,
                "a name has letters, spaces and ' . , - only (Permendagri 73/2022); found \"" + ch +
                    "\" at byte " + std::to_string(at));
            return;
          }
        }
        if (!letter) add(ErrorCode::FieldFormat, path, "a name needs letters");
        if (s.front() == ' ' || s.back() == ' ' || s.find("  ") != std::string::npos)
          add(ErrorCode::FieldFormat, path, "leading, trailing or double spaces in " + shown(s));
        break;
      }
      case FieldType::Nik: {
        const std::string& s = v.get_ref<const std::string&>();
        auto nik = parse_nik(s);
        if (!nik) {
          Error e = nik.take_error();
          e.path = path;
          if (f.legacy_ok) {
            e.message += "; accepted as a legacy NIK";
            result.warnings.push_back(std::move(e));
          } else {
            result.errors.push_back(std::move(e));
          }
          return;
        }
        std::optional<std::string_view> sex;
        if (const json* sv = related(parent, f.sex_field); sv && sv->is_string())
          sex = sv->get_ref<const std::string&>();
        std::optional<CivilDate> birth;
        if (const json* bv = related(parent, f.birth_date_field); bv && bv->is_string())
          if (auto d = parse_iso_date(bv->get<std::string>())) birth = *d;
        for (auto& e : check_nik_consistency(*nik, sex, birth, path)) {
          if (f.legacy_ok)
            result.warnings.push_back(std::move(e));
          else
            result.errors.push_back(std::move(e));
        }
        break;
      }
      case FieldType::Nkk:
      case FieldType::Nip: {
        const std::string& s = v.get_ref<const std::string&>();
        std::optional<Error> problem;
        if (f.type == FieldType::Nkk) {
          if (auto r = parse_nkk(s); !r) problem = r.error();
        } else {
          if (auto r = parse_nip(s); !r) problem = r.error();
        }
        if (problem) {
          problem->path = path;
          result.errors.push_back(std::move(*problem));
        }
        break;
      }
      case FieldType::Date: {
        auto d = parse_iso_date(v.get<std::string>());
        if (!d) add(ErrorCode::DateInvalid, path, d.error().message);
        break;
      }
      case FieldType::Time: {
        auto t = parse_time(v.get<std::string>());
        if (!t) add(ErrorCode::FieldFormat, path, t.error().message);
        break;
      }
      case FieldType::Integer:
      case FieldType::Number: {
        bool integer = v.is_number_integer() || v.is_number_unsigned();
        if (!v.is_number() || (f.type == FieldType::Integer && !integer)) {
          add(ErrorCode::FieldType, path,
              std::string("expected ") +
                  (f.type == FieldType::Integer ? "a whole number" : "a number") + ", got " +
                  type_word(v));
          return;
        }
        double x = v.get<double>();
        if ((f.min && x < *f.min) || (f.max && x > *f.max))
          add(ErrorCode::FieldFormat, path,
              v.dump() + " is outside " + (f.min ? json(*f.min).dump() : "-∞") + " … " +
                  (f.max ? json(*f.max).dump() : "∞"));
        break;
      }
      case FieldType::Enum: {
        const std::string& s = v.get_ref<const std::string&>();
        const auto& values = f.enum_values;
        if (std::find(values.begin(), values.end(), s) == values.end()) {
          std::string allowed;
          for (size_t i = 0; i < values.size() && i < 8; ++i)
            allowed += (i ? ", " : "") + values[i];
          if (values.size() > 8)
            allowed += ", … (" + std::to_string(values.size()) + " values in enumeration " +
                       f.enum_name + ")";
          add(ErrorCode::FieldEnum, path, shown(s) + " is not one of " + allowed);
        }
        break;
      }
      case FieldType::Boolean:
        if (!v.is_boolean())
          add(ErrorCode::FieldType, path, "expected true or false, got " + type_word(v));
        break;
      case FieldType::Object:
        if (path.size() > 512) return;
        object(v, *f.object, path);
        break;
      case FieldType::Array: {
        if (!v.is_array()) {
          add(ErrorCode::FieldType, path, "expected an array, got " + type_word(v));
          return;
        }
        if (v.size() < f.min_items || v.size() > f.max_items) {
          add(ErrorCode::FieldLength, path,
              std::to_string(v.size()) + " items, expected " + std::to_string(f.min_items) +
                  " to " + std::to_string(f.max_items));
          if (v.size() > f.max_items) return;  // do not walk a huge array
        }
        for (size_t i = 0; i < v.size(); ++i)
          object(v[i], *f.object, path + "[" + std::to_string(i) + "]");
        break;
      }
      case FieldType::Image: {
        const std::string& s = v.get_ref<const std::string&>();
        if (s.size() > kMaxImageBase64) {
          add(ErrorCode::FieldLength, path, "image larger than 2 MiB");
          return;
        }
        auto raw = base64_decode(s);
        if (!raw) add(ErrorCode::FieldFormat, path, "not base64: " + raw.error().message);
        break;
      }
      case FieldType::None:
        break;
    }
  }

  const json& m_root;
  std::optional<CivilDate> m_reference;
};

}  // namespace

ValidationResult validate_record(const json& record, const Schema& schema,
                                 std::optional<CivilDate> reference_date) {
  Validator v(record, reference_date);
  v.object(record, *schema.root, "");
  if (v.result.errors.empty()) v.rules(schema);
  return std::move(v.result);
}

}  // namespace absah::model
