// The post-merger re-layout question (撤并后公共服务设施再布局): which existing facilities to keep,
// close or upgrade and which new sites to build, given where people live, what each choice costs and
// how much each site can take. A generalised capacitated facility-location model:
//   minimise  sum_i w_i c_i,a(i)  +  cost_weight * (sum of the chosen options' and closures' costs)
//   subject to  min_open <= open sites <= max_open,  site costs <= budget,
//               each demand at one open site,  load_j <= capacity of j's chosen option.
// Solved by local search over site states (close, open, change option, swap) with VNS shaking; the
// exact MIP lives in exact/facility_models.hpp.
#pragma once

#include "quhua/algorithms/facility/location_problem.hpp"
#include "quhua/util/run_control.hpp"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace quhua::algorithms::facility {

/// One way to run an open site: keep as is, upgrade (more places), build new.
struct SiteOption {
  std::string name;                                           ///< "keep", "upgrade", "build", ...
  double cost = 0;                                            ///< cost of running the site this way (yuan)
  double capacity = std::numeric_limits<double>::infinity();  ///< places when run this way
};

struct Site {
  bool existing = false;
  double closed_cost = 0;           ///< cost when closed: closing/merging an existing site; 0 for a new one
  std::vector<SiteOption> options;  ///< ways to run it when open (at least one)
  bool must_open = false;
  bool must_close = false;
};

struct RelayoutProblem {
  CostMatrix cost;             ///< demand x site
  std::vector<double> weight;  ///< per demand (objective weight, e.g. pupils); empty: 1 each
  std::vector<double> demand;  ///< per demand: places it uses; empty: uncapacitated
  std::vector<Site> sites;

  bool capacitated() const { return !demand.empty(); }
  /// Throws UsageError for size mismatches, negative values, a site without options, or a site that
  /// must both open and close.
  void validate() const;
};

struct RelayoutOptions {
  std::size_t min_open = 0;
  std::optional<std::size_t> max_open;  ///< none: no limit
  std::optional<double> budget;         ///< limit on the total site cost (options and closures)
  double cost_weight = 0;               ///< objective units per yuan of site cost (0: travel only)
  std::uint64_t seed = 1;
  std::size_t max_shakes_without_improvement = 0;  ///< 0: automatic
};

struct RelayoutResult {
  LocationResult location;     ///< open sites, assignment, objective, bound and gap
  std::vector<int> option_of;  ///< per site: chosen option index, -1 when closed
  double travel_cost = 0;      ///< sum of w_i c_i,a(i) over assigned demands
  double site_cost = 0;        ///< sum of the chosen options' costs and the closed sites' closed_cost
  std::vector<double> load;    ///< per site: demand assigned
  bool feasible = true;        ///< count, budget and capacity all met
  std::string infeasibility;   ///< what could not be met, when !feasible
};

RelayoutResult solve_relayout(const RelayoutProblem& problem, const RelayoutOptions& options, RunControl& control);

/// The LocationProblem view of a re-layout problem (costs and weights; must-open sites fixed,
/// must-close ones excluded), e.g. to compare with a p-median.
LocationProblem relayout_location_problem(const RelayoutProblem& problem);

}  // namespace quhua::algorithms::facility
