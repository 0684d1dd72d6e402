// The registry service: opening, init, import and seed, and the history queries. Recording events
// and plans: registry_changes.cpp; diff, crosswalk and drift: registry_compare.cpp.
#include "quhua/service/registry.hpp"

#include "quhua/service/registry_detail.hpp"
#include "quhua/service/registry_sources.hpp"
#include "quhua/util/error.hpp"

#include <algorithm>
#include <chrono>
#include <set>
#include <tuple>
#include <unordered_set>

namespace quhua::service {
namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// Units of `snapshot` inside `within` (and their ancestors), as seed drafts.
std::vector<registry::UnitDraft> seed_drafts(const registry::Snapshot& snapshot, const std::string& within) {
  std::vector<registry::UnitDraft> out;
  std::string prefix;
  std::unordered_set<std::string> ancestors;
  if (!within.empty()) {
    prefix = registry::display_code(within);
    for (std::string p = within; !p.empty(); p = model::parent_of_code(p)) ancestors.insert(p);
  }
  for (const auto& u : snapshot.units) {
    if (u.level == model::UnitLevel::village) continue;
    if (!prefix.empty() && u.code.compare(0, prefix.size(), prefix) != 0 && !ancestors.count(u.code)) continue;
    out.push_back(registry::draft_of(u));
  }
  return out;
}

// A code from the user, its status and every version; throws for a code never used.
std::tuple<std::string, std::optional<registry::CodeStatus>, std::vector<registry::UnitVersion>> code_life(
    storage::RegistryStore& store, const std::string& code_text) {
  const std::string code = detail::code_from_user(code_text, "code");
  auto versions = store.versions_of_code(code);
  if (versions.empty()) {
    throw InputError(ErrorCode::input_missing, "code " + registry::display_code(code) + " has never been in the registry");
  }
  return {code, store.code_status(code), std::move(versions)};
}

}  // namespace

std::unique_ptr<storage::RegistryStore> open_registry(const RegistryDb& db, storage::OpenMode mode) {
  std::error_code ec;
  if (!std::filesystem::exists(db.path, ec)) {
    throw InputError(ErrorCode::input_missing,
                     "no registry database here (create one with: quhua registry init --db " + db.path + ")",
                     ErrorContext{db.path, "", "", ""});
  }
  return storage::open_sqlite_registry(db.path, mode);
}

RegistryInitResult registry_init(const RegistryDb& db) {
  RegistryInitResult out;
  out.path = db.path;
  out.created = db.path == ":memory:" || !std::filesystem::exists(db.path);
  auto store = storage::open_sqlite_registry(db.path);
  out.counts = store->counts();
  return out;
}

ImportSnapshotResult registry_import_snapshot(const ImportSnapshotRequest& request) {
  if (request.name.empty()) throw UsageError("the snapshot needs a name (--as 2019)");
  const auto as_of = request.as_of ? request.as_of : registry::nbs_edition_date(request.name);
  if (!as_of) {
    throw UsageError("snapshot '" + request.name +
                     "' is not a known NBS edition (2016-2023); give its cut-off date with --date YYYY-MM-DD");
  }
  ImportSnapshotResult out;
  const auto read_start = Clock::now();
  registry::Snapshot snapshot = read_snapshot_source(request.source, request.name, *as_of);
  out.read_s = seconds_since(read_start);
  for (const auto& u : snapshot.units) ++out.units_by_level[u.level];

  auto store = open_registry(request.db, storage::OpenMode::existing);
  const auto who = detail::writer(request.db);
  const auto write_start = Clock::now();
  // One transaction for the snapshot and the seed; a refusal is checked before writing either.
  if (!request.replace) {
    for (const auto& info : store->snapshots()) {
      if (info.name == request.name) {
        throw InputError(
            ErrorCode::input_duplicate,
            "snapshot '" + request.name + "' is already in the registry (import with --replace to overwrite)");
      }
    }
  }
  if (request.seed) {
    const std::string within =
        request.seed_within.empty() ? std::string() : detail::code_from_user(request.seed_within, "--within");
    const auto drafts = seed_drafts(snapshot, within);
    store->save_snapshot_and_seed(snapshot, request.replace, drafts, *as_of, who, within);
    out.seeded_units = drafts.size();
  } else {
    store->save_snapshot(snapshot, request.replace, who);
  }
  out.write_s = seconds_since(write_start);
  for (const auto& info : store->snapshots()) {
    if (info.name == request.name) out.snapshot = info;
  }
  return out;
}

SeedResult registry_seed(const SeedRequest& request) {
  auto store = open_registry(request.db, storage::OpenMode::existing);
  const registry::Snapshot snapshot = resolve_snapshot(request.snapshot, store.get());
  const std::string within =
      request.within.empty() ? std::string() : detail::code_from_user(request.within, "--within");
  const auto drafts = seed_drafts(snapshot, within);
  if (drafts.empty())
    throw InputError(ErrorCode::input_value, "nothing to seed: no unit of the snapshot lies inside " + request.within);
  SeedResult out;
  out.valid_from = request.valid_from ? *request.valid_from : snapshot.as_of;
  store->seed(drafts, out.valid_from, detail::writer(request.db), within);
  out.seeded_units = drafts.size();
  return out;
}

ShowResult registry_show(const RegistryDb& db, const std::string& code_text) {
  auto store = open_registry(db, storage::OpenMode::read_only);
  ShowResult out;
  std::tie(out.code, out.status, out.versions) = code_life(*store, code_text);
  out.predecessors = store->lineage(out.versions.front().id, storage::LineageDirection::predecessors);
  out.successors = store->lineage(out.versions.back().id, storage::LineageDirection::successors);
  if (!out.versions.back().valid_to) {
    detail::StoreView view(*store);
    out.children = view.children(out.code);
  }
  return out;
}

TreeResult registry_tree(const RegistryDb& db, const registry::Date& as_of, const std::string& within) {
  auto store = open_registry(db, storage::OpenMode::read_only);
  TreeResult out;
  out.as_of = as_of;
  const std::string root = within.empty() ? std::string() : detail::code_from_user(within, "--within");
  auto units = store->units_as_of(as_of, storage::UnitFilter{root, std::nullopt});
  // Depth-first: children after their parent, siblings by code. Units whose parent is not listed
  // are roots (the top of the selection).
  std::map<std::string, std::vector<std::size_t>> kids;
  std::unordered_set<std::string> present;
  for (const auto& u : units) present.insert(u.code);
  std::vector<std::size_t> roots;
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (present.count(units[i].parent_code)) {
      kids[units[i].parent_code].push_back(i);
    } else {
      roots.push_back(i);
    }
  }
  std::vector<std::pair<std::size_t, int>> stack;
  for (auto it = roots.rbegin(); it != roots.rend(); ++it) stack.push_back({*it, 0});
  while (!stack.empty()) {
    const auto [i, d] = stack.back();
    stack.pop_back();
    out.units.push_back(units[i]);
    out.depth.push_back(d);
    const auto k = kids.find(units[i].code);
    if (k == kids.end()) continue;
    for (auto it = k->second.rbegin(); it != k->second.rend(); ++it) stack.push_back({*it, d + 1});
  }
  return out;
}

namespace {
EventsResult with_units(storage::RegistryStore& store, std::vector<registry::Event> events) {
  EventsResult out;
  out.events = std::move(events);
  for (const auto& e : out.events) {
    for (const auto& ids : {e.before_units, e.after_units}) {
      for (auto id : ids) {
        if (out.units.count(id)) continue;
        if (auto v = store.version(id)) out.units.emplace(id, std::move(*v));
      }
    }
  }
  return out;
}
}  // namespace

EventsResult registry_events(const RegistryDb& db, const storage::EventFilter& filter) {
  auto store = open_registry(db, storage::OpenMode::read_only);
  storage::EventFilter f = filter;
  if (!f.within.empty()) f.within = detail::code_from_user(f.within, "--county");
  if (f.from && f.to && *f.to < *f.from)
    throw UsageError("--to " + f.to->text() + " is before --from " + f.from->text());
  return with_units(*store, store->events(f));
}

HistoryResult registry_history(const RegistryDb& db, const std::string& code_text) {
  auto store = open_registry(db, storage::OpenMode::read_only);
  HistoryResult out;
  std::tie(out.code, out.status, out.versions) = code_life(*store, code_text);
  std::set<std::int64_t> ids;
  for (const auto& v : out.versions) {
    if (v.created_by) ids.insert(*v.created_by);
    if (v.ended_by) ids.insert(*v.ended_by);
  }
  std::vector<registry::Event> events;
  for (auto id : ids) {
    if (auto e = store->event(id)) events.push_back(std::move(*e));
  }
  std::sort(events.begin(), events.end(), [](const auto& a, const auto& b) {
    return a.effective != b.effective ? a.effective < b.effective : a.id < b.id;
  });
  out.events = with_units(*store, std::move(events));
  return out;
}

std::vector<registry::SnapshotInfo> registry_snapshots(const RegistryDb& db) {
  return open_registry(db, storage::OpenMode::read_only)->snapshots();
}

std::vector<registry::AuditEntry> registry_audit(const RegistryDb& db, std::size_t limit) {
  return open_registry(db, storage::OpenMode::read_only)->audit_log(limit);
}

}  // namespace quhua::service
