// absah layouts [--data-dir D]: the document types with family, paper and page count (page
// count from rendering the type's sample when there is one; fixed layouts know theirs).

#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "engine/base/data_dir.h"
#include "engine/base/file_io.h"
#include "engine/cli/args.h"
#include "engine/cli/cli_support.h"
#include "engine/cli/commands.h"

namespace absah::cli {

int run_layouts(const Argv& argv) {
  auto args = parse_args(argv, ArgSpec{{"data-dir"}, {}});
  if (!args) {
    print_error(std::cerr, args.error());
    return kExitUsage;
  }
  const auto data_dir = resolve_data_dir(args->get_or("data-dir", ""));
  auto renderer = make_renderer(data_dir.string());
  if (!renderer) {
    print_error(std::cerr, renderer.error());
    return kExitUsage;
  }
  int failures = 0;
  std::printf("%-30s %-7s %-6s %-10s %s\n", "TYPE", "FAMILY", "PAPER", "ORIENT", "PAGES  TITLE");
  for (const std::string& type : (*renderer)->types()) {
    auto spec = (*renderer)->layout(type);
    if (!spec) {
      std::printf("%-30s INVALID  %s\n", type.c_str(), spec.error().describe().c_str());
      ++failures;
      continue;
    }
    std::string pages = "-";
    if (auto sample = read_file(data_dir / "samples" / (type + ".json"))) {
      auto record = nlohmann::json::parse(*sample, nullptr, false);
      if (!record.is_discarded()) {
        auto doc = (*renderer)->render({type, record, 0});
        if (doc) pages = std::to_string(doc->pages);
      }
    }
    std::printf("%-30s %-7s %-6s %-10s %-6s %s\n", type.c_str(), (*spec)->family.c_str(),
                (*spec)->paper.c_str(), (*spec)->orientation.c_str(), pages.c_str(),
                (*spec)->title.c_str());
  }
  return failures ? kExitNegative : kExitOk;
}

}  // namespace absah::cli
