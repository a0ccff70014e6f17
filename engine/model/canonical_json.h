#pragma once
// Canonical JSON for the record digest the QR seal carries: RFC 8785 (JCS) rules —
// object members sorted by their names as UTF-16 code units, no insignificant white space,
// strings with the minimal escapes, integers written plainly. Records hold no floating-point
// values that JCS would print differently from nlohmann's shortest round trip (weights and
// lengths are short decimals), so numbers use that form.

#include <array>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace absah::model {

std::string canonical_json(const nlohmann::json& value);

// SHA-256 of canonical_json(value).
std::array<uint8_t, 32> record_digest(const nlohmann::json& value);

}  // namespace absah::model
