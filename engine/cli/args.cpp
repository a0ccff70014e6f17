#include "engine/cli/args.h"

namespace absah::cli {

std::optional<std::string> Args::get(const std::string& name) const {
  auto it = values.find(name);
  if (it == values.end()) return std::nullopt;
  return it->second;
}

std::string Args::get_or(const std::string& name, const std::string& fallback) const {
  return get(name).value_or(fallback);
}

Result<Args> parse_args(const std::vector<std::string>& argv, const ArgSpec& spec) {
  Args args;
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a.size() > 2 && a.rfind("--", 0) == 0) {
      std::string name = a.substr(2);
      std::optional<std::string> inline_value;
      if (auto eq = name.find('='); eq != std::string::npos) {
        inline_value = name.substr(eq + 1);
        name = name.substr(0, eq);
      }
      if (spec.flags.count(name)) {
        if (inline_value) return Error(ErrorCode::Usage, "--" + name, "option takes no value");
        args.flags.insert(name);
      } else if (spec.valued.count(name)) {
        if (inline_value) {
          args.values[name] = *inline_value;
        } else {
          if (i + 1 >= argv.size())
            return Error(ErrorCode::Usage, "--" + name, "option needs a value");
          args.values[name] = argv[++i];
        }
      } else {
        return Error(ErrorCode::Usage, "--" + name, "unknown option");
      }
    } else {
      args.positional.push_back(a);
    }
  }
  return args;
}

}  // namespace absah::cli
