#pragma once
// The subcommands of the `absah` executable, one file each. Each takes the arguments after
// its name and returns the process exit code: 0 success, 1 a negative verdict (verify),
// 2 usage, input or I/O errors.

#include <string>
#include <vector>

namespace absah::cli {

using Argv = std::vector<std::string>;

int run_render(const Argv& args);
int run_demo(const Argv& args);
int run_layouts(const Argv& args);
int run_keys(const Argv& args);
int run_seal(const Argv& args);
int run_registry(const Argv& args);
int run_verify(const Argv& args);
int run_serve(const Argv& args);

}  // namespace absah::cli
