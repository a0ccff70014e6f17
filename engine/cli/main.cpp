// absah: render, sign, seal, register and verify Dukcapil documents.

#include <cstring>
#include <functional>
#include <iostream>
#include <map>
#include <string>

#include "engine/cli/commands.h"

namespace {

using Command = std::function<int(const absah::cli::Argv&)>;

const std::map<std::string, std::pair<Command, const char*>>& command_table() {
  static const std::map<std::string, std::pair<Command, const char*>> table = {
      {"render", {absah::cli::run_render, "render one document (or a batch) to PDF"}},
      {"demo", {absah::cli::run_demo, "render every sample under samples/ end to end"}},
      {"layouts", {absah::cli::run_layouts, "list the document types with format and pages"}},
      {"keys", {absah::cli::run_keys, "make the development PKI (keys init)"}},
      {"registry",
       {absah::cli::run_registry, "show, revoke, supersede issued documents; audit the log"}},
      {"verify",
       {absah::cli::run_verify, "check a signed PDF, scan or photo: signature, seal, registry"}},
      {"serve", {absah::cli::run_serve, "run the HTTP service: issue, verify, public QR page"}},
      {"seal", {absah::cli::run_seal, "decode and check the QR seal in an image (seal decode)"}},
  };
  return table;
}

void print_usage(std::ostream& out) {
  out << "usage: absah <command> [options]\n\ncommands:\n";
  for (const auto& [name, entry] : command_table())
    out << "  " << name << "\t" << entry.second << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0) {
    print_usage(argc < 2 ? std::cerr : std::cout);
    return argc < 2 ? 2 : 0;
  }
  auto it = command_table().find(argv[1]);
  if (it == command_table().end()) {
    std::cerr << "absah: unknown command '" << argv[1] << "'\n";
    print_usage(std::cerr);
    return 2;
  }
  absah::cli::Argv rest(argv + 2, argv + argc);
  return it->second.first(rest);
}
