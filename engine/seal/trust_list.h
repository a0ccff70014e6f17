#pragma once
// The seal trust list (keys/dev/seal-trust.json in development): which public keys may make
// seals, for which office, and when. Format (docs/seal.md "Trust list"):
//   {"version":1,"keys":[{"kid":"<16 hex>","office":"5271","office_name":"...",
//     "not_before":"2026-01-01T00:00:00Z","not_after":"2031-01-01T00:00:00Z",
//     "public_key_pem":"-----BEGIN PUBLIC KEY-----..."}]}
// Several keys may be valid at once (rotation). Parsing checks that each listed kid is the
// one derived from its public key, so a list cannot map a kid to a different key.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.h"
#include "engine/seal/seal_key.h"

namespace absah::seal {

struct TrustedKey {
  std::string kid;  // 8 raw bytes
  std::string office;
  std::string office_name;
  int64_t not_before = 0;  // Unix seconds, inclusive
  int64_t not_after = 0;   // Unix seconds, exclusive
  SealPublicKey key;

  bool valid_at(int64_t unix_seconds) const {
    return unix_seconds >= not_before && unix_seconds < not_after;
  }
};

struct TrustList {
  std::vector<TrustedKey> keys;

  // Every entry with this kid (normally one).
  std::vector<const TrustedKey*> find(std::string_view kid) const;
};

Result<TrustList> parse_trust_list(std::string_view json_text);
Result<TrustList> load_trust_list(const std::filesystem::path& path);

// "2026-01-01T00:00:00Z" (RFC 3339, UTC, whole seconds) → Unix seconds.
Result<int64_t> parse_utc_timestamp(std::string_view text);

}  // namespace absah::seal
