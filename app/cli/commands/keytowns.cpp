// `quhua keytowns rank|assess|history|fund`: key towns (重点镇) -- multi-criteria ranking with an exact
// constrained top-K and weight robustness, the annual assessment kept in a SQLite store, its history,
// and the support fund's split. Flags -> service request -> service -> tables printed or written.
#include "quhua/service/keytowns.hpp"

#include "../cli.hpp"
#include "../import_options.hpp"

#include "quhua/io/table_writer.hpp"
#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <iostream>
#include <memory>

namespace quhua::cli {

namespace {

/// Output flags shared by the subcommands.
struct Output {
  std::string format = "text";
  std::string out;
  std::string lang = "zh";

  void add_to(CLI::App* cmd) {
    cmd->add_option("--format", format, "stdout format: text, csv, json")
        ->check(CLI::IsMember({"text", "csv", "json"}));
    cmd->add_option("--out", out, "also write every table to FILE (.csv, .json, .xlsx, .txt)");
    cmd->add_option("--lang", lang, "language of headers and labels: zh or en");
  }

  /// Prints the tables to stdout in the chosen format (csv: `csv_table`, or the first table) and writes
  /// them all to --out when given.
  void emit(const std::vector<util::ReportTable>& tables, const util::ReportTable* csv_table = nullptr) const {
    const util::Language language = util::parse_language(lang);
    if (!out.empty()) io::write_tables(out, tables, language);
    if (format == "csv") {
      std::cout << io::table_to_csv(csv_table ? *csv_table : tables.front());
    } else if (format == "json") {
      std::cout << io::tables_to_json(tables).dump(2) << '\n';
    } else {
      std::cout << io::render_text(tables, language);
    }
  }
};

// Warnings and notes (the import's, with --units) on stderr in the output's language, as every command.
void print_findings(const Findings& findings, const Output& output) {
  cli::print_findings(findings, util::parse_language(output.lang), std::cerr);
}

/// "a,b,c" -> {"a", "b", "c"} (blanks trimmed, empty parts dropped).
std::vector<std::string> list(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& part : util::split(text, ',')) {
    const auto item = util::trim(part);
    if (!item.empty()) out.emplace_back(item);
  }
  return out;
}

/// "NAME=VALUE,NAME=VALUE" -> pairs; a part without '=' is a UsageError naming `flag`.
std::vector<std::pair<std::string, std::string>> assignments(const std::string& text, const std::string& flag) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& part : list(text)) {
    const auto eq = part.rfind('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == part.size()) {
      throw UsageError(flag + ": '" + part + "' is not NAME=VALUE");
    }
    out.emplace_back(std::string(util::trim(part.substr(0, eq))), std::string(util::trim(part.substr(eq + 1))));
  }
  return out;
}

std::string default_actor() {
  if (const char* user = std::getenv("USER"); user && *user) return user;
  if (const char* user = std::getenv("USERNAME"); user && *user) return user;
  return {};
}

struct RankFlags {
  service::RankRequest request;
  std::string method = "entropy-topsis";
  std::string directions, weights, include, exclude, indicators;
  std::string normalization, entropy_basis = "raw", combination = "linear", perturbation = "dirichlet";
  service::ImportRequest units;  ///< --units, --fields
  std::string types;             ///< --types
  Output output;
};

void add_rank(CLI::App& parent) {
  auto flags = std::make_shared<RankFlags>();
  auto* cmd = parent.add_subcommand("rank",
                                    "rank towns by indicators (entropy/AHP/given weights, TOPSIS or weighted "
                                    "sum), pick the top K under rules, test robustness");
  auto& r = flags->request;
  auto* indicators = cmd->add_option("--indicators", r.indicators_path,
                                     "CSV/XLSX: code, optional name and parent, numeric indicators");
  // Or a unit layer: its resident population, area and named indicators.
  auto* units = cmd->add_option("--units", flags->units.units_path,
                                "instead of --indicators: a unit layer (GeoJSON, Shapefile, GPKG ...) whose resident "
                                "population, area and indicator fields are the indicators");
  indicators->excludes(units);
  cmd->add_option("--fields", flags->units.fields, "with --units: field mapping, e.g. code=XZQDM,name=XZQMC");
  cmd->add_option("--types", flags->types, "with --units: only these unit types, e.g. 镇,街道 (default: all)");
  cmd->add_option("--sheet", r.sheet, "XLSX sheet (default: the first)");
  cmd->add_option("--method", flags->method,
                  "entropy-topsis | ahp-topsis | weights-topsis | combined-topsis, or -wsm for the weighted sum");
  cmd->add_option("--directions", flags->directions, "NAME=+|-,... (indicators not listed are benefit, +)");
  cmd->add_option("--columns", flags->indicators, "indicator columns to use, NAME,... (default: every other column)");
  cmd->add_option("--code-column", r.columns.code_column, "column with the unit code (default code)");
  cmd->add_option("--name-column", r.columns.name_column, "column with the unit name (default name)");
  cmd->add_option("--parent-column", r.columns.parent_column,
                  "column with the parent (county) code (default parent/parent_code, else derived from NBS codes)");
  cmd->add_option("--ahp", r.ahp_path, "pairwise comparison matrix of the indicators (CSV/XLSX)");
  cmd->add_option("--max-cr", r.ahp.max_cr, "largest AHP consistency ratio accepted (default 0.1)");
  cmd->add_option("--weights", flags->weights, "given weights NAME=W,... (normalised to sum 1)");
  cmd->add_option("--alpha", r.alpha, "combined: weight of the subjective vector (default 0.5)");
  cmd->add_option("--combine", flags->combination, "combined: linear | multiplicative");
  cmd->add_option("--normalization", flags->normalization, "TOPSIS normalisation: vector (default) | min-max");
  cmd->add_option("--entropy-basis", flags->entropy_basis, "entropy on raw values (default) | min-max");
  cmd->add_option("--top", r.selection.k, "pick the K best under the rules below");
  cmd->add_option("--max-per-parent", r.selection.max_per_parent, "at most N picked per parent (county)");
  cmd->add_option("--include", flags->include, "codes that must be picked, CODE,...");
  cmd->add_option("--exclude", flags->exclude, "codes that must not be picked, CODE,...");
  cmd->add_option("--robustness", r.robustness_samples, "Monte Carlo weight draws (0: none)");
  cmd->add_option("--seed", r.robustness.seed, "random seed of the draws");
  cmd->add_option("--perturbation", flags->perturbation, "dirichlet (default) | uniform");
  cmd->add_option("--concentration", r.robustness.concentration, "Dirichlet concentration (default 100)");
  cmd->add_option("--uniform-range", r.robustness.uniform_range, "uniform: +-fraction of each weight (default 0.2)");
  cmd->add_option("--threads", r.robustness.threads, "threads for the draws (same result for any count)");
  flags->output.add_to(cmd);
  cmd->callback([flags] {
    auto& request = flags->request;
    request.method = service::parse_rank_method(flags->method);
    for (const auto& [name, sign] : assignments(flags->directions, "--directions")) {
      const auto direction = mcda::parse_direction(sign);
      if (!direction) throw UsageError("--directions: '" + sign + "' for " + name + " is not + or -");
      request.columns.directions[name] = *direction;
    }
    for (const auto& [name, value] : assignments(flags->weights, "--weights")) {
      const auto weight = util::parse_double(value);
      if (!weight) throw UsageError("--weights: '" + value + "' for " + name + " is not a number");
      request.weights[name] = *weight;
    }
    request.columns.indicators = list(flags->indicators);
    if (!flags->units.units_path.empty()) {
      request.units = flags->units;
      request.unit_types = list(flags->types);
    } else if (request.indicators_path.empty()) {
      throw UsageError("give --indicators FILE (a table) or --units FILE (a unit layer)");
    } else if (!flags->types.empty() || !flags->units.fields.empty()) {
      throw UsageError("--types and --fields go with --units");
    }
    request.selection.include = list(flags->include);
    request.selection.exclude = list(flags->exclude);
    if (!flags->normalization.empty()) {
      if (flags->normalization == "vector") {
        request.normalization = mcda::Normalization::vector;
      } else if (flags->normalization == "min-max" || flags->normalization == "minmax") {
        request.normalization = mcda::Normalization::min_max;
      } else {
        throw UsageError("--normalization is vector or min-max");
      }
    }
    if (flags->entropy_basis != "raw" && flags->entropy_basis != "min-max")
      throw UsageError("--entropy-basis is raw or min-max");
    request.entropy_basis = flags->entropy_basis == "raw" ? mcda::EntropyBasis::raw_share : mcda::EntropyBasis::min_max;
    if (flags->combination != "linear" && flags->combination != "multiplicative") {
      throw UsageError("--combine is linear or multiplicative");
    }
    request.combination =
        flags->combination == "linear" ? service::Combination::linear : service::Combination::multiplicative;
    if (flags->perturbation != "dirichlet" && flags->perturbation != "uniform") {
      throw UsageError("--perturbation is dirichlet or uniform");
    }
    request.robustness.perturbation =
        flags->perturbation == "dirichlet" ? mcda::Perturbation::dirichlet : mcda::Perturbation::uniform;
    const RunControl control;
    const auto result = service::rank_keytowns(request, control);
    print_findings(result.findings, flags->output);
    const auto scores = service::rank_score_table(result);
    flags->output.emit(service::rank_tables(result), &scores);
  });
}

struct AssessFlags {
  service::AssessRequest request;
  Output output;
};

void add_assess(CLI::App& parent) {
  auto flags = std::make_shared<AssessFlags>();
  auto* cmd =
      parent.add_subcommand("assess", "annual assessment of key towns against their targets (kept in the store)");
  auto& r = flags->request;
  cmd->add_option("--db", r.db_path, "SQLite store of the key towns")->required();
  cmd->add_option("--year", r.year, "assessment year")->required();
  cmd->add_option("--actuals", r.actuals_path, "the year's figures: code,indicator,value or one column per indicator")
      ->required();
  cmd->add_option("--towns", r.towns_path, "register/update key towns first: code,name[,parent][,designated_year]");
  cmd->add_option("--targets", r.targets_path, "set targets first: code,indicator,year,target[,comparison][,unit]");
  cmd->add_option("--rules", r.rules_path, "JSON rules (warning_floor, warning_years, rectification_years ...)");
  r.actor = default_actor();
  cmd->add_option("--actor", r.actor, "who assesses, for the history and audit log (default: $USER)");
  cmd->add_option("--note", r.note, "note kept with this year's run");
  flags->output.add_to(cmd);
  cmd->callback([flags] {
    const auto result = service::assess_keytowns(flags->request);
    print_findings(result.findings, flags->output);
    flags->output.emit(service::assess_tables(result, util::parse_language(flags->output.lang)));
  });
}

struct HistoryFlags {
  service::KeytownHistoryRequest request;
  Output output;
};

void add_history(CLI::App& parent) {
  auto flags = std::make_shared<HistoryFlags>();
  auto* cmd = parent.add_subcommand("history", "the key towns' register, every assessment, and the audit log");
  cmd->add_option("--db", flags->request.db_path, "SQLite store of the key towns")->required();
  cmd->add_option("--code", flags->request.code, "one town only");
  cmd->add_flag("--audit", flags->request.audit, "include the audit log (who changed what, when)");
  flags->output.add_to(cmd);
  cmd->callback([flags] {
    const auto result = service::keytown_history(flags->request);
    const auto tables = service::history_tables(result, util::parse_language(flags->output.lang));
    flags->output.emit(tables, &tables[1]);
  });
}

struct FundFlags {
  service::FundRequest request;
  std::string budget, min, max;
  Output output;
};

void add_fund(CLI::App& parent) {
  auto flags = std::make_shared<FundFlags>();
  auto* cmd = parent.add_subcommand("fund", "split a support fund among towns by score, exact to the fen");
  auto& r = flags->request;
  cmd->add_option("--scores", r.scores_path, "CSV/XLSX: code, score[, name][, min_yuan][, max_yuan]")->required();
  cmd->add_option("--sheet", r.sheet, "XLSX sheet (default: the first)");
  cmd->add_option("--score-column", r.score_column, "column with the score (default score)");
  cmd->add_option("--budget-yuan", flags->budget, "budget in yuan (e.g. 68000000)")->required();
  cmd->add_option("--min-yuan", flags->min, "minimum per town in yuan (default 0)");
  cmd->add_option("--max-yuan", flags->max, "maximum per town in yuan (default: the budget)");
  cmd->add_option("--top", r.top, "fund only the K best scores");
  cmd->add_option("--db", r.db_path, "key-town store: towns disqualified there are not funded");
  flags->output.add_to(cmd);
  cmd->callback([flags] {
    auto& request = flags->request;
    request.rules.budget_fen = keytowns::parse_yuan(flags->budget, "--budget-yuan");
    if (!flags->min.empty()) request.rules.min_fen = keytowns::parse_yuan(flags->min, "--min-yuan");
    if (!flags->max.empty()) request.rules.max_fen = keytowns::parse_yuan(flags->max, "--max-yuan");
    const auto result = service::fund_keytowns(request);
    print_findings(result.findings, flags->output);
    flags->output.emit(service::fund_tables(result, util::parse_language(flags->output.lang)));
  });
}

}  // namespace

void add_keytowns_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("keytowns", "key towns (重点镇): rank, assess, history, fund");
  cmd->require_subcommand(1);
  add_rank(*cmd);
  add_assess(*cmd);
  add_history(*cmd);
  add_fund(*cmd);
}

}  // namespace quhua::cli
