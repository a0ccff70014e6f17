#pragma once
// PKCS#11 URIs (RFC 7512): `pkcs11:token=Dukcapil;object=signing-ec?pin-source=/run/pin`.
// Path attributes select the token and the key; query attributes carry the PIN and the module.
// `pin-value` and `module-path` are accepted in the path part too (separated by ';'), a common
// spelling in configuration files. Unknown standard attributes are an error, so a typo never
// silently selects a different key; vendor attributes (`x-...`) are ignored.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.h"

namespace absah::sign {

struct Pkcs11Uri {
  // token selection (CK_TOKEN_INFO)
  std::string token;  // label
  std::string manufacturer;
  std::string serial;
  std::string model;
  std::optional<unsigned long> slot_id;
  // object selection
  std::string object;       // CKA_LABEL
  std::vector<uint8_t> id;  // CKA_ID, raw bytes (percent-decoded)
  bool has_id = false;
  std::string type;  // "private" or empty; anything else is refused
  // query
  std::string pin_value;
  std::string pin_source;  // a file path or file: URI whose first line is the PIN
  std::string module_path;
  std::string module_name;

  // The URI with the PIN replaced by "***": safe for messages and logs.
  std::string redacted() const;
};

bool is_pkcs11_uri(std::string_view text);
Result<Pkcs11Uri> parse_pkcs11_uri(std::string_view text);

}  // namespace absah::sign
