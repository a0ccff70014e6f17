#pragma once
// Canonical JSON for the record digest the QR seal carries, after RFC 8785 (JSON
// Canonicalization Scheme, JCS); the exact rules are in docs/record-schema.md:
//  - object members sorted by name, compared as UTF-16 code units (RFC 8785 §3.2.3);
//  - no white space between tokens;
//  - strings with the minimal escapes: \" \\ \b \f \n \r \t, other controls below U+0020 as
//    \u00xx (lower-case hex), everything else as UTF-8 (§3.2.2.2);
//  - non-integer numbers as ECMAScript's Number.prototype.toString prints them, the shortest
//    form that reads back to the same double (§3.2.2.3); -0 as 0;
//  - integers (JSON numbers without fraction or exponent, as nlohmann keeps them) written
//    exactly, without exponent. AD-HOC: JCS would pass them through a double, which changes
//    integers above 2^53; records hold no such numbers, and exact is the safer reading.

#include <array>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "engine/base/result.h"

namespace absah::model {

inline constexpr int kMaxCanonicalDepth = 64;

// Strict form: invalid UTF-8 in a string or name (FieldFormat), a non-finite number
// (FieldType) or nesting deeper than kMaxCanonicalDepth (RecordInvalid) is an error naming the
// path.
Result<std::string> try_canonical_json(const nlohmann::json& value);

// Never fails: invalid UTF-8 sequences become U+FFFD, non-finite numbers null, and depth is
// unbounded (the writer does not recurse). Meant for validated records, where both agree.
std::string canonical_json(const nlohmann::json& value);

// SHA-256 (FIPS 180-4) of canonical_json(value).
std::array<uint8_t, 32> record_digest(const nlohmann::json& value);

}  // namespace absah::model
