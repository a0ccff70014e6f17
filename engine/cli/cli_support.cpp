#include "engine/cli/cli_support.h"

#include <chrono>
#include <cstdlib>
#include <ostream>

#include "engine/base/data_dir.h"

namespace absah::cli {

void print_error(std::ostream& out, const Error& error) {
  out << "error: " << error.describe() << "\n";
}

Result<int64_t> current_time_unix() {
  if (const char* sde = std::getenv("SOURCE_DATE_EPOCH"); sde && *sde) {
    char* end = nullptr;
    long long v = std::strtoll(sde, &end, 10);
    if (*end != '\0' || v < 0)
      return Error(ErrorCode::Usage, "SOURCE_DATE_EPOCH",
                   "must be a non-negative integer of seconds");
    return static_cast<int64_t>(v);
  }
  return static_cast<int64_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                  std::chrono::system_clock::now().time_since_epoch())
                                  .count());
}

Result<std::unique_ptr<render::Renderer>> make_renderer(const std::string& data_dir_option) {
  render::RendererConfig config;
  config.data_dir = resolve_data_dir(data_dir_option);
  return render::Renderer::create(config);
}

}  // namespace absah::cli
