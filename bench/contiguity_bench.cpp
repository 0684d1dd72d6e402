// Contiguity graph build time: rook at the default 1 m tolerance on synthetic layers of 10k, 200k and
// 500k units (the target: 500k in well under a minute on one core), the real Sichuan counties
// at 50 m, and the pairwise GEOS computation the builder replaces, on the same inputs. Figures go to
// docs/benchmarks.md ("Contiguity graph").
#include "quhua/geometry/contiguity.hpp"
#include "quhua/geometry/synthetic_layer.hpp"

#include <benchmark/benchmark.h>

#include <map>
#include <string>
#include <vector>

#ifdef QUHUA_BENCH_WITH_TEST_SUPPORT
#include "support/geojson_layer.hpp"
#include "support/geos_reference.hpp"
#include "support/test_support.hpp"
#endif

namespace {

using namespace quhua;

/// Layers are generated once per size and kept: generation is not what is measured.
const std::vector<model::MultiPolygon>& synthetic(std::size_t units) {
  static std::map<std::size_t, std::vector<model::MultiPolygon>> cache;
  auto it = cache.find(units);
  if (it == cache.end()) {
    geometry::SyntheticLayerOptions options;
    options.unit_count = units;
    it = cache.emplace(units, geometry::synthetic_layer(options)).first;
  }
  return it->second;
}

void measure_build(benchmark::State& state, const std::vector<model::MultiPolygon>& units,
                   const geometry::ContiguityOptions& options) {
  geometry::ContiguityResult result;
  for (auto _ : state) {
    result = geometry::build_contiguity(units, options);
    benchmark::DoNotOptimize(result);
  }
  state.counters["units"] = static_cast<double>(units.size());
  state.counters["segments"] = static_cast<double>(result.report.segment_count);
  state.counters["edges"] = static_cast<double>(result.graph.edge_count());
}

void BM_ContiguityRookSynthetic(benchmark::State& state) {
  measure_build(state, synthetic(static_cast<std::size_t>(state.range(0))), geometry::ContiguityOptions{});
}
BENCHMARK(BM_ContiguityRookSynthetic)->Arg(10000)->Arg(200000)->Arg(500000)->Unit(benchmark::kMillisecond);

#ifdef QUHUA_BENCH_WITH_TEST_SUPPORT

/// The pairwise GEOS way, for the ratio: candidate pairs by a box sweep, then the intersection of the
/// two boundaries and its length per pair (exact contact only: no tolerance).
void BM_ContiguityPairwiseGeosSynthetic(benchmark::State& state) {
  const auto& units = synthetic(static_cast<std::size_t>(state.range(0)));
  std::size_t pairs = 0;
  for (auto _ : state) pairs = test::geos_boundary_contacts(units).size();
  state.counters["units"] = static_cast<double>(units.size());
  state.counters["edges"] = static_cast<double>(pairs);
}
BENCHMARK(BM_ContiguityPairwiseGeosSynthetic)->Arg(10000)->Arg(200000)->Unit(benchmark::kMillisecond);

const std::string k_sichuan = "china-county-census2020/sichuan_counties_2020census.geojson";

const std::vector<model::MultiPolygon>* sichuan() {
  static const auto layer = test::shared_data_available(k_sichuan)
                                ? test::read_geojson_lonlat(test::shared_data(k_sichuan), "CODE")
                                : test::GeoJsonLayer{};
  return layer.units.empty() ? nullptr : &layer.units;
}

void BM_ContiguityRookSichuan(benchmark::State& state) {
  const auto* units = sichuan();
  if (units == nullptr) {
    state.SkipWithError(("real data absent: " + test::shared_data(k_sichuan).string()).c_str());
    return;
  }
  geometry::ContiguityOptions options;
  options.snap_tolerance_m = 50;  // the tolerance of the data's SOURCES.md (web-simplified boundaries)
  measure_build(state, *units, options);
}
BENCHMARK(BM_ContiguityRookSichuan)->Unit(benchmark::kMillisecond);

void BM_ContiguityPairwiseGeosSichuan(benchmark::State& state) {
  const auto* units = sichuan();
  if (units == nullptr) {
    state.SkipWithError(("real data absent: " + test::shared_data(k_sichuan).string()).c_str());
    return;
  }
  std::size_t pairs = 0;
  for (auto _ : state) pairs = test::geos_boundary_contacts(*units).size();
  state.counters["edges"] = static_cast<double>(pairs);
}
BENCHMARK(BM_ContiguityPairwiseGeosSichuan)->Unit(benchmark::kMillisecond);

#endif

}  // namespace

BENCHMARK_MAIN();
