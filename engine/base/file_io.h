#pragma once
// Whole-file reads with a size bound, and atomic writes (temporary file in the same folder,
// fsync, rename) so that a failed or interrupted run never leaves a partial output behind.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "engine/base/result.h"

namespace absah {

constexpr uint64_t kDefaultMaxInputBytes = 64ull << 20;

Result<std::string> read_file(const std::filesystem::path& path,
                              uint64_t max_bytes = kDefaultMaxInputBytes);

// A secret (private key, tokens file) must be a regular file that only its owner can read:
// an error names the file, what it holds (`what`, e.g. "private key") and its mode.
Status check_owner_only(const std::filesystem::path& path, std::string_view what);

Status write_file_atomic(const std::filesystem::path& path, std::string_view bytes);

}  // namespace absah
