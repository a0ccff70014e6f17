#include "engine/base/data_dir.h"

#include <cstdlib>

namespace absah {

std::filesystem::path resolve_data_dir(const std::string& explicit_dir) {
  if (!explicit_dir.empty()) return explicit_dir;
  if (const char* env = std::getenv("ABSAH_DATA_DIR"); env && *env) return env;
  return ABSAH_SOURCE_DATA_DIR;
}

}  // namespace absah
