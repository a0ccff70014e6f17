#pragma once
// Lowercase hex SHA-256, the form every digest takes in the registry.

#include <string>
#include <string_view>

namespace absah::registry {

std::string sha256_hex(std::string_view data);

}  // namespace absah::registry
