// Key towns: entropy weights + TOPSIS, the Monte Carlo robustness, AHP and the fen apportionment on
// generated inputs (deterministic; nothing read from disk). Figures in docs/benchmarks.md.
#include "quhua/algorithms/keytowns/funding.hpp"
#include "quhua/algorithms/mcda/ahp.hpp"
#include "quhua/algorithms/mcda/robustness.hpp"
#include "quhua/algorithms/mcda/scoring.hpp"
#include "quhua/algorithms/mcda/weighting.hpp"
#include "quhua/util/random.hpp"

#include <benchmark/benchmark.h>

namespace {

using namespace quhua;

mcda::DecisionMatrix synthetic(std::size_t towns, std::size_t indicators) {
  Rng rng(42);
  mcda::DecisionMatrix m;
  m.source = "synthetic";
  for (std::size_t j = 0; j < indicators; ++j) {
    m.indicators.push_back(
        {"x" + std::to_string(j), j % 3 == 2 ? mcda::Direction::cost : mcda::Direction::benefit, ""});
  }
  for (std::size_t i = 0; i < towns; ++i) {
    m.codes.push_back("t" + std::to_string(i));
    m.names.emplace_back();
    m.parents.push_back("c" + std::to_string(i % 50));
    m.source_rows.push_back(0);
    for (std::size_t j = 0; j < indicators; ++j) m.values.push_back(rng.lognormal(3.0, 1.0));
  }
  return m;
}

void BM_EntropyTopsis(benchmark::State& state) {
  const auto m = synthetic(static_cast<std::size_t>(state.range(0)), 8);
  for (auto _ : state) {
    const auto w = mcda::entropy_weights(m);
    const auto r = mcda::topsis(m, w.weights);
    benchmark::DoNotOptimize(r.closeness.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_EntropyTopsis)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

void BM_Robustness1000Draws(benchmark::State& state) {
  const auto m = synthetic(static_cast<std::size_t>(state.range(0)), 8);
  const auto normalized = mcda::normalize(m, mcda::Normalization::vector);
  const auto w = mcda::entropy_weights(m).weights;
  const mcda::ScoreFunction score = [&](const std::vector<double>& v) {
    return mcda::topsis(m, normalized, v).closeness;
  };
  mcda::RobustnessOptions options;
  options.samples = 1000;
  const mcda::SelectionRules rules{30, 2, {}, {}};
  for (auto _ : state) {
    const auto r = mcda::weight_robustness(score, w, m.codes, m.parents, rules, options, RunControl{});
    benchmark::DoNotOptimize(r.top_k_probability.data());
  }
}
BENCHMARK(BM_Robustness1000Draws)->Arg(200)->Arg(2000)->Unit(benchmark::kMillisecond);

void BM_AhpNine(benchmark::State& state) {
  mcda::PairwiseMatrix p;
  p.name = "bench";
  const double scale[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  for (int i = 0; i < 9; ++i) p.labels.push_back("c" + std::to_string(i));
  for (int i = 0; i < 9; ++i) {
    for (int j = 0; j < 9; ++j) p.values.push_back(scale[i] / scale[j]);
  }
  for (auto _ : state) benchmark::DoNotOptimize(mcda::ahp_priorities(p).cr);
}
BENCHMARK(BM_AhpNine)->Unit(benchmark::kMicrosecond);

void BM_FundApportionment(benchmark::State& state) {
  Rng rng(7);
  std::vector<keytowns::FundingRecipient> towns;
  for (int i = 0; i < state.range(0); ++i) towns.push_back({"t" + std::to_string(i), rng.uniform(), {}, {}});
  const keytowns::FundingRules rules{6'800'000'000, 100'000, keytowns::Fen{300'000'000}};
  for (auto _ : state) benchmark::DoNotOptimize(keytowns::allocate_budget(towns, rules).total_fen);
}
BENCHMARK(BM_FundApportionment)->Arg(30)->Arg(10000)->Unit(benchmark::kMicrosecond);

}  // namespace
BENCHMARK_MAIN();
