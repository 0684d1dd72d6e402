#include "cli.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>
#include <iostream>

#include "quhua/util/error.hpp"

namespace quhua::cli {

int run(int argc, char** argv) {
  CLI::App app{"quhua 区划 -- township administrative division adjustment planning"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "quhua 0.1.0");
  add_version_command(app);
  add_plan_command(app);

  try {
    app.parse(argc, argv);
    return 0;
  } catch (const CLI::ParseError& e) {
    // CLI11 prints help to stdout and errors to stderr; usage errors exit 2 like every quhua usage error.
    const int rc = app.exit(e);
    return rc == 0 ? 0 : exit_code(ErrorCode::usage);
  } catch (const Error& e) {
    std::cerr << "quhua: error [" << error_key(e.code()) << "]: " << e.what() << '\n';
    return exit_code(e.code());
  } catch (const std::exception& e) {
    std::cerr << "quhua: internal error: " << e.what() << '\n';
    return exit_code(ErrorCode::internal);
  }
}

}  // namespace quhua::cli
