#include "quhua/algorithms/mcda/robustness.hpp"

#include "quhua/algorithms/mcda/scoring.hpp"
#include "quhua/algorithms/mcda/weighting.hpp"
#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <thread>

namespace quhua::mcda {

std::string_view perturbation_name(Perturbation perturbation) {
  return perturbation == Perturbation::dirichlet ? "dirichlet" : "uniform";
}

void RobustnessOptions::validate() const {
  if (samples == 0) throw UsageError("robustness needs at least one draw");
  if (!(concentration > 0)) throw UsageError("the Dirichlet concentration must be > 0");
  if (!(uniform_range >= 0 && uniform_range < 1)) throw UsageError("the uniform range must lie in [0, 1)");
  if (threads < 1) throw UsageError("threads must be >= 1");
  for (double q : quantiles) {
    if (!(q > 0 && q <= 1)) throw UsageError("a rank quantile must lie in (0, 1], not " + util::fixed(q, 4));
  }
}

namespace {

/// Gamma(shape, 1) by Marsaglia & Tsang (2000), "A simple method for generating gamma variables";
/// shape < 1 by the boost Gamma(a) = Gamma(a + 1) · U^(1/a).
double gamma_draw(double shape, Rng& rng) {
  if (shape < 1) {
    double u = rng.uniform();
    while (u <= 0) u = rng.uniform();
    return gamma_draw(shape + 1, rng) * std::pow(u, 1.0 / shape);
  }
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    const double x = rng.normal();
    double v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const double u = rng.uniform();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (u > 0 && std::log(u) < 0.5 * x * x + d * (1 - v + std::log(v))) return d * v;
  }
}

}  // namespace

std::vector<double> perturb_weights(const std::vector<double>& weights, const RobustnessOptions& options, Rng& rng) {
  std::vector<double> out(weights.size(), 0.0);
  double sum = 0;
  for (std::size_t j = 0; j < weights.size(); ++j) {
    if (!(weights[j] > 0)) continue;
    if (options.perturbation == Perturbation::dirichlet) {
      out[j] = gamma_draw(options.concentration * weights[j], rng);
    } else {
      out[j] = weights[j] * (1 + rng.uniform(-options.uniform_range, options.uniform_range));
    }
    sum += out[j];
  }
  if (!(sum > 0)) return weights;  // every draw underflowed: keep the centre
  for (double& w : out) w /= sum;
  return out;
}

RobustnessResult weight_robustness(const ScoreFunction& score, const std::vector<double>& weights,
                                   const std::vector<std::string>& codes, const std::vector<std::string>& parents,
                                   const SelectionRules& rules, const RobustnessOptions& options,
                                   const RunControl& control) {
  options.validate();
  check_weights(weights, weights.size(), "robustness weights");
  const PreparedRules prepared = prepare_rules(rules, codes, parents);
  const std::size_t m = codes.size(), n = weights.size(), draws = options.samples;
  if (static_cast<double>(m) * static_cast<double>(draws) > 2e8) {
    throw UsageError("robustness: " + std::to_string(draws) + " draws x " + std::to_string(m) +
                     " units is too large to keep every rank (limit 2e8); use fewer draws");
  }
  std::vector<int> ranks(m * draws, 0);             // ranks[d * m + i]
  std::vector<unsigned char> picked(m * draws, 0);  // picked[d * m + i]
  std::vector<double> drawn(n * draws, 0.0);        // drawn[d * n + j]
  std::vector<unsigned char> done(draws, 0);
  const Rng base(options.seed);
  std::atomic<std::size_t> next{0};

  auto worker = [&] {
    for (;;) {
      const std::size_t d = next.fetch_add(1);
      if (d >= draws || control.should_stop()) return;
      Rng rng = base.split(d);
      const std::vector<double> w = perturb_weights(weights, options, rng);
      const std::vector<double> s = score(w);
      const std::vector<int> r = ranks_from_scores(s);
      std::copy(r.begin(), r.end(), ranks.begin() + static_cast<std::ptrdiff_t>(d * m));
      std::copy(w.begin(), w.end(), drawn.begin() + static_cast<std::ptrdiff_t>(d * n));
      if (rules.k > 0) {
        for (std::size_t i : select_prepared(prepared, order_by_score(s, codes))) picked[d * m + i] = 1;
      }
      done[d] = 1;
    }
  };
  const int threads = std::max(1, std::min<int>(options.threads, static_cast<int>(draws)));
  if (threads == 1) {
    worker();
  } else {
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back(worker);
    for (auto& thread : pool) thread.join();
  }

  // Only complete draws count (a stopped run reports how many; each draw's result depends only on its
  // index, so the completed ones are the same whoever computed them).
  std::vector<std::size_t> completed;
  for (std::size_t d = 0; d < draws; ++d) {
    if (done[d]) completed.push_back(d);
  }
  RobustnessResult out;
  out.samples = completed.size();
  out.top_k_probability.assign(m, 0.0);
  out.rank_mean.assign(m, 0.0);
  out.rank_quantiles.assign(m, std::vector<int>(options.quantiles.size(), 0));
  out.weight_mean.assign(n, 0.0);
  out.weight_sd.assign(n, 0.0);
  if (out.samples < draws) {
    out.findings.add(Severity::warning, "robustness_stopped",
                     "stopped after " + std::to_string(out.samples) + " of " + std::to_string(draws) + " draws");
  }
  if (completed.empty()) return out;
  const double count = static_cast<double>(completed.size());
  std::vector<int> column(completed.size());
  for (std::size_t i = 0; i < m; ++i) {
    double picks = 0, rank_sum = 0;
    for (std::size_t k = 0; k < completed.size(); ++k) {
      const std::size_t d = completed[k];
      picks += picked[d * m + i];
      rank_sum += ranks[d * m + i];
      column[k] = ranks[d * m + i];
    }
    out.top_k_probability[i] = picks / count;
    out.rank_mean[i] = rank_sum / count;
    std::sort(column.begin(), column.end());
    for (std::size_t q = 0; q < options.quantiles.size(); ++q) {
      // Nearest rank: the smallest value with at least q·N draws at or below it.
      const auto position = static_cast<std::size_t>(std::ceil(options.quantiles[q] * count - 1e-9));
      out.rank_quantiles[i][q] = column[std::min(column.size() - 1, position == 0 ? 0 : position - 1)];
    }
  }
  for (std::size_t j = 0; j < n; ++j) {
    double sum = 0, sum_sq = 0;
    for (std::size_t d : completed) {
      sum += drawn[d * n + j];
      sum_sq += drawn[d * n + j] * drawn[d * n + j];
    }
    out.weight_mean[j] = sum / count;
    out.weight_sd[j] = std::sqrt(std::max(0.0, sum_sq / count - out.weight_mean[j] * out.weight_mean[j]));
  }
  return out;
}

}  // namespace quhua::mcda
