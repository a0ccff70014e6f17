#pragma once
// Shared pieces of the subcommands: error printing, the clock (SOURCE_DATE_EPOCH for
// reproducible builds, else now), and the renderer built from the data directory.

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>

#include "engine/base/error.h"
#include "engine/base/result.h"
#include "engine/render/renderer.h"

namespace absah::cli {

constexpr int kExitOk = 0;
constexpr int kExitNegative = 1;
constexpr int kExitUsage = 2;

void print_error(std::ostream& out, const Error& error);

// SOURCE_DATE_EPOCH (https://reproducible-builds.org/specs/source-date-epoch/) when set,
// otherwise the current time. The only place the engine's callers read the clock.
Result<int64_t> current_time_unix();

Result<std::unique_ptr<render::Renderer>> make_renderer(const std::string& data_dir_option);

}  // namespace absah::cli
