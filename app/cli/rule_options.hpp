// The flags that state the reform's hard rules (--min-pop, --max-seat-km, --within-parent, --lock ...),
// shared by every command that makes or checks plans, so they read the same everywhere.
#pragma once

#include "quhua/algorithms/regionalize/options.hpp"
#include "quhua/metrics/plan_evaluation.hpp"

#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace quhua::cli {

/// Text of the rule flags as given (an absent limit is no rule); `rules` and `plan_rules` turn them
/// into the evaluator's and the planner's rules (codes are kept as given and normalised by whoever
/// reads them against units). Every limit given goes through util::require_limit: 0, a negative number
/// or infinity is a usage error naming the flag, in every command that takes rules.
struct RuleFlags {
  std::optional<double> min_pop, max_pop, min_area_km2, max_area_km2, max_seat_km, max_seat_min;
  bool within_parent = false, allow_transfer = false;
  std::string lock, lock_type, forbid, must_merge;

  /// Throws UsageError naming the first limit that cannot hold (see util::require_limit), or a
  /// minimum above its maximum.
  void check_limits() const;
  /// Throws UsageError naming the bad flag value (a bad limit, unknown type, malformed pair or group).
  metrics::PlanRules rules() const;
  /// The planner's rules (limits, --within-parent, --allow-transfer); the unit lists are parsed by
  /// service::parse_code_list and friends. Throws UsageError for a bad limit.
  algorithms::regionalize::PlanRules plan_rules() const;
};

void add_rule_options(CLI::App* command, RuleFlags& flags);

/// "a=1,b=2.5" -> {{"a",1},{"b",2.5}}; throws UsageError naming `flag` on malformed input.
std::vector<std::pair<std::string, double>> parse_weights(const std::string& text, const std::string& flag);

}  // namespace quhua::cli
