#include "quhua/algorithms/mcda/weighting.hpp"

#include "mcda_fixtures.hpp"

#include "quhua/util/error.hpp"

#include <gtest/gtest.h>

#include <numeric>

namespace quhua::mcda {
namespace {

// Xu, X. (2004). A note on the subjective and objective integrated approach to determine attribute
// weights. European Journal of Operational Research 156(2), 530-532. Printed entropy weights to 4
// decimals (the same figures are asserted by the pyrepo-mcda test suite). The last column is almost
// constant, so its weight is 0.0000 at that precision.
TEST(EntropyWeights, ReproduceXu2004) {
  const DecisionMatrix m =
      fixtures::make_matrix({{30, 30, 38, 29}, {19, 54, 86, 29}, {19, 15, 85, 28.9}, {68, 70, 60, 29}});
  const EntropyResult r = entropy_weights(m);
  const double printed[4] = {0.4630, 0.3992, 0.1378, 0.0000};
  for (std::size_t j = 0; j < 4; ++j) EXPECT_NEAR(r.weights[j], printed[j], 5e-5) << j;
}

// Zavadskas, E. K. & Podvezko, V. (2016). Integrated determination of objective criteria weights in
// MCDM. International Journal of Information Technology & Decision Making 15(02), 267-283. Two of the
// four criteria are costs; the entropy weights (4 decimals) come out of the raw values, the direction
// not entering, which is the classic definition our raw basis implements.
TEST(EntropyWeights, ReproduceZavadskasPodvezko2016WithCostCriteria) {
  const DecisionMatrix m =
      fixtures::make_matrix({{3.0, 100, 10, 7}, {2.5, 80, 8, 5}, {1.8, 50, 20, 11}, {2.2, 70, 12, 9}}, {0, 2});
  const EntropyResult r = entropy_weights(m);
  const double printed[4] = {0.1146, 0.1981, 0.4185, 0.2689};
  for (std::size_t j = 0; j < 4; ++j) EXPECT_NEAR(r.weights[j], printed[j], 5e-5) << j;
}

// Elsayed, E. A., Dawood, A. K. S. & Karthikeyan, R. (2017). Evaluating alternatives through the
// application of TOPSIS method with entropy weight. Int. J. Engineering Trends and Technology 46(2),
// 60-66: twelve Saudi banks, five criteria. Weights as quoted by the pymcdm test suite (6 decimals);
// we check them to 4 decimals, not having seen the paper's own table.
TEST(EntropyWeights, ReproduceElsayedEtAl2017Banks) {
  const DecisionMatrix m = fixtures::make_matrix({{7, 312, 1891, 6613, 163},
                                                  {72, 88, 728, 941804, 1078},
                                                  {10, 252, 2594, 3466, 117471},
                                                  {10, 145, 980, 2371, 86329},
                                                  {65, 54, 350, 501, 29897},
                                                  {29, 48, 380, 912, 34051},
                                                  {7, 476, 3300, 78470, 2212},
                                                  {70, 87, 650, 733, 819000},
                                                  {4, 86, 591, 3015, 103},
                                                  {12, 79, 579, 3240, 96098},
                                                  {21, 45, 261, 1253, 453},
                                                  {1, 72, 530, 4333, 0.104800}});
  const EntropyResult r = entropy_weights(m);
  const double quoted[5] = {0.104991, 0.069124, 0.071373, 0.449937, 0.304575};
  for (std::size_t j = 0; j < 5; ++j) EXPECT_NEAR(r.weights[j], quoted[j], 5e-5) << j;
}

TEST(EntropyWeights, ConstantColumnGetsZeroWeightAndAllConstantIsRefused) {
  const DecisionMatrix m = fixtures::make_matrix({{1, 5}, {2, 5}, {4, 5}});
  const EntropyResult r = entropy_weights(m);
  EXPECT_NEAR(r.entropy[1], 1.0, 1e-12);
  EXPECT_DOUBLE_EQ(r.weights[1], 0.0);
  EXPECT_DOUBLE_EQ(r.weights[0], 1.0);
  EXPECT_THROW(entropy_weights(fixtures::make_matrix({{3, 5}, {3, 5}})), InputError);
}

TEST(EntropyWeights, NegativeValueIsRefusedNamingRowAndColumn) {
  const DecisionMatrix m = fixtures::make_matrix({{1, 5}, {2, -1}, {4, 5}});
  try {
    entropy_weights(m);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.context().field, "X2");
    EXPECT_NE(e.context().feature.find("A2"), std::string::npos);
  }
  // The min-max basis accepts it (shares of normalised values).
  const EntropyResult r = entropy_weights(m, EntropyBasis::min_max);
  EXPECT_NEAR(std::accumulate(r.weights.begin(), r.weights.end(), 0.0), 1.0, 1e-12);
}

TEST(EntropyWeights, MinMaxBasisFollowsDirection) {
  // X1 benefit, X2 cost with mirrored values: after folding they are the same column.
  const DecisionMatrix m = fixtures::make_matrix({{1, 9}, {2, 8}, {5, 5}}, {1});
  const EntropyResult r = entropy_weights(m, EntropyBasis::min_max);
  EXPECT_NEAR(r.weights[0], 0.5, 1e-12);
  EXPECT_NEAR(r.weights[1], 0.5, 1e-12);
}

TEST(GivenWeights, NormaliseAndNameEveryProblem) {
  const DecisionMatrix m = fixtures::make_matrix({{1, 2}, {3, 4}});
  const auto w = given_weights(m, {{"X1", 3}, {"X2", 1}});
  EXPECT_DOUBLE_EQ(w[0], 0.75);
  EXPECT_DOUBLE_EQ(w[1], 0.25);
  EXPECT_THROW(given_weights(m, {{"X1", 1}}), UsageError);                        // X2 missing
  EXPECT_THROW(given_weights(m, {{"X1", 1}, {"X2", 1}, {"X3", 1}}), UsageError);  // unknown
  EXPECT_THROW(given_weights(m, {{"X1", -1}, {"X2", 1}}), UsageError);
  EXPECT_THROW(given_weights(m, {{"X1", 0}, {"X2", 0}}), UsageError);
}

TEST(CombinedWeights, LinearAndMultiplicative) {
  const std::vector<double> subjective{0.6, 0.4}, objective{0.2, 0.8};
  const auto linear = combine_linear(subjective, objective, 0.5);
  EXPECT_NEAR(linear[0], 0.4, 1e-12);
  EXPECT_NEAR(linear[1], 0.6, 1e-12);
  EXPECT_EQ(combine_linear(subjective, objective, 1.0), subjective);
  const auto product = combine_multiplicative(subjective, objective);
  EXPECT_NEAR(product[0], 0.12 / (0.12 + 0.32), 1e-12);
  EXPECT_NEAR(product[1], 0.32 / (0.12 + 0.32), 1e-12);
  EXPECT_THROW(combine_linear(subjective, objective, 1.5), UsageError);
  EXPECT_THROW(combine_multiplicative({1, 0}, {0, 1}), InputError);
}

}  // namespace
}  // namespace quhua::mcda
