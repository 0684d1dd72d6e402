// Small random planning instances shared by the exact-model tests.
#pragma once

#include <cmath>
#include <numeric>

#include "quhua/algorithms/regionalize/instance.hpp"
#include "quhua/util/random.hpp"
#include "support/county_map.hpp"

namespace quhua::exact::testing {

namespace rg = algorithms::regionalize;

struct SmallCase {
  rg::PlanningProblem problem;
  rg::PlanOptions options;
};

/// A random county of `n` units with random rules (minimum population always; sometimes a maximum, a
/// seat distance, a target count, two parents with or without transfers, a forbidden pair, a lock).
inline SmallCase small_case(std::size_t n, std::uint64_t seed) {
  Rng rng(seed);
  SmallCase c;
  c.problem = test::random_county(n, seed, rng.uniform() < 0.3 ? 2 : 0);
  const double total = std::accumulate(c.problem.population.begin(), c.problem.population.end(), 0.0);
  auto& rules = c.options.rules;
  rules.min_population = total / static_cast<double>(2 + rng.below(std::max<std::size_t>(2, n / 3)));
  if (rng.uniform() < 0.3) rules.max_population = rules.min_population * 2.2;
  if (rng.uniform() < 0.3) rules.max_seat_distance_m = 2500 + 3000 * rng.uniform();
  if (!c.problem.parent_codes.empty()) {
    rules.within_parent = true;
    rules.allow_transfer = rng.uniform() < 0.5;
  }
  if (rng.uniform() < 0.25) {
    rules.target_regions = 1 + rng.below(std::max<std::size_t>(1, n / 3));
    rules.keep_viable = false;
  }
  if (rng.uniform() < 0.3) {
    const auto a = static_cast<rg::UnitIndex>(rng.below(n));
    if (c.problem.graph.degree(a) > 0) c.problem.forbidden_pairs.emplace_back(a, c.problem.graph.neighbors(a)[0]);
  }
  if (rng.uniform() < 0.2) c.problem.locked[rng.below(n)] = 1;
  c.options.objective = rg::parse_objective("access");
  c.options.search.seed = seed;
  c.options.search.threads = 1;
  return c;
}

}  // namespace quhua::exact::testing
