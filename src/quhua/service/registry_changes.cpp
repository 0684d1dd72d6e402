// Recording change events: completing drafts (codes, parents, links), validating them against the
// code rules, and writing them in one transaction; an approved plan becomes such a batch.
#include "quhua/algorithms/registry/diff_events.hpp"
#include "quhua/algorithms/registry/drift.hpp"
#include "quhua/algorithms/registry/event_links.hpp"
#include "quhua/geometry/polygon_ops.hpp"
#include "quhua/io/spreadsheet_reader.hpp"
#include "quhua/service/registry.hpp"
#include "quhua/service/registry_detail.hpp"
#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <span>

namespace quhua::service {
namespace {

using registry::EventDraft;
using registry::UnitVersion;

// Fills what the caller may leave out: parents, township codes, the merged unit's polygon, links.
// Units opened earlier in the batch count as in force for later events.
void complete(std::vector<EventDraft>& events, const detail::StoreView& view, Findings& findings) {
  std::map<std::string, UnitVersion> opened;
  std::set<std::string> taken;
  auto lookup = [&](const std::string& code) -> std::optional<UnitVersion> {
    if (auto it = opened.find(code); it != opened.end()) return it->second;
    return view.in_force(code);
  };
  for (std::size_t k = 0; k < events.size(); ++k) {
    EventDraft& e = events[k];
    const ErrorContext where{
        "", "", "event " + std::to_string(k + 1) + " (" + std::string(registry::event_type_name(e.type)) + ")", ""};
    std::vector<UnitVersion> before;
    for (const auto& code : e.before) {
      if (auto v = lookup(code)) before.push_back(std::move(*v));
    }
    // A one-to-one event may give only what changes: the rest is the predecessor's.
    const bool one_to_one = e.before.size() == 1 && before.size() == 1;
    if (one_to_one && e.after.empty() && e.type == registry::EventType::seat_moved) e.after.emplace_back();
    for (auto& a : e.after) {
      if (one_to_one && e.type != registry::EventType::split) {
        const UnitVersion& b = before.front();
        if (a.name.empty()) a.name = b.name;
        if (a.type == model::UnitType::other) a.type = b.type;
        if (a.code.empty() && (e.type == registry::EventType::renamed || e.type == registry::EventType::seat_moved)) {
          a.code = b.code;
        }
        if (e.type != registry::EventType::seat_moved && a.seat.empty() && !a.seat_point) {
          a.seat = b.seat;
          a.seat_point = b.seat_point;
        }
        if (!a.population) a.population = b.population;
        if (!a.area_km2) a.area_km2 = b.area_km2;
        if (a.geometry.empty()) a.geometry = b.geometry;
      }
      if (a.parent_code.empty() && !before.empty()) a.parent_code = before.front().parent_code;
      if (a.code.empty()) {
        std::set<std::string> used = view.codes_within(a.parent_code);
        auto code = registry::allocate_township_code(a.parent_code, a.type, used, taken);
        if (!code) {
          findings.add(Severity::error, "code_not_allocatable",
                       "no free code for a new " + std::string(model::type_name_zh(a.type)) + " '" + a.name +
                           "' under " + registry::display_code(a.parent_code) + " (" + registry::describe_band(a.type) +
                           " is full, or the parent is not a county)",
                       where);
          continue;
        }
        a.code = *code;
        taken.insert(*code);
      }
      // A merged unit's polygon is the union of its predecessors' when all have one.
      if (a.geometry.empty() && e.type == registry::EventType::merged && before.size() == e.before.size() &&
          std::all_of(before.begin(), before.end(), [](const UnitVersion& v) { return !v.geometry.empty(); })) {
        std::vector<const model::MultiPolygon*> parts;
        for (const auto& v : before) parts.push_back(&v.geometry);
        a.geometry = geometry::union_all(std::span<const model::MultiPolygon* const>(parts));
      }
    }
    if (before.size() == e.before.size()) {
      registry::compute_links(e, before, [&](std::size_t b, std::size_t a) {
        return detail::overlap_share(before[b].geometry, e.after[a].geometry);
      });
    }
    for (const auto& code : e.before) opened.erase(code);
    for (const auto& a : e.after) {
      if (!a.code.empty()) opened[a.code] = registry::version_of(a, e.effective);
    }
  }
}

using detail::require_column;

std::string row_label(const std::string& file, const util::CsvTable& table, std::size_t r) {
  return std::filesystem::path(file).filename().string() + " row " + std::to_string(table.row_lines[r]);
}

std::string code_cell(const std::string& file, const util::CsvTable& table, std::size_t r, std::size_t column,
                      const std::string& field) {
  const std::string text(util::trim(table.rows[r][column]));
  if (!model::looks_like_division_code(text)) {
    throw InputError(ErrorCode::input_value, "'" + text + "' is not a division code",
                     ErrorContext{file, "", "row " + std::to_string(table.row_lines[r]), field});
  }
  return model::pad_code(text);
}

std::vector<registry::PlanAssignment> read_plan(const std::filesystem::path& path) {
  const std::string file = path.string();
  const auto table = io::read_table(file);
  const auto code = require_column(table, file, "code");
  const auto region = require_column(table, file, "region");
  const auto seat = require_column(table, file, "seat_code");
  std::vector<registry::PlanAssignment> out;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    registry::PlanAssignment a;
    a.code = code_cell(file, table, r, code, "code");
    a.region = std::string(util::trim(table.rows[r][region]));
    if (a.region.empty()) {
      throw InputError(ErrorCode::input_value, "empty region",
                       ErrorContext{file, "", "row " + std::to_string(table.row_lines[r]), "region"});
    }
    a.seat_code = code_cell(file, table, r, seat, "seat_code");
    a.where = row_label(file, table, r);
    out.push_back(std::move(a));
  }
  if (out.empty()) throw InputError(ErrorCode::input_value, "the plan has no rows", ErrorContext{file, "", "", ""});
  return out;
}

std::optional<double> number_cell(const std::string& file, const util::CsvTable& table, std::size_t r,
                                  std::optional<std::size_t> column, const std::string& field) {
  if (!column) return std::nullopt;
  const std::string_view text = util::trim(table.rows[r][*column]);
  if (text.empty()) return std::nullopt;
  const auto v = util::parse_double(text);
  if (!v || *v < 0) {
    throw InputError(ErrorCode::input_value, "'" + std::string(text) + "' is not a non-negative number",
                     ErrorContext{file, "", "row " + std::to_string(table.row_lines[r]), field});
  }
  return v;
}

std::map<std::string, registry::UnitFacts> read_units(const std::filesystem::path& path) {
  std::map<std::string, registry::UnitFacts> out;
  if (path.empty()) return out;
  const std::string file = path.string();
  const auto table = io::read_table(file);
  const auto code = require_column(table, file, "code");
  const auto name = table.column("name");
  auto population = table.column("population");
  if (!population) population = table.column("resident_population");
  const auto area = table.column("area_km2");
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    registry::UnitFacts f;
    if (name) f.name = std::string(util::trim(table.rows[r][*name]));
    f.population = number_cell(file, table, r, population, "population");
    f.area_km2 = number_cell(file, table, r, area, "area_km2");
    out[code_cell(file, table, r, code, "code")] = std::move(f);
  }
  return out;
}

std::map<std::string, registry::RegionName> read_names(const std::filesystem::path& path) {
  std::map<std::string, registry::RegionName> out;
  if (path.empty()) return out;
  const std::string file = path.string();
  const auto table = io::read_table(file);
  const auto region = require_column(table, file, "region");
  const auto name = require_column(table, file, "name");
  const auto type = table.column("type");
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    registry::RegionName n;
    n.name = std::string(util::trim(table.rows[r][name]));
    if (type && !util::trim(table.rows[r][*type]).empty()) {
      n.type = model::parse_type(table.rows[r][*type]);
      if (!n.type || model::level_of_type(*n.type) != model::UnitLevel::township) {
        throw InputError(ErrorCode::input_value,
                         "'" + table.rows[r][*type] + "' is not a township-level type (镇, 乡, 街道 ...)",
                         ErrorContext{file, "", "row " + std::to_string(table.row_lines[r]), "type"});
      }
    }
    out[std::string(util::trim(table.rows[r][region]))] = std::move(n);
  }
  return out;
}

// Abolitions are the one inference an incomplete edition produces in bulk, and are never undone:
// beyond `max_share` of the townships compared, refused with the counts and where most of them lie.
void refuse_mass_abolition(SyncResult& out, const registry::Snapshot& expected, double max_share) {
  std::map<std::string, std::size_t> by_province;
  for (const auto& e : out.record.events) {
    if (e.type != registry::EventType::abolished) continue;
    for (const auto& code : e.before) {
      if (model::level_of_code(code) != model::UnitLevel::township) continue;
      ++out.abolished_townships;
      ++by_province[code.substr(0, 2)];
    }
  }
  const double share =
      static_cast<double>(out.abolished_townships) / static_cast<double>(out.coverage.registry_townships);
  if (share <= max_share) return;
  std::vector<std::pair<std::size_t, std::string>> most;
  for (const auto& [province, n] : by_province) most.push_back({n, province});
  std::sort(most.begin(), most.end(), std::greater<>());
  std::vector<std::string> where;
  for (std::size_t i = 0; i < most.size() && i < 5; ++i) {
    std::string name;
    for (const auto& u : expected.units) {
      if (u.level == model::UnitLevel::province && u.code.compare(0, 2, most[i].second) == 0) name = " " + u.name;
    }
    where.push_back(most[i].second + name + " " + std::to_string(most[i].first));
  }
  throw InputError(ErrorCode::input_value,
                   "refused: the edition " + out.snapshot + " would abolish " +
                       std::to_string(out.abolished_townships) + " of the registry's " +
                       std::to_string(out.coverage.registry_townships) + " townships (" + util::fixed(100 * share, 1) +
                       "%, more than --max-abolish-share " + util::fixed(max_share, 2) + "; most in " +
                       util::join(where, ", ") +
                       "). An incomplete edition reads as abolitions, and recorded events are never removed: check "
                       "the edition, sync a part with --within CODE, or raise --max-abolish-share to confirm; nothing "
                       "was written / 撤销过多，未写入");
}

}  // namespace

RecordResult registry_record(const RegistryDb& db, std::vector<EventDraft> events, bool dry_run) {
  auto store = open_registry(db, dry_run ? storage::OpenMode::read_only : storage::OpenMode::existing);
  detail::StoreView view(*store);
  RecordResult out;
  complete(events, view, out.findings);
  if (!out.findings.has_errors()) out.findings.append(registry::validate_events(events, view));
  out.events = std::move(events);
  if (out.findings.has_errors()) return out;
  out.accepted = true;
  if (!dry_run) out.event_ids = store->record_events(out.events, detail::writer(db));
  return out;
}

ApplyPlanResult registry_apply_plan(const ApplyPlanRequest& request) {
  if (util::trim(request.document).empty())
    throw UsageError("an approved plan needs its approving document (--document 批文号)");
  const auto plan = read_plan(request.plan);
  const auto facts = read_units(request.units);
  const auto names = read_names(request.names);
  ApplyPlanResult out;
  registry::PlanEvents drafts;
  {
    auto store = open_registry(request.db, storage::OpenMode::read_only);
    detail::StoreView view(*store);
    drafts = registry::plan_to_events(plan, names, facts, view,
                                      registry::PlanOptions{request.effective, request.document, request.note});
  }
  out.regions = std::move(drafts.regions);
  if (drafts.findings.has_errors()) {
    out.record.findings = std::move(drafts.findings);
    out.record.events = std::move(drafts.events);
    return out;
  }
  out.record = registry_record(request.db, std::move(drafts.events), request.dry_run);
  Findings all = std::move(drafts.findings);
  all.append(out.record.findings);
  out.record.findings = std::move(all);
  return out;
}

SyncResult registry_sync(const SyncRequest& request) {
  for (const auto& [flag, value] : {std::pair{"--min-confidence", request.min_confidence},
                                    std::pair{"--max-abolish-share", request.max_abolish_share}}) {
    if (!(value >= 0 && value <= 1)) throw UsageError(std::string(flag) + " must lie in [0, 1]");
  }
  auto store = open_registry(request.db, request.dry_run ? storage::OpenMode::read_only : storage::OpenMode::existing);
  auto [official, expected, scope] = detail::compare_with_official(*store, request.snapshot, request.as_of);
  if (!request.within.empty()) {
    const std::vector<std::string> within{detail::code_from_user(request.within, "--within")};
    official = registry::limit_to_scope(official, within);
    expected = registry::limit_to_scope(expected, within);
  } else if (!request.whole_table) {
    official = registry::limit_to_scope(official, scope.empty() ? registry::scope_of(expected) : scope);
  }
  SyncResult out;
  out.coverage = registry::edition_coverage(expected, official);
  if (out.coverage.registry_townships == 0) {
    throw InputError(ErrorCode::input_value, "the registry holds no township in force inside " +
                                                 (request.within.empty() ? std::string("its scope") : request.within) +
                                                 " on " + official.as_of.text() + "; nothing to follow");
  }
  if (!out.coverage.gaps.empty()) {
    throw InputError(
        ErrorCode::input_value,
        "refused: the edition " + official.name + " covers less than the registry. It has no township in " +
            registry::describe_gaps(out.coverage) + ": " + std::to_string(out.coverage.uncovered_townships) +
            " of the " + std::to_string(out.coverage.registry_townships) + " townships compared (it has " +
            std::to_string(out.coverage.official_townships) +
            "), which would be recorded as abolished. Import the complete edition, or sync only what it covers with "
            "--within CODE; nothing was written / 官方版本不完整，未写入");
  }
  registry::DiffOptions options;
  options.overlap = detail::polygon_overlaps(expected, official);
  const auto diff = registry::diff_snapshots(expected, official, options);

  out.snapshot = official.name;
  out.as_of = official.as_of;
  out.diff_rows = diff.rows.size();
  for (const auto& row : diff.rows) out.below_confidence += row.confidence < request.min_confidence ? 1 : 0;
  std::vector<registry::EventDraft> events;
  for (auto& e : registry::events_from_diff(diff, expected, official, "国家统计局统计用区划代码 " + official.name,
                                            request.min_confidence)) {
    events.push_back(std::move(e.draft));
  }
  // Drop what the rules refuse, and whatever depended on it, until the rest passes. Each round drops at
  // least one event, so this ends (at the latest with nothing left to record).
  detail::StoreView view(*store);
  for (;;) {
    Findings findings;
    auto candidate = events;
    complete(candidate, view, findings);
    std::vector<std::size_t> refused;
    findings.append(registry::validate_events(candidate, view, &refused));
    if (refused.empty()) {
      out.record.events = std::move(candidate);
      break;
    }
    for (const auto& f : findings.items()) {
      if (f.severity == Severity::error) {
        out.record.findings.add(Severity::warning, "sync_skipped_" + f.kind, f.message, f.where);
      }
    }
    for (auto it = refused.rbegin(); it != refused.rend(); ++it) {
      std::vector<std::string> before, after;
      for (const auto& code : events[*it].before) before.push_back(registry::display_code(code));
      for (const auto& a : events[*it].after) after.push_back(registry::display_code(a.code) + " " + a.name);
      out.record.findings.add(Severity::warning, "sync_skipped",
                              "not recorded: " + std::string(registry::event_type_name(events[*it].type)) + " " +
                                  util::join(before, ", ") + " -> " + util::join(after, ", "));
      out.skipped.push_back(events[*it]);
      events.erase(events.begin() + static_cast<std::ptrdiff_t>(*it));
    }
  }
  refuse_mass_abolition(out, expected, request.max_abolish_share);
  out.record.accepted = true;
  if (!request.dry_run && !out.record.events.empty()) {
    out.record.event_ids = store->record_events(out.record.events, detail::writer(request.db));
  }
  return out;
}

}  // namespace quhua::service
