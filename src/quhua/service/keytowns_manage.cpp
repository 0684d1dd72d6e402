// service: the key towns' dynamic management -- annual assessment against targets kept in the store,
// the history, and the support fund's apportionment. Reads the users' tables (CSV/XLSX) here.
#include "quhua/algorithms/mcda/scoring.hpp"
#include "quhua/io/spreadsheet_reader.hpp"
#include "quhua/service/keytowns.hpp"
#include "quhua/storage/database.hpp"
#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <set>
#include <tuple>
#include <sstream>

namespace quhua::service {

namespace {

/// One table with its file name and helpers that name file, row and column in every error.
struct InputTable {
  std::string path;
  util::CsvTable table;

  explicit InputTable(const std::string& file, const std::string& sheet = "") : path(file) {
    io::TableReadOptions options;
    options.sheet = sheet;
    table = io::read_table(file, options);
  }
  std::optional<std::size_t> column(std::initializer_list<const char*> names) const {
    for (const char* name : names) {
      if (auto c = table.column(name)) return c;
    }
    return std::nullopt;
  }
  std::size_t require(std::initializer_list<const char*> names) const {
    if (auto c = column(names)) return *c;
    throw InputError(
        ErrorCode::input_missing,
        "no column '" + std::string(*names.begin()) + "' (columns: " + util::join(table.header, ", ") + ")",
        ErrorContext{path, "", "", *names.begin()});
  }
  std::string feature(std::size_t row) const {
    return "line " + std::to_string(row < table.row_lines.size() ? table.row_lines[row] : row + 2);
  }
  std::string text(std::size_t row, std::size_t column) const {
    return std::string(util::trim(table.rows[row][column]));
  }
  std::string required_text(std::size_t row, std::size_t column) const {
    std::string value = text(row, column);
    if (value.empty()) {
      throw InputError(ErrorCode::input_value, "empty cell",
                       ErrorContext{path, "", feature(row), table.header[column]});
    }
    return value;
  }
  double number(std::size_t row, std::size_t column) const {
    const auto value = util::parse_double(table.rows[row][column]);
    if (!value) {
      throw InputError(ErrorCode::input_value, "not a number: '" + text(row, column) + "'",
                       ErrorContext{path, "", feature(row), table.header[column]});
    }
    return *value;
  }
  /// An amount in yuan as exact fen; empty cell or no column: nullopt.
  std::optional<keytowns::Fen> yuan(std::size_t row, std::optional<std::size_t> column) const {
    if (!column || text(row, *column).empty()) return std::nullopt;
    const auto fen = keytowns::try_parse_yuan(text(row, *column));
    if (!fen) {
      throw InputError(ErrorCode::input_value,
                       "not an amount in yuan (at most 2 decimals): '" + text(row, *column) + "'",
                       ErrorContext{path, "", feature(row), table.header[*column]});
    }
    return fen;
  }
  int integer(std::size_t row, std::size_t column) const {
    const auto value = util::parse_int(table.rows[row][column]);
    if (!value) {
      throw InputError(ErrorCode::input_value, "not a whole number: '" + text(row, column) + "'",
                       ErrorContext{path, "", feature(row), table.header[column]});
    }
    return static_cast<int>(*value);
  }
};

std::vector<storage::KeyTown> read_towns(const std::string& path) {
  const InputTable in(path);
  const auto code = in.require({"code"});
  const auto name = in.column({"name"});
  const auto parent = in.column({"parent", "parent_code"});
  const auto designated = in.column({"designated_year"});
  std::vector<storage::KeyTown> out;
  std::set<std::string> seen;
  for (std::size_t r = 0; r < in.table.rows.size(); ++r) {
    storage::KeyTown town;
    town.code = in.required_text(r, code);
    // A town listed twice would be registered, then silently "changed" by its second row.
    if (!seen.insert(town.code).second) {
      throw InputError(ErrorCode::input_duplicate, "town listed twice: " + town.code,
                       ErrorContext{path, "", in.feature(r), "code"});
    }
    if (name) town.name = in.text(r, *name);
    if (parent) town.parent_code = in.text(r, *parent);
    if (designated && !in.text(r, *designated).empty()) town.designated_year = in.integer(r, *designated);
    town.state.code = town.code;
    out.push_back(std::move(town));
  }
  return out;
}

std::vector<keytowns::Target> read_targets(const std::string& path) {
  const InputTable in(path);
  const auto code = in.require({"code"});
  const auto indicator = in.require({"indicator"});
  const auto year = in.require({"year"});
  const auto value = in.require({"target", "value"});
  const auto comparison = in.column({"comparison"});
  const auto unit = in.column({"unit"});
  std::vector<keytowns::Target> out;
  std::set<std::tuple<std::string, std::string, int>> seen;
  for (std::size_t r = 0; r < in.table.rows.size(); ++r) {
    keytowns::Target t;
    t.code = in.required_text(r, code);
    t.indicator = in.required_text(r, indicator);
    t.year = in.integer(r, year);
    t.value = in.number(r, value);
    if (comparison) {
      const auto parsed = keytowns::parse_comparison(in.text(r, *comparison));
      if (!parsed) {
        throw InputError(ErrorCode::input_value, "comparison must be >= or <=, not '" + in.text(r, *comparison) + "'",
                         ErrorContext{path, "", in.feature(r), "comparison"});
      }
      t.comparison = *parsed;
    }
    if (unit) t.unit = in.text(r, *unit);
    if (!seen.insert({t.code, t.indicator, t.year}).second) {
      throw InputError(ErrorCode::input_duplicate,
                       "target set twice for " + t.code + ", " + t.indicator + ", " + std::to_string(t.year),
                       ErrorContext{path, "", in.feature(r), t.indicator});
    }
    out.push_back(std::move(t));
  }
  return out;
}

/// Long form (code, indicator, value[, year]) or wide form (code[, name][, year], one column per
/// indicator; empty cells are "not reported").
std::vector<keytowns::Actual> read_actuals(const std::string& path, int year) {
  const InputTable in(path);
  const auto code = in.require({"code"});
  const auto year_column = in.column({"year"});
  auto year_of = [&](std::size_t r) {
    if (!year_column || in.text(r, *year_column).empty()) return year;
    const int y = in.integer(r, *year_column);
    if (y != year) {
      throw InputError(ErrorCode::input_value,
                       "figure for " + std::to_string(y) + " in an assessment of " + std::to_string(year),
                       ErrorContext{path, "", in.feature(r), "year"});
    }
    return y;
  };
  std::vector<keytowns::Actual> out;
  std::set<std::pair<std::string, std::string>> seen;
  auto add = [&](std::size_t r, keytowns::Actual a) {
    if (!seen.insert({a.code, a.indicator}).second) {
      throw InputError(ErrorCode::input_duplicate, "figure reported twice for " + a.code,
                       ErrorContext{path, "", in.feature(r), a.indicator});
    }
    out.push_back(std::move(a));
  };
  if (const auto indicator = in.column({"indicator"})) {
    const auto value = in.require({"value", "actual"});
    for (std::size_t r = 0; r < in.table.rows.size(); ++r) {
      add(r, {in.required_text(r, code), in.required_text(r, *indicator), year_of(r), in.number(r, value)});
    }
    return out;
  }
  const auto name = in.column({"name"});
  for (std::size_t r = 0; r < in.table.rows.size(); ++r) {
    const int y = year_of(r);
    const std::string town = in.required_text(r, code);
    for (std::size_t c = 0; c < in.table.header.size(); ++c) {
      if (c == code || (name && c == *name) || (year_column && c == *year_column)) continue;
      if (in.text(r, c).empty()) continue;
      add(r, {town, in.table.header[c], y, in.number(r, c)});
    }
  }
  return out;
}

std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(ErrorCode::input_missing, "file not found", ErrorContext{path, "", "", ""});
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

keytowns::AssessmentRules parse_assessment_rules(const std::string& json_text, const std::string& source) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(json_text);
  } catch (const nlohmann::json::exception& e) {
    throw InputError(ErrorCode::input_format, std::string("not JSON: ") + e.what(), ErrorContext{source, "", "", ""});
  }
  if (!j.is_object()) throw InputError(ErrorCode::input_format, "rules must be a JSON object", {source, "", "", ""});
  keytowns::AssessmentRules rules;
  for (const auto& [key, value] : j.items()) {
    const ErrorContext where{source, "", "", key};
    try {
      if (key == "warning_floor") {
        rules.warning_floor = value.get<double>();
      } else if (key == "severe_to_rectification") {
        rules.severe_to_rectification = value.get<bool>();
      } else if (key == "warning_years") {
        rules.warning_years = value.get<int>();
      } else if (key == "rectification_years") {
        rules.rectification_years = value.get<int>();
      } else if (key == "missing_actual") {
        const auto text = value.get<std::string>();
        if (text != "error" && text != "shortfall") {
          throw InputError(ErrorCode::input_value, "missing_actual is \"error\" or \"shortfall\"", where);
        }
        rules.missing_actual_is_shortfall = text == "shortfall";
      } else {
        throw InputError(ErrorCode::input_value,
                         "unknown rule (known: warning_floor, severe_to_rectification, warning_years, "
                         "rectification_years, missing_actual)",
                         where);
      }
    } catch (const nlohmann::json::exception& e) {
      throw InputError(ErrorCode::input_value, std::string("wrong type: ") + e.what(), where);
    }
  }
  rules.validate();
  return rules;
}

std::string assessment_rules_json(const keytowns::AssessmentRules& rules) {
  nlohmann::json j{{"warning_floor", rules.warning_floor},
                   {"severe_to_rectification", rules.severe_to_rectification},
                   {"warning_years", rules.warning_years},
                   {"rectification_years", rules.rectification_years},
                   {"missing_actual", rules.missing_actual_is_shortfall ? "shortfall" : "error"}};
  return j.dump();
}

AssessResult assess_keytowns(const AssessRequest& request) {
  if (request.year < 1949 || request.year > 2200) throw UsageError("--year must be a calendar year");
  if (request.db_path.empty()) throw UsageError("--db FILE is required");
  if (request.actor.empty()) throw UsageError("the assessor (--actor) must be named for the audit log");
  AssessResult out;
  out.year = request.year;
  out.rules = request.rules_path.empty()
                  ? request.rules
                  : parse_assessment_rules(read_text_file(request.rules_path), request.rules_path);
  out.rules.validate();
  // Read every file before touching the store, so a bad file changes nothing.
  const auto towns = request.towns_path.empty() ? std::vector<storage::KeyTown>{} : read_towns(request.towns_path);
  const auto targets =
      request.targets_path.empty() ? std::vector<keytowns::Target>{} : read_targets(request.targets_path);
  const auto actuals = read_actuals(request.actuals_path, request.year);

  storage::Database db(request.db_path);
  storage::KeytownStore store(db);
  // The store refuses a year already assessed; everything below then rolls back with the transaction.
  storage::Transaction tx(db);
  store.upsert_towns(towns, request.actor);
  store.upsert_targets(targets, request.actor);
  store.record_actuals(actuals, request.actor);

  const auto registered = store.towns();
  if (registered.empty()) {
    throw InputError(ErrorCode::input_missing, "no key town is registered; give --towns FILE",
                     ErrorContext{request.db_path, "", "", ""});
  }
  std::map<std::string, std::vector<keytowns::Target>> due;
  for (auto& t : store.targets(request.year)) due[t.code].push_back(std::move(t));
  std::map<std::string, std::vector<keytowns::Actual>> reported;
  for (auto& a : store.actuals(request.year)) reported[a.code].push_back(std::move(a));

  // Every missing figure at once, rather than the first.
  std::vector<std::string> missing;
  for (const auto& town : registered) {
    if (town.state.status == keytowns::TownStatus::disqualified) continue;
    for (const auto& target : due[town.code]) {
      const auto& figures = reported[town.code];
      const bool found = std::any_of(figures.begin(), figures.end(),
                                     [&](const keytowns::Actual& a) { return a.indicator == target.indicator; });
      if (!found) missing.push_back(town.code + " " + target.indicator);
    }
  }
  if (!missing.empty()) {
    if (!out.rules.missing_actual_is_shortfall) {
      const std::size_t shown = std::min<std::size_t>(missing.size(), 10);
      throw InputError(
          ErrorCode::input_missing,
          std::to_string(missing.size()) + " target(s) due in " + std::to_string(request.year) +
              " have no reported figure: " +
              util::join(
                  std::vector<std::string>(missing.begin(), missing.begin() + static_cast<std::ptrdiff_t>(shown)),
                  "; ") +
              (missing.size() > shown ? "; ..." : "") + " (report them, or set the rule missing_actual to shortfall)",
          ErrorContext{request.actuals_path, "", "", ""});
    }
    for (const auto& m : missing) {
      out.findings.add(Severity::warning, "missing_actual", "no figure reported for " + m + ": counted as a shortfall");
    }
  }

  for (const auto& town : registered) {
    out.names[town.code] = town.name;
    std::vector<keytowns::TargetCheck> checks;
    if (town.state.status != keytowns::TownStatus::disqualified) {
      checks = keytowns::check_targets(town.code, request.year, due[town.code], reported[town.code], out.rules);
    }
    out.outcomes.push_back(keytowns::assess_town(town.state, request.year, std::move(checks), out.rules));
  }
  out.run_id = store.record_assessment(request.year, assessment_rules_json(out.rules), request.note, out.outcomes,
                                       request.actor);
  tx.commit();
  return out;
}

KeytownHistoryResult keytown_history(const KeytownHistoryRequest& request) {
  if (request.db_path.empty()) throw UsageError("--db FILE is required");
  storage::Database db(request.db_path, storage::OpenMode::read_only);
  storage::KeytownStore store(db);
  KeytownHistoryResult out;
  out.towns = store.towns();
  if (!request.code.empty() && !store.town(request.code)) {
    throw InputError(ErrorCode::input_missing, "not a registered key town",
                     ErrorContext{request.db_path, "", request.code, ""});
  }
  out.records = store.history(request.code);
  if (request.audit) out.audit = store.audit();
  return out;
}

FundResult fund_keytowns(const FundRequest& request) {
  const InputTable in(request.scores_path, request.sheet);
  const auto code = in.require({"code"});
  const auto score = in.require({request.score_column.c_str()});
  const auto name = in.column({"name"});
  const auto min_column = in.column({"min_yuan"});
  const auto max_column = in.column({"max_yuan"});

  std::set<std::string> disqualified;
  if (!request.db_path.empty()) {
    storage::Database db(request.db_path, storage::OpenMode::read_only);
    storage::KeytownStore store(db);
    for (const auto& town : store.towns()) {
      if (town.state.status == keytowns::TownStatus::disqualified) disqualified.insert(town.code);
    }
  }
  struct Row {
    std::string code, name;
    double score;
    std::optional<keytowns::Fen> lo, hi;
  };
  std::vector<Row> rows;
  FundResult out;
  for (std::size_t r = 0; r < in.table.rows.size(); ++r) {
    Row row{in.required_text(r, code), name ? in.text(r, *name) : std::string(), in.number(r, score), {}, {}};
    row.lo = in.yuan(r, min_column);
    row.hi = in.yuan(r, max_column);
    if (disqualified.count(row.code)) {
      out.findings.add(Severity::info, "disqualified_not_funded",
                       row.code + " is disqualified in the store: not funded",
                       ErrorContext{request.scores_path, "", in.feature(r), ""});
      continue;
    }
    rows.push_back(std::move(row));
  }
  std::vector<double> scores;
  std::vector<std::string> codes;
  for (const auto& row : rows) {
    scores.push_back(row.score);
    codes.push_back(row.code);
  }
  std::vector<std::size_t> order = mcda::order_by_score(scores, codes);
  if (request.top > 0 && request.top < order.size()) order.resize(request.top);

  std::vector<keytowns::FundingRecipient> recipients;
  for (std::size_t i : order) {
    const auto& row = rows[i];
    out.codes.push_back(row.code);
    out.names.push_back(row.name);
    out.scores.push_back(row.score);
    out.min_fen.push_back(row.lo.value_or(request.rules.min_fen));
    out.max_fen.push_back(row.hi.value_or(request.rules.max_fen.value_or(request.rules.budget_fen)));
    recipients.push_back({row.code, row.score, row.lo, row.hi});
  }
  out.rules = request.rules;
  out.allocation = keytowns::allocate_budget(recipients, request.rules);
  return out;
}

}  // namespace quhua::service
