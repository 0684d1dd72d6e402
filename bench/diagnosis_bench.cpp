// Diagnosis at national scale: ~500,000 village-level units (seats and attributes, no polygons) under
// ~38,000 townships, as in the NBS tables; and the township level of the same data.
#include <benchmark/benchmark.h>

#include <cstdio>

#include "quhua/metrics/diagnosis.hpp"
#include "quhua/util/random.hpp"

namespace {

using namespace quhua;

/// Townships on a 200 x 190 grid of 12 km cells, each with 5-21 villages around its seat.
const model::UnitTable& villages() {
  static const model::UnitTable table = [] {
    model::UnitTable t;
    t.crs.is_projected = true;
    Rng rng(42);
    char code[16], parent[16];
    for (int ty = 0; ty < 190; ++ty) {
      for (int tx = 0; tx < 200; ++tx) {
        const int township = ty * 200 + tx;
        // 6-digit county (100 townships per county) + 3-digit township + 3-digit village.
        const int county = township / 100;
        std::snprintf(parent, sizeof parent, "%06d%03d000", 110101 + county, township % 100 + 101);
        const model::Point seat{tx * 12000.0 + rng.uniform(2000, 10000), ty * 12000.0 + rng.uniform(2000, 10000)};
        const int count = 5 + static_cast<int>(rng.below(17));
        for (int v = 0; v < count; ++v) {
          model::Unit unit;
          std::snprintf(code, sizeof code, "%.9s%03d", parent, 201 + v);
          unit.code = code;
          unit.name = code;
          unit.level = model::UnitLevel::village;
          unit.type = model::UnitType::village;
          unit.parent_code = parent;
          unit.resident_population = rng.lognormal(6.6, 0.6);
          unit.area_km2 = rng.lognormal(1.5, 0.7);
          unit.seat = model::Point{seat.x + rng.normal(0, 2500), seat.y + rng.normal(0, 2500)};
          t.add(std::move(unit));
        }
      }
    }
    return t;
  }();
  return table;
}

void BM_DiagnoseVillages(benchmark::State& state) {
  const auto& table = villages();
  for (auto _ : state) {
    auto result = metrics::diagnose(table, nullptr);
    benchmark::DoNotOptimize(result);
  }
  state.counters["units"] = static_cast<double>(table.size());
}
BENCHMARK(BM_DiagnoseVillages)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_DescribeMillionValues(benchmark::State& state) {
  Rng rng(7);
  std::vector<double> values(1000000);
  for (auto& v : values) v = rng.lognormal(8, 1);
  for (auto _ : state) benchmark::DoNotOptimize(metrics::describe(values));
}
BENCHMARK(BM_DescribeMillionValues)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
