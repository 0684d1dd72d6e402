// Shared by the `quhua registry ...` subcommands: the common flags (--db, --user, --lang, --format,
// --out) and how results are printed or written.
#pragma once

#include "quhua/service/registry.hpp"
#include "quhua/util/report_table.hpp"

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace quhua::cli::registry_cli {

struct CommonFlags {
  std::string db = "quhua.sqlite";
  std::string user;
  std::string lang = "zh";
  std::string format = "text";
  std::string out;
};

/// Adds --db and --user (writers) to a subcommand.
void add_db_flags(CLI::App* cmd, CommonFlags& flags);
/// Adds --lang, --format and --out.
void add_output_flags(CLI::App* cmd, CommonFlags& flags);

/// The registry handle for the service: path, writer, and the command line for the audit log.
service::RegistryDb registry_db(const CLI::App* cmd, const CommonFlags& flags);

/// Writes `tables` to --out (format from its extension), or prints them to stdout in --format
/// (text: every table; csv: the first table; json: all; xlsx needs --out).
void emit(const std::vector<util::ReportTable>& tables, const CommonFlags& flags);

/// Prints findings to stderr (one line each); returns how many were errors.
std::size_t print_findings(const Findings& findings);

void add_history_commands(CLI::App* registry, CommonFlags& flags);
void add_change_commands(CLI::App* registry, CommonFlags& flags);

}  // namespace quhua::cli::registry_cli
