#pragma once
// A small command-line parser: `--name value`, `--name=value`, boolean `--flag`, and
// positional arguments. Unknown options are a usage error that names the option.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/base/result.h"

namespace absah::cli {

struct ArgSpec {
  std::set<std::string> valued;  // options that take a value, without the leading dashes
  std::set<std::string> flags;   // options without a value
};

struct Args {
  std::map<std::string, std::string> values;
  std::set<std::string> flags;
  std::vector<std::string> positional;

  bool has(const std::string& name) const { return values.count(name) || flags.count(name); }
  std::optional<std::string> get(const std::string& name) const;
  std::string get_or(const std::string& name, const std::string& fallback) const;
};

Result<Args> parse_args(const std::vector<std::string>& argv, const ArgSpec& spec);

}  // namespace absah::cli
