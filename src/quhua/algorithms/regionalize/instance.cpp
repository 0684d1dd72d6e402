#include "quhua/algorithms/regionalize/instance.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>

#include "quhua/graph/components.hpp"
#include "quhua/util/error.hpp"

namespace quhua::algorithms::regionalize {

namespace {

constexpr double k_two_pi = 6.283185307179586;

struct UnionFind {
  std::vector<std::uint32_t> parent;
  explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0u); }
  std::uint32_t find(std::uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void unite(std::uint32_t a, std::uint32_t b) {
    a = find(a);
    b = find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
};

std::string group_text(const PlanningProblem& problem, std::span<const UnitIndex> units) {
  std::string text;
  for (UnitIndex u : units) text += (text.empty() ? "" : "+") + problem.codes[u];
  return text;
}

std::string parent_text(const PlanningProblem& problem, std::uint32_t parent) {
  return parent == k_none ? std::string("(none)") : problem.parent_codes[parent];
}

// Contracts must-merge groups into blocks numbered by their smallest unit, and checks each group.
void build_blocks(const PlanningProblem& problem, SolverInstance& instance) {
  const std::size_t n = problem.size();
  UnionFind sets(n);
  for (const auto& group : problem.must_merge_groups) {
    for (std::size_t i = 1; i < group.size(); ++i) sets.unite(group[0], group[i]);
  }
  instance.block_of_unit.assign(n, k_none);
  std::vector<std::uint32_t> block_of_root(n, k_none);
  std::uint32_t blocks = 0;
  for (std::size_t u = 0; u < n; ++u) {
    const auto root = sets.find(static_cast<std::uint32_t>(u));
    if (block_of_root[root] == k_none) block_of_root[root] = blocks++;
    instance.block_of_unit[u] = block_of_root[root];
  }
  instance.block_offsets.assign(blocks + 1, 0);
  for (std::size_t u = 0; u < n; ++u) ++instance.block_offsets[instance.block_of_unit[u] + 1];
  for (std::size_t b = 0; b < blocks; ++b) instance.block_offsets[b + 1] += instance.block_offsets[b];
  instance.block_units.resize(n);
  std::vector<std::uint32_t> cursor(instance.block_offsets.begin(), instance.block_offsets.end() - 1);
  for (std::size_t u = 0; u < n; ++u) instance.block_units[cursor[instance.block_of_unit[u]]++] = static_cast<UnitIndex>(u);

  // Each multi-unit block must be contiguous on its own (a region containing it is then contiguous
  // whenever the blocks are), hold no locked unit and, with --within-parent alone, one parent.
  std::vector<std::uint8_t> in_block(n, 0);
  for (BlockId b = 0; b < blocks; ++b) {
    const auto units = instance.units_of(b);
    if (units.size() < 2) continue;
    const auto text = group_text(problem, units);
    for (UnitIndex u : units) {
      if (problem.locked[u]) {
        throw UsageError("--must-merge group " + text + " includes the locked unit " + problem.codes[u] +
                         " (--lock / --lock-type): a locked unit stays as it is");
      }
      if (instance.single_parent && problem.parent[u] != problem.parent[units[0]]) {
        throw UsageError("--must-merge group " + text + " spans parents " + parent_text(problem, problem.parent[units[0]]) +
                         " and " + parent_text(problem, problem.parent[u]) +
                         ", which --within-parent forbids (add --allow-transfer to allow it)");
      }
    }
    for (UnitIndex u : units) in_block[u] = 1;
    std::vector<UnitIndex> stack{units[0]};
    in_block[units[0]] = 2;
    std::size_t reached = 1;
    while (!stack.empty()) {
      const UnitIndex v = stack.back();
      stack.pop_back();
      for (auto w : problem.graph.neighbors(v)) {
        if (in_block[w] == 1) {
          in_block[w] = 2;
          ++reached;
          stack.push_back(w);
        }
      }
    }
    for (UnitIndex u : units) in_block[u] = 0;
    if (reached != units.size()) {
      throw UsageError("--must-merge group " + text +
                       " is not contiguous: its units do not share borders as a connected group (add the units "
                       "between them to the group)");
    }
  }
  for (const auto& [a, b] : problem.forbidden_pairs) {
    if (instance.block_of_unit[a] == instance.block_of_unit[b]) {
      throw UsageError("--forbid " + problem.codes[a] + ":" + problem.codes[b] +
                       " contradicts --must-merge, which puts both in one unit");
    }
  }
}

void compute_block_aggregates(const PlanningProblem& problem, SolverInstance& instance) {
  const std::size_t blocks = instance.block_offsets.size() - 1;
  const std::size_t f_count = instance.attribute_count;
  const bool has_areas = problem.has_areas();
  instance.block_population.assign(blocks, 0);
  instance.block_area.assign(blocks, 0);
  instance.block_unit_count.assign(blocks, 0);
  instance.block_seat.assign(blocks, k_none);
  instance.block_parent.assign(blocks, k_none);
  instance.block_attr_sum.assign(blocks * f_count, 0);
  instance.block_attr_sumsq.assign(blocks * f_count, 0);
  instance.block_w.assign(blocks, 0);
  instance.block_wx.assign(blocks, 0);
  instance.block_wy.assign(blocks, 0);
  instance.block_wq.assign(blocks, 0);
  instance.block_perimeter_km.assign(blocks, 0);
  instance.block_parent_offsets.assign(blocks + 1, 0);
  instance.block_parent_units.clear();
  instance.block_class.assign(blocks, 0);
  for (BlockId b = 0; b < blocks; ++b) {
    const auto units = instance.units_of(b);
    instance.block_parent[b] = problem.parent[units[0]];
    instance.block_class[b] = instance.reach_class[units[0]];
    std::vector<std::pair<std::uint32_t, std::uint32_t>> parents;
    for (UnitIndex u : units) {
      instance.block_population[b] += problem.population[u];
      if (std::isfinite(problem.area_km2[u])) instance.block_area[b] += problem.area_km2[u];
      ++instance.block_unit_count[b];
      if (instance.better_seat(u, instance.block_seat[b])) instance.block_seat[b] = u;
      if (problem.parent[u] != instance.block_parent[b]) instance.block_parent[b] = k_none;
      for (std::size_t f = 0; f < f_count; ++f) {
        const double value = instance.z[u * f_count + f];
        instance.block_attr_sum[b * f_count + f] += value;
        instance.block_attr_sumsq[b * f_count + f] += value * value;
      }
      const double w = has_areas ? problem.area_km2[u] : 1.0;
      const double x = instance.x_km[u];
      const double y = instance.y_km[u];
      instance.block_w[b] += w;
      instance.block_wx[b] += w * x;
      instance.block_wy[b] += w * y;
      // The unit's own moment of inertia as a disc of its area (w²/2π) keeps a single unit at index 1.
      instance.block_wq[b] += w * (x * x + y * y) + w * w / k_two_pi;
      instance.block_perimeter_km[b] += std::isfinite(problem.perimeter_m[u]) ? problem.perimeter_m[u] / 1000.0 : 0.0;
      auto it = std::find_if(parents.begin(), parents.end(), [&](const auto& p) { return p.first == problem.parent[u]; });
      if (it == parents.end()) {
        parents.emplace_back(problem.parent[u], 1);
      } else {
        ++it->second;
      }
      for (std::size_t k = 0; k < problem.graph.degree(u); ++k) {
        const auto v = problem.graph.neighbors(u)[k];
        if (v > u && instance.block_of_unit[v] == b) {
          instance.block_perimeter_km[b] -= 2.0 * problem.graph.border_lengths(u)[k] / 1000.0;
        }
      }
    }
    if (instance.central_seats && units.size() > 1) instance.block_seat[b] = instance.seat_of_units(units);
    instance.block_parent_units.insert(instance.block_parent_units.end(), parents.begin(), parents.end());
    instance.block_parent_offsets[b + 1] = static_cast<std::uint32_t>(instance.block_parent_units.size());
  }
}

void build_block_graph(const PlanningProblem& problem, SolverInstance& instance) {
  std::vector<graph::Edge> edges;
  for (const auto& e : problem.graph.edges()) {
    BlockId a = instance.block_of_unit[e.a];
    BlockId b = instance.block_of_unit[e.b];
    if (a == b) continue;
    if (a > b) std::swap(a, b);
    edges.push_back({a, b, e.shared_border_m / 1000.0});
  }
  // Borders between two blocks are the sum over their unit pairs (from_edges would keep the largest).
  std::sort(edges.begin(), edges.end(), [](const graph::Edge& x, const graph::Edge& y) {
    return x.a != y.a ? x.a < y.a : x.b < y.b;
  });
  std::vector<graph::Edge> merged;
  for (const auto& e : edges) {
    if (!merged.empty() && merged.back().a == e.a && merged.back().b == e.b) {
      merged.back().shared_border_m += e.shared_border_m;
    } else {
      merged.push_back(e);
    }
  }
  instance.block_graph = graph::ContiguityGraph::from_edges(instance.block_offsets.size() - 1, std::move(merged));

  const std::size_t blocks = instance.block_offsets.size() - 1;
  std::vector<std::vector<BlockId>> forbid(blocks);
  for (const auto& [a, b] : problem.forbidden_pairs) {
    const BlockId x = instance.block_of_unit[a];
    const BlockId y = instance.block_of_unit[b];
    forbid[x].push_back(y);
    forbid[y].push_back(x);
  }
  instance.forbid_offsets.assign(blocks + 1, 0);
  instance.forbid_targets.clear();
  for (BlockId b = 0; b < blocks; ++b) {
    std::sort(forbid[b].begin(), forbid[b].end());
    forbid[b].erase(std::unique(forbid[b].begin(), forbid[b].end()), forbid[b].end());
    instance.forbid_targets.insert(instance.forbid_targets.end(), forbid[b].begin(), forbid[b].end());
    instance.forbid_offsets[b + 1] = static_cast<std::uint32_t>(instance.forbid_targets.size());
  }
}

// Why a block that forms a zone of its own cannot be merged with anything.
std::string lonely_block_note(const PlanningProblem& problem, const SolverInstance& instance, BlockId b) {
  const auto neighbours = instance.block_graph.neighbors(b);
  if (neighbours.empty()) return "island: no other unit shares a border with it";
  std::size_t locked = 0, too_large = 0, across = 0, unreachable = 0;
  for (BlockId v : neighbours) {
    if (instance.block_fixed[v] == FixedReason::locked) {
      ++locked;
    } else if (instance.block_fixed[v] == FixedReason::exceeds_upper_bound) {
      ++too_large;
    } else if (instance.block_class[v] != instance.block_class[b]) {
      ++unreachable;
    } else {
      ++across;
    }
  }
  std::string note = "cannot merge with any neighbour:";
  const auto add = [&note](std::size_t count, const char* what) {
    if (count == 0) return;
    if (note.back() != ':') note += ";";
    note += " " + std::to_string(count) + " " + what;
  };
  add(locked, locked == 1 ? "neighbour is locked" : "neighbours are locked");
  add(too_large, too_large == 1 ? "neighbour already exceeds a maximum on its own"
                                : "neighbours already exceed a maximum on their own");
  add(across, across == 1 ? "neighbour lies across the parent boundary (--within-parent)"
                          : "neighbours lie across the parent boundary (--within-parent)");
  add(unreachable, unreachable == 1 ? "neighbour cannot be reached by road both ways (--network)"
                                    : "neighbours cannot be reached by road both ways (--network)");
  (void)problem;
  return note;
}

void find_zones_and_fixed(const PlanningProblem& problem, SolverInstance& instance) {
  const std::size_t blocks = instance.block_count();
  const auto& rules = instance.options.rules;
  instance.block_fixed.assign(blocks, FixedReason::none);
  instance.fixed_note.assign(blocks, std::string());
  for (BlockId b = 0; b < blocks; ++b) {
    const auto units = instance.units_of(b);
    if (units.size() == 1 && problem.locked[units[0]]) {
      instance.block_fixed[b] = FixedReason::locked;
      instance.fixed_note[b] = "locked (--lock / --lock-type): kept as it is";
      continue;
    }
    const bool group = units.size() > 1;
    const std::string what = group ? "--must-merge group " + group_text(problem, units) : "the unit";
    // A unit above a maximum on its own stays as it is (an exception); a must-merge group above one
    // contradicts the rules.
    const auto check_maximum = [&](double value, double limit, const char* measure, const char* unit, const char* option) {
      if (!above_bound(value, limit) || instance.fixed(b)) return;
      const std::string amount = std::string(measure) + " " + format_number(value) + unit;
      if (group) throw UsageError(what + " has " + amount + " > " + option + " " + format_number(limit));
      instance.block_fixed[b] = FixedReason::exceeds_upper_bound;
      instance.fixed_note[b] = amount + " exceeds " + option + " " + format_number(limit) +
                               " on its own; quhua never splits a unit";
    };
    check_maximum(instance.block_population[b], rules.max_population, "population", "", "--max-pop");
    check_maximum(instance.block_area[b], rules.max_area_km2, "area", " km²", "--max-area-km2");
    if (group && !instance.block_within_seat_distance(b, instance.block_seat[b])) {
      const UnitIndex seat = instance.block_seat[b];
      for (UnitIndex u : units) {
        const double d = instance.distance_km(u, seat);
        if (rules.has_seat_km_rule() && d * 1000.0 > rules.max_seat_distance_m) {
          throw UsageError(what + ": unit " + problem.codes[u] + " is " + format_number(std::round(d * 10) / 10) +
                           " km from the group's seat " + problem.codes[seat] + ", beyond --max-seat-km " +
                           format_number(rules.max_seat_distance_m / 1000.0));
        }
        if (rules.has_seat_minutes_rule() && !(instance.travel_min(u, seat) <= rules.max_seat_minutes)) {
          throw UsageError(what + ": unit " + problem.codes[u] + " is " +
                           format_number(std::round(instance.travel_min(u, seat) * 10) / 10) +
                           " minutes by road from the group's seat " + problem.codes[seat] + ", beyond --max-seat-min " +
                           format_number(rules.max_seat_minutes));
        }
      }
    }
  }

  // Zones over allowed edges among free blocks.
  instance.zone_of_block.assign(blocks, k_none);
  instance.zone_count = 0;
  std::vector<BlockId> stack;
  std::vector<BlockId> members;
  for (BlockId start = 0; start < blocks; ++start) {
    if (instance.fixed(start) || instance.zone_of_block[start] != k_none) continue;
    const auto zone = static_cast<std::uint32_t>(instance.zone_count++);
    members.clear();
    stack.assign(1, start);
    instance.zone_of_block[start] = zone;
    double population = 0, area = 0;
    while (!stack.empty()) {
      const BlockId b = stack.back();
      stack.pop_back();
      members.push_back(b);
      population += instance.block_population[b];
      area += instance.block_area[b];
      for (BlockId v : instance.block_graph.neighbors(b)) {
        if (instance.zone_of_block[v] == k_none && instance.edge_allowed(b, v)) {
          instance.zone_of_block[v] = zone;
          stack.push_back(v);
        }
      }
    }
    if (instance.meets_lower_bounds(population, area)) continue;
    std::sort(members.begin(), members.end());
    std::string note;
    if (members.size() == 1) {
      note = lonely_block_note(problem, instance, members[0]);
    } else {
      std::vector<UnitIndex> units;
      for (BlockId b : members) {
        for (UnitIndex u : instance.units_of(b)) units.push_back(u);
      }
      std::sort(units.begin(), units.end());
      note = "component of units " + describe_units(problem, units) + " (cut off by locked units, parent boundaries or "
             "the edge of the map) has ";
      note += population < rules.min_population
                  ? "total population " + format_number(population) + " < --min-pop " + format_number(rules.min_population)
                  : "total area " + format_number(area) + " km² < --min-area-km2 " + format_number(rules.min_area_km2);
    }
    for (BlockId b : members) {
      instance.block_fixed[b] = FixedReason::infeasible_component;
      instance.fixed_note[b] = note;
      instance.zone_of_block[b] = k_none;
    }
    --instance.zone_count;
    // Renumbering is not needed: zone ids are only compared, and the next zone reuses this id.
  }
  instance.free_block_count = 0;
  instance.free_unit_count = 0;
  instance.block_viable.assign(blocks, 0);
  for (BlockId b = 0; b < blocks; ++b) {
    instance.block_viable[b] = instance.meets_lower_bounds(instance.block_population[b], instance.block_area[b]) &&
                               instance.meets_upper_bounds(instance.block_population[b], instance.block_area[b]);
    if (instance.fixed(b)) continue;
    ++instance.free_block_count;
    instance.free_unit_count += instance.block_unit_count[b];
  }
}

}  // namespace

std::string_view compact_measure_name(CompactMeasure measure) {
  return measure == CompactMeasure::polsby_popper ? "polsby_popper" : "moment_of_inertia";
}

double SolverInstance::distance_km(UnitIndex a, UnitIndex b) const {
  return std::hypot(x_km[a] - x_km[b], y_km[a] - y_km[b]);
}

double SolverInstance::block_access_cost(BlockId b, UnitIndex seat) const {
  double cost = 0;
  for (UnitIndex u : units_of(b)) cost += problem->population[u] * seat_cost(u, seat);
  return cost;
}

bool SolverInstance::within_seat_limits(UnitIndex u, UnitIndex seat) const {
  const auto& rules = options.rules;
  if (rules.has_seat_km_rule() && distance_km(u, seat) > rules.max_seat_distance_m / 1000.0) return false;
  // Written so that an unreachable seat (+infinity) fails too.
  if (rules.has_seat_minutes_rule() && !(travel_min(u, seat) <= rules.max_seat_minutes)) return false;
  return true;
}

bool SolverInstance::block_within_seat_distance(BlockId b, UnitIndex seat) const {
  if (!options.rules.has_seat_rule()) return true;
  for (UnitIndex u : units_of(b)) {
    if (!within_seat_limits(u, seat)) return false;
  }
  return true;
}

UnitIndex SolverInstance::central_choice(std::span<const UnitIndex> candidates, std::span<const double> costs) const {
  // Two passes keep the choice independent of the candidates' order: the least weighted cost, then the
  // best `largest`-rule seat among those within a relative 1e-9 of it (sums in another order differ by
  // far less than that).
  double least = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < candidates.size(); ++i) least = std::min(least, costs[i] / seat_weight[candidates[i]]);
  const double limit = least + 1e-9 * std::max(1.0, std::abs(least));
  UnitIndex seat = k_none;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (costs[i] / seat_weight[candidates[i]] <= limit && better_seat(candidates[i], seat)) seat = candidates[i];
  }
  if (seat == k_none) {  // every cost infinite (no route): fall back on the largest rule
    for (UnitIndex u : candidates) {
      if (better_seat(u, seat)) seat = u;
    }
  }
  return seat;
}

UnitIndex SolverInstance::seat_of_units(std::span<const UnitIndex> units) const {
  UnitIndex seat = k_none;
  if (!central_seats) {
    for (UnitIndex u : units) {
      if (better_seat(u, seat)) seat = u;
    }
    return seat;
  }
  std::vector<double> costs(units.size(), 0.0);
  for (std::size_t i = 0; i < units.size(); ++i) {
    for (UnitIndex u : units) costs[i] += problem->population[u] * seat_cost(u, units[i]);
  }
  return central_choice(units, costs);
}

UnitIndex SolverInstance::seat_of_blocks(std::span<const BlockId> blocks) const {
  if (!central_seats) {
    UnitIndex seat = k_none;
    for (BlockId b : blocks) {
      if (better_seat(block_seat[b], seat)) seat = block_seat[b];
    }
    return seat;
  }
  std::vector<UnitIndex> units;
  for (BlockId b : blocks) units.insert(units.end(), units_of(b).begin(), units_of(b).end());
  std::sort(units.begin(), units.end());
  return seat_of_units(units);
}

bool SolverInstance::meets_lower_bounds(double population, double area_km2) const {
  return !below_bound(population, options.rules.min_population) && !below_bound(area_km2, options.rules.min_area_km2);
}

bool SolverInstance::meets_upper_bounds(double population, double area_km2) const {
  return !above_bound(population, options.rules.max_population) && !above_bound(area_km2, options.rules.max_area_km2);
}

std::size_t SolverInstance::lower_bound_capacity(double population, double area_km2) const {
  double capacity = 1e18;
  if (options.rules.min_population > 0) capacity = std::min(capacity, std::floor(population / options.rules.min_population));
  if (options.rules.min_area_km2 > 0) capacity = std::min(capacity, std::floor(area_km2 / options.rules.min_area_km2));
  return capacity >= 1e17 ? static_cast<std::size_t>(-1) : static_cast<std::size_t>(std::max(0.0, capacity));
}

SolverInstance build_instance(const PlanningProblem& problem, const PlanOptions& options) {
  options.validate();
  problem.validate();
  SolverInstance instance;
  instance.problem = &problem;
  instance.options = options;
  const auto& rules = options.rules;
  const std::size_t n = problem.size();
  instance.target_regions = rules.target_for(n);
  if (instance.target_regions > n) {
    throw UsageError("--regions " + std::to_string(instance.target_regions) + " is more than the " + std::to_string(n) +
                     " units of the input: quhua merges units, it never splits them");
  }
  instance.penalise_viable_merges = instance.max_p() && rules.keep_viable;
  instance.count_transfers = rules.within_parent && rules.allow_transfer;
  instance.single_parent = rules.within_parent && !rules.allow_transfer;

  // Data the rules and the objective need.
  instance.has_anchors = problem.has_anchors();
  instance.travel_times = problem.has_travel_times();
  instance.central_seats = options.objective.seat_rule == SeatRule::central;
  instance.seat_matters = options.objective.kind == ObjectiveKind::access || rules.has_seat_rule() ||
                          (rules.within_parent && rules.allow_transfer);
  if (rules.has_seat_minutes_rule() && !instance.travel_times) {
    throw UsageError("--max-seat-min needs travel times over a road network: give --network (with --units)");
  }
  const bool needs_anchors = (options.objective.kind == ObjectiveKind::access && !instance.travel_times) ||
                             rules.has_seat_km_rule() || (instance.central_seats && !instance.travel_times);
  if (!instance.has_anchors && needs_anchors) {
    for (std::size_t u = 0; u < n; ++u) {
      if (!std::isfinite(problem.x_m[u]) || !std::isfinite(problem.y_m[u])) {
        ErrorContext where;
        where.feature = problem.codes[u];
        where.field = "x, y";
        throw InputError(ErrorCode::input_missing,
                         std::string(rules.has_seat_km_rule()                           ? "--max-seat-km"
                                     : options.objective.kind == ObjectiveKind::access ? "--objective access"
                                                                                       : "--seat-rule central") +
                             " needs a seat or centroid for every unit; unit " + problem.codes[u] + " has none",
                         where);
      }
    }
  }
  if (rules.has_area_rules() && !problem.has_areas()) {
    for (std::size_t u = 0; u < n; ++u) {
      if (!std::isfinite(problem.area_km2[u])) {
        ErrorContext where;
        where.feature = problem.codes[u];
        where.field = "area_km2";
        throw InputError(ErrorCode::input_missing,
                         "the area rules (--min-area-km2, --max-area-km2) need an area for every unit; unit " +
                             problem.codes[u] + " has none",
                         where);
      }
    }
  }
  if (rules.within_parent) {
    for (std::size_t u = 0; u < n; ++u) {
      if (problem.parent[u] == k_none) {
        ErrorContext where;
        where.feature = problem.codes[u];
        where.field = "parent";
        throw InputError(ErrorCode::input_missing,
                         "--within-parent needs a parent for every unit; unit " + problem.codes[u] + " has none", where);
      }
    }
  }

  // Anchors centred on their mean, in km (keeps the inertia sums well conditioned).
  instance.x_km.assign(n, 0);
  instance.y_km.assign(n, 0);
  if (instance.has_anchors) {
    double mx = 0, my = 0;
    for (std::size_t u = 0; u < n; ++u) {
      mx += problem.x_m[u];
      my += problem.y_m[u];
    }
    mx /= static_cast<double>(n);
    my /= static_cast<double>(n);
    for (std::size_t u = 0; u < n; ++u) {
      instance.x_km[u] = (problem.x_m[u] - mx) / 1000.0;
      instance.y_km[u] = (problem.y_m[u] - my) / 1000.0;
    }
  }
  instance.seat_score.resize(n);
  instance.seat_weight.resize(n);
  for (std::size_t u = 0; u < n; ++u) {
    instance.seat_weight[u] = problem.is_town(static_cast<UnitIndex>(u)) ? options.objective.seat_town_weight : 1.0;
    instance.seat_score[u] = problem.population[u] * instance.seat_weight[u];
  }
  // Reach classes: units linked by finite travel times both ways.
  instance.reach_class.assign(n, 0);
  instance.reach_class_count = 1;
  if (instance.travel_times) {
    auto classes = graph::mutual_reach(problem.travel_minutes, n);
    instance.reach_class = std::move(classes.component_of);
    instance.reach_class_count = classes.count();
    for (const auto& group : problem.must_merge_groups) {
      for (UnitIndex u : group) {
        if (instance.reach_class[u] != instance.reach_class[group[0]]) {
          throw UsageError("--must-merge group " + group_text(problem, group) + ": " + problem.codes[u] + " and " +
                           problem.codes[group[0]] + " cannot reach each other by road (--network)");
        }
      }
    }
  }

  // z-scores (population standard deviation) of the heterogeneity fields.
  if (options.objective.kind == ObjectiveKind::heterogeneity) {
    for (const auto& field : options.objective.fields) {
      const auto it = std::find(problem.attribute_names.begin(), problem.attribute_names.end(), field);
      if (it == problem.attribute_names.end()) {
        std::string available;
        for (const auto& name : problem.attribute_names) available += (available.empty() ? "" : ", ") + name;
        throw UsageError("--objective heterogeneity: field '" + field + "' is not in the input (available: " +
                         (available.empty() ? std::string("none") : available) + ")");
      }
      instance.attribute_columns.push_back(static_cast<std::size_t>(it - problem.attribute_names.begin()));
    }
  }
  instance.attribute_count = instance.attribute_columns.size();
  instance.z.assign(n * instance.attribute_count, 0);
  for (std::size_t f = 0; f < instance.attribute_count; ++f) {
    const std::size_t column = instance.attribute_columns[f];
    double mean = 0;
    for (std::size_t u = 0; u < n; ++u) mean += problem.attribute(static_cast<UnitIndex>(u), column);
    mean /= static_cast<double>(n);
    double variance = 0;
    for (std::size_t u = 0; u < n; ++u) {
      const double d = problem.attribute(static_cast<UnitIndex>(u), column) - mean;
      variance += d * d;
    }
    const double sd = std::sqrt(variance / static_cast<double>(n));
    for (std::size_t u = 0; u < n; ++u) {
      instance.z[u * instance.attribute_count + f] =
          sd > 0 ? (problem.attribute(static_cast<UnitIndex>(u), column) - mean) / sd : 0.0;
    }
  }

  instance.compact_measure = problem.has_perimeters() && problem.has_areas() ? CompactMeasure::polsby_popper
                                                                             : CompactMeasure::moment_of_inertia;
  build_blocks(problem, instance);
  compute_block_aggregates(problem, instance);
  build_block_graph(problem, instance);
  find_zones_and_fixed(problem, instance);
  return instance;
}

std::string describe_units(const PlanningProblem& problem, std::span<const UnitIndex> units, std::size_t shown) {
  std::string text;
  for (std::size_t i = 0; i < units.size() && i < shown; ++i) text += (i ? ", " : "") + problem.codes[units[i]];
  if (units.size() > shown) text += " and " + std::to_string(units.size() - shown) + " more";
  return text;
}

std::string format_number(double value) {
  if (!std::isfinite(value)) return value > 0 ? "inf" : "nan";
  char buffer[64];
  const bool integral = std::abs(value - std::round(value)) < 1e-9;
  std::snprintf(buffer, sizeof buffer, integral ? "%.0f" : "%.2f", value);
  std::string text = buffer;
  if (!integral) {
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
  }
  const auto dot = text.find('.');
  const std::size_t integer_end = dot == std::string::npos ? text.size() : dot;
  const std::size_t integer_start = text[0] == '-' ? 1 : 0;
  for (std::size_t i = integer_end; i > integer_start + 3; i -= 3) text.insert(i - 3, ",");
  return text;
}

}  // namespace quhua::algorithms::regionalize
