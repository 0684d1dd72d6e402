// Options of the planner: the hard rules (PlanRules), the objective (ObjectiveOptions), the search
// budget (SearchOptions) and the unit lists given by code (UnitLists: locks, forbidden pairs,
// must-merge groups). Every option has a documented default and one validate() that throws UsageError
// naming the command-line flag of the bad option.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "quhua/algorithms/regionalize/problem.hpp"

namespace quhua::algorithms::regionalize {

inline constexpr double k_no_limit = std::numeric_limits<double>::infinity();

/// The hard rules every new unit must keep (each inactive at its default).
struct PlanRules {
  double min_population = 0;              ///< --min-pop; 0: none
  double max_population = k_no_limit;     ///< --max-pop
  double min_area_km2 = 0;                ///< --min-area-km2; 0: none (needs areas)
  double max_area_km2 = k_no_limit;       ///< --max-area-km2 (needs areas)
  /// --max-seat-km (stored in metres): largest distance from any member's anchor to the new seat.
  double max_seat_distance_m = k_no_limit;
  /// --max-seat-min: largest travel time (minutes, over the road network) from any member's anchor to the
  /// new seat. Needs travel times (PlanningProblem::travel_minutes).
  double max_seat_minutes = k_no_limit;
  std::size_t target_regions = 0;         ///< --regions K; 0: no target (max-p: as many as the rules allow)
  double reduce_share = 0;                ///< --reduce R in (0, 1): target = floor(n × (1 − R)); 0: none
  bool within_parent = false;             ///< --within-parent: never merge across a parent boundary
  bool allow_transfer = false;            ///< --allow-transfer: may join a neighbouring parent's unit (划转)
  /// Without a target: a unit that meets the rules on its own stays unchanged unless a neighbour needs
  /// it (fewest merged viable units, compared before the objective). With a target the objective
  /// decides which units merge.
  bool keep_viable = true;

  bool has_target() const { return target_regions > 0 || reduce_share > 0; }
  /// The target count for `unit_count` units (0 when there is none).
  std::size_t target_for(std::size_t unit_count) const;
  bool has_lower_bounds() const { return min_population > 0 || min_area_km2 > 0; }
  bool has_area_rules() const { return min_area_km2 > 0 || max_area_km2 < k_no_limit; }
  /// A service-radius rule of either kind (straight-line km or road minutes).
  bool has_seat_rule() const { return max_seat_distance_m < k_no_limit || max_seat_minutes < k_no_limit; }
  bool has_seat_km_rule() const { return max_seat_distance_m < k_no_limit; }
  bool has_seat_minutes_rule() const { return max_seat_minutes < k_no_limit; }
  /// Throws UsageError naming the flag of the first bad option.
  void validate() const;
};

enum class ObjectiveKind {
  access,         ///< population-weighted cost (straight-line km, or road minutes) from each member to the new seat
  compact,        ///< compactness of the dissolved new units (see docs/planner.md)
  heterogeneity,  ///< within-region sum of squared deviations of z-scored attributes (max-p's classic SSD)
};
std::string_view objective_name(ObjectiveKind kind);

/// How a new unit's seat is chosen among its members (--seat-rule).
enum class SeatRule {
  /// The member with the largest population × weight (weight: seat_town_weight for a 镇 or 街道, else 1).
  largest,
  /// The member minimising Σ population × cost (km or minutes) from every member to it -- the region's
  /// 1-median -- with that cost divided by seat_town_weight for a 镇 or 街道 (so a 乡 seat is taken over a
  /// 镇 seat only when it is that many times more central). Ties: the `largest` order.
  central,
};
std::string_view seat_rule_name(SeatRule rule);
/// Parses "largest" or "central". Throws UsageError naming --seat-rule.
SeatRule parse_seat_rule(const std::string& text);

struct ObjectiveOptions {
  ObjectiveKind kind = ObjectiveKind::access;
  std::vector<std::string> fields;  ///< heterogeneity: attribute columns (z-scored inside)
  /// Seat choice: the member with the largest population × weight is the seat, where the weight is
  /// `seat_town_weight` for a 镇 or 街道 and 1 otherwise (ties: the earlier unit). Default 3: a 乡 seat is
  /// kept over a 镇 seat only when the 乡 has more than three times the population.
  double seat_town_weight = 3.0;
  SeatRule seat_rule = SeatRule::largest;  ///< --seat-rule

  void validate() const;
};

/// Parses "access", "compact", "heterogeneity:F1,F2". Throws UsageError naming --objective.
ObjectiveOptions parse_objective(const std::string& text);

struct SearchOptions {
  std::uint64_t seed = 1;               ///< --seed: same seed and input, same plan (whatever the threads)
  unsigned threads = 0;                 ///< --threads; 0: all hardware threads
  /// Randomised constructions; 0: automatic (more for small inputs). Fixed by the input size, never by
  /// the thread count, so results do not depend on the threads.
  unsigned constructions = 0;
  /// Best constructions improved by local search; 0: automatic.
  unsigned starts = 0;
  /// Simulated-annealing move attempts per free unit and start; 0: automatic.
  unsigned moves_per_unit = 0;

  void validate() const;
};

/// Units named by code in the rules. Resolved into a PlanningProblem by apply_unit_lists.
struct UnitLists {
  std::vector<std::string> lock_codes;                               ///< --lock
  std::vector<std::string> lock_types;                               ///< --lock-type (民族乡, ethnic_township ...)
  std::vector<std::pair<std::string, std::string>> forbidden_pairs;  ///< --forbid A:B
  std::vector<std::vector<std::string>> must_merge;                  ///< --must-merge A+B+C
};

/// Marks locked units and adds forbidden pairs and must-merge groups to `problem`. Throws UsageError
/// naming the option and the code when a code is unknown, a pair names one unit twice, or a group has
/// fewer than two units. Returns how many units --lock-type matched.
std::size_t apply_unit_lists(PlanningProblem& problem, const UnitLists& lists);

struct PlanOptions {
  PlanRules rules;
  ObjectiveOptions objective;
  SearchOptions search;
  void validate() const {
    rules.validate();
    objective.validate();
    search.validate();
  }
};

}  // namespace quhua::algorithms::regionalize
