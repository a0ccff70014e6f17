#include "engine/layout/text_template.h"

#include "engine/layout/formatters.h"

namespace absah::layout {

Result<TextTemplate> TextTemplate::parse(const std::string& src, const std::string& where) {
  TextTemplate t;
  t.m_source = src;
  std::string literal;
  size_t i = 0;
  while (i < src.size()) {
    char c = src[i];
    if (c == '{' && i + 1 < src.size() && src[i + 1] == '{') {
      literal += '{';
      i += 2;
      continue;
    }
    if (c == '}' && i + 1 < src.size() && src[i + 1] == '}') {
      literal += '}';
      i += 2;
      continue;
    }
    if (c == '}') return Error(ErrorCode::LayoutInvalid, where, "unmatched '}' in \"" + src + "\"");
    if (c != '{') {
      literal += c;
      ++i;
      continue;
    }
    size_t close = src.find('}', i);
    if (close == std::string::npos)
      return Error(ErrorCode::LayoutInvalid, where, "unclosed '{' in \"" + src + "\"");
    if (!literal.empty()) t.m_parts.push_back({literal, "", {}});
    literal.clear();
    std::string body = src.substr(i + 1, close - i - 1);
    TemplatePart part;
    size_t bar = body.find('|');
    part.path = body.substr(0, bar);
    if (part.path.empty())
      return Error(ErrorCode::LayoutInvalid, where, "empty binding in \"" + src + "\"");
    while (bar != std::string::npos) {
      size_t next = body.find('|', bar + 1);
      std::string f =
          body.substr(bar + 1, next == std::string::npos ? std::string::npos : next - bar - 1);
      Formatter fm;
      size_t colon = f.find(':');
      fm.name = f.substr(0, colon);
      if (colon != std::string::npos) fm.argument = f.substr(colon + 1);
      if (!is_known_formatter(fm.name))
        return Error(ErrorCode::LayoutInvalid, where,
                     "unknown formatter '" + fm.name + "' in \"" + src + "\"");
      part.formatters.push_back(fm);
      bar = next;
    }
    t.m_parts.push_back(std::move(part));
    i = close + 1;
  }
  if (!literal.empty()) t.m_parts.push_back({literal, "", {}});
  for (const TemplatePart& part : t.m_parts)
    if (!part.path.empty() && part.path.rfind("office.", 0) != 0) t.m_record_independent = false;
  return t;
}

Result<std::string> TextTemplate::expand(const Scope& scope) const {
  std::string out;
  for (const TemplatePart& part : m_parts) {
    if (part.path.empty()) {
      out += part.literal;
      continue;
    }
    std::string value;
    if (part.path == "#") {
      value = std::to_string(scope.row_index());
    } else if (const nlohmann::json* v = scope.lookup(part.path)) {
      value = json_to_text(*v);
    }
    for (const Formatter& f : part.formatters) {
      auto r = apply_formatter(f, value);
      if (!r) {
        Error e = r.take_error();
        e.path = part.path;
        return e;
      }
      value = std::move(*r);
    }
    out += value;
  }
  return out;
}

const std::string& TextTemplate::primary_field() const {
  static const std::string kNone;
  for (const auto& p : m_parts)
    if (!p.path.empty() && p.path != "#") return p.path;
  return kNone;
}

}  // namespace absah::layout
