#include "quhua/util/limits.hpp"

#include "quhua/util/error.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

namespace quhua::util {

// Issue 18: --max-seat-km 0, --max-pop 0, --max-pop -5, --min-pop -5 used to switch the rule off silently.
TEST(RequireLimit, ZeroNegativeAndNonFiniteLimitsAreUsageErrorsNamingTheFlag) {
  for (const double bad : {0.0, -5.0, -1.0, std::numeric_limits<double>::infinity(), std::nan("")}) {
    try {
      require_limit("--max-pop", bad);
      FAIL() << bad << " passed";
    } catch (const UsageError& e) {
      EXPECT_EQ(e.code(), ErrorCode::usage);
      EXPECT_NE(std::string(e.what()).find("--max-pop"), std::string::npos) << e.what();
    }
  }
}

TEST(RequireLimit, PositiveLimitsAndAbsentOnesPass) {
  EXPECT_NO_THROW(require_limit("--min-pop", 0.5));
  EXPECT_NO_THROW(require_limit("--max-seat-km", 12.0));
  EXPECT_NO_THROW(require_limit("--max-seat-min", std::optional<double>{}));
  EXPECT_THROW(require_limit("--max-seat-min", std::optional<double>{0.0}), UsageError);
}

}  // namespace quhua::util
