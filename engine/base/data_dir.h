#pragma once
// Where layouts/, fonts/ and samples/ live. Resolution order: an explicit path, the
// ABSAH_DATA_DIR environment variable, then the source tree the binary was built from.

#include <filesystem>
#include <string>

namespace absah {

std::filesystem::path resolve_data_dir(const std::string& explicit_dir = {});

}  // namespace absah
