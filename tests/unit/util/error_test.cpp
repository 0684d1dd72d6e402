#include "quhua/util/error.hpp"
#include "quhua/util/findings.hpp"

#include <gtest/gtest.h>

namespace quhua {

TEST(Error, MessageNamesFileFeatureAndField) {
  const InputError e(ErrorCode::input_value, "population is negative", {"towns.shp", "", "17", "POP"});
  EXPECT_STREQ(e.what(), "towns.shp, feature 17, field POP: population is negative");
  EXPECT_EQ(e.bare_message(), "population is negative");
  EXPECT_EQ(e.context().field, "POP");
}

TEST(Error, ExitCodesSeparateUsageInputStorageInternal) {
  EXPECT_EQ(exit_code(ErrorCode::usage), 2);
  EXPECT_EQ(exit_code(ErrorCode::input_duplicate), 3);
  EXPECT_EQ(exit_code(ErrorCode::input_geometry), 3);
  EXPECT_EQ(exit_code(ErrorCode::storage), 4);
  EXPECT_EQ(exit_code(ErrorCode::internal), 5);
  EXPECT_EQ(http_status(ErrorCode::usage), 400);
  EXPECT_EQ(error_key(ErrorCode::input_crs), "InputCrs");
}

TEST(Findings, ThrowsFirstErrorWithCountOfTheRest) {
  Findings findings;
  findings.add(Severity::warning, "geometry_repaired", "ring self-intersection repaired", {"a.shp", "", "3", ""});
  EXPECT_NO_THROW(findings.throw_if_errors());
  findings.add(Severity::error, "duplicate_code", "duplicate code 510104001", {"a.shp", "", "5", "CODE"});
  findings.add(Severity::error, "duplicate_code", "duplicate code 510104002", {"a.shp", "", "9", "CODE"});
  EXPECT_EQ(findings.count(Severity::error), 2u);
  EXPECT_EQ(findings.count_kind("duplicate_code"), 2u);
  try {
    findings.throw_if_errors(ErrorCode::input_duplicate);
    FAIL() << "expected a throw";
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::input_duplicate);
    EXPECT_EQ(e.context().feature, "5");
    EXPECT_NE(std::string(e.what()).find("and 1 more"), std::string::npos);
  }
}

}  // namespace quhua
