#include "engine/layout/scope.h"

#include "engine/base/json_path.h"

namespace absah::layout {

const nlohmann::json* Scope::walk(const nlohmann::json* root, std::string_view path) {
  return root ? find_json_path(*root, path) : nullptr;
}

const nlohmann::json* Scope::lookup(std::string_view path) const {
  if (path.rfind("office.", 0) == 0) return walk(m_office, path.substr(7));
  if (path.rfind("doc.", 0) == 0) return walk(m_doc, path.substr(4));
  if (m_row) {
    if (const nlohmann::json* v = walk(m_row, path)) return v;
  }
  return walk(m_record, path);
}

bool Scope::present(std::string_view path) const {
  const nlohmann::json* v = lookup(path);
  if (!v || v->is_null()) return false;
  if (v->is_string()) return !v->get_ref<const std::string&>().empty();
  if (v->is_boolean()) return v->get<bool>();
  if (v->is_array() || v->is_object()) return !v->empty();
  return true;
}

}  // namespace absah::layout
