#pragma once
// Text with bindings: "Nama: {nama|upper}". A binding is a path followed by formatters, each
// `|name` or `|name:argument`; `{{` and `}}` are literal braces. Templates are parsed when the
// layout loads, so an unknown formatter is a layout error, not a surprise at render time.

#include <string>
#include <vector>

#include "engine/base/result.h"
#include "engine/layout/scope.h"

namespace absah::layout {

struct Formatter {
  std::string name;
  std::string argument;
};

struct TemplatePart {
  std::string literal;  // used when path is empty
  std::string path;     // "#" = row number
  std::vector<Formatter> formatters;
};

class TextTemplate {
 public:
  static Result<TextTemplate> parse(const std::string& source, const std::string& where);

  // Expands against a scope. A formatter that cannot apply (a date field holding a non-date)
  // is an error naming the field.
  Result<std::string> expand(const Scope& scope) const;

  // The first bound field, used to name the field when the expanded text does not fit.
  const std::string& primary_field() const;
  bool empty() const { return m_parts.empty(); }
  // True when no binding reads the record, the document or a table row: only literal text
  // and `office.…`, which stay the same from one document to the next.
  bool record_independent() const { return m_record_independent; }
  const std::string& source() const { return m_source; }

 private:
  std::string m_source;
  std::vector<TemplatePart> m_parts;
  bool m_record_independent = true;
};

// The known formatter names (for parse-time checks and docs/layouts.md).
bool is_known_formatter(const std::string& name);

}  // namespace absah::layout
