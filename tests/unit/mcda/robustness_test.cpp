#include "quhua/algorithms/mcda/robustness.hpp"

#include "mcda_fixtures.hpp"
#include "support/test_support.hpp"

#include "quhua/algorithms/mcda/scoring.hpp"
#include "quhua/util/error.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

namespace quhua::mcda {
namespace {

ScoreFunction topsis_on(const DecisionMatrix& m) {
  const NormalizedMatrix normalized = normalize(m, Normalization::vector);
  return [m, normalized](const std::vector<double>& w) { return topsis(m, normalized, w).closeness; };
}

TEST(Robustness, SameSeedSameAnswerForAnyThreadCount) {
  const DecisionMatrix m = fixtures::fighter_aircraft();
  const std::vector<double> w{0.2, 0.1, 0.1, 0.1, 0.2, 0.3};
  RobustnessOptions options;
  options.samples = 300;
  options.seed = quhua::test::test_seed();
  const SelectionRules rules{2, 0, {}, {}};
  const RunControl control;
  const auto one = weight_robustness(topsis_on(m), w, m.codes, m.parents, rules, options, control);
  options.threads = 3;
  const auto three = weight_robustness(topsis_on(m), w, m.codes, m.parents, rules, options, control);
  EXPECT_EQ(one.top_k_probability, three.top_k_probability);
  EXPECT_EQ(one.rank_quantiles, three.rank_quantiles);
  EXPECT_EQ(one.weight_mean, three.weight_mean);
  EXPECT_EQ(one.samples, 300u);
  // Probabilities of being in the top 2 sum to 2 over the alternatives.
  EXPECT_NEAR(std::accumulate(one.top_k_probability.begin(), one.top_k_probability.end(), 0.0), 2.0, 1e-12);
}

TEST(Robustness, DominantAlternativeIsAlwaysFirst) {
  const DecisionMatrix m = fixtures::make_matrix({{9, 9, 9}, {5, 1, 3}, {1, 5, 2}, {3, 3, 3}});
  RobustnessOptions options;
  options.samples = 200;
  options.concentration = 5;  // wide moves
  const auto r =
      weight_robustness(topsis_on(m), {0.5, 0.3, 0.2}, m.codes, m.parents, {1, 0, {}, {}}, options, RunControl{});
  EXPECT_DOUBLE_EQ(r.top_k_probability[0], 1.0);
  EXPECT_EQ(r.rank_quantiles[0], (std::vector<int>{1, 1, 1}));
  EXPECT_DOUBLE_EQ(r.rank_mean[0], 1.0);
}

TEST(Robustness, DirichletDrawsHaveMeanWAndTheDocumentedSpread) {
  const std::vector<double> w{0.5, 0.3, 0.2, 0.0};
  RobustnessOptions options;
  options.concentration = 100;
  Rng rng(quhua::test::test_seed());
  const int draws = 20000;
  std::vector<double> sum(4, 0), sum_sq(4, 0);
  for (int d = 0; d < draws; ++d) {
    const auto v = perturb_weights(w, options, rng);
    EXPECT_NEAR(std::accumulate(v.begin(), v.end(), 0.0), 1.0, 1e-12);
    EXPECT_DOUBLE_EQ(v[3], 0.0);  // a zero weight stays zero
    for (std::size_t j = 0; j < 4; ++j) {
      sum[j] += v[j];
      sum_sq[j] += v[j] * v[j];
    }
  }
  for (std::size_t j = 0; j < 3; ++j) {
    const double mean = sum[j] / draws;
    const double sd = std::sqrt(sum_sq[j] / draws - mean * mean);
    const double expected_sd = std::sqrt(w[j] * (1 - w[j]) / (options.concentration + 1));
    EXPECT_NEAR(mean, w[j], 5 * expected_sd / std::sqrt(draws)) << j;
    EXPECT_NEAR(sd, expected_sd, 0.05 * expected_sd) << j;
  }
}

TEST(Robustness, UniformDrawsStayWithinTheRenormalisedBand) {
  const std::vector<double> w{0.6, 0.4};
  RobustnessOptions options;
  options.perturbation = Perturbation::uniform;
  options.uniform_range = 0.2;
  Rng rng(7);
  for (int d = 0; d < 2000; ++d) {
    const auto v = perturb_weights(w, options, rng);
    for (std::size_t j = 0; j < 2; ++j) {
      EXPECT_GE(v[j], w[j] * 0.8 / 1.2 - 1e-12);
      EXPECT_LE(v[j], w[j] * 1.2 / 0.8 + 1e-12);
    }
  }
}

TEST(Robustness, RefusesBadOptions) {
  RobustnessOptions options;
  options.samples = 0;
  EXPECT_THROW(options.validate(), UsageError);
  options.samples = 10;
  options.quantiles = {0.0};
  EXPECT_THROW(options.validate(), UsageError);
  options.quantiles = {0.5};
  options.uniform_range = 1.0;
  EXPECT_THROW(options.validate(), UsageError);
}

TEST(Robustness, StoppedRunReportsTheDrawsDone) {
  const DecisionMatrix m = fixtures::fighter_aircraft();
  RunControl control;
  control.cancel();
  const auto r = weight_robustness(topsis_on(m), {0.2, 0.1, 0.1, 0.1, 0.2, 0.3}, m.codes, m.parents, {}, {}, control);
  EXPECT_EQ(r.samples, 0u);
  EXPECT_EQ(r.findings.count_kind("robustness_stopped"), 1u);
}

}  // namespace
}  // namespace quhua::mcda
