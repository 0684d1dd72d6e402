// evaluate_plan: the figures decision-makers judge a merger plan by -- units, populations, areas,
// distances to seats, compactness, transfers -- before and after, and every rule checked with the
// offending units named. Works for any plan, including one made by hand (调整方案审核). Pure: the
// service layer supplies perimeters (from geometry) and the contiguity graph.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "quhua/graph/contiguity_graph.hpp"
#include "quhua/metrics/distribution.hpp"
#include "quhua/model/plan.hpp"
#include "quhua/model/unit.hpp"

namespace quhua::metrics {

/// The reform's hard rules, each optional (unset: not checked).
struct PlanRules {
  std::optional<double> min_population;
  std::optional<double> max_population;
  std::optional<double> min_area_km2;
  std::optional<double> max_area_km2;
  std::optional<double> max_seat_km;  ///< from each member's anchor (seat, else centroid) to the new seat
  std::optional<double> max_seat_minutes;  ///< the same by road, minutes (needs travel times)
  bool within_parent = false;         ///< no region mixes units of different parents
  bool allow_transfer = false;        ///< with within_parent: mixing is allowed and listed as transfers (划转)
  std::vector<std::string> locked_codes;         ///< units that must stay as they are
  std::vector<model::UnitType> locked_types;     ///< e.g. 民族乡
  std::vector<std::pair<std::string, std::string>> forbidden_pairs;  ///< never in one region
  std::vector<std::vector<std::string>> must_merge;                  ///< always in one region
};

struct EvaluationOptions {
  PlanRules rules;
  /// Thresholds for the "units under ..." counts when the rules set none (reform practice defaults).
  double population_threshold = 10000;
  double area_threshold_km2 = 20;
  /// Radii for "share of population within R km of its seat".
  std::vector<double> within_km{5, 10, 15, 20};
  /// Perimeter of each unit in metres (same order as the units); empty: compactness not computed.
  std::vector<double> unit_perimeter_m;
  /// Villages of the units (parent_code = a unit's code); when given, distances are measured from
  /// villages and villages per unit are counted.
  const model::UnitTable* villages = nullptr;
  /// Travel minutes by road between the units' anchors (units × units, row-major, row = from; +infinity:
  /// no route). Null: no travel-time indicators.
  std::shared_ptr<const std::vector<float>> unit_minutes;
  /// Travel minutes from each village to each unit's anchor (villages × units); with villages, travel
  /// times are measured from the villages (as distances are).
  std::shared_ptr<const std::vector<float>> village_minutes;
  /// Limits for "share of population within T minutes of its seat".
  std::vector<double> within_minutes{15, 30, 45, 60};
};

/// One rule's verdict. `offenders` are region ids or unit codes, as the rule says.
struct RuleCheck {
  std::string rule;  ///< stable key: contiguity, min_population, max_population, min_area, max_area,
                     ///< max_seat_distance, max_seat_minutes, within_parent, locked, forbidden_pairs,
                     ///< must_merge, codes
  bool pass = true;
  std::vector<std::string> offenders;
  std::string detail;  ///< one line for people (English; reports compose zh/en text from the fields)
  double limit = std::numeric_limits<double>::quiet_NaN();  ///< the rule's threshold, when it has one
  double worst = std::numeric_limits<double>::quiet_NaN();  ///< the worst value found (e.g. farthest km)
  /// Regions that break the rule but cannot be helped, as "id: reason" (a locked unit left alone, an
  /// island): reported, never counted as offenders (the reform's 例外).
  std::vector<std::string> exceptions;
};

struct LayoutIndicators {
  std::size_t units = 0;
  std::vector<std::pair<model::UnitType, std::size_t>> by_type;  ///< type of each unit (its seat's type)
  Distribution population;
  Distribution area_km2;
  std::size_t under_population = 0;  ///< units below the population threshold / rule
  std::size_t under_area = 0;
  /// Distance from members (villages when given, else units) to their seat, weighted by population.
  double weighted_mean_distance_km = std::numeric_limits<double>::quiet_NaN();
  double max_distance_km = std::numeric_limits<double>::quiet_NaN();
  std::vector<std::pair<double, double>> share_within_km;  ///< (radius km, share of population 0..1)
  /// Travel time by road from members (villages when given, else units) to their seat, weighted by
  /// population (NaN without travel times). Unreachable members are left out of the mean and the maximum
  /// and counted in unreachable_population.
  double weighted_mean_travel_min = std::numeric_limits<double>::quiet_NaN();
  double max_travel_min = std::numeric_limits<double>::quiet_NaN();
  std::vector<std::pair<double, double>> share_within_min;  ///< (minutes, share of population 0..1)
  double unreachable_population = std::numeric_limits<double>::quiet_NaN();
  /// What the population-weighted figures above leave out, never counting it as 0: members (villages
  /// when given, else units) without a population to weigh them by, and -- with villages -- units none
  /// of whose villages was given (a unit is never measured from itself beside others measured from
  /// villages).
  std::size_t unweighted_members = 0;
  std::size_t units_without_villages = 0;
  /// Share of the units' known population living in units whose distances were weighed (1: all; NaN
  /// when no unit has a population).
  double measured_population_share = std::numeric_limits<double>::quiet_NaN();
  Distribution compactness;  ///< Polsby-Popper 4πA/P² per unit (1 = circle); empty without perimeters
  Distribution members;      ///< original units per unit (1 before)
  std::optional<Distribution> villages;  ///< villages per unit, when villages are given
};

struct RegionSummary {
  std::string id;
  std::string name;
  std::optional<model::UnitId> seat;
  std::vector<model::UnitId> members;
  double population = 0;  ///< NaN when a member has no population (never counted as 0)
  double registered_population = 0;
  double area_km2 = 0;
  model::UnitType type = model::UnitType::other;
  std::string parent_code;  ///< the seat unit's parent
  double weighted_mean_distance_km = std::numeric_limits<double>::quiet_NaN();
  double max_distance_km = std::numeric_limits<double>::quiet_NaN();
  double weighted_mean_travel_min = std::numeric_limits<double>::quiet_NaN();
  double max_travel_min = std::numeric_limits<double>::quiet_NaN();
  double compactness = std::numeric_limits<double>::quiet_NaN();
  std::size_t villages = 0;
  bool contiguous = true;
};

struct PlanEvaluation {
  LayoutIndicators before;
  LayoutIndicators after;
  std::vector<RegionSummary> regions;
  std::vector<RuleCheck> rules;
  std::vector<model::UnitId> transfers;  ///< units whose parent differs from their region seat's parent
  std::vector<model::UnitId> merged_viable_units;  ///< units that met every threshold alone but were merged
  std::vector<std::size_t> villages_per_unit;      ///< per unit, when villages are given (else empty)
  bool all_rules_pass() const;
  const RuleCheck* rule(const std::string& key) const;
};

/// Evaluates `plan` over `units`. `graph` (rook contiguity over the same units) may be null: the
/// contiguity rule is then reported as not checkable (pass = false, detail says why).
/// @pre plan.region_of.size() == units.size(); seats, when set, are members of their region
///      (violations are reported under the `codes` rule, never assumed).
PlanEvaluation evaluate_plan(const model::UnitTable& units, const graph::ContiguityGraph* graph, const model::Plan& plan,
                             const EvaluationOptions& options);

/// Figures for the layout of `plan` alone (no rules).
LayoutIndicators layout_indicators(const model::UnitTable& units, const graph::ContiguityGraph* graph,
                                   const model::Plan& plan, const EvaluationOptions& options,
                                   std::vector<RegionSummary>* regions = nullptr);

}  // namespace quhua::metrics
