// Synthetic county generation: the default county (30 townships, 400 villages) and a ten times larger one.
#include <benchmark/benchmark.h>

#include "quhua/synthetic/synthetic_county.hpp"

namespace {

using namespace quhua;

void BM_GenerateDefaultCounty(benchmark::State& state) {
  for (auto _ : state) {
    auto county = synthetic::generate_county();
    benchmark::DoNotOptimize(county);
  }
}
BENCHMARK(BM_GenerateDefaultCounty)->Unit(benchmark::kMillisecond);

void BM_GenerateLargeCounty(benchmark::State& state) {
  const auto options = synthetic::CountyOptions::scaled(300, 4000);
  for (auto _ : state) {
    auto county = synthetic::generate_county(options);
    benchmark::DoNotOptimize(county);
  }
}
BENCHMARK(BM_GenerateLargeCounty)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
