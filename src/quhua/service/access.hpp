// service access: accessibility of facilities from villages and its equity (可达性与公平), before and
// after a plan -- 2SFCA / E2SFCA / Gaussian 2SFCA / gravity scores, nearest-facility time, the share
// of people within a time or distance, Gini and Theil across villages (Theil split by township when a
// group column is given).
#pragma once

#include "quhua/metrics/accessibility.hpp"
#include "quhua/service/routing.hpp"

#include <optional>
#include <string>
#include <vector>

namespace quhua::service {

enum class AccessMethod { two_step, enhanced_two_step, gaussian_two_step, gravity };
/// "2sfca", "e2sfca", "g2sfca", "gravity"; throws UsageError otherwise.
AccessMethod parse_access_method(const std::string& name);

struct AccessRequest {
  NetworkSpec network;
  RoutingOptions routing;
  PointsSpec demand;                       ///< villages
  std::string population_field;            ///< empty: 1 each
  std::string group_field;                 ///< optional township column for the Theil decomposition
  PointsSpec supply;                       ///< facilities now
  std::string supply_field;                ///< capacity (doctors, beds, places); empty: 1 each
  std::optional<PointsSpec> supply_after;  ///< facilities after the plan (same supply field)
  AccessMethod method = AccessMethod::two_step;
  double catchment = 30;  ///< minutes (travel time) or km (distance)
  double beta = 1.5;      ///< gravity: power of the distance decay
  double threshold = 30;  ///< share of people within this many minutes / km of a facility
};

/// One scenario's scores.
struct AccessScenario {
  std::vector<double> nearest;        ///< per village: minutes or km to the nearest facility (inf: none)
  std::vector<double> accessibility;  ///< per village: the chosen score
  std::vector<double> supply_ratio;   ///< per facility: R_j
  double mean_nearest = 0;            ///< population-weighted over villages that reach one
  double max_nearest = 0;
  double share_within = 0;        ///< of the population
  double mean_accessibility = 0;  ///< population-weighted
  double gini = 0;
  double theil = 0;
  double theil_between = 0;  ///< by group (township), when given
  double theil_within = 0;
  std::size_t unreachable = 0;  ///< villages with no facility reachable
};

struct AccessResult {
  LocatedPoints demand;
  LocatedPoints supply;
  std::optional<LocatedPoints> supply_after;
  std::vector<double> population;
  std::vector<double> supply_amount, supply_after_amount;
  AccessScenario before;
  std::optional<AccessScenario> after;
  std::string unit;  ///< "min" or "km"
  bool grouped = false;
  AccessRequest request;
  double seconds = 0;
  Findings findings;
};

AccessResult measure_access(const AccessRequest& request, RunControl& control);

/// Tables: summary (before, after, change), villages (per village scores), facilities (R_j).
std::vector<util::ReportTable> access_tables(const AccessResult& result);

/// A numeric column of a located point set (empty column name: `fallback` each). Throws InputError
/// naming file, row and column for a missing column or a value that is not a non-negative number.
std::vector<double> numeric_column(const LocatedPoints& points, const std::string& column, double fallback);

}  // namespace quhua::service
