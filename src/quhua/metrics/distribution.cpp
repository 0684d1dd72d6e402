#include "quhua/metrics/distribution.hpp"

#include <algorithm>
#include <cmath>

namespace quhua::metrics {

Distribution describe(std::vector<double> values, std::size_t missing) {
  const std::size_t given = values.size();
  std::erase_if(values, [](double v) { return !std::isfinite(v); });
  Distribution d;
  d.count = values.size();
  d.missing = missing + (given - values.size());
  if (values.empty()) {
    // Nothing known is not a sum of 0: unknown, unless there was nothing to sum at all.
    if (d.missing > 0) d.sum = std::numeric_limits<double>::quiet_NaN();
    return d;
  }
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  d.min = values.front();
  d.max = values.back();
  d.median = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  long double sum = 0;
  for (double v : values) sum += v;
  d.sum = static_cast<double>(sum);
  d.mean = static_cast<double>(sum / static_cast<long double>(n));
  long double squares = 0;
  for (double v : values) squares += (v - d.mean) * (v - d.mean);
  d.sd = std::sqrt(static_cast<double>(squares / static_cast<long double>(n)));
  d.cv = d.mean != 0 ? d.sd / d.mean : std::numeric_limits<double>::quiet_NaN();
  return d;
}

}  // namespace quhua::metrics
