// The flags that state the reform's hard rules (--min-pop, --max-seat-km, --within-parent, --lock ...),
// shared by every command that makes or checks plans, so they read the same everywhere.
#pragma once

#include <string>
#include <vector>

#include "quhua/metrics/plan_evaluation.hpp"

namespace CLI {
class App;
}

namespace quhua::cli {

/// Text of the rule flags as given; `apply` turns them into PlanRules (codes are kept as given and
/// normalised by whoever reads them against units).
struct RuleFlags {
  double min_pop = 0, max_pop = 0, min_area_km2 = 0, max_area_km2 = 0, max_seat_km = 0, max_seat_min = 0;
  bool within_parent = false, allow_transfer = false;
  std::string lock, lock_type, forbid, must_merge;

  /// Throws UsageError naming the bad flag value (unknown type, malformed pair or group).
  metrics::PlanRules rules() const;
};

void add_rule_options(CLI::App* command, RuleFlags& flags);

/// "a=1,b=2.5" -> {{"a",1},{"b",2.5}}; throws UsageError naming `flag` on malformed input.
std::vector<std::pair<std::string, double>> parse_weights(const std::string& text, const std::string& flag);

}  // namespace quhua::cli
