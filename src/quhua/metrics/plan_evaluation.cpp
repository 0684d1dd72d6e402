#include "quhua/metrics/plan_evaluation.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <set>
#include <unordered_map>

#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

namespace quhua::metrics {

using model::UnitId;

namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

/// The point distances to a region's seat are measured to: the seat unit's seat, else its centroid.
std::optional<model::Point> seat_point(const model::UnitTable& units, std::optional<UnitId> seat) {
  if (!seat) return std::nullopt;
  return units[*seat].anchor();
}

/// The seat a region takes: the plan's, else its most populous member (ties: first in unit order).
std::optional<UnitId> effective_seat(const model::UnitTable& units, const model::Plan& plan, model::RegionIndex r,
                                     const std::vector<UnitId>& members) {
  if (r < plan.seat_of.size() && plan.seat_of[r]) return plan.seat_of[r];
  std::optional<UnitId> best;
  for (UnitId u : members) {
    if (!best || units[u].population() > units[*best].population()) best = u;
  }
  return best;
}

bool region_is_contiguous(const graph::ContiguityGraph& graph, const std::vector<UnitId>& members,
                          const std::vector<model::RegionIndex>& region_of, model::RegionIndex r) {
  if (members.size() <= 1) return true;
  std::vector<UnitId> stack{members.front()};
  std::set<UnitId> seen{members.front()};
  while (!stack.empty()) {
    const UnitId v = stack.back();
    stack.pop_back();
    for (const auto w : graph.neighbors(v)) {
      if (region_of[w] == r && seen.insert(w).second) stack.push_back(w);
    }
  }
  return seen.size() == members.size();
}

/// Villages grouped under the units they belong to (by parent code); villages whose parent is not
/// among the units are ignored.
std::vector<std::vector<UnitId>> villages_by_unit(const model::UnitTable& units, const model::UnitTable* villages) {
  std::vector<std::vector<UnitId>> out(units.size());
  if (!villages) return out;
  for (UnitId v = 0; v < villages->size(); ++v) {
    if (auto parent = units.find((*villages)[v].parent_code)) out[*parent].push_back(v);
  }
  return out;
}

bool is_locked(const model::Unit& unit, const PlanRules& rules) {
  return std::find(rules.locked_codes.begin(), rules.locked_codes.end(), unit.code) != rules.locked_codes.end() ||
         std::find(rules.locked_types.begin(), rules.locked_types.end(), unit.type) != rules.locked_types.end();
}

std::string km(double metres) { return util::fixed(metres / 1000.0, 1); }

/// A unit's population (resident, else registered), or nullopt: never read as 0.
std::optional<double> known_population(const model::Unit& unit) {
  if (unit.resident_population) return unit.resident_population;
  return unit.registered_population;
}

}  // namespace

bool PlanEvaluation::all_rules_pass() const {
  return std::all_of(rules.begin(), rules.end(), [](const RuleCheck& r) { return r.pass; });
}

const RuleCheck* PlanEvaluation::rule(const std::string& key) const {
  for (const auto& r : rules) {
    if (r.rule == key) return &r;
  }
  return nullptr;
}

LayoutIndicators layout_indicators(const model::UnitTable& units, const graph::ContiguityGraph* graph,
                                   const model::Plan& plan, const EvaluationOptions& options,
                                   std::vector<RegionSummary>* regions_out) {
  if (plan.region_of.size() != units.size()) {
    throw InternalError("plan covers " + std::to_string(plan.region_of.size()) + " units, table has " +
                        std::to_string(units.size()));
  }
  const auto members = plan.members();
  const auto villages_of = villages_by_unit(units, options.villages);
  const double pop_threshold = options.rules.min_population.value_or(options.population_threshold);
  const double area_threshold = options.rules.min_area_km2.value_or(options.area_threshold_km2);
  const bool have_perimeters = options.unit_perimeter_m.size() == units.size() && graph != nullptr;

  std::vector<RegionSummary> regions(members.size());
  std::map<model::UnitType, std::size_t> by_type;
  std::vector<double> populations, areas, compactness, member_counts, village_counts;
  // (distance m, population) of every measured member, for the weighted mean and the shares.
  std::vector<std::pair<double, double>> measured;
  // (minutes, population) likewise, by road; +infinity where no route.
  std::vector<std::pair<double, double>> measured_min;
  const std::size_t n_units = units.size();
  const bool unit_times = options.unit_minutes && options.unit_minutes->size() == n_units * n_units;
  const bool village_times = options.villages && options.village_minutes &&
                             options.village_minutes->size() == options.villages->size() * n_units;
  LayoutIndicators out;
  // Known population of all units, and of the units whose distances were weighed.
  double population_known = 0, population_measured = 0;

  for (model::RegionIndex r = 0; r < members.size(); ++r) {
    RegionSummary& region = regions[r];
    region.id = plan.region_ids[r];
    region.name = r < plan.region_names.size() ? plan.region_names[r] : std::string();
    region.members = members[r];
    if (region.members.empty()) continue;
    region.seat = effective_seat(units, plan, r, region.members);
    const model::Unit& seat_unit = units[*region.seat];
    if (region.name.empty()) region.name = seat_unit.name;
    region.type = seat_unit.type;
    region.parent_code = seat_unit.parent_code;
    const auto seat_at = seat_point(units, region.seat);
    bool area_known = true;
    double area_m2 = 0, perimeter_m = 0;
    double weighted = 0, weight = 0, max_distance = 0;
    double weighted_min = 0, weight_min = 0, max_min = 0;
    bool distance_known = seat_at.has_value();
    const std::size_t seat_index = *region.seat;
    // Minutes from a village (or unit) to the seat; NaN where no matrix covers it.
    const auto record_minutes = [&](double minutes, std::optional<double> population) {
      if (std::isnan(minutes)) return;
      if (std::isfinite(minutes)) max_min = std::max(max_min, minutes);
      if (!population) return;  // no weight: left out of the mean and the shares, never weighed as 0
      measured_min.emplace_back(minutes, *population);
      if (!std::isfinite(minutes)) return;
      weighted_min += minutes * *population;
      weight_min += *population;
    };
    for (UnitId u : region.members) {
      const model::Unit& unit = units[u];
      const auto unit_population = known_population(unit);
      region.population += unit_population.value_or(k_nan);
      region.registered_population += unit.registered_population.value_or(0);
      if (unit.area_km2) {
        region.area_km2 += *unit.area_km2;
        area_m2 += *unit.area_km2 * 1e6;
      } else {
        area_known = false;
      }
      if (have_perimeters) {
        perimeter_m += options.unit_perimeter_m[u];
        for (std::size_t k = 0; k < graph->degree(u); ++k) {
          const UnitId w = graph->neighbors(u)[k];
          if (plan.region_of[w] == r) perimeter_m -= graph->border_lengths(u)[k];  // each internal border twice
        }
      }
      region.villages += villages_of[u].size();
      // Distances: from villages when we have them, else from the member unit itself; a member
      // without a population has no weight and is left out of the weighted figures (counted).
      bool weighed = false;
      auto measure = [&](const std::optional<model::Point>& from, std::optional<double> population) {
        if (!from || !seat_at) {
          distance_known = false;
          return;
        }
        const double d = model::distance(*from, *seat_at);
        max_distance = std::max(max_distance, d);
        if (!population) {
          ++out.unweighted_members;
          return;
        }
        weighted += d * *population;
        weight += *population;
        measured.emplace_back(d, *population);
        weighed = true;
      };
      if (options.villages) {
        // With villages, a unit is measured from its villages alone: one without any is left out
        // (measuring it from itself, 0 km to its own seat, would pull the mean towards 0).
        if (villages_of[u].empty()) ++out.units_without_villages;
        for (UnitId v : villages_of[u]) {
          const auto population = known_population((*options.villages)[v]);
          measure((*options.villages)[v].anchor(), population);
          if (village_times) record_minutes((*options.village_minutes)[v * n_units + seat_index], population);
        }
      } else {
        measure(unit.anchor(), unit_population);
        if (unit_times) record_minutes((*options.unit_minutes)[u * n_units + seat_index], unit_population);
      }
      if (unit_population) {
        population_known += *unit_population;
        if (weighed) population_measured += *unit_population;
      }
    }
    if (unit_times || village_times) {
      region.weighted_mean_travel_min = weight_min > 0 ? weighted_min / weight_min : k_nan;
      region.max_travel_min = max_min;
    }
    if (!area_known) region.area_km2 = k_nan;
    if (distance_known || weight > 0) {
      region.weighted_mean_distance_km = weight > 0 ? weighted / weight / 1000.0 : k_nan;
      region.max_distance_km = max_distance / 1000.0;
    }
    if (have_perimeters && area_known && perimeter_m > 0) {
      region.compactness = 4 * std::numbers::pi * area_m2 / (perimeter_m * perimeter_m);
    }
    if (graph) region.contiguous = region_is_contiguous(*graph, region.members, plan.region_of, r);

    ++by_type[region.type];
    populations.push_back(region.population);
    areas.push_back(region.area_km2);
    compactness.push_back(region.compactness);
    member_counts.push_back(static_cast<double>(region.members.size()));
    village_counts.push_back(static_cast<double>(region.villages));
    if (region.population < pop_threshold) ++out.under_population;
    if (std::isfinite(region.area_km2) && region.area_km2 < area_threshold) ++out.under_area;
  }
  std::erase_if(regions, [](const RegionSummary& r) { return r.members.empty(); });

  out.units = regions.size();
  out.by_type.assign(by_type.begin(), by_type.end());
  out.population = describe(populations);
  out.area_km2 = describe(areas);
  out.compactness = describe(compactness);
  out.members = describe(member_counts);
  if (options.villages) out.villages = describe(village_counts);
  double total_weight = 0, total_weighted = 0, max_d = 0;
  for (const auto& [d, w] : measured) {
    total_weight += w;
    total_weighted += d * w;
    max_d = std::max(max_d, d);
  }
  if (population_known > 0) out.measured_population_share = population_measured / population_known;
  if (!measured.empty()) {
    out.weighted_mean_distance_km = total_weight > 0 ? total_weighted / total_weight / 1000.0 : k_nan;
    out.max_distance_km = max_d / 1000.0;
    for (double radius : options.within_km) {
      double within = 0;
      for (const auto& [d, w] : measured) {
        if (d <= radius * 1000.0) within += w;
      }
      out.share_within_km.emplace_back(radius, total_weight > 0 ? within / total_weight : k_nan);
    }
  }
  if (!measured_min.empty()) {
    double weight = 0, weighted = 0, longest = 0, cut_off = 0;
    for (const auto& [minutes, population] : measured_min) {
      if (!std::isfinite(minutes)) {
        cut_off += population;
        continue;
      }
      weight += population;
      weighted += minutes * population;
      longest = std::max(longest, minutes);
    }
    out.weighted_mean_travel_min = weight > 0 ? weighted / weight : k_nan;
    out.max_travel_min = longest;
    out.unreachable_population = cut_off;
    const double everyone = weight + cut_off;
    for (double limit : options.within_minutes) {
      double within = 0;
      for (const auto& [minutes, population] : measured_min) {
        if (minutes <= limit) within += population;
      }
      out.share_within_min.emplace_back(limit, everyone > 0 ? within / everyone : k_nan);
    }
  }
  if (regions_out) *regions_out = std::move(regions);
  return out;
}

PlanEvaluation evaluate_plan(const model::UnitTable& units, const graph::ContiguityGraph* graph, const model::Plan& plan,
                             const EvaluationOptions& options) {
  PlanEvaluation eval;
  eval.before = layout_indicators(units, graph, model::identity_plan(units), options);
  eval.after = layout_indicators(units, graph, plan, options, &eval.regions);
  const PlanRules& rules = options.rules;
  if (options.villages) {
    for (const auto& list : villages_by_unit(units, options.villages)) eval.villages_per_unit.push_back(list.size());
  }
  std::unordered_map<std::string, const RegionSummary*> region_by_id;
  for (const auto& region : eval.regions) region_by_id[region.id] = &region;

  // codes: every seat belongs to its region.
  {
    RuleCheck check{"codes", true, {}, "every unit in exactly one region, every seat inside its region"};
    for (model::RegionIndex r = 0; r < plan.seat_of.size(); ++r) {
      if (plan.seat_of[r] && plan.region_of[*plan.seat_of[r]] != r) {
        check.pass = false;
        check.offenders.push_back(plan.region_ids[r]);
      }
    }
    if (!check.pass) check.detail = "seat outside its region";
    eval.rules.push_back(std::move(check));
  }
  // contiguity
  {
    RuleCheck check{"contiguity", true, {}, "every region connected through shared borders"};
    if (!graph) {
      check.pass = false;
      check.detail = "cannot be checked: no contiguity graph (units without geometry)";
    } else {
      for (const auto& region : eval.regions) {
        if (!region.contiguous) check.offenders.push_back(region.id);
      }
      check.pass = check.offenders.empty();
      if (!check.pass) check.detail = std::to_string(check.offenders.size()) + " regions are not connected";
    }
    eval.rules.push_back(std::move(check));
  }
  // A lone unit below a minimum is an exception when nothing could be done: it is locked, or an
  // island with no neighbour at all.
  auto exception_reason = [&](const RegionSummary& region) -> std::string {
    if (region.members.size() != 1) return {};
    const UnitId u = region.members.front();
    if (is_locked(units[u], rules)) return "locked";
    if (graph && graph->degree(u) == 0) return "island";
    return {};
  };
  auto threshold_rule = [&](const char* key, const std::optional<double>& limit, bool is_min, bool area) {
    if (!limit) return;
    RuleCheck check{key, true, {}, ""};
    check.limit = *limit;
    for (const auto& region : eval.regions) {
      const double value = area ? region.area_km2 : region.population;
      if (!std::isfinite(value)) continue;
      if (!(is_min ? value < *limit : value > *limit)) continue;
      if (const auto reason = exception_reason(region); is_min && !reason.empty()) {
        check.exceptions.push_back(region.id + ": " + reason);
        continue;
      }
      if (!std::isfinite(check.worst) || (is_min ? value < check.worst : value > check.worst)) check.worst = value;
      check.offenders.push_back(region.id);
    }
    check.pass = check.offenders.empty();
    check.detail = std::string(area ? "area " : "population ") + (is_min ? ">= " : "<= ") + util::fixed(*limit, 0) +
                   (check.pass ? "" : ": " + std::to_string(check.offenders.size()) + " regions outside") +
                   (check.exceptions.empty() ? "" : "; " + std::to_string(check.exceptions.size()) + " exceptions");
    eval.rules.push_back(std::move(check));
  };
  threshold_rule("min_population", rules.min_population, true, false);
  threshold_rule("max_population", rules.max_population, false, false);
  threshold_rule("min_area", rules.min_area_km2, true, true);
  threshold_rule("max_area", rules.max_area_km2, false, true);

  if (rules.max_seat_km) {
    RuleCheck check{"max_seat_distance", true, {}, ""};
    double worst = 0;
    for (const auto& region : eval.regions) {
      const auto seat_at = seat_point(units, region.seat);
      for (UnitId u : region.members) {
        const auto from = units[u].anchor();
        if (!from || !seat_at) continue;
        const double d = model::distance(*from, *seat_at);
        worst = std::max(worst, d);
        if (d > *rules.max_seat_km * 1000.0) check.offenders.push_back(units[u].code);
      }
    }
    check.pass = check.offenders.empty();
    check.limit = *rules.max_seat_km;
    check.worst = worst / 1000.0;
    check.detail = "member to seat <= " + util::fixed(*rules.max_seat_km, 1) + " km (worst " + km(worst) + " km)";
    eval.rules.push_back(std::move(check));
  }

  if (rules.max_seat_minutes) {
    RuleCheck check{"max_seat_minutes", true, {}, ""};
    check.limit = *rules.max_seat_minutes;
    const std::size_t n = units.size();
    if (!options.unit_minutes || options.unit_minutes->size() != n * n) {
      check.pass = false;
      check.detail = "cannot be checked: no travel times (give a road network)";
    } else {
      double worst = 0;
      for (const auto& region : eval.regions) {
        if (!region.seat) continue;
        for (UnitId u : region.members) {
          const double minutes = (*options.unit_minutes)[u * n + *region.seat];
          worst = std::max(worst, minutes);
          if (!(minutes <= *rules.max_seat_minutes)) check.offenders.push_back(units[u].code);
        }
      }
      check.pass = check.offenders.empty();
      check.worst = worst;
      check.detail = "member to seat by road <= " + util::fixed(*rules.max_seat_minutes, 1) + " min (worst " +
                     (std::isfinite(worst) ? util::fixed(worst, 1) + " min" : std::string("no route")) + ")";
    }
    eval.rules.push_back(std::move(check));
  }

  // Transfers: members whose parent differs from their region seat's parent (划转).
  for (const auto& region : eval.regions) {
    for (UnitId u : region.members) {
      if (units[u].parent_code != region.parent_code) eval.transfers.push_back(u);
    }
  }
  if (rules.within_parent) {
    RuleCheck check{"within_parent", true, {}, ""};
    if (rules.allow_transfer) {
      check.detail = std::to_string(eval.transfers.size()) + " transfers to another parent (allowed, listed)";
    } else {
      for (UnitId u : eval.transfers) check.offenders.push_back(units[u].code);
      check.pass = check.offenders.empty();
      check.detail = check.pass ? "no region crosses a parent boundary"
                                : std::to_string(check.offenders.size()) + " units joined a region of another parent";
    }
    eval.rules.push_back(std::move(check));
  }
  if (!rules.locked_codes.empty() || !rules.locked_types.empty()) {
    RuleCheck check{"locked", true, {}, "locked units stay as they are"};
    for (const auto& region : eval.regions) {
      if (region.members.size() <= 1) continue;
      for (UnitId u : region.members) {
        if (is_locked(units[u], rules)) check.offenders.push_back(units[u].code);
      }
    }
    check.pass = check.offenders.empty();
    eval.rules.push_back(std::move(check));
  }
  if (!rules.forbidden_pairs.empty()) {
    RuleCheck check{"forbidden_pairs", true, {}, "forbidden pairs never share a region"};
    for (const auto& [a, b] : rules.forbidden_pairs) {
      const auto ua = units.find(a), ub = units.find(b);
      if (ua && ub && plan.region_of[*ua] == plan.region_of[*ub]) check.offenders.push_back(a + ":" + b);
    }
    check.pass = check.offenders.empty();
    eval.rules.push_back(std::move(check));
  }
  if (!rules.must_merge.empty()) {
    RuleCheck check{"must_merge", true, {}, "must-merge groups share a region"};
    for (const auto& group : rules.must_merge) {
      std::set<model::RegionIndex> seen;
      for (const auto& code : group) {
        if (auto u = units.find(code)) seen.insert(plan.region_of[*u]);
      }
      if (seen.size() > 1) check.offenders.push_back(util::join(group, "+"));
    }
    check.pass = check.offenders.empty();
    eval.rules.push_back(std::move(check));
  }

  // Units viable on their own (population and area thresholds met) that the plan merged into
  // another unit's seat anyway: the reform merges to reach a viable size, not for its own sake.
  const double pop_threshold = rules.min_population.value_or(options.population_threshold);
  for (const auto& region : eval.regions) {
    if (region.members.size() <= 1) continue;
    for (UnitId u : region.members) {
      if (region.seat && *region.seat == u) continue;
      const auto& unit = units[u];
      const bool area_ok = !rules.min_area_km2 || (unit.area_km2 && *unit.area_km2 >= *rules.min_area_km2);
      if (unit.population() >= pop_threshold && area_ok) eval.merged_viable_units.push_back(u);
    }
  }
  return eval;
}

}  // namespace quhua::metrics
