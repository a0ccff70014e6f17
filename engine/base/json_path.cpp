#include "engine/base/json_path.h"

namespace absah {

const nlohmann::json* find_json_path(const nlohmann::json& root, std::string_view path) {
  const nlohmann::json* node = &root;
  while (node && !path.empty()) {
    size_t dot = path.find('.');
    std::string_view key = path.substr(0, dot);
    if (node->is_object()) {
      auto it = node->find(std::string(key));
      node = it == node->end() ? nullptr : &*it;
    } else if (node->is_array() && !key.empty() && key.size() < 10 &&
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

std::string string_at_json_path(const nlohmann::json& root, std::string_view dotted) {
  if (dotted.empty()) return {};
  const nlohmann::json* v = find_json_path(root, dotted);
  return v && v->is_string() ? v->get<std::string>() : std::string();
}

}  // namespace absah
