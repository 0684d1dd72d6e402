// Import benchmarks: the Sichuan county layer from ../shared/data, and a synthetic layer of 200,000
// village polygons (a jittered 500 x 400 grid, 12 vertices each, in lon/lat) written once to a
// GeoPackage in the temp folder. Figures: docs/benchmarks.md, "Import".
#include "shared_data.hpp"
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>

#include "quhua/io/layer_writer.hpp"
#include "quhua/service/import_units.hpp"
#include "quhua/util/random.hpp"

namespace {

constexpr int k_columns = 500;
constexpr int k_rows = 400;
constexpr double k_cell_deg = 0.01;  // about 1 km: village-sized

/// A 12-vertex cell with its corners jittered (shared corners stay shared, so neighbours still touch).
quhua::model::MultiPolygon cell(int column, int row, const std::vector<quhua::model::Point>& corners) {
  auto corner = [&](int c, int r) { return corners[static_cast<std::size_t>(r) * (k_columns + 1) + c]; };
  const quhua::model::Point a = corner(column, row), b = corner(column + 1, row), c = corner(column + 1, row + 1),
                            d = corner(column, row + 1);
  quhua::model::Ring ring;
  for (const auto& [from, to] : {std::pair{a, b}, std::pair{b, c}, std::pair{c, d}, std::pair{d, a}}) {
    for (int k = 0; k < 3; ++k) {
      const double t = k / 3.0;
      ring.push_back({from.x + t * (to.x - from.x), from.y + t * (to.y - from.y)});
    }
  }
  ring.push_back(ring.front());
  return {quhua::model::Polygon{std::move(ring), {}}};
}

const std::string& synthetic_villages() {
  static const std::string path = [] {
    const auto file = std::filesystem::temp_directory_path() / "quhua-bench-villages-200k.gpkg";
    if (std::filesystem::exists(file)) return file.string();
    quhua::Rng rng(20261125);
    std::vector<quhua::model::Point> corners;
    for (int r = 0; r <= k_rows; ++r) {
      for (int c = 0; c <= k_columns; ++c) {
        corners.push_back({103.0 + c * k_cell_deg + rng.uniform(-0.3, 0.3) * k_cell_deg,
                           29.0 + r * k_cell_deg + rng.uniform(-0.3, 0.3) * k_cell_deg});
      }
    }
    quhua::io::OutputLayer layer;
    layer.name = "villages";
    layer.crs = "EPSG:4490";
    layer.fields = {"代码", "名称", "常住人口"};
    for (int r = 0; r < k_rows; ++r) {
      for (int c = 0; c < k_columns; ++c) {
        const int index = r * k_columns + c;
        const int township = index / 400 + 1;  // 500 townships of 400 villages
        char code[16];
        std::snprintf(code, sizeof code, "510104%03d%03d", township, index % 400 + 1);
        layer.features.push_back({cell(c, r, corners),
                                  {std::string(code), "村" + std::to_string(index),
                                   static_cast<std::int64_t>(200 + rng.uniform(0.0, 3000.0))}});
      }
    }
    quhua::io::write_layer(file, layer);
    return file.string();
  }();
  return path;
}

void BM_ImportSichuanCounties(benchmark::State& state) {
  const std::filesystem::path path =
      std::filesystem::path(QUHUA_SHARED_DATA_DIR) / "china-county-census2020/sichuan_counties_2020census.geojson";
  if (!std::filesystem::exists(path)) {
    state.SkipWithError("../shared/data is absent");
    return;
  }
  quhua::service::ImportRequest request;
  request.units_path = path.string();
  request.fields = "code=CODE,name=NAME,population=POPU";
  for (auto _ : state) benchmark::DoNotOptimize(quhua::service::import_units(request).units.size());
  state.counters["units"] = 186;
}
BENCHMARK(BM_ImportSichuanCounties)->Unit(benchmark::kMillisecond)->Repetitions(5)->ReportAggregatesOnly(true);

void BM_ImportSynthetic200kVillages(benchmark::State& state) {
  quhua::service::ImportRequest request;
  request.units_path = synthetic_villages();
  std::size_t units = 0;
  for (auto _ : state) {
    units = quhua::service::import_units(request).units.size();
    benchmark::DoNotOptimize(units);
  }
  state.counters["units"] = static_cast<double>(units);
}
BENCHMARK(BM_ImportSynthetic200kVillages)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->Repetitions(3)
    ->ReportAggregatesOnly(true);

}  // namespace

BENCHMARK_MAIN();
