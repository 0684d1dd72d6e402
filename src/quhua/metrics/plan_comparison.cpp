#include "quhua/metrics/plan_comparison.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "quhua/util/error.hpp"

namespace quhua::metrics {

const std::vector<ComparisonIndicator>& comparison_indicators() {
  // Defaults follow the reform's priorities: every new unit viable, short trips to the seat, compact
  // units, few transfers; the unit count itself is an outcome, weighted lightly.
  static const std::vector<ComparisonIndicator> k_indicators{
      {"units_after", false, 0.10, "调整后单位数", "Units after"},
      {"under_population", false, 0.20, "人口低于下限的单位数", "Units under population threshold"},
      {"population_cv", false, 0.10, "人口变异系数", "Population CV"},
      {"weighted_mean_distance_km", false, 0.25, "平均到驻地距离（km）", "Mean distance to seat (km)"},
      {"max_distance_km", false, 0.10, "最远到驻地距离（km）", "Max distance to seat (km)"},
      {"share_within_10km", true, 0.10, "10 km 内人口比例", "Population share within 10 km"},
      {"compactness_mean", true, 0.10, "平均紧凑度", "Mean compactness"},
      {"transfers", false, 0.05, "划转单位数", "Transfers"},
      // Only with --network; weight 0 unless --weights names it (scores without a network stay as they were).
      {"weighted_mean_travel_min", false, 0.0, "平均到驻地车程（分钟）", "Mean travel time to seat (min)"},
  };
  return k_indicators;
}

namespace {

double indicator_value(const std::string& key, const PlanEvaluation& e) {
  if (key == "units_after") return static_cast<double>(e.after.units);
  if (key == "under_population") return static_cast<double>(e.after.under_population);
  if (key == "population_cv") return e.after.population.cv;
  if (key == "weighted_mean_distance_km") return e.after.weighted_mean_distance_km;
  if (key == "max_distance_km") return e.after.max_distance_km;
  if (key == "share_within_10km") {
    for (const auto& [radius, share] : e.after.share_within_km) {
      if (radius == 10) return share;
    }
    return std::numeric_limits<double>::quiet_NaN();
  }
  if (key == "compactness_mean") return e.after.compactness.mean;
  if (key == "transfers") return static_cast<double>(e.transfers.size());
  if (key == "weighted_mean_travel_min") return e.after.weighted_mean_travel_min;
  throw InternalError("unknown comparison indicator " + key);
}

}  // namespace

std::vector<PlanScore> compare_plans(const std::vector<std::string>& labels, const std::vector<PlanEvaluation>& plans,
                                     const std::map<std::string, double>& weights) {
  const auto& indicators = comparison_indicators();
  for (const auto& entry : weights) {
    const std::string& key = entry.first;
    const bool known = std::any_of(indicators.begin(), indicators.end(), [&](const auto& i) { return i.key == key; });
    if (!known) throw UsageError("unknown comparison indicator '" + key + "' in --weights");
    if (!(entry.second >= 0)) throw UsageError("weight of '" + key + "' must be >= 0");
  }
  std::vector<double> w;
  for (const auto& indicator : indicators) {
    const auto it = weights.find(indicator.key);
    w.push_back(it != weights.end() ? it->second : (weights.empty() ? indicator.default_weight : 0.0));
  }
  const double total = std::accumulate(w.begin(), w.end(), 0.0);
  if (total <= 0) throw UsageError("comparison weights sum to zero");
  for (auto& x : w) x /= total;

  std::vector<PlanScore> scores(plans.size());
  for (std::size_t p = 0; p < plans.size(); ++p) {
    scores[p].plan = labels[p];
    scores[p].rules_pass = plans[p].all_rules_pass();
    for (const auto& indicator : indicators) scores[p].values[indicator.key] = indicator_value(indicator.key, plans[p]);
  }
  for (std::size_t k = 0; k < indicators.size(); ++k) {
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const auto& s : scores) {
      const double v = s.values.at(indicators[k].key);
      if (std::isfinite(v)) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
      }
    }
    for (auto& s : scores) {
      const double v = s.values.at(indicators[k].key);
      // Ties, and values no plan has, add nothing; a missing value scores as the worst.
      double normalised = 0;
      if (hi > lo) normalised = std::isfinite(v) ? (v - lo) / (hi - lo) : (indicators[k].higher_is_better ? 0 : 1);
      if (!indicators[k].higher_is_better) normalised = hi > lo ? 1 - normalised : 0;
      s.score += w[k] * normalised;
    }
  }
  std::vector<std::size_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (scores[a].rules_pass != scores[b].rules_pass) return scores[a].rules_pass;
    return scores[a].score > scores[b].score;
  });
  for (std::size_t i = 0; i < order.size(); ++i) scores[order[i]].rank = i + 1;
  return scores;
}

}  // namespace quhua::metrics
