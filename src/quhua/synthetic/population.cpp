#include "quhua/synthetic/population.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace quhua::synthetic::detail {
namespace {

using model::UnitType;

struct Range {
  double lo, hi;
};

}  // namespace

void assign_township_types(const CountyOptions& options, CountyPlan& plan) {
  auto& towns = plan.townships;
  towns[0].type = UnitType::town;
  for (int i = 1; i <= options.subdistrict_count; ++i) towns[static_cast<std::size_t>(i)].type = UnitType::subdistrict;
  std::vector<std::size_t> rest;
  for (std::size_t t = 1 + static_cast<std::size_t>(options.subdistrict_count); t < towns.size(); ++t) rest.push_back(t);

  // Ethnic townships: the highest townships by mean elevation (in Sichuan, Yi and Tibetan townships sit
  // in the mountains).
  const auto mean_elevation = [&](std::size_t t) {
    double sum = 0;
    for (const auto v : towns[t].villages) sum += plan.terrain.elevation(plan.settlements.sites[v]);
    return sum / static_cast<double>(towns[t].villages.size());
  };
  std::vector<std::size_t> by_height = rest;
  std::stable_sort(by_height.begin(), by_height.end(), [&](std::size_t a, std::size_t b) { return mean_elevation(a) > mean_elevation(b); });
  for (std::size_t i = 0; i < static_cast<std::size_t>(options.ethnic_township_count) && i < by_height.size(); ++i) {
    towns[by_height[i]].type = UnitType::ethnic_township;
    rest.erase(std::find(rest.begin(), rest.end(), by_height[i]));
  }

  // Towns: the townships with the most people in prospect (villages weighted by how kind their land is)
  // and closest to the county seat; the rest are 乡.
  const model::Point seat = plan.settlements.sites[towns[0].seat_site];
  const auto prospect = [&](std::size_t t) {
    double sum = 0;
    for (const auto v : towns[t].villages) sum += std::sqrt(plan.terrain.habitability(plan.settlements.sites[v]));
    const double d_km = model::distance(plan.settlements.sites[towns[t].seat_site], seat) / 1000;
    return sum / (1 + d_km / 40);
  };
  std::stable_sort(rest.begin(), rest.end(), [&](std::size_t a, std::size_t b) { return prospect(a) > prospect(b); });
  const std::size_t town_count = static_cast<std::size_t>(options.town_count - 1);
  for (std::size_t i = 0; i < rest.size(); ++i) towns[rest[i]].type = i < town_count ? UnitType::town : UnitType::township;
}

void assign_populations(const CountyOptions& options, CountyPlan& plan, Rng& rng) {
  auto& villages = plan.villages;
  const auto& towns = plan.townships;
  // A log-normal per village: its median from the village's kind and land, its spread sigma.
  struct Draw {
    double median, sigma;
    Range range;
  };
  std::vector<Draw> draws(villages.size());
  double expected = 0;
  for (std::size_t v = 0; v < villages.size(); ++v) {
    const auto& village = villages[v];
    const UnitType type = towns[village.township].type;
    const bool seat = towns[village.township].seat_site == v;
    if (is_urban_core(village.kind)) {
      draws[v] = {4500, 0.35, {1500, 12000}};  // neighbourhoods of the county seat
    } else if (seat && type == UnitType::town) {
      draws[v] = {3200, 0.35, {1000, 8000}};  // the town's own street community
    } else {
      double median = 400 + 700 * std::pow(plan.terrain.habitability(village.site), 0.7);
      if (type == UnitType::town) median *= 1.1;
      if (type == UnitType::township) median *= 0.9;
      if (type == UnitType::ethnic_township) median *= 0.8;
      if (seat) median *= 1.4;
      draws[v] = {median, 0.55, {k_min_village_population, k_max_village_population}};
    }
    expected += draws[v].median * std::exp(draws[v].sigma * draws[v].sigma / 2);
  }
  // Medians scaled so the county's expected total is the target; draws outside a village's range are
  // drawn again (a truncated log-normal, no pile-up at the limits); a last small rescale hits the total.
  const double scale = options.population / expected;
  for (std::size_t v = 0; v < villages.size(); ++v) {
    const auto& d = draws[v];
    double value = d.median * scale;
    for (int attempt = 0; attempt < 50; ++attempt) {
      value = d.median * scale * std::exp(rng.normal(0, d.sigma));
      if (value >= d.range.lo && value <= d.range.hi) break;
    }
    villages[v].resident = std::clamp(value, d.range.lo, d.range.hi);
  }
  // Stretch every village's excess over its lower limit by one factor (so none lands on a limit) until
  // the county total is met; the upper limits rarely bind.
  for (int round = 0; round < 8; ++round) {
    double floor = 0, excess = 0;
    for (std::size_t v = 0; v < villages.size(); ++v) {
      floor += draws[v].range.lo;
      excess += villages[v].resident - draws[v].range.lo;
    }
    if (excess <= 0) break;
    const double factor = std::max(0.0, options.population - floor) / excess;
    for (std::size_t v = 0; v < villages.size(); ++v) {
      const double lo = draws[v].range.lo;
      villages[v].resident = std::min(lo + (villages[v].resident - lo) * factor, draws[v].range.hi);
    }
  }
  for (auto& village : villages) village.resident = std::round(village.resident);
  // Registered population (户籍): the countryside has more on its books than at home (out-migration,
  // most from remote and high villages); the county seat has fewer (newcomers registered elsewhere).
  for (std::size_t v = 0; v < villages.size(); ++v) {
    auto& village = villages[v];
    double ratio = 1;
    if (is_urban_core(village.kind)) {
      ratio = rng.uniform(0.72, 0.9);
    } else if (village.community) {
      ratio = rng.uniform(0.95, 1.1);
    } else {
      ratio = std::clamp(1.12 + 0.35 * (1 - plan.terrain.habitability(village.site)) + rng.normal(0, 0.06), 1.05, 1.6);
    }
    village.registered = std::round(village.resident * ratio);
  }
  for (auto& town : plan.townships) {
    town.resident = town.registered = 0;
    for (const auto v : town.villages) {
      town.resident += villages[v].resident;
      town.registered += villages[v].registered;
    }
  }
}

void assign_indicators(CountyPlan& plan, Rng& rng) {
  for (auto& town : plan.townships) {
    double per_capita_yuan = 28000, fiscal_share = 0.02;
    switch (town.type) {
      case UnitType::subdistrict: per_capita_yuan = 75000; fiscal_share = 0.045; break;
      case UnitType::town: per_capita_yuan = 42000; fiscal_share = 0.035; break;
      case UnitType::ethnic_township: per_capita_yuan = 20000; fiscal_share = 0.015; break;
      default: break;
    }
    if (&town == &plan.townships.front()) per_capita_yuan = 65000;  // 城关镇
    per_capita_yuan *= std::exp(rng.normal(0, 0.2));
    town.gdp_10k_yuan = std::round(per_capita_yuan * town.resident / 1e4);
    town.fiscal_revenue_10k_yuan = std::round(town.gdp_10k_yuan * fiscal_share * std::exp(rng.normal(0, 0.25)));
    // Built-up area (建成区): the seat's streets, not scattered farmsteads.
    double built = 0;
    for (const auto v : town.villages) {
      const auto& village = plan.villages[v];
      if (is_urban_core(village.kind)) {
        built += village.resident / 9000;
      } else if (village.community) {
        built += village.resident / 6500;
      } else if (town.seat_site == v) {
        built += village.resident / 5000;
      }
    }
    town.built_up_area_km2 = std::round(built * std::exp(rng.normal(0, 0.15)) * 100) / 100;
  }
}

}  // namespace quhua::synthetic::detail
