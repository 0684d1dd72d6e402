#include "quhua/algorithms/mcda/normalization.hpp"

#include "mcda_fixtures.hpp"

#include "quhua/util/error.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace quhua::mcda {
namespace {

TEST(Normalize, MinMaxMapsBestToOneAndWorstToZeroForBothDirections) {
  const DecisionMatrix m = fixtures::make_matrix({{10, 3}, {30, 1}, {20, 5}}, {1});
  const NormalizedMatrix r = normalize(m, Normalization::min_max);
  EXPECT_TRUE(r.directions_folded);
  EXPECT_DOUBLE_EQ(r.at(0, 0), 0.0);
  EXPECT_DOUBLE_EQ(r.at(1, 0), 1.0);
  EXPECT_DOUBLE_EQ(r.at(2, 0), 0.5);
  EXPECT_DOUBLE_EQ(r.at(1, 1), 1.0);  // cost: the smallest is best
  EXPECT_DOUBLE_EQ(r.at(2, 1), 0.0);
  EXPECT_DOUBLE_EQ(r.at(0, 1), 0.5);
}

TEST(Normalize, VectorDividesByColumnLengthAndKeepsDirection) {
  const DecisionMatrix m = fixtures::make_matrix({{3, 1}, {4, 1}}, {1});
  const NormalizedMatrix r = normalize(m, Normalization::vector);
  EXPECT_FALSE(r.directions_folded);
  EXPECT_DOUBLE_EQ(r.at(0, 0), 0.6);
  EXPECT_DOUBLE_EQ(r.at(1, 0), 0.8);
  EXPECT_DOUBLE_EQ(r.at(0, 1), 1 / std::sqrt(2.0));
}

TEST(Normalize, MinMaxRefusesConstantColumnNamingIt) {
  const DecisionMatrix m = fixtures::make_matrix({{1, 7}, {2, 7}, {3, 7}});
  try {
    normalize(m, Normalization::min_max);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.context().field, "X2");
    EXPECT_NE(std::string(e.what()).find("same value"), std::string::npos);
  }
  EXPECT_NO_THROW(normalize(m, Normalization::vector));  // a constant non-zero column is fine there
  EXPECT_THROW(normalize(fixtures::make_matrix({{1, 0}, {2, 0}}), Normalization::vector), InputError);
}

}  // namespace
}  // namespace quhua::mcda
