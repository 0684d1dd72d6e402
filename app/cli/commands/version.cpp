// `quhua version`: versions of quhua and of the libraries it was built with.
#include <CLI/CLI.hpp>

#include <iostream>

#include "../cli.hpp"

namespace quhua::cli {

void add_version_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("version", "print the version of quhua");
  cmd->callback([] { std::cout << "quhua 0.1.0\n"; });
}

}  // namespace quhua::cli
