#include "engine/layout/text_style.h"

namespace absah::layout {

Result<Color> parse_color(const nlohmann::json& value, const std::string& where) {
  if (!value.is_string())
    return Error(ErrorCode::LayoutInvalid, where, "colour must be a string \"#RRGGBB\"");
  std::string s = value.get<std::string>();
  if (s.size() != 7 || s[0] != '#')
    return Error(ErrorCode::LayoutInvalid, where,
                 "colour must look like \"#RRGGBB\", got \"" + s + "\"");
  auto hex = [&](size_t i) -> int {
    char c = s[i];
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  int v[6];
  for (int i = 0; i < 6; ++i) {
    v[i] = hex(i + 1);
    if (v[i] < 0)
      return Error(ErrorCode::LayoutInvalid, where, "bad hex digit in colour \"" + s + "\"");
  }
  return Color{(v[0] * 16 + v[1]) / 255.0, (v[2] * 16 + v[3]) / 255.0, (v[4] * 16 + v[5]) / 255.0};
}

Result<TextStyle> apply_style(const TextStyle& base, const nlohmann::json& j,
                              const std::string& where) {
  TextStyle s = base;
  if (!j.is_object()) return Error(ErrorCode::LayoutInvalid, where, "style must be an object");
  // Not a structured binding: the lambdas below capture `value`, which clang before 16 refuses.
  for (const auto& item : j.items()) {
    const std::string& key = item.key();
    const nlohmann::json& value = item.value();
    const std::string at = where + "." + key;
    auto number = [&](double& out, double lo, double hi) -> Status {
      if (!value.is_number() || value.get<double>() < lo || value.get<double>() > hi)
        return Error(ErrorCode::LayoutInvalid, at,
                     "expected a number from " + std::to_string(lo) + " to " + std::to_string(hi));
      out = value.get<double>();
      return ok_status();
    };
    auto boolean = [&](bool& out) -> Status {
      if (!value.is_boolean()) return Error(ErrorCode::LayoutInvalid, at, "expected true or false");
      out = value.get<bool>();
      return ok_status();
    };
    if (key == "font") {
      if (!value.is_string()) return Error(ErrorCode::LayoutInvalid, at, "expected a family name");
      s.family = value.get<std::string>();
    } else if (key == "size") {
      ABSAH_TRY_STATUS(number(s.size, 3, 72));
    } else if (key == "min_size") {
      ABSAH_TRY_STATUS(number(s.min_size, 2, 72));
    } else if (key == "line_height") {
      ABSAH_TRY_STATUS(number(s.line_height, 0.8, 3));
    } else if (key == "letter_spacing") {
      ABSAH_TRY_STATUS(number(s.letter_spacing, 0, 10));
    } else if (key == "bold") {
      ABSAH_TRY_STATUS(boolean(s.bold));
    } else if (key == "italic") {
      ABSAH_TRY_STATUS(boolean(s.italic));
    } else if (key == "underline") {
      ABSAH_TRY_STATUS(boolean(s.underline));
    } else if (key == "upper") {
      ABSAH_TRY_STATUS(boolean(s.upper));
    } else if (key == "max_lines") {
      double n = 0;
      ABSAH_TRY_STATUS(number(n, 0, 1000));
      s.max_lines = static_cast<int>(n);
    } else if (key == "color") {
      auto c = parse_color(value, at);
      if (!c) return c.take_error();
      s.color = *c;
    } else if (key == "align") {
      std::string a = value.is_string() ? value.get<std::string>() : "";
      if (a == "left")
        s.align = Align::Left;
      else if (a == "center")
        s.align = Align::Center;
      else if (a == "right")
        s.align = Align::Right;
      else if (a == "justify")
        s.align = Align::Justify;
      else
        return Error(ErrorCode::LayoutInvalid, at, "align must be left, center, right or justify");
    } else {
      return Error(ErrorCode::LayoutInvalid, at, "unknown style property '" + key + "'");
    }
  }
  return s;
}

}  // namespace absah::layout
