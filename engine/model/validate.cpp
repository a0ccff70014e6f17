#include "engine/model/validate.h"

#include <algorithm>

#include "engine/base/base64.h"
#include "engine/base/utf8.h"
#include "engine/model/indonesian.h"
#include "engine/model/nik.h"

namespace absah::model {

namespace {

using nlohmann::json;

std::string type_word(const json& v) {
  switch (v.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::boolean:
      return v.get<bool>() ? "true" : "false";
    case json::value_t::string:
      return "a string";
    case json::value_t::array:
      return "an array";
    case json::value_t::object:
      return "an object";
    default:  // numbers
      return "the number " + v.dump();
  }
}

// A value quoted in a message: at most 40 characters, cut at a character boundary.
std::string shown(const std::string& s) {
  if (s.size() <= 40) return "\"" + s + "\"";
  size_t cut = 37;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return "\"" + s.substr(0, cut) + "...\"";
}

std::string hex2(unsigned v) {
  const char* digits = "0123456789ABCDEF";
  return std::string(1, digits[(v >> 4) & 15]) + digits[v & 15];
}

// What a string-valued type expects, for "expected …, got a number".
std::string expected_form(const FieldSpec& f) {
  switch (f.type) {
    case FieldType::Date:
      return "a date \"YYYY-MM-DD\"";
    case FieldType::Time:
      return "a time \"HH:MM\"";
    case FieldType::Nik:
      return "a NIK as a string of 16 digits";
    case FieldType::Nkk:
      return "a Nomor KK as a string of 16 digits";
    case FieldType::Nip:
      return "a NIP as a string of 18 digits";
    case FieldType::Enum:
      return "one of the " + f.enum_name + " values as a string";
    case FieldType::Image:
      return "a base64 JPEG or PNG image";
    case FieldType::Name:
      return "a name as a string";
    default:
      return "a string";
  }
}

bool is_name_letter(uint32_t c) {
  // Latin letters incl. Latin-1, Extended-A/B and Extended Additional (Permendagri 73/2022
  // Pasal 5: Latin script), and combining diacritics.
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
      add(ErrorCode::FieldType, path,
          std::string(path.empty() ? "the record must be" : "expected") + " an object, got " +
              type_word(value));
      return;
    }
    size_t known = 0;  // members the schema names
    for (const FieldSpec& f : spec.fields) {
      std::string p = path.empty() ? f.name : path + "." + f.name;
      auto it = value.find(f.name);
      known += it != value.end();
      // null and "" mean "not given": an optional field may be left blank, a required one not.
      if (it == value.end() || it->is_null() ||
          (it->is_string() && it->get_ref<const std::string&>().empty())) {
        if (f.required)
          add(ErrorCode::FieldMissing, p,
              "required " + std::string(to_string(f.type)) + " field is missing" +
                  (it != value.end() ? " (blank)" : ""));
        continue;
      }
      field(*it, f, p, value);
    }
    if (known == value.size()) return;  // every member was a schema field
    for (const auto& [key, v] : value.items()) {
      if (!spec.find(key))
        add(ErrorCode::FieldUnknown, path.empty() ? key : path + "." + key,
            "unknown field (a typo? this object has " + field_names(spec) + ")");
    }
  }

  void rules(const Schema& schema) {
    for (const SchemaRule& r : schema.rules) {
      std::string why = r.message.empty() ? "" : " (" + r.message + ")";
      if (r.kind == SchemaRule::Kind::DateOrder) {
        auto a = date_at(r.earlier), b = date_at(r.later);
        if (a && b && *b < *a)
          add(ErrorCode::DateInvalid, r.later,
              r.later + " " + b->iso() + " is before " + r.earlier + " " + a->iso() + why);
      } else if (r.kind == SchemaRule::Kind::DateNotFuture && m_reference) {
        auto d = date_at(r.field);
        if (d && *m_reference < *d)
          add(ErrorCode::DateInvalid, r.field,
              r.field + " " + d->iso() + " is after the issue date " + m_reference->iso() + why);
      }
    }
  }

 private:
  void add(ErrorCode code, const std::string& path, const std::string& msg) {
    push(Error(code, path, msg), false);
  }

  void push(Error e, bool warning) {
    auto& list = warning ? result.warnings : result.errors;
    if (list.size() > kMaxReportedErrors) return;
    if (list.size() == kMaxReportedErrors) {
      list.emplace_back(
          ErrorCode::RecordInvalid, "",
          "more than " + std::to_string(kMaxReportedErrors) + " problems; the rest are not listed");
      return;
    }
    list.push_back(std::move(e));
  }

  static std::string field_names(const ObjectSpec& spec) {
    std::string out;
    for (size_t i = 0; i < spec.fields.size() && i < 12; ++i)
      out += (i ? ", " : "") + spec.fields[i].name;
    if (spec.fields.size() > 12) out += ", …";
    return out.empty() ? "no fields" : out;
  }

  const json* lookup(const json& from, std::string_view path) const {
    const json* node = &from;
    while (node && !path.empty()) {
      size_t dot = path.find('.');
      std::string key(path.substr(0, dot));
      if (!node->is_object()) return nullptr;
      auto it = node->find(key);
      if (it == node->end()) return nullptr;
      node = &*it;
      path = dot == std::string_view::npos ? std::string_view{} : path.substr(dot + 1);
    }
    return node;
  }

  std::optional<CivilDate> date_at(const std::string& path) const {
    const json* v = lookup(m_root, path);
    if (!v || !v->is_string()) return std::nullopt;
    auto d = parse_iso_date(v->get_ref<const std::string&>());
    return d ? std::optional<CivilDate>(*d) : std::nullopt;
  }

  // A sibling field, or from the record root when the path starts with '/'.
  const json* related(const json& parent, const std::string& path) const {
    if (path.empty()) return nullptr;
    if (path[0] == '/') return lookup(m_root, std::string_view(path).substr(1));
    return lookup(parent, path);
  }

  // Valid UTF-8 (RFC 3629) without control characters: C0 (except a line break in text), DEL
  // and C1 (U+0080–U+009F), which print as nothing or as boxes.
  bool text_ok(const std::string& s, const std::string& path, bool allow_newline) {
    // One pass; invalid UTF-8 anywhere is reported before a control character found earlier.
    std::optional<std::pair<size_t, uint32_t>> control;  // the first one: byte offset, code point
    size_t pos = 0;
    while (pos < s.size()) {
      size_t at = pos;
      uint32_t c = static_cast<unsigned char>(s[pos]);
      if (c < 0x80) {
        ++pos;
      } else if (auto cp = next_code_point(s, pos)) {
        c = *cp;
      } else {
        add(ErrorCode::FieldFormat, path,
            "invalid UTF-8 at byte " + std::to_string(at) + " (byte 0x" +
                hex2(static_cast<unsigned char>(s[at])) + ")");
        return false;
      }
      bool is_control = c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F);
      if (is_control && !(allow_newline && c == '\n') && !control) control = {at, c};
    }
    if (control) {
      auto [at, c] = *control;
      add(ErrorCode::FieldFormat, path,
          "control character U+00" + hex2(c) + " at byte " + std::to_string(at) +
              (c == '\n' ? " (a line break; only \"text\" fields may have them)" : ""));
      return false;
    }
    return true;
  }

  bool length_ok(const std::string& s, const FieldSpec& f, const std::string& path) {
    size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;  // code points of valid UTF-8
    if (n > f.max_length) {
      add(ErrorCode::FieldLength, path,
          std::to_string(n) + " characters, at most " + std::to_string(f.max_length) + " allowed");
      return false;
    }
    if (n < f.min_length) {
      add(ErrorCode::FieldLength, path,
          std::to_string(n) + " characters, at least " + std::to_string(f.min_length) + " needed");
      return false;
    }
    return true;
  }

  void name(const std::string& s, const std::string& path) {
    size_t pos = 0;
    bool letter = false;
    while (pos < s.size()) {
      size_t at = pos;
      uint32_t c = *next_code_point(s, pos);
      if (is_name_letter(c)) {
        letter = true;
      } else if (c != ' ' && c != '\'' && c != '.' && c != ',' && c != '-') {
        add(ErrorCode::FieldFormat, path,
            "a name has Latin letters, spaces and ' . , - only (Permendagri 73/2022); found \"" +
                s.substr(at, pos - at) + "\" at byte " + std::to_string(at));
        return;
      }
    }
    if (!letter) add(ErrorCode::FieldFormat, path, "a name needs letters, got " + shown(s));
    if (s.front() == ' ' || s.back() == ' ' || s.find("  ") != std::string::npos)
      add(ErrorCode::FieldFormat, path, "leading, trailing or double spaces in " + shown(s));
  }

  void nik(const std::string& s, const FieldSpec& f, const std::string& path, const json& parent) {
    auto parsed = parse_nik(s);
    if (!parsed) {
      // A legacy NIK (issued before the structure was enforced) is accepted with a note.
      Error e = parsed.take_error();
      std::vector<Error> all;
      std::vector<Error> more = std::move(e.details);
      e.details.clear();
      all.push_back(std::move(e));
      for (auto& d : more) all.push_back(std::move(d));
      for (auto& one : all) {
        one.path = path;
        if (f.legacy_ok) one.message += "; accepted as a legacy NIK";
        push(std::move(one), f.legacy_ok);
      }
      return;
    }
    std::optional<std::string_view> sex;
    if (const json* sv = related(parent, f.sex_field); sv && sv->is_string())
      sex = sv->get_ref<const std::string&>();
    std::optional<CivilDate> birth;
    if (const json* bv = related(parent, f.birth_date_field); bv && bv->is_string())
      if (auto d = parse_iso_date(bv->get_ref<const std::string&>())) birth = *d;
    auto display = [](const std::string& ref) {
      return ref.empty() || ref[0] != '/' ? ref : ref.substr(1);
    };
    for (auto& e : check_nik_consistency(*parsed, sex, birth, path, display(f.sex_field),
                                         display(f.birth_date_field))) {
      if (f.legacy_ok) e.message += "; accepted as a legacy NIK";
      push(std::move(e), f.legacy_ok);
    }
  }

  void number(const json& v, const FieldSpec& f, const std::string& path) {
    bool integer = v.is_number_integer() || v.is_number_unsigned();
    bool is_int_type = f.type == FieldType::Integer;
    std::string want = is_int_type ? "a whole number" : "a number";
    if (!v.is_number() || (is_int_type && !integer)) {
      add(ErrorCode::FieldType, path, "expected " + want + ", got " + type_word(v));
      return;
    }
    double x = v.get<double>();
    if ((f.min && x < *f.min) || (f.max && x > *f.max)) {
      std::string range = f.min && f.max
                              ? "from " + json(*f.min).dump() + " to " + json(*f.max).dump()
                          : f.min ? "of at least " + json(*f.min).dump()
                                  : "of at most " + json(*f.max).dump();
      add(ErrorCode::FieldFormat, path, "expected " + want + " " + range + ", got " + v.dump());
    }
  }

  void enumeration(const std::string& s, const FieldSpec& f, const std::string& path) {
    const auto& values = f.enum_values;
    if (std::find(values.begin(), values.end(), s) != values.end()) return;
    std::string allowed;
    for (size_t i = 0; i < values.size() && i < 8; ++i) allowed += (i ? ", " : "") + values[i];
    if (values.size() > 8)
      allowed +=
          ", … (" + std::to_string(values.size()) + " values in enumeration " + f.enum_name + ")";
    std::string msg = shown(s) + " is not one of " + allowed;
    // Values compare exactly; say so when only the case differs.
    std::string upper = to_upper_id(s);
    if (upper != s && std::find(values.begin(), values.end(), upper) != values.end())
      msg += "; values are upper case: \"" + upper + "\"";
    add(ErrorCode::FieldEnum, path, msg);
  }

  void image(const std::string& s, const std::string& path) {
    // Base64 grows data by 4/3; allow line breaks of pasted data on top.
    if (s.size() > kMaxImageBytes / 3 * 4 + kMaxImageBytes / 32 + 8) {
      add(ErrorCode::FieldLength, path, "image larger than 2 MiB");
      return;
    }
    auto raw = base64_decode(s);
    if (!raw) {
      add(ErrorCode::FieldFormat, path, "expected a base64 JPEG or PNG: " + raw.error().message);
      return;
    }
    if (raw->size() > kMaxImageBytes) {
      add(ErrorCode::FieldLength, path,
          "image of " + std::to_string(raw->size()) + " bytes, at most 2 MiB (" +
              std::to_string(kMaxImageBytes) + ")");
      return;
    }
    // Signatures: JPEG SOI + marker (ISO/IEC 10918-1 B.1.1.3), PNG (ISO/IEC 15948 §5.2).
    static const std::string kPng("\x89PNG\r\n\x1a\n", 8);
    bool jpeg = raw->size() > 3 && static_cast<unsigned char>((*raw)[0]) == 0xFF &&
                static_cast<unsigned char>((*raw)[1]) == 0xD8 &&
                static_cast<unsigned char>((*raw)[2]) == 0xFF;
    bool png = raw->compare(0, kPng.size(), kPng) == 0;
    if (!jpeg && !png)
      add(ErrorCode::FieldFormat, path, "the decoded data is neither a JPEG nor a PNG image");
  }

  void field(const json& v, const FieldSpec& f, const std::string& path, const json& parent) {
    const bool stringy = f.type != FieldType::Integer && f.type != FieldType::Number &&
                         f.type != FieldType::Boolean && f.type != FieldType::Object &&
                         f.type != FieldType::Array;
    if (stringy && !v.is_string()) {
      add(ErrorCode::FieldType, path, "expected " + expected_form(f) + ", got " + type_word(v));
      return;
    }
    switch (f.type) {
      case FieldType::String:
      case FieldType::Text: {
        const std::string& s = v.get_ref<const std::string&>();
        if (!text_ok(s, path, f.type == FieldType::Text) || !length_ok(s, f, path)) return;
        if (f.pattern && !std::regex_match(s, *f.pattern))
          add(ErrorCode::FieldFormat, path,
              shown(s) + " does not match " +
                  (f.hint.empty() ? "the pattern " + f.pattern_source : f.hint));
        break;
      }
      case FieldType::Name: {
        const std::string& s = v.get_ref<const std::string&>();
        if (!text_ok(s, path, false) || !length_ok(s, f, path)) return;
        name(s, path);
        break;
      }
      case FieldType::Nik:
        nik(v.get_ref<const std::string&>(), f, path, parent);
        break;
      case FieldType::Nkk:
      case FieldType::Nip: {
        const std::string& s = v.get_ref<const std::string&>();
        std::optional<Error> problem;
        if (f.type == FieldType::Nkk) {
          if (auto r = parse_nkk(s); !r) problem = r.take_error();
        } else {
          if (auto r = parse_nip(s); !r) problem = r.take_error();
        }
        if (problem) {
          std::vector<Error> more = std::move(problem->details);
          problem->details.clear();
          problem->path = path;
          push(std::move(*problem), false);
          for (auto& d : more) {
            d.path = path;
            push(std::move(d), false);
          }
        }
        break;
      }
      case FieldType::Date: {
        auto d = parse_iso_date(v.get_ref<const std::string&>());
        if (!d) add(ErrorCode::DateInvalid, path, d.error().message);
        break;
      }
      case FieldType::Time: {
        auto t = parse_time(v.get_ref<const std::string&>());
        if (!t) add(ErrorCode::FieldFormat, path, t.error().message);
        break;
      }
      case FieldType::Integer:
      case FieldType::Number:
        number(v, f, path);
        break;
      case FieldType::Enum:
        enumeration(v.get_ref<const std::string&>(), f, path);
        break;
      case FieldType::Boolean:
        if (!v.is_boolean())
          add(ErrorCode::FieldType, path, "expected true or false, got " + type_word(v));
        break;
      case FieldType::Object:
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
          if (v.size() > f.max_items) return;  // do not walk an oversized array
        }
        for (size_t i = 0; i < v.size(); ++i) {
          std::string at = path + "[" + std::to_string(i) + "]";
          if (f.object) {
            object(v[i], *f.object, at);
          } else if (v[i].is_null() ||
                     (v[i].is_string() && v[i].get_ref<const std::string&>().empty())) {
            add(ErrorCode::FieldMissing, at, "blank item in a list of values");
          } else {
            field(v[i], *f.item, at, v);
          }
        }
        break;
      }
      case FieldType::Image:
        image(v.get_ref<const std::string&>(), path);
        break;
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
  if (!reference_date && record.is_object()) {
    auto it = record.find(kIssueDateField);
    if (it != record.end() && it->is_string())
      if (auto d = parse_iso_date(it->get_ref<const std::string&>())) reference_date = *d;
  }
  Validator v(record, reference_date);
  v.object(record, *schema.root, "");
  // Rules compare fields that parsed; a field already in error is not compared again.
  if (record.is_object()) v.rules(schema);
  return std::move(v.result);
}

}  // namespace absah::model
