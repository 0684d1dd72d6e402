// `quhua registry ...`: the division registry (区划代码库). This file: the common flags and output,
// init, import-nbs, snapshots, seed, diff, crosswalk, drift, audit. History queries are in
// registry_history.cpp, recording changes in registry_changes.cpp.
#include "../cli.hpp"
#include "registry_common.hpp"

#include "quhua/io/table_writer.hpp"
#include "quhua/service/registry_tables.hpp"
#include "quhua/util/error.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

namespace quhua::cli {
namespace registry_cli {

void add_db_flags(CLI::App* cmd, CommonFlags& flags) {
  cmd->add_option("--db", flags.db, "registry database file / 代码库文件")->capture_default_str();
  cmd->add_option("--user", flags.user, "who writes, for the audit log (default $QUHUA_USER, $USER) / 操作人");
}

void add_output_flags(CLI::App* cmd, CommonFlags& flags) {
  cmd->add_option("--lang", flags.lang, "zh or en (headers and titles)")->capture_default_str();
  cmd->add_option("--format", flags.format, "text, csv, json or xlsx (xlsx needs --out)")
      ->check(CLI::IsMember({"text", "csv", "json", "xlsx"}))
      ->capture_default_str();
  cmd->add_option("--out", flags.out, "write to FILE (.csv, .json, .xlsx, .txt) / 输出文件");
}

service::RegistryDb registry_db(const CLI::App* cmd, const CommonFlags& flags) {
  std::string line = "quhua registry " + cmd->get_name();
  for (const CLI::Option* opt : cmd->get_options()) {
    if (opt->count() == 0 || opt->get_name() == "--help") continue;
    line += " " + opt->get_name();
    for (const auto& value : opt->results()) line += " " + value;
  }
  return service::RegistryDb{flags.db, flags.user, line};
}

void emit(const std::vector<util::ReportTable>& tables, const CommonFlags& flags) {
  const auto language = util::parse_language(flags.lang);
  if (!flags.out.empty()) {
    io::write_tables(flags.out, tables, language);
    std::cerr << "wrote " << flags.out << '\n';
    return;
  }
  if (flags.format == "csv") {
    if (!tables.empty()) std::cout << io::table_to_csv(tables.front());
  } else if (flags.format == "json") {
    std::cout << io::tables_to_json(tables).dump(2) << '\n';
  } else if (flags.format == "xlsx") {
    throw UsageError("--format xlsx writes a file: give --out FILE.xlsx");
  } else {
    std::cout << io::render_text(tables, language);
  }
}

std::size_t print_findings(const Findings& findings) {
  for (const auto& line : summary_lines(findings)) std::cerr << line << '\n';
  return findings.count(Severity::error);
}

}  // namespace registry_cli

namespace {

using registry_cli::CommonFlags;

std::optional<registry::Date> optional_date(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return registry::Date::parse(text);
}

void add_init(CLI::App* registry, CommonFlags& flags) {
  auto* cmd = registry->add_subcommand("init", "create (or upgrade) the registry database / 创建代码库");
  registry_cli::add_db_flags(cmd, flags);
  cmd->callback([cmd, &flags] {
    const auto r = service::registry_init(registry_cli::registry_db(cmd, flags));
    std::cout << (r.created ? "created " : "opened ") << r.path << ": " << r.counts.units_in_force
              << " units in force, " << r.counts.events << " events, " << r.counts.snapshots << " snapshots\n";
  });
}

void add_import(CLI::App* registry, CommonFlags& flags) {
  auto* cmd = registry->add_subcommand(
      "import-nbs", "import an NBS edition (统计用区划代码) as a named snapshot / 导入统计用区划代码");
  auto request = std::make_shared<service::ImportSnapshotRequest>();
  auto date = std::make_shared<std::string>();
  auto source = std::make_shared<std::string>();
  cmd->add_option("--dir", *source, "edition folder (provinces/cities/areas/streets.csv) or a code,name table")
      ->required();
  cmd->add_option("--as", request->name, "snapshot name, e.g. 2019 / 版本名")->required();
  cmd->add_option("--date", *date, "cut-off date YYYY-MM-DD (known for NBS 2016-2023)");
  cmd->add_flag("--replace", request->replace, "overwrite a snapshot of the same name");
  cmd->add_flag("--seed", request->seed, "also open registry units from it (baseline) / 同时建库");
  cmd->add_option("--within", request->seed_within, "seed only inside this code (e.g. 510104)");
  registry_cli::add_db_flags(cmd, flags);
  registry_cli::add_output_flags(cmd, flags);
  cmd->callback([cmd, &flags, request, date, source] {
    request->db = registry_cli::registry_db(cmd, flags);
    request->source = *source;
    request->as_of = optional_date(*date);
    registry_cli::emit(service::import_tables(service::registry_import_snapshot(*request)), flags);
  });
}

void add_snapshots(CLI::App* registry, CommonFlags& flags) {
  auto* cmd = registry->add_subcommand("snapshots", "list imported official editions / 列出已导入版本");
  registry_cli::add_db_flags(cmd, flags);
  registry_cli::add_output_flags(cmd, flags);
  cmd->callback([cmd, &flags] {
    registry_cli::emit(
        service::snapshot_list_tables(service::registry_snapshots(registry_cli::registry_db(cmd, flags))), flags);
  });
}

void add_seed(CLI::App* registry, CommonFlags& flags) {
  auto* cmd = registry->add_subcommand("seed", "open registry units from a snapshot (baseline) / 以官方版本建库");
  auto request = std::make_shared<service::SeedRequest>();
  auto date = std::make_shared<std::string>();
  cmd->add_option("--snapshot", request->snapshot, "imported snapshot name or edition folder")->required();
  cmd->add_option("--within", request->within, "only inside this code (e.g. 510104), with its ancestors");
  cmd->add_option("--date", *date, "in force from (default: the snapshot's date)");
  registry_cli::add_db_flags(cmd, flags);
  cmd->callback([cmd, &flags, request, date] {
    request->db = registry_cli::registry_db(cmd, flags);
    request->valid_from = optional_date(*date);
    const auto r = service::registry_seed(*request);
    std::cout << "seeded " << r.seeded_units << " units in force from " << r.valid_from.text() << '\n';
  });
}

void add_diff(CLI::App* registry, CommonFlags& flags) {
  auto* cmd = registry->add_subcommand("diff", "infer change events between two editions / 比较两个版本");
  auto request = std::make_shared<service::DiffRequest>();
  cmd->add_option("--before", request->before, "edition folder, table or imported snapshot name")->required();
  cmd->add_option("--after", request->after, "edition folder, table or imported snapshot name")->required();
  cmd->add_option("--review-below", request->review_below, "confidence under which a row is for review")
      ->capture_default_str();
  registry_cli::add_db_flags(cmd, flags);
  registry_cli::add_output_flags(cmd, flags);
  cmd->callback([&flags, request] {
    request->db_path = flags.db;
    const auto r = service::registry_diff(*request);
    registry_cli::emit(service::diff_tables(r), flags);
    const auto& t = r.diff.totals;
    std::cerr << r.before_name << " -> " << r.after_name << ": " << r.diff.rows.size() << " events (abolished "
              << t.abolished << ", established " << t.established << ", renamed " << t.renamed << ", moved " << t.moved
              << ", merged " << t.merged << "), " << t.form_only << " form-only name changes, " << r.diff.review_count
              << " for review (confidence < " << request->review_below << ")\n";
  });
}

void add_crosswalk(CLI::App* registry, CommonFlags& flags) {
  auto* cmd = registry->add_subcommand("crosswalk", "old -> new code table with weights / 新旧区划对照表");
  auto request = std::make_shared<service::CrosswalkRequest>();
  auto level = std::make_shared<std::string>("township");
  auto by = std::make_shared<std::string>("population");
  cmd->add_option("--from", request->from, "date YYYY-MM-DD or snapshot name")->required();
  cmd->add_option("--to", request->to, "date YYYY-MM-DD or snapshot name")->required();
  cmd->add_option("--within", request->within, "only units inside this code");
  cmd->add_option("--level", *level, "township, county or all")
      ->check(CLI::IsMember({"township", "county", "prefecture", "province", "all"}))
      ->capture_default_str();
  cmd->add_option("--values", request->values, "table of code + a statistic to convert / 待换算数据");
  cmd->add_option("--value", request->value_column, "the column to convert (default: the first numeric one)");
  cmd->add_option("--by", *by, "population (counts) or area (land)")
      ->check(CLI::IsMember({"population", "area"}))
      ->capture_default_str();
  registry_cli::add_db_flags(cmd, flags);
  registry_cli::add_output_flags(cmd, flags);
  cmd->callback([cmd, &flags, request, level, by] {
    request->db = registry_cli::registry_db(cmd, flags);
    request->level = *level == "all" ? std::nullopt : model::parse_level(*level);
    request->by = *by == "area" ? registry::ConvertBy::area : registry::ConvertBy::population;
    const auto r = service::registry_crosswalk(*request);
    registry_cli::emit(service::crosswalk_tables(r), flags);
    if (r.conversion) {
      std::cerr << "source total " << r.conversion->source_total << ", converted " << r.conversion->converted_total
                << ", unallocated " << r.conversion->unallocated << '\n';
    }
  });
}

void add_drift(CLI::App* registry, CommonFlags& flags) {
  auto* cmd = registry->add_subcommand("drift", "compare the registry with an official edition / 与官方版本核对");
  auto request = std::make_shared<service::DriftRequest>();
  auto date = std::make_shared<std::string>();
  cmd->add_option("--against", request->against, "imported snapshot name or edition folder")->required();
  cmd->add_option("--date", *date, "the edition's date when it is not a known NBS edition");
  cmd->add_flag("--all", request->whole_table, "compare every official unit, not only the registry's counties");
  registry_cli::add_db_flags(cmd, flags);
  registry_cli::add_output_flags(cmd, flags);
  cmd->callback([cmd, &flags, request, date] {
    request->db = registry_cli::registry_db(cmd, flags);
    request->as_of = optional_date(*date);
    const auto r = service::registry_drift(*request);
    registry_cli::emit(service::drift_tables(r), flags);
    std::cerr << r.drift.differences << " differences between the registry and " << r.snapshot << " (" << r.as_of.text()
              << ")\n";
  });
}

void add_audit(CLI::App* registry, CommonFlags& flags) {
  auto* cmd = registry->add_subcommand("audit", "show the audit log, newest first / 操作日志");
  auto limit = std::make_shared<std::size_t>(50);
  cmd->add_option("--limit", *limit, "how many entries")->capture_default_str();
  registry_cli::add_db_flags(cmd, flags);
  registry_cli::add_output_flags(cmd, flags);
  cmd->callback([cmd, &flags, limit] {
    registry_cli::emit(service::audit_tables(service::registry_audit(registry_cli::registry_db(cmd, flags), *limit)),
                       flags);
  });
}

}  // namespace

void add_registry_command(CLI::App& app) {
  auto* registry =
      app.add_subcommand("registry", "division registry: codes, change events, history, crosswalks / 区划代码库");
  registry->require_subcommand(1);
  static CommonFlags flags;  // one subcommand runs per process
  add_init(registry, flags);
  add_import(registry, flags);
  add_snapshots(registry, flags);
  add_seed(registry, flags);
  add_diff(registry, flags);
  add_crosswalk(registry, flags);
  add_drift(registry, flags);
  add_audit(registry, flags);
  registry_cli::add_history_commands(registry, flags);
  registry_cli::add_change_commands(registry, flags);
}

}  // namespace quhua::cli
