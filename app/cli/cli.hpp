// Entry point of the command-line front end and the registration of its subcommands.
// Each subcommand lives in commands/<name>.cpp: it parses flags into a service request, calls the
// service and prints; it computes nothing itself.
#pragma once

namespace CLI {
class App;
}

namespace quhua::cli {

/// Parses argv, runs the chosen subcommand and returns the process exit status:
/// 0 success, 2 usage error, 3 input error, 4 storage error, 5 internal error.
int run(int argc, char** argv);

// Subcommand registration, one per commands/*.cpp.
void add_access_command(CLI::App& app);
void add_demo_command(CLI::App& app);
void add_diagnose_command(CLI::App& app);
void add_evaluate_command(CLI::App& app);
void add_facilities_command(CLI::App& app);
void add_generate_command(CLI::App& app);
void add_graph_command(CLI::App& app);
void add_keytowns_command(CLI::App& app);
void add_registry_command(CLI::App& app);
void add_units_command(CLI::App& app);
void add_version_command(CLI::App& app);
void add_plan_command(CLI::App& app);

}  // namespace quhua::cli
