#include "quhua/metrics/diagnosis.hpp"

#include "quhua/algorithms/spatial/kd_tree.hpp"
#include "quhua/util/error.hpp"
#include "quhua/util/limits.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace quhua::metrics {
namespace {


/// The most common level among the units (ties: the lower level, i.e. the finer units).
model::UnitLevel most_common_level(const model::UnitTable& units) {
  std::array<std::size_t, 6> count{};
  for (const auto& unit : units) ++count[static_cast<std::size_t>(unit.level)];
  std::size_t best = 0;
  for (std::size_t level = 1; level < count.size(); ++level) {
    if (count[level] >= count[best] && count[level] > 0) best = level;
  }
  return static_cast<model::UnitLevel>(best);
}

/// Fills the per-unit nearest-seat fields for the units at `members` (positions in result.units) among
/// themselves; `in_parent` chooses which pair of fields.
void nearest_seats(const model::UnitTable& units, std::vector<UnitDiagnosis>& diagnosed, const std::vector<std::size_t>& members,
                   bool in_parent) {
  std::vector<model::Point> points;
  std::vector<std::size_t> owner;  // position in `diagnosed` of each point
  for (const auto m : members) {
    if (const auto anchor = units[diagnosed[m].id].anchor()) {
      points.push_back(*anchor);
      owner.push_back(m);
    }
  }
  if (points.size() < 2) return;
  const algorithms::spatial::KdTree tree(points);
  for (std::uint32_t i = 0; i < points.size(); ++i) {
    const auto hit = tree.nearest(points[i], i);
    auto& d = diagnosed[owner[i]];
    (in_parent ? d.nearest_seat_in_parent_m : d.nearest_seat_any_m) = hit->distance;
    (in_parent ? d.nearest_in_parent : d.nearest_any) = diagnosed[owner[hit->index]].id;
  }
}

GroupDiagnosis summarise(const model::UnitTable& units, const std::vector<UnitDiagnosis>& diagnosed, const std::vector<std::size_t>& members,
                         bool contiguity_checked) {
  GroupDiagnosis g;
  g.unit_count = members.size();
  std::vector<double> population, area, near_parent, near_any;
  std::size_t islands = 0;
  for (const auto m : members) {
    const auto& d = diagnosed[m];
    const auto& unit = units[d.id];
    ++g.type_counts[static_cast<std::size_t>(unit.type)];
    if (d.population) population.push_back(*d.population);
    if (d.area_km2) area.push_back(*d.area_km2);
    if (d.nearest_seat_in_parent_m) near_parent.push_back(*d.nearest_seat_in_parent_m);
    if (d.nearest_seat_any_m) near_any.push_back(*d.nearest_seat_any_m);
    g.under_population += d.under_population ? 1 : 0;
    g.under_area += d.under_area ? 1 : 0;
    g.under_both += d.under_population && d.under_area ? 1 : 0;
    g.seats += unit.anchor() ? 1 : 0;
    islands += d.island.value_or(false) ? 1 : 0;
    g.multipart += d.multipart ? 1 : 0;
  }
  const std::size_t n = members.size();
  // Units without a value count as missing (so that a sum over none of them is unknown, not 0).
  const auto described = [n](std::vector<double> values) {
    const std::size_t absent = n - values.size();
    return describe(std::move(values), absent);
  };
  g.population = described(std::move(population));
  g.area_km2 = described(std::move(area));
  g.nearest_seat_in_parent_m = described(std::move(near_parent));
  g.nearest_seat_any_m = described(std::move(near_any));
  if (g.area_km2.count > 0 && g.area_km2.sum > 0) g.seat_density_per_100km2 = 100.0 * static_cast<double>(g.seats) / g.area_km2.sum;
  if (contiguity_checked) g.islands = islands;
  return g;
}

}  // namespace

void DiagnosisOptions::validate() const {
  util::require_limit("--min-pop", min_population);
  util::require_limit("--min-area-km2", min_area_km2);
}

double default_min_population(model::UnitLevel level) { return level == model::UnitLevel::village ? 1000 : 10000; }
double default_min_area_km2(model::UnitLevel level) { return level == model::UnitLevel::village ? 2 : 20; }

DiagnosisResult diagnose(const model::UnitTable& units, const graph::ContiguityGraph* graph, const DiagnosisOptions& options) {
  options.validate();
  if (graph && graph->node_count() != units.size()) {
    throw UsageError("the contiguity graph has " + std::to_string(graph->node_count()) + " nodes but the unit table has " +
                     std::to_string(units.size()) + " units");
  }
  DiagnosisResult result;
  result.level = options.level.value_or(most_common_level(units));
  result.min_population = options.min_population.value_or(default_min_population(result.level));
  result.min_area_km2 = options.min_area_km2.value_or(default_min_area_km2(result.level));
  result.population_kind = options.population;
  result.contiguity_checked = graph != nullptr;

  // Per unit: values, thresholds, exclaves.
  std::vector<std::uint8_t> diagnosed_unit(units.size(), 0);
  std::size_t fallback = 0, no_population = 0, no_area = 0, no_anchor = 0, from_centroid = 0;
  for (model::UnitId id = 0; id < units.size(); ++id) {
    const auto& unit = units[id];
    if (unit.level != result.level) continue;
    diagnosed_unit[id] = 1;
    UnitDiagnosis d;
    d.id = id;
    if (options.population == PopulationKind::registered) {
      d.population = unit.registered_population;
    } else {
      d.population = unit.resident_population ? unit.resident_population : unit.registered_population;
      if (!unit.resident_population && unit.registered_population) ++fallback;
    }
    d.area_km2 = unit.area_km2;
    no_population += d.population ? 0 : 1;
    no_area += d.area_km2 ? 0 : 1;
    no_anchor += unit.anchor() ? 0 : 1;
    from_centroid += !unit.seat && unit.centroid ? 1 : 0;
    d.under_population = d.population && *d.population < result.min_population;
    d.under_area = d.area_km2 && *d.area_km2 < result.min_area_km2;
    d.multipart = unit.geometry.size() > 1;
    result.units.push_back(d);
  }
  if (graph) {
    for (auto& d : result.units) {
      const auto neighbours = graph->neighbors(d.id);
      d.island = std::none_of(neighbours.begin(), neighbours.end(), [&](graph::NodeId n) { return diagnosed_unit[n] != 0; });
    }
  }

  // Groups by parent code (sorted), then nearest seats within each parent and over all.
  std::vector<std::size_t> order(result.units.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return units[result.units[a].id].parent_code < units[result.units[b].id].parent_code;
  });
  std::vector<std::vector<std::size_t>> groups;
  for (std::size_t k = 0; k < order.size(); ++k) {
    if (k == 0 || units[result.units[order[k]].id].parent_code != units[result.units[order[k - 1]].id].parent_code) groups.emplace_back();
    groups.back().push_back(order[k]);
  }
  for (const auto& members : groups) nearest_seats(units, result.units, members, true);
  nearest_seats(units, result.units, order, false);

  for (const auto& members : groups) {
    GroupDiagnosis g = summarise(units, result.units, members, result.contiguity_checked);
    g.parent_code = units[result.units[members.front()].id].parent_code;
    if (const auto parent = units.find(g.parent_code)) {
      g.parent_name = units[*parent].name;
    } else if (const auto it = options.parent_names.find(g.parent_code); it != options.parent_names.end()) {
      g.parent_name = it->second;
    }
    result.parents.push_back(std::move(g));
  }
  std::vector<std::size_t> all(result.units.size());
  std::iota(all.begin(), all.end(), std::size_t{0});
  result.overall = summarise(units, result.units, all, result.contiguity_checked);

  for (const auto& members : groups) {
    std::vector<std::size_t> small;
    for (const auto m : members) {
      if (result.units[m].under_population || result.units[m].under_area) small.push_back(m);
    }
    std::stable_sort(small.begin(), small.end(), [&](std::size_t a, std::size_t b) {
      const double pa = result.units[a].population.value_or(std::numeric_limits<double>::infinity());
      const double pb = result.units[b].population.value_or(std::numeric_limits<double>::infinity());
      if (pa != pb) return pa < pb;
      return units[result.units[a].id].code < units[result.units[b].id].code;
    });
    result.flagged.insert(result.flagged.end(), small.begin(), small.end());
  }

  // What the numbers rest on.
  const std::string level_name(model::level_name(result.level));
  if (result.units.empty()) {
    result.findings.add(Severity::warning, "no_units", "no " + level_name + "-level units in the table");
  }
  if (no_population > 0) {
    result.findings.add(Severity::warning, "population_missing",
                        std::to_string(no_population) + " units have no population; they are left out of the population figures");
  }
  if (fallback > 0) {
    result.findings.add(Severity::info, "population_fallback",
                        std::to_string(fallback) + " units have no resident population; their registered population is used");
  }
  if (no_area > 0) {
    result.findings.add(Severity::warning, "area_missing", std::to_string(no_area) + " units have no area; they are left out of the area figures");
  }
  if (no_anchor > 0) {
    result.findings.add(Severity::warning, "seat_missing", std::to_string(no_anchor) + " units have neither seat nor centroid; no seat distances for them");
  }
  if (from_centroid > 0) {
    result.findings.add(Severity::info, "seat_from_centroid", std::to_string(from_centroid) + " units have no seat; their centroid is used");
  }
  if (!units.crs.is_projected && !result.units.empty()) {
    result.findings.add(Severity::warning, "crs_not_projected",
                        "the table's coordinates are not known to be in a projected metric CRS; distances are in coordinate units");
  }
  return result;
}

}  // namespace quhua::metrics
