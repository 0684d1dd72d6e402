#include "cli.hpp"

#include <CLI/CLI.hpp>

#include <cstring>
#include <exception>
#include <iostream>

#include "import_options.hpp"
#include "quhua/util/error.hpp"

namespace quhua::cli {
namespace {

/// The --lang the user gave, for messages printed before or without a parsed command.
util::Language language_of(int argc, char** argv) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--lang") == 0 && std::strncmp(argv[i + 1], "en", 2) == 0) return util::Language::en;
  }
  return util::Language::zh;
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"quhua 区划 -- township administrative division adjustment planning"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "quhua 0.1.0");
  add_access_command(app);
  add_demo_command(app);
  add_diagnose_command(app);
  add_evaluate_command(app);
  add_facilities_command(app);
  add_generate_command(app);
  add_graph_command(app);
  add_keytowns_command(app);
  add_registry_command(app);
  add_units_command(app);
  add_version_command(app);
  add_plan_command(app);

  try {
    app.parse(argc, argv);
    return 0;
  } catch (const CLI::ParseError& e) {
    // CLI11 prints help to stdout and errors to stderr; usage errors exit 2 like every quhua usage error.
    const int rc = app.exit(e);
    return rc == 0 ? 0 : exit_code(ErrorCode::usage);
  } catch (const service::ImportFailed& e) {
    // Every finding, not just the first: the user fixes the file once.
    print_findings(e.findings(), language_of(argc, argv), std::cerr);
    std::cerr << "quhua: error [" << error_key(e.code()) << "]: " << e.what() << '\n';
    return exit_code(e.code());
  } catch (const Error& e) {
    std::cerr << "quhua: error [" << error_key(e.code()) << "]: " << e.what() << '\n';
    return exit_code(e.code());
  } catch (const std::exception& e) {
    std::cerr << "quhua: internal error: " << e.what() << '\n';
    return exit_code(ErrorCode::internal);
  }
}

}  // namespace quhua::cli
