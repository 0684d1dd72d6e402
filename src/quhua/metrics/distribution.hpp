// Distribution: count, sum, min, median, mean, max and coefficient of variation of a set of values.
// The CV uses the population standard deviation (divide by n): the units are the whole county, not a
// sample of it.
#pragma once

#include <cstddef>
#include <limits>
#include <vector>

namespace quhua::metrics {

struct Distribution {
  std::size_t count = 0;    ///< finite values described
  std::size_t missing = 0;  ///< units without a value (NaN values and those the caller counted)
  double sum = 0;           ///< of the finite values; NaN when every value is missing
  double min = std::numeric_limits<double>::quiet_NaN();
  double median = std::numeric_limits<double>::quiet_NaN();  ///< mean of the middle two for even counts
  double mean = std::numeric_limits<double>::quiet_NaN();
  double max = std::numeric_limits<double>::quiet_NaN();
  double sd = std::numeric_limits<double>::quiet_NaN();  ///< population standard deviation (divide by n)
  double cv = std::numeric_limits<double>::quiet_NaN();  ///< sd / mean; NaN when mean is 0
};

/// Describes the finite values; NaNs are left out and added to `missing` (which starts at the
/// caller's count of units without a value). Sums in long double over sorted values.
Distribution describe(std::vector<double> values, std::size_t missing = 0);

}  // namespace quhua::metrics
