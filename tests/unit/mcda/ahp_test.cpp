#include "quhua/algorithms/mcda/ahp.hpp"

#include "quhua/util/csv.hpp"
#include "quhua/util/error.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace quhua::mcda {
namespace {

PairwiseMatrix make_pairwise(const std::string& name, const std::vector<std::vector<double>>& rows) {
  PairwiseMatrix m;
  m.name = name;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    m.labels.push_back("c" + std::to_string(i + 1));
    m.values.insert(m.values.end(), rows[i].begin(), rows[i].end());
  }
  return m;
}

// Saaty, T. L. (1990). How to make a decision: The Analytic Hierarchy Process. European Journal of
// Operational Research 48, 9-26, the house-buying example (from Saaty 1980, The Analytic Hierarchy
// Process, McGraw-Hill): eight criteria -- size, transportation, neighbourhood, age, yard, modern
// facilities, general condition, financing. Expected: priorities .173 .054 .188 .018 .031 .036 .167 .333,
// lambda_max = 9.669, C.I. = 0.238, C.R. = 0.169 -- the figures that paper prints as we know them; the
// primary text was not at hand when this test was written, but exact computation on the matrix gives the
// same figures to the printed precision, and the matrix agrees with the one Bozoki, Fulop & Ronyai (2010)
// use for their "housing" example (as quoted by AHPy's tests). Its CR is above 0.1, so quhua refuses it.
const std::vector<std::vector<double>> k_saaty_house{{1, 5, 3, 7, 6, 6, 1. / 3, 1. / 4},
                                                     {1. / 5, 1, 1. / 3, 5, 3, 3, 1. / 5, 1. / 7},
                                                     {1. / 3, 3, 1, 6, 3, 4, 6, 1. / 5},
                                                     {1. / 7, 1. / 5, 1. / 6, 1, 1. / 3, 1. / 4, 1. / 7, 1. / 8},
                                                     {1. / 6, 1. / 3, 1. / 3, 3, 1, 1. / 2, 1. / 5, 1. / 6},
                                                     {1. / 6, 1. / 3, 1. / 4, 4, 2, 1, 1. / 5, 1. / 6},
                                                     {3, 5, 1. / 6, 7, 5, 5, 1, 1. / 2},
                                                     {4, 7, 5, 8, 6, 6, 2, 1}};

TEST(Ahp, ReproducesSaatyHouseExample) {
  const PairwiseMatrix m = make_pairwise("house criteria", k_saaty_house);
  const AhpResult r = ahp_priorities(m);
  const double printed[8] = {0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333};
  for (std::size_t i = 0; i < 8; ++i) EXPECT_NEAR(r.weights[i], printed[i], 5e-4) << i;
  EXPECT_NEAR(r.lambda_max, 9.669, 5e-4);
  EXPECT_NEAR(r.ci, 0.238, 5e-4);
  EXPECT_DOUBLE_EQ(r.ri, 1.41);
  EXPECT_NEAR(r.cr, 0.169, 5e-4);
}

TEST(Ahp, RefusesCrAtOrAboveOneTenthNamingMatrixAndCr) {
  const PairwiseMatrix m = make_pairwise("house criteria", k_saaty_house);
  const AhpResult r = ahp_priorities(m);
  try {
    require_consistent(m, r);
    FAIL() << "CR 0.169 must be refused";
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("house criteria"), std::string::npos) << message;
    EXPECT_NE(message.find("CR = 0.169"), std::string::npos) << message;
    EXPECT_NE(message.find(">= 0.10"), std::string::npos) << message;
  }
  AhpOptions lenient;
  lenient.max_cr = 0.2;
  EXPECT_NO_THROW(require_consistent(m, r, lenient));
}

// Saaty, T. L. (2008). Decision making with the analytic hierarchy process. International Journal of
// Services Sciences 1(1), 83-98: "which drink is consumed more in the U.S.?" Printed derived priorities
// (3 decimals): coffee .177, wine .019, tea .042, beer .116, sodas .190, milk .129, water .327. The
// paper does not print the CR; 0.022 (Saaty's RI) is what AHPy's test suite asserts for it and what
// we compute, and it is accepted.
TEST(Ahp, ReproducesSaatyDrinksExampleAndAcceptsIt) {
  const PairwiseMatrix m = make_pairwise("drinks", {{1, 9, 5, 2, 1, 1, .5},
                                                    {1. / 9, 1, 1. / 3, 1. / 9, 1. / 9, 1. / 9, 1. / 9},
                                                    {.2, 3, 1, 1. / 3, .25, 1. / 3, 1. / 9},
                                                    {.5, 9, 3, 1, .5, 1, 1. / 3},
                                                    {1, 9, 4, 2, 1, 2, .5},
                                                    {1, 9, 3, 1, .5, 1, 1. / 3},
                                                    {2, 9, 9, 3, 2, 3, 1}});
  const AhpResult r = ahp_priorities(m);
  const double printed[7] = {0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327};
  for (std::size_t i = 0; i < 7; ++i) EXPECT_NEAR(r.weights[i], printed[i], 5e-4) << i;
  EXPECT_NEAR(r.cr, 0.022, 5e-4);
  EXPECT_NO_THROW(require_consistent(m, r));
}

TEST(Ahp, ConsistentMatrixHasCrZeroAndRecoversTheRatios) {
  const std::vector<double> w{0.4, 0.3, 0.2, 0.1};
  std::vector<std::vector<double>> rows(4, std::vector<double>(4));
  for (std::size_t i = 0; i < 4; ++i) {
    for (std::size_t j = 0; j < 4; ++j) rows[i][j] = w[i] / w[j];
  }
  const AhpResult r = ahp_priorities(make_pairwise("consistent", rows));
  for (std::size_t i = 0; i < 4; ++i) EXPECT_NEAR(r.weights[i], w[i], 1e-12);
  EXPECT_NEAR(r.lambda_max, 4.0, 1e-12);
  EXPECT_NEAR(r.ci, 0.0, 1e-12);
  EXPECT_NEAR(r.cr, 0.0, 1e-12);
}

TEST(Ahp, SaatyRandomIndexTable) {
  const double expected[11] = {0, 0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49};
  for (std::size_t n = 1; n <= 10; ++n) EXPECT_DOUBLE_EQ(saaty_random_index(n), expected[n]) << n;
  EXPECT_THROW(saaty_random_index(11), UsageError);
  EXPECT_THROW(saaty_random_index(0), UsageError);
}

TEST(Ahp, TwoByTwoIsAlwaysConsistent) {
  const AhpResult r = ahp_priorities(make_pairwise("pair", {{1, 3}, {1. / 3, 1}}));
  EXPECT_NEAR(r.weights[0], 0.75, 1e-12);
  EXPECT_DOUBLE_EQ(r.cr, 0.0);
}

TEST(Ahp, RefusesNonReciprocalAndNonPositiveJudgementsNamingTheEntry) {
  try {
    ahp_priorities(make_pairwise("m", {{1, 3, 2}, {1. / 3, 1, 4}, {1. / 2, 1. / 2, 1}}));
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.context().feature, "c2 vs c3");
  }
  EXPECT_THROW(ahp_priorities(make_pairwise("m", {{1, 0}, {1, 1}})), InputError);
  EXPECT_THROW(ahp_priorities(make_pairwise("m", {{2, 1}, {1, 1}})), InputError);  // diagonal
}

TEST(Ahp, ReadsTablesWithFractionsAndEmptyLowerTriangle) {
  const util::CsvTable table = util::parse_csv(",POPU,URB,DENS\nPOPU,1,3,5\nURB,,1,2\nDENS,,,\n");
  const PairwiseMatrix m = pairwise_from_table(table, "ahp.csv");
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m.labels[2], "DENS");
  EXPECT_DOUBLE_EQ(m.at(1, 0), 1.0 / 3);
  EXPECT_DOUBLE_EQ(m.at(2, 1), 0.5);
  EXPECT_DOUBLE_EQ(m.at(2, 2), 1.0);
  const util::CsvTable fractions = util::parse_csv("x,a,b\na,1,1/3\nb,3,1\n");
  EXPECT_DOUBLE_EQ(pairwise_from_table(fractions, "f").at(0, 1), 1.0 / 3);
  EXPECT_THROW(pairwise_from_table(util::parse_csv("x,a,b\na,1,\nb,,1\n"), "gap"), InputError);
  EXPECT_THROW(pairwise_from_table(util::parse_csv("x,a,b\nb,1,2\na,1/2,1\n"), "order"), InputError);
}

}  // namespace
}  // namespace quhua::mcda
