// One check for every limit a user states on the command line (a rule's --min-pop, --max-seat-km ...,
// a diagnosis threshold): a limit that cannot hold, or that would silently switch its rule off, is a
// usage error naming the flag -- never a rule quietly dropped.
#pragma once

#include <optional>
#include <string_view>

namespace quhua::util {

/// Throws UsageError naming `flag` unless `value` is a finite number > 0 (0, a negative number, NaN and
/// infinity are refused alike; leaving the flag out is how a user says "no limit").
void require_limit(std::string_view flag, double value);
/// The same for a limit that may be absent (absent passes).
void require_limit(std::string_view flag, const std::optional<double>& value);

}  // namespace quhua::util
