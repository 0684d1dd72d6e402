#include "quhua/algorithms/regionalize/plan_check.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "quhua/util/error.hpp"

namespace quhua::algorithms::regionalize {

namespace {

constexpr double k_two_pi = 6.283185307179586;
constexpr double k_four_pi = 12.566370614359172;

std::string region_label(std::uint32_t region) { return "new unit " + std::to_string(region + 1); }

struct Audit {
  const SolverInstance& I;
  const PlanningProblem& P;
  std::span<const std::uint32_t> region_of;
  std::span<const UnitIndex> seats;
  std::vector<std::vector<UnitIndex>> members;
  std::vector<double> population, area;

  Audit(const SolverInstance& instance, std::span<const std::uint32_t> regions, std::span<const UnitIndex> seat_of)
      : I(instance), P(*instance.problem), region_of(regions), seats(seat_of) {
    std::uint32_t count = 0;
    for (auto r : regions) count = std::max(count, r + 1);
    members.resize(count);
    population.assign(count, 0);
    area.assign(count, 0);
    for (UnitIndex u = 0; u < regions.size(); ++u) {
      members[regions[u]].push_back(u);
      population[regions[u]] += P.population[u];
      if (std::isfinite(P.area_km2[u])) area[regions[u]] += P.area_km2[u];
    }
  }

  bool connected(const std::vector<UnitIndex>& units) const {
    if (units.size() <= 1) return true;
    std::set<UnitIndex> left(units.begin() + 1, units.end());
    std::vector<UnitIndex> stack{units[0]};
    while (!stack.empty() && !left.empty()) {
      const UnitIndex u = stack.back();
      stack.pop_back();
      for (auto v : P.graph.neighbors(u)) {
        if (left.erase(v)) stack.push_back(v);
      }
    }
    return left.empty();
  }

  UnitIndex best_seat(const std::vector<UnitIndex>& units) const { return I.seat_of_units(units); }

  // A single fixed block: the region the instance kept as it was.
  bool fixed_region(std::uint32_t r) const {
    const BlockId b = I.block_of_unit[members[r][0]];
    if (!I.fixed(b)) return false;
    for (UnitIndex u : members[r]) {
      if (I.block_of_unit[u] != b) return false;
    }
    return members[r].size() == I.block_unit_count[b];
  }

  bool lower_short(std::uint32_t r) const {
    return below_bound(population[r], I.options.rules.min_population) ||
           below_bound(area[r], I.options.rules.min_area_km2);
  }

  // What breaks when region r joins region q (empty: nothing -- the merge keeps every rule).
  std::string merge_blocker(std::uint32_t r, std::uint32_t q) const {
    const auto& rules = I.options.rules;
    if (fixed_region(q)) {
      const auto reason = I.block_fixed[I.block_of_unit[members[q][0]]];
      return reason == FixedReason::locked ? "it is locked" : "it is kept as it is (" + I.fixed_note[I.block_of_unit[members[q][0]]] + ")";
    }
    const double p = population[r] + population[q];
    const double a = area[r] + area[q];
    if (above_bound(p, rules.max_population)) {
      return "together they would have population " + format_number(p) + " > --max-pop " + format_number(rules.max_population);
    }
    if (above_bound(a, rules.max_area_km2)) {
      return "together they would cover " + format_number(a) + " km² > --max-area-km2 " + format_number(rules.max_area_km2);
    }
    if (I.single_parent && P.parent[members[r][0]] != P.parent[members[q][0]]) {
      return "it lies in another parent (--within-parent)";
    }
    for (const auto& [x, y] : P.forbidden_pairs) {
      const bool across = (region_of[x] == r && region_of[y] == q) || (region_of[x] == q && region_of[y] == r);
      if (across) return "--forbid " + P.codes[x] + ":" + P.codes[y];
    }
    if (I.reach_class[members[r][0]] != I.reach_class[members[q][0]]) {
      return "they cannot reach each other by road (--network)";
    }
    std::vector<UnitIndex> both = members[r];
    both.insert(both.end(), members[q].begin(), members[q].end());
    std::sort(both.begin(), both.end());
    if (rules.has_seat_rule()) {
      const UnitIndex seat = best_seat(both);
      for (UnitIndex u : both) {
        if (rules.has_seat_km_rule() && I.distance_km(u, seat) * 1000.0 > rules.max_seat_distance_m * (1 + 1e-12)) {
          return "unit " + P.codes[u] + " would be " + format_number(std::round(I.distance_km(u, seat) * 10) / 10) +
                 " km from the seat " + P.codes[seat] + " (--max-seat-km " + format_number(rules.max_seat_distance_m / 1000) + ")";
        }
        if (rules.has_seat_minutes_rule() && !(I.travel_min(u, seat) <= rules.max_seat_minutes * (1 + 1e-12))) {
          return "unit " + P.codes[u] + " would be " + format_number(std::round(I.travel_min(u, seat) * 10) / 10) +
                 " minutes by road from the seat " + P.codes[seat] + " (--max-seat-min " +
                 format_number(rules.max_seat_minutes) + ")";
        }
      }
    }
    if (below_bound(p, rules.min_population) || below_bound(a, rules.min_area_km2)) {
      return "together they are still below the minimum";
    }
    return {};
  }
};

RuleStatus status_of(bool active, const std::vector<RuleViolation>& violations) {
  if (!active) return RuleStatus::inactive;
  if (violations.empty()) return RuleStatus::pass;
  for (const auto& v : violations) {
    if (!v.excepted) return RuleStatus::fail;
  }
  return RuleStatus::pass_with_exceptions;
}

}  // namespace

std::string_view rule_status_name(RuleStatus status) {
  switch (status) {
    case RuleStatus::inactive: return "inactive";
    case RuleStatus::pass: return "pass";
    case RuleStatus::pass_with_exceptions: return "pass_with_exceptions";
    case RuleStatus::fail: return "fail";
  }
  return "fail";
}

PlanReport check_plan(const SolverInstance& instance, std::span<const std::uint32_t> region_of_unit,
                      std::span<const UnitIndex> seat_of_region) {
  const auto& P = *instance.problem;
  const auto& rules = instance.options.rules;
  if (region_of_unit.size() != P.size()) throw InternalError("check_plan: plan size differs from the input");
  Audit audit(instance, region_of_unit, seat_of_region);
  const auto region_count = static_cast<std::uint32_t>(audit.members.size());
  if (seat_of_region.size() != region_count) throw InternalError("check_plan: one seat per region expected");
  for (std::uint32_t r = 0; r < region_count; ++r) {
    if (audit.members[r].empty()) throw InternalError("check_plan: region numbers are not dense");
    if (seat_of_region[r] != audit.best_seat(audit.members[r])) {
      throw InternalError("check_plan: the seat of " + region_label(r) + " is not the member the seat rule picks");
    }
  }

  PlanReport report;
  report.units_before = P.size();
  report.regions_after = region_count;
  report.target_regions = instance.target_regions;

  // Exceptions first: they decide which violations are excused.
  std::vector<std::int32_t> exception_of(region_count, -1);
  for (std::uint32_t r = 0; r < region_count; ++r) {
    const bool short_region = audit.lower_short(r);
    const bool over = above_bound(audit.population[r], rules.max_population) ||
                      above_bound(audit.area[r], rules.max_area_km2);
    if (!short_region && !over) continue;
    PlanException exception;
    exception.region = r;
    exception.units = audit.members[r];
    if (audit.fixed_region(r)) {
      const BlockId b = instance.block_of_unit[audit.members[r][0]];
      exception.message = instance.fixed_note[b];
      switch (instance.block_fixed[b]) {
        case FixedReason::locked: exception.reason = "locked"; break;
        case FixedReason::exceeds_upper_bound: exception.reason = "exceeds_maximum"; break;
        default:
          exception.reason = instance.block_graph.degree(b) == 0 ? "island"
                             : instance.zone_of_block[b] == k_none && exception.message.rfind("component", 0) == 0
                                 ? "infeasible_component"
                                 : "isolated";
          break;
      }
    } else if (over) {
      exception.reason = "exceeds_maximum";
      exception.message = "a merged unit above a maximum";
      exception.justified = false;
    } else {
      exception.reason = "no_feasible_merge";
      std::set<std::uint32_t> neighbours;
      for (UnitIndex u : audit.members[r]) {
        for (auto v : P.graph.neighbors(u)) {
          if (region_of_unit[v] != r) neighbours.insert(region_of_unit[v]);
        }
      }
      std::string why;
      for (std::uint32_t q : neighbours) {
        const auto blocker = audit.merge_blocker(r, q);
        if (blocker.empty()) {
          exception.justified = false;
          why = "it could join " + region_label(q) + " without breaking a rule";
          break;
        }
        why += (why.empty() ? "" : "; ") + region_label(q) + ": " + blocker;
      }
      if (neighbours.empty()) why = "no neighbouring new unit";
      exception.message = (audit.population[r] < rules.min_population
                               ? "population " + format_number(audit.population[r]) + " < --min-pop " + format_number(rules.min_population)
                               : "area " + format_number(audit.area[r]) + " km² < --min-area-km2 " + format_number(rules.min_area_km2)) +
                          ", and it cannot join a neighbouring new unit: " + why;
    }
    exception_of[r] = static_cast<std::int32_t>(report.exceptions.size());
    report.exception_units += exception.units.size();
    report.exceptions.push_back(std::move(exception));
  }
  const auto excused = [&](std::uint32_t r) {
    return exception_of[r] >= 0 && report.exceptions[static_cast<std::size_t>(exception_of[r])].justified;
  };

  const auto add_rule = [&](std::string rule, std::string option, bool active, double limit, bool hard,
                            std::vector<RuleViolation> violations) {
    RuleCheck check;
    check.rule = std::move(rule);
    check.option = std::move(option);
    check.limit = limit;
    check.hard = hard;
    check.status = status_of(active, violations);
    check.violations = std::move(violations);
    if (check.hard && check.status == RuleStatus::fail) report.hard_rules_hold = false;
    report.rules.push_back(std::move(check));
  };

  {
    std::vector<RuleViolation> violations;
    for (std::uint32_t r = 0; r < region_count; ++r) {
      if (!audit.connected(audit.members[r])) {
        violations.push_back({r, audit.members[r], std::numeric_limits<double>::quiet_NaN(),
                              region_label(r) + " is not contiguous", false});
      }
    }
    add_rule("contiguity", "", true, std::numeric_limits<double>::quiet_NaN(), true, std::move(violations));
  }
  const auto bound_rule = [&](const char* rule, const char* option, double limit, bool active, bool lower,
                              const std::vector<double>& values, const char* unit) {
    std::vector<RuleViolation> violations;
    if (active) {
      for (std::uint32_t r = 0; r < region_count; ++r) {
        const bool broken = lower ? below_bound(values[r], limit) : above_bound(values[r], limit);
        if (!broken) continue;
        violations.push_back({r, audit.members[r], values[r],
                              region_label(r) + " has " + format_number(values[r]) + unit + (lower ? " < " : " > ") +
                                  option + " " + format_number(limit),
                              excused(r)});
      }
    }
    add_rule(rule, option, active, limit, true, std::move(violations));
  };
  bound_rule("min_population", "--min-pop", rules.min_population, rules.min_population > 0, true, audit.population, "");
  bound_rule("max_population", "--max-pop", rules.max_population, rules.max_population < k_no_limit, false,
             audit.population, "");
  bound_rule("min_area", "--min-area-km2", rules.min_area_km2, rules.min_area_km2 > 0, true, audit.area, " km²");
  bound_rule("max_area", "--max-area-km2", rules.max_area_km2, rules.max_area_km2 < k_no_limit, false, audit.area,
             " km²");

  {
    std::vector<RuleViolation> violations;
    const double limit_km = rules.max_seat_distance_m / 1000.0;
    if (rules.has_seat_km_rule()) {
      for (std::uint32_t r = 0; r < region_count; ++r) {
        std::vector<UnitIndex> far;
        double worst = 0;
        for (UnitIndex u : audit.members[r]) {
          const double d = instance.distance_km(u, seat_of_region[r]);
          worst = std::max(worst, d);
          if (d > limit_km * (1 + 1e-12)) far.push_back(u);
        }
        if (!far.empty()) {
          violations.push_back({r, far, worst,
                                region_label(r) + ": " + describe_units(P, far) + " beyond --max-seat-km " +
                                    format_number(limit_km) + " from the seat " + P.codes[seat_of_region[r]],
                                false});
        }
      }
    }
    add_rule("max_seat_distance", "--max-seat-km", rules.has_seat_km_rule(), limit_km, true, std::move(violations));
  }
  {
    std::vector<RuleViolation> violations;
    if (rules.has_seat_minutes_rule()) {
      for (std::uint32_t r = 0; r < region_count; ++r) {
        std::vector<UnitIndex> far;
        double worst = 0;
        for (UnitIndex u : audit.members[r]) {
          const double minutes = instance.travel_min(u, seat_of_region[r]);
          worst = std::max(worst, minutes);
          if (!(minutes <= rules.max_seat_minutes * (1 + 1e-12))) far.push_back(u);
        }
        if (!far.empty()) {
          violations.push_back({r, far, worst,
                                region_label(r) + ": " + describe_units(P, far) + " beyond --max-seat-min " +
                                    format_number(rules.max_seat_minutes) + " by road from the seat " +
                                    P.codes[seat_of_region[r]],
                                false});
        }
      }
    }
    add_rule("max_seat_minutes", "--max-seat-min", rules.has_seat_minutes_rule(), rules.max_seat_minutes, true,
             std::move(violations));
  }
  {
    // With travel times: every member reaches its seat by road and is reached from it.
    std::vector<RuleViolation> violations;
    if (instance.travel_times) {
      for (std::uint32_t r = 0; r < region_count; ++r) {
        std::vector<UnitIndex> cut;
        const UnitIndex seat = seat_of_region[r];
        for (UnitIndex u : audit.members[r]) {
          if (!std::isfinite(instance.travel_min(u, seat)) || !std::isfinite(instance.travel_min(seat, u))) {
            cut.push_back(u);
          }
        }
        if (!cut.empty()) {
          violations.push_back({r, cut, std::numeric_limits<double>::quiet_NaN(),
                                region_label(r) + ": " + describe_units(P, cut) +
                                    " and the seat " + P.codes[seat] + " cannot reach each other by road",
                                false});
        }
      }
    }
    add_rule("road_reachability", "--network", instance.travel_times, std::numeric_limits<double>::quiet_NaN(), true,
             std::move(violations));
  }
  {
    std::vector<RuleViolation> violations;
    for (std::uint32_t r = 0; r < region_count; ++r) {
      const UnitIndex seat = seat_of_region[r];
      for (UnitIndex u : audit.members[r]) {
        if (!rules.within_parent || P.parent[u] == P.parent[seat]) continue;
        if (instance.count_transfers) {
          report.transfers.push_back({u, r, P.parent[u], P.parent[seat]});
        } else {
          violations.push_back({r, {u}, std::numeric_limits<double>::quiet_NaN(),
                                region_label(r) + " mixes parents: " + P.codes[u] + " is not in the seat's parent", false});
        }
      }
    }
    add_rule("within_parent", "--within-parent", rules.within_parent, std::numeric_limits<double>::quiet_NaN(), true,
             std::move(violations));
  }
  {
    std::vector<RuleViolation> violations;
    for (const auto& [a, b] : P.forbidden_pairs) {
      if (region_of_unit[a] == region_of_unit[b]) {
        violations.push_back({region_of_unit[a], {a, b}, std::numeric_limits<double>::quiet_NaN(),
                              region_label(region_of_unit[a]) + " holds the forbidden pair " + P.codes[a] + ":" + P.codes[b],
                              false});
      }
    }
    add_rule("forbidden_pairs", "--forbid", !P.forbidden_pairs.empty(), std::numeric_limits<double>::quiet_NaN(), true,
             std::move(violations));
  }
  {
    std::vector<RuleViolation> violations;
    for (const auto& group : P.must_merge_groups) {
      for (UnitIndex u : group) {
        if (region_of_unit[u] != region_of_unit[group[0]]) {
          violations.push_back({region_of_unit[u], group, std::numeric_limits<double>::quiet_NaN(),
                                "must-merge group " + describe_units(P, group) + " is split", false});
          break;
        }
      }
    }
    add_rule("must_merge", "--must-merge", !P.must_merge_groups.empty(), std::numeric_limits<double>::quiet_NaN(), true,
             std::move(violations));
  }
  {
    std::vector<RuleViolation> violations;
    for (UnitIndex u = 0; u < P.size(); ++u) {
      if (!P.locked[u]) continue;
      ++report.locked_units;
      if (audit.members[region_of_unit[u]].size() > 1) {
        violations.push_back({region_of_unit[u], {u}, std::numeric_limits<double>::quiet_NaN(),
                              "locked unit " + P.codes[u] + " was merged", false});
      }
    }
    add_rule("locked", "--lock", report.locked_units > 0, std::numeric_limits<double>::quiet_NaN(), true,
             std::move(violations));
  }
  {
    std::vector<RuleViolation> violations;
    if (instance.target_regions > 0 && region_count != instance.target_regions) {
      violations.push_back({0, {}, static_cast<double>(region_count),
                            "the plan has " + std::to_string(region_count) + " new units, not the " +
                                std::to_string(instance.target_regions) + " asked for: " +
                                (region_count > instance.target_regions
                                     ? "no further merge keeps the other rules"
                                     : "the rules allow no more (the planner found at most this many)"),
                            false});
    }
    add_rule("target_regions", rules.target_regions > 0 ? "--regions" : "--reduce", instance.target_regions > 0,
             static_cast<double>(instance.target_regions), false, std::move(violations));
  }
  for (const auto& exception : report.exceptions) {
    if (!exception.justified) report.hard_rules_hold = false;
  }

  // Objective terms, recomputed from the input.
  auto& terms = report.objective;
  terms.kind = instance.options.objective.kind;
  terms.compact_measure = std::string(compact_measure_name(instance.compact_measure));
  double total_population = 0, access = 0, worst = 0, ssd = 0, compactness = 0, access_min = 0, worst_min = 0;
  terms.cost_unit = std::string(instance.cost_unit());
  const std::size_t f_count = instance.attribute_count;
  const bool has_areas = P.has_areas();
  for (std::uint32_t r = 0; r < region_count; ++r) {
    const auto& units = audit.members[r];
    RegionReport region;
    region.region = r;
    region.seat = seat_of_region[r];
    region.units = units;
    region.population = audit.population[r];
    if (has_areas) region.area_km2 = audit.area[r];
    region.exception = exception_of[r] >= 0;
    // Σ population × cost and the largest cost from the members to the seat.
    const auto to_seat = [&](auto cost) {
      double sum = 0, largest = 0;
      for (UnitIndex u : units) {
        const double c = cost(u, region.seat);
        sum += P.population[u] * c;
        largest = std::max(largest, c);
      }
      return std::pair{sum, largest};
    };
    if (instance.has_anchors) {
      const auto [region_access, region_worst] = to_seat([&](UnitIndex u, UnitIndex s) { return instance.distance_km(u, s); });
      region.access_person_km = region_access;
      region.max_seat_distance_km = region_worst;
      access += region_access;
      worst = std::max(worst, region_worst);
    }
    if (instance.travel_times) {
      const auto [region_access, region_worst] = to_seat([&](UnitIndex u, UnitIndex s) { return instance.travel_min(u, s); });
      region.access_person_min = region_access;
      region.max_seat_minutes = region_worst;
      access_min += region_access;
      worst_min = std::max(worst_min, region_worst);
    }
    if (f_count > 0) {
      double region_ssd = 0;
      for (std::size_t f = 0; f < f_count; ++f) {
        double mean = 0;
        for (UnitIndex u : units) mean += instance.z[u * f_count + f];
        mean /= static_cast<double>(units.size());
        for (UnitIndex u : units) {
          const double d = instance.z[u * f_count + f] - mean;
          region_ssd += d * d;
        }
      }
      region.ssd = region_ssd;
      ssd += region_ssd;
    }
    if (instance.compact_measure == CompactMeasure::polsby_popper) {
      double perimeter = 0, region_area = 0;
      for (UnitIndex u : units) {
        perimeter += P.perimeter_m[u] / 1000.0;
        region_area += P.area_km2[u];
        const auto neighbours = P.graph.neighbors(u);
        const auto borders = P.graph.border_lengths(u);
        for (std::size_t k = 0; k < neighbours.size(); ++k) {
          if (neighbours[k] > u && region_of_unit[neighbours[k]] == r) perimeter -= 2.0 * borders[k] / 1000.0;
        }
      }
      region.compactness = region_area > 0 ? perimeter * perimeter / (k_four_pi * region_area) : 1.0;
    } else {
      double w = 0, cx = 0, cy = 0;
      for (UnitIndex u : units) {
        const double weight = has_areas ? P.area_km2[u] : 1.0;
        w += weight;
        cx += weight * instance.x_km[u];
        cy += weight * instance.y_km[u];
      }
      double inertia = 0;
      if (w > 0) {
        cx /= w;
        cy /= w;
        for (UnitIndex u : units) {
          const double weight = has_areas ? P.area_km2[u] : 1.0;
          const double dx = instance.x_km[u] - cx;
          const double dy = instance.y_km[u] - cy;
          inertia += weight * (dx * dx + dy * dy) + weight * weight / k_two_pi;
        }
      }
      region.compactness = w > 0 ? k_two_pi * inertia / (w * w) : 0.0;
    }
    compactness += region.compactness;
    for (UnitIndex u : units) total_population += P.population[u];
    if (units.size() >= 2) {
      ++report.merged_regions;
      terms.changed_units += static_cast<std::int64_t>(units.size());
      std::set<BlockId> blocks;
      for (UnitIndex u : units) blocks.insert(instance.block_of_unit[u]);
      if (blocks.size() >= 2) {
        for (BlockId b : blocks) {
          if (instance.block_viable[b]) terms.merged_viable_units += instance.block_unit_count[b];
        }
      }
    } else {
      ++report.unchanged_units;
    }
    report.regions.push_back(std::move(region));
  }
  terms.transfers = static_cast<std::int64_t>(report.transfers.size());
  if (instance.has_anchors) {
    terms.access_person_km = access;
    terms.mean_access_km = total_population > 0 ? access / total_population : 0.0;
    terms.max_seat_distance_km = worst;
  }
  if (instance.travel_times) {
    terms.access_person_min = access_min;
    terms.mean_access_min = total_population > 0 ? access_min / total_population : 0.0;
    terms.max_seat_minutes = worst_min;
  }
  if (f_count > 0) terms.ssd = ssd;
  terms.compactness = compactness;
  switch (terms.kind) {
    case ObjectiveKind::access: terms.value = instance.travel_times ? access_min : access; break;
    case ObjectiveKind::heterogeneity: terms.value = ssd; break;
    case ObjectiveKind::compact: terms.value = compactness; break;
  }
  return report;
}

}  // namespace quhua::algorithms::regionalize
