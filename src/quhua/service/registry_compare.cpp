// Comparing states: diff of two editions, crosswalk between two dates, drift of the registry from
// an official edition.
#include "quhua/io/spreadsheet_reader.hpp"
#include "quhua/service/registry.hpp"
#include "quhua/service/registry_detail.hpp"
#include "quhua/service/registry_sources.hpp"
#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

#include <algorithm>
#include <chrono>
#include <memory>
#include <unordered_set>

namespace quhua::service {
namespace {

std::string folder_name(const std::filesystem::path& path) {
  auto name = path.filename().string();
  if (name.empty()) name = path.parent_path().filename().string();
  return path.has_extension() ? path.stem().string() : name;
}

std::map<std::string, double> read_values(const std::filesystem::path& path, std::string& column_name) {
  const std::string file = path.string();
  const auto table = io::read_table(file);
  const auto code = table.column("code");
  if (!code) throw InputError(ErrorCode::input_missing, "column 'code' is missing", ErrorContext{file, "", "", "code"});
  std::optional<std::size_t> value;
  if (!column_name.empty()) {
    value = table.column(column_name);
    if (!value)
      throw InputError(ErrorCode::input_missing, "column '" + column_name + "' is missing",
                       ErrorContext{file, "", "", column_name});
  } else {
    for (std::size_t c = 0; c < table.header.size() && !value; ++c) {
      if (c == *code || table.header[c] == "name" || table.rows.empty()) continue;
      if (util::parse_double(table.rows.front()[c])) value = c;
    }
    if (!value)
      throw InputError(ErrorCode::input_missing, "no numeric column to convert (name it with --value)",
                       ErrorContext{file, "", "", ""});
    column_name = table.header[*value];
  }
  std::map<std::string, double> out;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const ErrorContext where{file, "", "row " + std::to_string(table.row_lines[r]), column_name};
    const std::string text(util::trim(table.rows[r][*code]));
    if (!model::looks_like_division_code(text))
      throw InputError(ErrorCode::input_value, "'" + text + "' is not a division code", where);
    const auto v = util::parse_double(table.rows[r][*value]);
    if (!v) throw InputError(ErrorCode::input_value, "'" + table.rows[r][*value] + "' is not a number", where);
    if (!out.emplace(model::pad_code(text), *v).second)
      throw InputError(ErrorCode::input_duplicate, "code " + text + " is given twice", where);
  }
  return out;
}

}  // namespace

registry::Snapshot resolve_snapshot(const std::string& spec, storage::RegistryStore* store) {
  const std::filesystem::path path(spec);
  if (is_snapshot_source(path)) {
    const std::string name = folder_name(path);
    const auto as_of = registry::nbs_edition_date(name);
    return read_snapshot_source(path, name, as_of ? *as_of : registry::Date::parse("1900-01-01"));
  }
  if (store) {
    if (auto snapshot = store->load_snapshot(spec)) return std::move(*snapshot);
  }
  throw InputError(ErrorCode::input_missing,
                   "'" + spec + "' is neither an edition folder (with streets.csv), a table file, nor a snapshot" +
                       (store ? " imported into the registry" : " (give --db to use imported snapshots)"));
}

registry::Date resolve_date(const std::string& spec, storage::RegistryStore* store) {
  if (auto date = registry::Date::try_parse(spec)) return *date;
  if (store) {
    for (const auto& info : store->snapshots()) {
      if (info.name == spec) return info.as_of;
    }
  }
  if (auto date = registry::nbs_edition_date(spec)) return *date;
  throw UsageError("'" + spec + "' is not a date (YYYY-MM-DD), an imported snapshot or a known NBS edition");
}

DiffResponse registry_diff(const DiffRequest& request) {
  std::unique_ptr<storage::RegistryStore> store;
  if (request.db_path && std::filesystem::exists(*request.db_path)) {
    store = open_registry(RegistryDb{*request.db_path, "", ""}, storage::OpenMode::read_only);
  }
  const auto before = resolve_snapshot(request.before, store.get());
  const auto after = resolve_snapshot(request.after, store.get());
  DiffResponse out;
  out.before_name = before.name;
  out.review_below = request.review_below;
  out.after_name = after.name;
  registry::DiffOptions options;
  options.review_below = request.review_below;
  options.overlap = detail::polygon_overlaps(before, after);
  const auto start = std::chrono::steady_clock::now();
  out.diff = registry::diff_snapshots(before, after, options);
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (const auto* s : {&before, &after}) {
    for (const auto& u : s->units) {
      if (u.level == model::UnitLevel::province) out.province_names[u.code.substr(0, 2)] = u.name;
    }
  }
  return out;
}

CrosswalkResult registry_crosswalk(const CrosswalkRequest& request) {
  auto store = open_registry(request.db, storage::OpenMode::read_only);
  const auto from = resolve_date(request.from, store.get());
  const auto to = resolve_date(request.to, store.get());
  if (to < from)
    throw UsageError("--to " + to.text() + " is before --from " + from.text() + "; a crosswalk runs forward");
  const std::string within =
      request.within.empty() ? std::string() : detail::code_from_user(request.within, "--within");
  storage::UnitFilter filter{within, request.level};
  const auto sources = store->units_as_of(from, filter);
  // Successors may lie outside `within` (a transfer): targets are every unit in force on `to`.
  const auto targets = store->units_as_of(to, storage::UnitFilter{"", request.level});
  const auto events = store->events_between(from, to);
  CrosswalkResult out;
  out.crosswalk = registry::build_crosswalk(from, to, sources, events, targets);
  if (!within.empty()) {
    const std::string prefix = registry::display_code(within);
    auto& fresh = out.crosswalk.new_without_predecessor;
    fresh.erase(std::remove_if(fresh.begin(), fresh.end(),
                               [&prefix](const auto& u) { return u.code.compare(0, prefix.size(), prefix) != 0; }),
                fresh.end());
  }
  if (!request.values.empty()) {
    out.value_column = request.value_column;
    const auto values = read_values(request.values, out.value_column);
    out.conversion = registry::convert(out.crosswalk, values, request.by);
  }
  return out;
}

DriftResponse registry_drift(const DriftRequest& request) {
  auto store = open_registry(request.db, storage::OpenMode::read_only);
  const auto [official, expected, scope] = detail::compare_with_official(*store, request.against, request.as_of);
  DriftResponse out;
  out.snapshot = official.name;
  out.as_of = official.as_of;
  registry::DriftOptions options;
  options.limit_to_registry_scope = !request.whole_table;
  options.scope = scope;
  options.diff.overlap = detail::polygon_overlaps(expected, official);
  out.drift = registry::check_drift(expected, official, options);
  return out;
}

}  // namespace quhua::service
