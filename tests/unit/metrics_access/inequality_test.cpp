#include "quhua/metrics/inequality.hpp"

#include "quhua/util/error.hpp"
#include "quhua/util/random.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace quhua::metrics {
namespace {

TEST(Gini, EqualValuesAreZero) { EXPECT_DOUBLE_EQ(gini(std::vector<double>{3, 3, 3, 3}), 0); }

TEST(Gini, OneHolderOfFourIsThreeQuarters) {
  // sum |xi - xj| = 6 over 16 ordered pairs; G = 6 / (2 * 16 * 0.25) = 0.75 = (n - 1) / n.
  EXPECT_NEAR(gini(std::vector<double>{0, 0, 0, 1}), 0.75, 1e-12);
}

TEST(Gini, WeightsActAsRepeatedValues) {
  // values 1 (weight 3) and 3 (weight 1) are the four values 1, 1, 1, 3: G = 12 / (2 * 16 * 1.5) = 0.25.
  EXPECT_NEAR(gini(std::vector<double>{1, 3}, std::vector<double>{3, 1}), 0.25, 1e-12);
  EXPECT_NEAR(gini(std::vector<double>{1, 1, 1, 3}), 0.25, 1e-12);
}

TEST(Gini, ExponentialDistributionIsNearOneHalf) {
  // The Gini coefficient of an exponential distribution is exactly 1/2.
  Rng rng(5);
  std::vector<double> values(200000);
  for (auto& v : values) v = -std::log(1 - rng.uniform());
  EXPECT_NEAR(gini(values), 0.5, 0.005);
}

TEST(Theil, KnownValues) {
  EXPECT_DOUBLE_EQ(theil(std::vector<double>{2, 2, 2}), 0);
  // [1, 3]: mean 2; T = 0.5 (0.5 ln 0.5 + 1.5 ln 1.5) = 0.130812
  EXPECT_NEAR(theil(std::vector<double>{1, 3}), 0.5 * (0.5 * std::log(0.5) + 1.5 * std::log(1.5)), 1e-12);
  // All held by one of n: T = ln n, the maximum.
  EXPECT_NEAR(theil(std::vector<double>{0, 0, 0, 1}), std::log(4.0), 1e-12);
}

TEST(Theil, DecomposesIntoBetweenAndWithinGroups) {
  // Two townships with equal values inside: all inequality is between them.
  const std::vector<double> values{1, 1, 3, 3};
  const std::vector<std::uint32_t> groups{0, 0, 1, 1};
  const auto d = theil_decomposition(values, {}, groups);
  EXPECT_NEAR(d.within, 0, 1e-12);
  EXPECT_NEAR(d.between, d.total, 1e-12);
  // Mixed: total = between + within.
  const std::vector<double> mixed{1, 2, 5, 9, 4};
  const std::vector<double> weights{100, 300, 50, 20, 80};
  const std::vector<std::uint32_t> towns{0, 0, 1, 1, 1};
  const auto m = theil_decomposition(mixed, weights, towns);
  EXPECT_NEAR(m.total, m.between + m.within, 1e-12);
  EXPECT_GT(m.within, 0);
}

TEST(Inequality, RejectsNegativeValues) {
  EXPECT_THROW(gini(std::vector<double>{1, -1}), UsageError);
  EXPECT_THROW(theil(std::vector<double>{1, 2}, std::vector<double>{1}), UsageError);
}

}  // namespace
}  // namespace quhua::metrics
