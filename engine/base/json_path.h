#pragma once
// Dotted paths into JSON records ("ayah.nama", "saksi.0.nik"): the one way layouts, the
// renderer and the registry name a field. A numeric segment indexes an array.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace absah {

// nullptr when the path does not resolve; the root itself for an empty path.
const nlohmann::json* find_json_path(const nlohmann::json& root, std::string_view dotted);

// The string at the path, or "" when it is absent or not a string.
std::string string_at_json_path(const nlohmann::json& root, std::string_view dotted);

}  // namespace absah
