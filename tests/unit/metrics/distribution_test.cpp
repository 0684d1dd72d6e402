#include "quhua/metrics/distribution.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace quhua::metrics {

TEST(Distribution, OddAndEvenMediansAndPopulationCv) {
  const auto odd = describe({5, 1, 3});
  EXPECT_EQ(odd.count, 3u);
  EXPECT_EQ(odd.median, 3);
  EXPECT_EQ(odd.min, 1);
  EXPECT_EQ(odd.max, 5);
  EXPECT_DOUBLE_EQ(odd.mean, 3);
  // population SD of {1,3,5} = sqrt(8/3)
  EXPECT_NEAR(odd.cv, std::sqrt(8.0 / 3.0) / 3.0, 1e-12);
  const auto even = describe({4, 1, 3, 2});
  EXPECT_DOUBLE_EQ(even.median, 2.5);
  EXPECT_DOUBLE_EQ(even.sum, 10);
}

TEST(Distribution, IgnoresNanAndHandlesEmpty) {
  const auto d = describe({std::nan(""), 2.0});
  EXPECT_EQ(d.count, 1u);
  EXPECT_EQ(d.cv, 0);
  const auto empty = describe({});
  EXPECT_EQ(empty.count, 0u);
  EXPECT_TRUE(std::isnan(empty.mean));
}

}  // namespace quhua::metrics
