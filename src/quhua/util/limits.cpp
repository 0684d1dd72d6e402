#include "quhua/util/limits.hpp"

#include "quhua/util/error.hpp"

#include <cmath>
#include <sstream>
#include <string>

namespace quhua::util {

void require_limit(std::string_view flag, double value) {
  if (std::isfinite(value) && value > 0) return;
  std::ostringstream text;
  text << value;
  throw UsageError(std::string(flag) + " " + text.str() + "：限值必须是大于 0 的数，不设限请省略 " + std::string(flag) +
                   " / a limit must be a number > 0; leave the flag out for no limit");
}

void require_limit(std::string_view flag, const std::optional<double>& value) {
  if (value) require_limit(flag, *value);
}

}  // namespace quhua::util
