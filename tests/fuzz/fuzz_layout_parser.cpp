// Layout files → parser. The input is written as one .jsonc file next to the real
// layouts/parts, so `$include` of the shared parts resolves as it does for real layouts.

#include <unistd.h>

#include <fstream>

#include "engine/layout/layout_loader.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

const std::filesystem::path& work_dir() {
  static const std::filesystem::path dir = [] {
    namespace fs = std::filesystem;
    fs::path d = fs::temp_directory_path() / ("absah-fuzz-layout." + std::to_string(getpid()));
    fs::create_directories(d);
    std::error_code ignored;
    fs::create_directory_symlink(absah::fuzz::data_dir() / "layouts" / "parts", d / "parts",
                                 ignored);
    return d;
  }();
  return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace absah;
  const auto file = work_dir() / "fuzzed.jsonc";
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  auto doc = layout::read_jsonc_with_includes(file, work_dir());
  if (!doc) return 0;
  auto spec = layout::parse_layout(*doc, "fuzzed");
  (void)spec;
  return 0;
}
