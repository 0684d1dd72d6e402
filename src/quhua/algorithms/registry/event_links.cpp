#include "quhua/algorithms/registry/event_links.hpp"

#include <map>

namespace quhua::registry {
namespace {

struct Shares {
  std::vector<double> values;
  WeightBasis basis = WeightBasis::equal;
};

// Normalised figures when every one is known and their sum is positive.
std::optional<std::vector<double>> proportional(const std::vector<std::optional<double>>& figures) {
  double sum = 0;
  for (const auto& f : figures) {
    if (!f || *f < 0) return std::nullopt;
    sum += *f;
  }
  if (!(sum > 0)) return std::nullopt;
  std::vector<double> out;
  for (const auto& f : figures) out.push_back(*f / sum);
  return out;
}

Shares first_known(const std::vector<std::pair<WeightBasis, std::optional<std::vector<double>>>>& candidates,
                   std::size_t n) {
  for (const auto& [basis, values] : candidates) {
    if (values) return {*values, basis};
  }
  return {std::vector<double>(n, 1.0 / static_cast<double>(n)), WeightBasis::equal};
}

}  // namespace

void compute_links(EventDraft& draft, const std::vector<UnitVersion>& before, const OverlapShareFn& overlap) {
  draft.links.clear();
  const std::size_t nb = draft.before.size(), na = draft.after.size();
  std::map<std::size_t, std::vector<const GivenShare*>> given;
  for (const auto& s : draft.given_shares) given[s.before_index].push_back(&s);

  for (std::size_t b = 0; b < nb; ++b) {
    if (auto it = given.find(b); it != given.end()) {
      for (const GivenShare* s : it->second) {
        const double pop = s->population_share.value_or(s->area_share.value_or(0));
        const double area = s->area_share.value_or(s->population_share.value_or(0));
        draft.links.push_back({b, s->after_index, pop, WeightBasis::given, area, WeightBasis::given});
      }
      continue;
    }
    std::vector<std::size_t> targets;
    switch (draft.type) {
      case EventType::abolished:
      case EventType::established:
        break;
      case EventType::merged:
        if (na >= 1) targets.push_back(0);
        break;
      case EventType::split:
        for (std::size_t a = 0; a < na; ++a) targets.push_back(a);
        break;
      default:
        if (b == 0 && na >= 1) targets.push_back(0);
        break;
    }
    if (targets.empty()) continue;
    if (targets.size() == 1) {
      draft.links.push_back({b, targets.front(), 1.0, WeightBasis::whole, 1.0, WeightBasis::whole});
      continue;
    }
    std::vector<std::optional<double>> pops, areas, overlaps;
    for (auto a : targets) {
      pops.push_back(draft.after[a].population);
      areas.push_back(draft.after[a].area_km2);
      const bool have_polygons =
          overlap && b < before.size() && !before[b].geometry.empty() && !draft.after[a].geometry.empty();
      overlaps.push_back(have_polygons ? overlap(b, a) : std::nullopt);
    }
    const auto by_pop = proportional(pops), by_area = proportional(areas), by_overlap = proportional(overlaps);
    const Shares area_shares = first_known(
        {{WeightBasis::geometry, by_overlap}, {WeightBasis::area, by_area}, {WeightBasis::population, by_pop}},
        targets.size());
    const Shares pop_shares = first_known(
        {{WeightBasis::population, by_pop}, {WeightBasis::geometry, by_overlap}, {WeightBasis::area, by_area}},
        targets.size());
    for (std::size_t k = 0; k < targets.size(); ++k) {
      draft.links.push_back(
          {b, targets[k], pop_shares.values[k], pop_shares.basis, area_shares.values[k], area_shares.basis});
    }
  }
}

}  // namespace quhua::registry
