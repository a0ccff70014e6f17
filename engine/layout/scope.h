#pragma once
// What a layout's bindings can see: the record, the issuing office's configuration
// (`office.…`), the document's own data (`doc.number`, `doc.issue_date`, `doc.title`, …) and,
// inside a table, the current row (`#` is its 1-based number). Paths are dotted; a bare path
// is looked up in the row first, then in the record.

#include <string_view>

#include <nlohmann/json.hpp>

namespace absah::layout {

class Scope {
 public:
  Scope(const nlohmann::json& record, const nlohmann::json& office, const nlohmann::json& doc)
      : m_record(&record), m_office(&office), m_doc(&doc) {}

  Scope with_row(const nlohmann::json& row, int index) const {
    Scope s = *this;
    s.m_row = &row;
    s.m_row_index = index;
    return s;
  }

  // nullptr when the path does not resolve.
  const nlohmann::json* lookup(std::string_view path) const;
  int row_index() const { return m_row_index; }

  // A value counts as present when it exists and is not null, "", false or an empty array.
  bool present(std::string_view path) const;

 private:
  static const nlohmann::json* walk(const nlohmann::json* root, std::string_view path);
  const nlohmann::json* m_record;
  const nlohmann::json* m_office;
  const nlohmann::json* m_doc;
  const nlohmann::json* m_row = nullptr;
  int m_row_index = 0;
};

}  // namespace absah::layout
