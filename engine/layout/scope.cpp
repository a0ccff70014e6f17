#include "engine/layout/scope.h"

namespace absah::layout {

const nlohmann::json* Scope::walk(const nlohmann::json* node, std::string_view path) {
  while (node && !path.empty()) {
    size_t dot = path.find('.');
    std::string_view key = path.substr(0, dot);
    if (node->is_object()) {
      auto it = node->find(std::string(key));
      node = it == node->end() ? nullptr : &*it;
    } else if (node->is_array() && !key.empty() &&
               key.find_first_not_of("0123456789") == std::string_view::npos) {
      size_t index = std::stoul(std::string(key));
      node = index < node->size() ? &(*node)[index] : nullptr;
    } else {
      return nullptr;
    }
    path = dot == std::string_view::npos ? std::string_view{} : path.substr(dot + 1);
  }
  return node;
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
