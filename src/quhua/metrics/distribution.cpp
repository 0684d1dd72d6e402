#include "quhua/metrics/distribution.hpp"

#include <algorithm>
#include <cmath>

namespace quhua::metrics {

Distribution describe(std::vector<double> values) {
  std::erase_if(values, [](double v) { return !std::isfinite(v); });
  Distribution d;
  d.count = values.size();
  if (values.empty()) return d;
  std::sort(values.begin(), values.end());
  d.min = values.front();
  d.max = values.back();
  const std::size_t n = values.size();
  d.median = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  // Kahan-free but ordered summation: values are sorted, so small terms are added first.
  for (double v : values) d.sum += v;
  d.mean = d.sum / static_cast<double>(n);
  double squares = 0;
  for (double v : values) squares += (v - d.mean) * (v - d.mean);
  const double sd = std::sqrt(squares / static_cast<double>(n));
  d.cv = d.mean != 0 ? sd / d.mean : std::numeric_limits<double>::quiet_NaN();
  return d;
}

}  // namespace quhua::metrics
