#include "quhua/algorithms/facility/class_size.hpp"

#include "quhua/util/error.hpp"

#include <gtest/gtest.h>

namespace quhua::algorithms::facility {
namespace {

TEST(ClassSize, StandardSizesArePrimary45Junior50) {
  EXPECT_EQ(standard_class_size(SchoolLevel::primary), 45);
  EXPECT_EQ(standard_class_size(SchoolLevel::junior), 50);
  EXPECT_DOUBLE_EQ(standard_places(6, SchoolLevel::primary), 270);
  EXPECT_DOUBLE_EQ(standard_places(6, SchoolLevel::junior), 300);
}

TEST(ClassSize, BandsFollowTheMinistryThresholds) {
  // 大班额 is 56-65 pupils, 超大班额 66 and more (国发〔2016〕40号); 46-55 is above the primary standard.
  EXPECT_EQ(classify_class_size(45, SchoolLevel::primary), ClassSizeBand::within_standard);
  EXPECT_EQ(classify_class_size(46, SchoolLevel::primary), ClassSizeBand::above_standard);
  EXPECT_EQ(classify_class_size(50, SchoolLevel::junior), ClassSizeBand::within_standard);
  EXPECT_EQ(classify_class_size(51, SchoolLevel::junior), ClassSizeBand::above_standard);
  EXPECT_EQ(classify_class_size(55, SchoolLevel::primary), ClassSizeBand::above_standard);
  EXPECT_EQ(classify_class_size(56, SchoolLevel::primary), ClassSizeBand::large);
  EXPECT_EQ(classify_class_size(65, SchoolLevel::junior), ClassSizeBand::large);
  EXPECT_EQ(classify_class_size(66, SchoolLevel::primary), ClassSizeBand::very_large);
  EXPECT_EQ(class_size_band_zh(ClassSizeBand::large), "大班额");
  EXPECT_EQ(class_size_band_zh(ClassSizeBand::very_large), "超大班额");
}

TEST(ClassSize, LargestClassWhenPupilsAreSpreadEvenly) {
  // 271 pupils in 6 classes: five of 45 and one of 46 -> the largest is 46, above the standard;
  // 7 classes are needed to keep all at 45.
  const auto check = check_class_size(271, 6, SchoolLevel::primary);
  EXPECT_EQ(check.largest_class, 46);
  EXPECT_EQ(check.band, ClassSizeBand::above_standard);
  EXPECT_EQ(check.classes_needed, 7);
  EXPECT_NEAR(check.mean_class, 271.0 / 6, 1e-12);
  const auto crowded = check_class_size(400, 6, SchoolLevel::junior);  // 67 per class
  EXPECT_EQ(crowded.largest_class, 67);
  EXPECT_EQ(crowded.band, ClassSizeBand::very_large);
}

TEST(ClassSize, RejectsNegativeInput) {
  EXPECT_THROW(check_class_size(-1, 3, SchoolLevel::primary), UsageError);
  EXPECT_THROW(check_class_size(10, -3, SchoolLevel::primary), UsageError);
}

}  // namespace
}  // namespace quhua::algorithms::facility
