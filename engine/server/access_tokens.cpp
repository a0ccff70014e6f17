#include "engine/server/access_tokens.h"

#include <sys/stat.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include <openssl/crypto.h>

#include "engine/base/file_io.h"

namespace absah::server {

namespace {

constexpr size_t kMinTokenLength = 16;
constexpr size_t kMaxTokenLength = 512;
constexpr uint64_t kMaxTokensFileBytes = 1 << 20;

Status check_not_shared(const std::filesystem::path& path) {
  return check_owner_only(path, "tokens");
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  // The length of a stored token is not secret enough to hide, but comparing a fixed number
  // of bytes keeps the work the same for every guess of that length.
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

std::string_view to_string(Role role) {
  return role == Role::Issuer ? "issuer" : "officer";
}

Result<AccessTokens> AccessTokens::load(const std::filesystem::path& path) {
  ABSAH_TRY_STATUS(check_not_shared(path));
  auto text = read_file(path, kMaxTokensFileBytes);
  if (!text) return text.take_error();
  return parse(*text, path.string());
}

Result<AccessTokens> AccessTokens::parse(std::string_view text, const std::string& source) {
  AccessTokens tokens;
  size_t line_number = 0;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    std::string_view line = trim(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++line_number;
    if (line.empty() || line.front() == '#') continue;
    const std::string where = source + ":" + std::to_string(line_number);
    const size_t space = line.find_first_of(" \t");
    if (space == std::string_view::npos)
      return Error(ErrorCode::Usage, where, "expected `ROLE TOKEN`");
    const std::string_view role_text = line.substr(0, space);
    const std::string_view token = trim(line.substr(space));
    Role role;
    if (role_text == "issuer")
      role = Role::Issuer;
    else if (role_text == "officer")
      role = Role::Officer;
    else
      return Error(ErrorCode::Usage, where,
                   "unknown role '" + std::string(role_text) + "' (issuer or officer)");
    if (token.find_first_of(" \t") != std::string_view::npos)
      return Error(ErrorCode::Usage, where, "a token may not contain spaces");
    if (token.size() < kMinTokenLength || token.size() > kMaxTokenLength)
      return Error(ErrorCode::Usage, where,
                   "a token must have " + std::to_string(kMinTokenLength) + " to " +
                       std::to_string(kMaxTokenLength) + " characters");
    for (const Entry& e : tokens.m_entries)
      if (e.token == token) return Error(ErrorCode::Usage, where, "token listed twice");
    tokens.m_entries.push_back({role, std::string(token)});
  }
  if (tokens.m_entries.empty())
    return Error(ErrorCode::Usage, source, "no tokens: nobody could issue or verify");
  return tokens;
}

std::optional<Role> AccessTokens::role_of(std::string_view token) const {
  std::optional<Role> found;
  for (const Entry& e : m_entries)
    if (constant_time_equal(e.token, token) && !found) found = e.role;
  return found;
}

std::string_view bearer_token(std::string_view header) {
  constexpr std::string_view kScheme = "Bearer ";
  if (header.size() <= kScheme.size()) return {};
  for (size_t i = 0; i < kScheme.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(header[i])) !=
        std::tolower(static_cast<unsigned char>(kScheme[i])))
      return {};
  return trim(header.substr(kScheme.size()));
}

}  // namespace absah::server
