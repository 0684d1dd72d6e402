// How stable a ranking is when the weights move: Monte Carlo perturbation of the weight vector, the
// scores recomputed for each draw, and per alternative the probability of being picked (top K under
// the selection rules) and quantiles of its rank.
//
// Perturbations (documented in docs/keytowns.md):
//   dirichlet (default): w' ~ Dirichlet(κ·w). Its mean is w and sd(w'_j) = sqrt(w_j(1 − w_j)/(κ + 1)),
//                        so κ = 100 moves a weight of 0.25 by about ±0.043 (one sd). Weights that are 0
//                        stay 0. Gamma draws by Marsaglia & Tsang (2000).
//   uniform:             w'_j = w_j·(1 + u_j), u_j ~ U(−x, +x) independently, then renormalised to Σ = 1.
// Each draw uses its own stream Rng(seed).split(draw), so the result is the same for any thread count.
#pragma once

#include "quhua/algorithms/mcda/selection.hpp"
#include "quhua/util/random.hpp"
#include "quhua/util/run_control.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace quhua::mcda {

enum class Perturbation { dirichlet, uniform };
std::string_view perturbation_name(Perturbation perturbation);  ///< "dirichlet" / "uniform"

struct RobustnessOptions {
  std::size_t samples = 1000;  ///< Monte Carlo draws
  std::uint64_t seed = 1;
  Perturbation perturbation = Perturbation::dirichlet;
  double concentration = 100;                      ///< Dirichlet κ (> 0); larger = smaller moves
  double uniform_range = 0.2;                      ///< x for the uniform perturbation, in [0, 1)
  std::vector<double> quantiles{0.05, 0.5, 0.95};  ///< rank quantiles to report, each in (0, 1]
  int threads = 1;

  /// Throws UsageError naming the bad option.
  void validate() const;
};

struct RobustnessResult {
  std::size_t samples = 0;                       ///< draws done (fewer than asked when the RunControl stopped the run)
  std::vector<double> top_k_probability;         ///< per alternative: share of draws in which it was picked
  std::vector<double> rank_mean;                 ///< per alternative
  std::vector<std::vector<int>> rank_quantiles;  ///< per alternative, one per options.quantiles (nearest rank)
  std::vector<double> weight_mean;               ///< per indicator, over the draws
  std::vector<double> weight_sd;                 ///< per indicator
  Findings findings;
};

/// Scores for one weight vector (e.g. TOPSIS closeness on a fixed normalised matrix).
using ScoreFunction = std::function<std::vector<double>(const std::vector<double>& weights)>;

/// One perturbed weight vector (Σ = 1) drawn from `rng`.
std::vector<double> perturb_weights(const std::vector<double>& weights, const RobustnessOptions& options, Rng& rng);

/// Runs the Monte Carlo. `rules.k` = 0 leaves top_k_probability at 0. Ranks are competition ranks
/// (scoring.hpp); picks follow select_top_k under `rules`. Memory: samples × alternatives ints.
RobustnessResult weight_robustness(const ScoreFunction& score, const std::vector<double>& weights,
                                   const std::vector<std::string>& codes, const std::vector<std::string>& parents,
                                   const SelectionRules& rules, const RobustnessOptions& options,
                                   const RunControl& control);

}  // namespace quhua::mcda
