#include "engine/layout/formatters.h"

#include <cmath>
#include <set>

#include "engine/base/number_format.h"
#include "engine/layout/text_template.h"
#include "engine/model/civil_date.h"
#include "engine/model/indonesian.h"

namespace absah::layout {

namespace {

Result<model::CivilDate> date_of(const std::string& value, const char* formatter) {
  auto d = model::parse_iso_date(value);
  if (!d)
    return Error(ErrorCode::DateInvalid, "",
                 std::string("formatter '") + formatter + "' needs a date YYYY-MM-DD, got \"" +
                     value + "\"");
  return *d;
}

}  // namespace

bool is_known_formatter(const std::string& name) {
  static const std::set<std::string> known = {
      "upper", "date", "date_num", "date_words", "day",    "time",   "words",
      "or",    "pad",  "decimal",  "group",      "prefix", "suffix", "region"};
  return known.count(name) > 0;
}

std::string json_to_text(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer() || v.is_number_unsigned()) return v.dump();
  if (v.is_number_float()) return format_decimal(v.get<double>(), 3);
  if (v.is_boolean()) return v.get<bool>() ? "YA" : "TIDAK";
  return {};
}

Result<std::string> apply_formatter(const Formatter& f, const std::string& value) {
  const std::string& n = f.name;
  if (n == "or") return value.empty() ? f.argument : value;
  if (value.empty()) return value;  // every other formatter leaves an empty value empty
  if (n == "upper") return model::to_upper_id(value);
  if (n == "date") {
    auto d = date_of(value, "date");
    if (!d) return d.take_error();
    return model::format_date_long(*d);
  }
  if (n == "date_num") {
    auto d = date_of(value, "date_num");
    if (!d) return d.take_error();
    return model::format_date_numeric(*d);
  }
  if (n == "date_words") {
    auto d = date_of(value, "date_words");
    if (!d) return d.take_error();
    return model::format_date_words(*d);
  }
  if (n == "day") {
    auto d = date_of(value, "day");
    if (!d) return d.take_error();
    return model::weekday_name(*d);
  }
  if (n == "time") {
    auto t = model::parse_time(value);
    if (!t)
      return Error(ErrorCode::FieldFormat, "",
                   "formatter 'time' needs HH:MM, got \"" + value + "\"");
    return model::format_time(*t);
  }
  if (n == "words") {
    if (value.find_first_not_of("0123456789") != std::string::npos || value.size() > 12)
      return Error(ErrorCode::FieldFormat, "",
                   "formatter 'words' needs a whole number, got \"" + value + "\"");
    return model::to_upper_id(model::number_to_words(std::stoll(value)));
  }
  if (n == "pad") {
    size_t width = f.argument.empty() ? 2 : std::stoul(f.argument);
    return value.size() >= width ? value : std::string(width - value.size(), '0') + value;
  }
  if (n == "decimal") {
    std::string out = value;
    for (char& c : out)
      if (c == '.') c = ',';
    return out;
  }
  if (n == "group") {
    // group:4-4-4-4 splits the value into groups of those lengths separated by spaces.
    std::string out;
    size_t pos = 0;
    size_t start = 0;
    while (start <= f.argument.size() && pos < value.size()) {
      size_t dash = f.argument.find('-', start);
      std::string part =
          f.argument.substr(start, dash == std::string::npos ? std::string::npos : dash - start);
      size_t len = part.empty() ? value.size() : std::stoul(part);
      if (!out.empty()) out += ' ';
      out += value.substr(pos, len);
      pos += len;
      if (dash == std::string::npos) break;
      start = dash + 1;
    }
    if (pos < value.size()) out += value.substr(pos);
    return out;
  }
  if (n == "region") {
    // region:N: the first N levels of a Kemendagri region code, dotted (52.71.03.1004).
    static const size_t kLevelDigits[] = {2, 2, 2, 4};
    size_t levels =
        f.argument.empty() ? 4 : std::min<size_t>(4, std::max<size_t>(1, std::stoul(f.argument)));
    std::string out;
    size_t pos = 0;
    for (size_t i = 0; i < levels && pos < value.size(); ++i) {
      if (!out.empty()) out += '.';
      out += value.substr(pos, kLevelDigits[i]);
      pos += kLevelDigits[i];
    }
    return out;
  }
  if (n == "prefix") return f.argument + value;
  if (n == "suffix") return value + f.argument;
  return Error(ErrorCode::LayoutInvalid, "", "unknown formatter '" + n + "'");
}

}  // namespace absah::layout
