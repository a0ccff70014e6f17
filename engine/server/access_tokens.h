#pragma once
// Who may call what. The tokens file holds one `ROLE TOKEN` per line (roles `issuer` and
// `officer`), `#` comments and blank lines allowed. Like a private key it must not be readable
// by group or others. Requests carry `Authorization: Bearer TOKEN`; tokens are compared in
// constant time so response timing does not reveal how much of a guess was right.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.h"

namespace absah::server {

enum class Role { Issuer, Officer };

std::string_view to_string(Role role);

class AccessTokens {
 public:
  // Reads and checks the file: mode (no group/other access), syntax, known roles, tokens of at
  // least 16 characters, no token listed twice. Errors name the line.
  static Result<AccessTokens> load(const std::filesystem::path& path);
  static Result<AccessTokens> parse(std::string_view text, const std::string& source);

  // The role of a presented token, or nullopt. Every listed token is compared, always.
  std::optional<Role> role_of(std::string_view token) const;

  size_t size() const { return m_entries.size(); }

 private:
  struct Entry {
    Role role;
    std::string token;
  };
  std::vector<Entry> m_entries;
};

// The token of an `Authorization: Bearer TOKEN` header value, or empty.
std::string_view bearer_token(std::string_view authorization_header);

}  // namespace absah::server
