// check_plan(): an independent audit of a finished plan at unit level -- every rule with its status
// and offending regions and units, the exceptions with their reasons (and whether the reason holds:
// no neighbouring new unit could take the region without breaking a rule), the transfers (划转), the
// objective and its terms recomputed from the input, per-region figures and counts. It shares no code
// with the search (no PlanState), so a search defect shows up here as a failed rule.
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "quhua/algorithms/regionalize/instance.hpp"

namespace quhua::algorithms::regionalize {

enum class RuleStatus { inactive, pass, pass_with_exceptions, fail };
std::string_view rule_status_name(RuleStatus status);

struct RuleViolation {
  std::uint32_t region = 0;       ///< 0-based region number
  std::vector<UnitIndex> units;   ///< the offending units
  double value = std::numeric_limits<double>::quiet_NaN();
  std::string message;
  bool excepted = false;          ///< explained by a justified exception
};

struct RuleCheck {
  std::string rule;     ///< stable key: contiguity, min_population, max_population, min_area, max_area,
                        ///< max_seat_distance, max_seat_minutes, road_reachability, within_parent,
                        ///< forbidden_pairs, must_merge, locked, target_regions
  std::string option;   ///< the command-line flag, e.g. "--min-pop"
  double limit = std::numeric_limits<double>::quiet_NaN();
  bool hard = true;     ///< false for the target count, which is a goal
  RuleStatus status = RuleStatus::inactive;
  std::vector<RuleViolation> violations;
};

struct PlanException {
  std::uint32_t region = 0;
  std::vector<UnitIndex> units;
  std::string reason;   ///< stable key: locked, island, isolated, infeasible_component, exceeds_maximum, no_feasible_merge
  std::string message;
  bool justified = true;  ///< false: a neighbouring unit could have taken it (a planner defect)
};

struct Transfer {
  UnitIndex unit = 0;
  std::uint32_t region = 0;
  std::uint32_t from_parent = k_none;
  std::uint32_t to_parent = k_none;
};

struct RegionReport {
  std::uint32_t region = 0;
  UnitIndex seat = k_none;
  std::vector<UnitIndex> units;
  double population = 0;
  double area_km2 = std::numeric_limits<double>::quiet_NaN();
  double max_seat_distance_km = std::numeric_limits<double>::quiet_NaN();
  double access_person_km = std::numeric_limits<double>::quiet_NaN();
  double ssd = std::numeric_limits<double>::quiet_NaN();
  double compactness = std::numeric_limits<double>::quiet_NaN();
  bool exception = false;
  /// With travel times: the farthest member by road (minutes) and Σ population × minutes to the seat.
  double max_seat_minutes = std::numeric_limits<double>::quiet_NaN();
  double access_person_min = std::numeric_limits<double>::quiet_NaN();
};

struct ObjectiveTerms {
  ObjectiveKind kind = ObjectiveKind::access;
  double value = 0;  ///< what the planner minimised (equals one of the terms below)
  double access_person_km = std::numeric_limits<double>::quiet_NaN();
  double mean_access_km = std::numeric_limits<double>::quiet_NaN();  ///< per person
  double max_seat_distance_km = std::numeric_limits<double>::quiet_NaN();
  double ssd = std::numeric_limits<double>::quiet_NaN();
  std::string compact_measure;
  double compactness = std::numeric_limits<double>::quiet_NaN();  ///< Σ over regions (1 per disc-like region)
  /// With travel times (the access objective is then in minutes): Σ population × road minutes to the
  /// seat, per person, and the farthest member.
  double access_person_min = std::numeric_limits<double>::quiet_NaN();
  double mean_access_min = std::numeric_limits<double>::quiet_NaN();
  double max_seat_minutes = std::numeric_limits<double>::quiet_NaN();
  std::string cost_unit = "km";          ///< unit of the access objective: "km" (straight line) or "min" (road)
  std::int64_t changed_units = 0;        ///< units in new units of two or more
  std::int64_t merged_viable_units = 0;  ///< of those, units that met the rules on their own
  std::int64_t transfers = 0;
};

struct PlanReport {
  std::size_t units_before = 0;
  std::size_t regions_after = 0;
  std::size_t merged_regions = 0;     ///< new units made of two or more units
  std::size_t unchanged_units = 0;
  std::size_t locked_units = 0;
  std::size_t exception_units = 0;
  std::size_t target_regions = 0;     ///< 0: max-p
  ObjectiveTerms objective;
  std::vector<RuleCheck> rules;
  std::vector<PlanException> exceptions;
  std::vector<Transfer> transfers;
  std::vector<RegionReport> regions;
  /// Every hard rule passes (violations only where a justified exception explains them).
  bool hard_rules_hold = true;
};

/// Audits a plan. `region_of_unit`: dense region numbers; `seat_of_region`: the seat of each region
/// (must be the member the seat rule picks; InternalError otherwise).
PlanReport check_plan(const SolverInstance& instance, std::span<const std::uint32_t> region_of_unit,
                      std::span<const UnitIndex> seat_of_region);

}  // namespace quhua::algorithms::regionalize
