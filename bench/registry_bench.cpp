// Division registry benchmarks on the real NBS editions (../shared/data/nbs-division-codes):
// reading an edition, importing it (snapshot + seed, one transaction each), diffing two editions,
// and a crosswalk across one year of recorded events. Figures: docs/benchmarks.md.
#include "shared_data.hpp"
#include "quhua/algorithms/registry/crosswalk.hpp"
#include "quhua/algorithms/registry/snapshot_diff.hpp"
#include "quhua/service/registry.hpp"
#include "quhua/service/registry_sources.hpp"
#include "quhua/storage/registry_store.hpp"

#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>

namespace {

namespace fs = std::filesystem;
using namespace quhua;

fs::path edition(const std::string& year) { return fs::path(QUHUA_SHARED_DATA_DIR) / "nbs-division-codes" / year; }

bool have_data(benchmark::State& state) {
  if (fs::exists(edition("2020") / "streets.csv")) return true;
  state.SkipWithError("../shared/data/nbs-division-codes is absent");
  return false;
}

const registry::Snapshot& snapshot(const std::string& year) {
  static std::map<std::string, registry::Snapshot> cache;
  auto it = cache.find(year);
  if (it == cache.end()) {
    it = cache.emplace(year, service::read_snapshot_source(edition(year), year, *registry::nbs_edition_date(year)))
             .first;
  }
  return it->second;
}

fs::path temp_db(const std::string& name) {
  const auto path = fs::temp_directory_path() / ("quhua-bench-" + name + ".sqlite");
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix);
  return path;
}

void BM_ReadEdition(benchmark::State& state) {
  if (!have_data(state)) return;
  for (auto _ : state) {
    auto s = service::read_snapshot_source(edition("2019"), "2019", registry::Date::parse("2019-10-31"));
    benchmark::DoNotOptimize(s.units.data());
  }
  state.counters["units"] = static_cast<double>(snapshot("2019").units.size());
}
BENCHMARK(BM_ReadEdition)->Unit(benchmark::kMillisecond);

// The whole `quhua registry import-nbs --seed`: read the folder, store the snapshot (one
// transaction), open a registry unit per row (one transaction).
void BM_ImportEditionWithSeed(benchmark::State& state) {
  if (!have_data(state)) return;
  for (auto _ : state) {
    state.PauseTiming();
    const auto path = temp_db("import");
    service::RegistryDb db{path.string(), "bench", "bench"};
    service::registry_init(db);
    state.ResumeTiming();
    service::ImportSnapshotRequest request;
    request.db = db;
    request.source = edition("2019");
    request.name = "2019";
    request.seed = true;
    benchmark::DoNotOptimize(service::registry_import_snapshot(request).seeded_units);
  }
}
BENCHMARK(BM_ImportEditionWithSeed)->Unit(benchmark::kMillisecond)->Iterations(5);

void BM_DiffEditions(benchmark::State& state) {
  if (!have_data(state)) return;
  const auto& a = snapshot("2019");
  const auto& b = snapshot("2020");
  std::size_t rows = 0;
  for (auto _ : state) {
    const auto result = registry::diff_snapshots(a, b);
    rows = result.rows.size();
    benchmark::DoNotOptimize(rows);
  }
  state.counters["rows"] = static_cast<double>(rows);
}
BENCHMARK(BM_DiffEditions)->Unit(benchmark::kMillisecond);

// What `quhua registry diff --before DIR --after DIR` does: read both folders, then diff.
void BM_DiffFolders(benchmark::State& state) {
  if (!have_data(state)) return;
  for (auto _ : state) {
    service::DiffRequest request;
    request.before = edition("2019").string();
    request.after = edition("2020").string();
    benchmark::DoNotOptimize(service::registry_diff(request).diff.rows.size());
  }
}
BENCHMARK(BM_DiffFolders)->Unit(benchmark::kMillisecond);

// Crosswalk over a registry seeded from 2019 in which every township of Sichuan (4,346) was
// merged pairwise with a neighbour on one day: events_between + build_crosswalk.
void BM_Crosswalk(benchmark::State& state) {
  if (!have_data(state)) return;
  static const auto path = [] {
    const auto p = temp_db("crosswalk");
    service::RegistryDb db{p.string(), "bench", "bench"};
    service::registry_init(db);
    service::registry_import_snapshot(
        service::ImportSnapshotRequest{db, edition("2019"), "2019", std::nullopt, false, true, ""});
    auto store = storage::open_sqlite_registry(p.string());
    std::vector<registry::EventDraft> events;
    const auto units =
        store->units_as_of(registry::Date::parse("2019-10-31"), {"510000000000", model::UnitLevel::township});
    for (std::size_t i = 0; i + 1 < units.size(); i += 2) {
      if (units[i].parent_code != units[i + 1].parent_code) continue;
      registry::EventDraft e;
      e.type = registry::EventType::merged;
      e.effective = registry::Date::parse("2020-01-01");
      e.document = "bench";
      e.before = {units[i].code, units[i + 1].code};
      registry::UnitDraft after;
      after.code = units[i].code;
      after.name = units[i].name;
      after.type = units[i].type;
      after.parent_code = units[i].parent_code;
      e.after = {after};
      e.links = {registry::LinkDraft{0, 0}, registry::LinkDraft{1, 0}};
      events.push_back(std::move(e));
    }
    store->record_events(events, {"bench", "bench"});
    return p;
  }();
  auto store = storage::open_sqlite_registry(path.string());
  const auto from = registry::Date::parse("2019-10-31"), to = registry::Date::parse("2020-06-30");
  std::size_t rows = 0;
  for (auto _ : state) {
    const auto sources = store->units_as_of(from, {"", model::UnitLevel::township});
    const auto targets = store->units_as_of(to, {"", model::UnitLevel::township});
    const auto events = store->events_between(from, to);
    rows = registry::build_crosswalk(from, to, sources, events, targets).rows.size();
    benchmark::DoNotOptimize(rows);
  }
  state.counters["rows"] = static_cast<double>(rows);
}
BENCHMARK(BM_Crosswalk)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
