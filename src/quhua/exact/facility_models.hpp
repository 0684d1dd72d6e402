// Exact mixed-integer formulations of the location-allocation models (solved by CBC through
// MipModel): they certify the heuristics of algorithms/facility on small instances and solve small
// real cases outright. Each returns the same LocationResult the heuristics do, with CBC's bound.
#pragma once

#include "quhua/algorithms/facility/capacitated_p_median.hpp"
#include "quhua/algorithms/facility/coverage.hpp"
#include "quhua/algorithms/facility/location_problem.hpp"
#include "quhua/algorithms/facility/relayout.hpp"
#include "quhua/exact/mip_model.hpp"

#include <optional>

namespace quhua::exact {

namespace facility = quhua::algorithms::facility;

/// p-median (ReVelle & Swain 1970): min sum w_i c_ij x_ij, sum_j x_ij = 1, x_ij <= y_j, sum y = p.
/// Pairs with unreachable cost get no variable; a demand reachable from no candidate is left out.
facility::LocationResult solve_p_median_mip(const facility::LocationProblem& problem, std::size_t p,
                                            const MipOptions& options = {});

/// Capacitated p-median, single source: adds sum_i d_i x_ij <= Q_j y_j, x binary.
facility::LocationResult solve_capacitated_p_median_mip(const facility::CapacitatedProblem& problem, std::size_t p,
                                                        const MipOptions& options = {});

/// p-center: min z with sum_j c_ij x_ij <= z for every demand of positive weight.
facility::LocationResult solve_p_center_mip(const facility::LocationProblem& problem, std::size_t p,
                                            const MipOptions& options = {});

/// Maximal covering (Church & ReVelle 1974): max sum w_i z_i, z_i <= sum_{j covers i} y_j, sum y = p.
facility::LocationResult solve_max_covering_mip(const facility::LocationProblem& problem,
                                                const facility::CoverageOptions& coverage, std::size_t p,
                                                const MipOptions& options = {});

/// Set covering (Toregas et al. 1971): min sum cost_j y_j with every coverable demand covered.
facility::LocationResult solve_set_covering_mip(const facility::LocationProblem& problem,
                                                const facility::CoverageOptions& coverage,
                                                const std::vector<double>& site_cost, const MipOptions& options = {});

/// The re-layout model: one binary per (site, operating option), at most one option per site,
/// count and budget limits, capacities when demands are given.
facility::RelayoutResult solve_relayout_mip(const facility::RelayoutProblem& problem,
                                            const facility::RelayoutOptions& options,
                                            const MipOptions& mip_options = {});

}  // namespace quhua::exact
