#include "quhua/algorithms/regionalize/plan_state.hpp"

#include <algorithm>
#include <cmath>

#include "quhua/util/error.hpp"

namespace quhua::algorithms::regionalize {

namespace {

constexpr double k_two_pi = 6.283185307179586;
constexpr double k_four_pi = 12.566370614359172;

bool below(double value, double bound) { return below_bound(value, bound); }
bool above(double value, double bound) { return above_bound(value, bound); }

// Moment-of-inertia index 2πI/W² (1 for a disc) or Polsby-Popper's reciprocal P²/4πA (1 for a disc).
double compact_cost(CompactMeasure measure, double w, double wx, double wy, double wq, double area, double perimeter) {
  if (measure == CompactMeasure::polsby_popper) return area > 0 ? perimeter * perimeter / (k_four_pi * area) : 1.0;
  if (w <= 0) return 0;
  const double inertia = std::max(0.0, wq - (wx * wx + wy * wy) / w);
  return k_two_pi * inertia / (w * w);
}

}  // namespace

std::string violation_names(std::uint32_t violations) {
  static constexpr std::pair<std::uint32_t, const char*> k_names[] = {
      {violation_no_op, "no_op"},
      {violation_fixed, "fixed"},
      {violation_not_adjacent, "not_adjacent"},
      {violation_breaks_contiguity, "breaks_contiguity"},
      {violation_empties_region, "empties_region"},
      {violation_source_min_population, "source_min_population"},
      {violation_source_min_area, "source_min_area"},
      {violation_target_min_population, "target_min_population"},
      {violation_target_min_area, "target_min_area"},
      {violation_target_max_population, "target_max_population"},
      {violation_target_max_area, "target_max_area"},
      {violation_seat_distance, "seat_distance"},
      {violation_forbidden_pair, "forbidden_pair"},
      {violation_cross_parent, "cross_parent"},
      {violation_unreachable, "unreachable"},
  };
  std::string text;
  for (const auto& [bit, name] : k_names) {
    if (violations & bit) text += (text.empty() ? "" : ", ") + std::string(name);
  }
  return text;
}

PlanState::PlanState(const SolverInstance& instance) : m_instance(&instance) {
  std::vector<RegionId> own(instance.block_count());
  for (std::size_t b = 0; b < own.size(); ++b) own[b] = static_cast<RegionId>(b);
  *this = PlanState(instance, own);
}

PlanState::PlanState(const SolverInstance& instance, std::span<const RegionId> region_of_block)
    : m_instance(&instance), m_region_of(region_of_block.begin(), region_of_block.end()) {
  if (region_of_block.size() != instance.block_count()) {
    throw InternalError("PlanState: assignment has " + std::to_string(region_of_block.size()) + " entries for " +
                        std::to_string(instance.block_count()) + " blocks");
  }
  m_track_access = instance.options.objective.kind == ObjectiveKind::access;
  m_central = instance.central_seats && instance.seat_matters;
  if (m_central) m_seat_cost.assign(instance.unit_count(), 0.0);
  RegionId capacity = 0;
  for (RegionId r : m_region_of) capacity = std::max(capacity, r + 1);
  m_regions.resize(capacity);
  m_attr.assign(static_cast<std::size_t>(capacity) * 2 * instance.attribute_count, 0.0);
  m_position.assign(m_region_of.size(), 0);
  for (BlockId b = 0; b < m_region_of.size(); ++b) {
    auto& members = m_regions[m_region_of[b]].members;
    m_position[b] = static_cast<std::uint32_t>(members.size());
    members.push_back(b);
  }
  for (RegionId r = 0; r < capacity; ++r) {
    if (m_regions[r].members.empty()) {
      m_free.push_back(r);
    } else {
      ++m_nonempty;
      recompute_region(r);
    }
  }
  m_mark.assign(m_region_of.size(), 0);
}

bool PlanState::meets_lower_bounds(RegionId r) const {
  const auto& rules = m_instance->options.rules;
  return !below(m_regions[r].population, rules.min_population) && !below(m_regions[r].area, rules.min_area_km2);
}

double PlanState::objective() const {
  double total = 0;
  for (const auto& region : m_regions) {
    if (!region.members.empty()) total += region.cost;
  }
  return total;
}

std::int64_t PlanState::penalty() const {
  std::int64_t total = 0;
  for (const auto& region : m_regions) {
    if (!region.members.empty()) total += region.penalty;
  }
  return total;
}

double PlanState::border_to_region(BlockId b, RegionId r) const {
  const auto& g = m_instance->block_graph;
  const auto neighbours = g.neighbors(b);
  const auto borders = g.border_lengths(b);
  double total = 0;
  for (std::size_t k = 0; k < neighbours.size(); ++k) {
    if (m_region_of[neighbours[k]] == r) total += borders[k];
  }
  return total;
}

bool PlanState::adjacent_to_region(BlockId b, RegionId r) const {
  for (BlockId v : m_instance->block_graph.neighbors(b)) {
    if (m_region_of[v] == r) return true;
  }
  return false;
}

double PlanState::heterogeneity_with(RegionId r, BlockId b, double sign) const {
  const auto& I = *m_instance;
  const std::size_t f_count = I.attribute_count;
  const double units = static_cast<double>(m_regions[r].units) + sign * I.block_unit_count[b];
  if (units <= 0) return 0;
  const double* s = sums(r);
  const double* bs = I.block_attr_sum.data() + static_cast<std::size_t>(b) * f_count;
  const double* bq = I.block_attr_sumsq.data() + static_cast<std::size_t>(b) * f_count;
  double cost = 0;
  for (std::size_t f = 0; f < f_count; ++f) {
    const double sum = s[f] + sign * bs[f];
    const double sumsq = s[f_count + f] + sign * bq[f];
    cost += sumsq - sum * sum / units;
  }
  return std::max(0.0, cost);
}

std::int64_t PlanState::penalty_of(std::size_t blocks, std::uint32_t units, std::uint32_t viable_units, UnitIndex seat,
                                   const Region& region, BlockId b, int sign) const {
  const auto& I = *m_instance;
  std::int64_t penalty = 0;
  if (I.penalise_viable_merges && blocks >= 2) penalty += viable_units;
  if (I.count_transfers && seat != k_none) {
    const std::uint32_t parent = I.problem->parent[seat];
    std::int64_t same = 0;
    for (const auto& [p, count] : region.parent_units) {
      if (p == parent) same += count;
    }
    if (b != k_none) {
      for (const auto& [p, count] : I.parents_of(b)) {
        if (p == parent) same += sign * static_cast<std::int64_t>(count);
      }
    }
    penalty += static_cast<std::int64_t>(units) - same;
  }
  return penalty;
}

PlanState::Side PlanState::removal(RegionId a, BlockId b) const {
  const auto& I = *m_instance;
  const auto& rules = I.options.rules;
  const Region& R = m_regions[a];
  Side side;
  if (R.members.size() == 1) {
    side.violations = violation_empties_region;
    return side;
  }
  const double population = R.population - I.block_population[b];
  const double area = R.area - I.block_area[b];
  if (below(population, rules.min_population)) side.violations |= violation_source_min_population;
  if (below(area, rules.min_area_km2)) side.violations |= violation_source_min_area;

  UnitIndex seat = R.seat;
  double access = R.access;
  if (m_central) {
    m_candidates.clear();
    m_costs.clear();
    for (BlockId m : R.members) {
      if (m == b) continue;
      for (UnitIndex s : I.units_of(m)) {
        m_candidates.push_back(s);
        m_costs.push_back(m_seat_cost[s] - I.block_access_cost(b, s));
      }
    }
    seat = central_seat(access);
    if (seat != R.seat && rules.has_seat_rule()) {
      for (BlockId m : R.members) {
        if (m != b && !I.block_within_seat_distance(m, seat)) side.violations |= violation_seat_distance;
      }
    }
  } else if (R.seat_block == b) {
    seat = k_none;
    for (BlockId m : R.members) {
      if (m != b && I.better_seat(I.block_seat[m], seat)) seat = I.block_seat[m];
    }
    if (m_track_access || rules.has_seat_rule()) {
      access = 0;
      for (BlockId m : R.members) {
        if (m == b) continue;
        if (m_track_access) access += I.block_access_cost(m, seat);
        if (!I.block_within_seat_distance(m, seat)) side.violations |= violation_seat_distance;
      }
    }
  } else if (m_track_access) {
    access -= I.block_access_cost(b, seat);
  }

  const std::uint32_t units = R.units - I.block_unit_count[b];
  switch (I.options.objective.kind) {
    case ObjectiveKind::access: side.cost = std::max(0.0, access); break;
    case ObjectiveKind::heterogeneity: side.cost = heterogeneity_with(a, b, -1.0); break;
    case ObjectiveKind::compact: {
      const double perimeter = I.compact_measure == CompactMeasure::polsby_popper
                                   ? R.perimeter - I.block_perimeter_km[b] + 2.0 * border_to_region(b, a)
                                   : 0.0;
      side.cost = compact_cost(I.compact_measure, R.w - I.block_w[b], R.wx - I.block_wx[b], R.wy - I.block_wy[b],
                               R.wq - I.block_wq[b], area, perimeter);
      break;
    }
  }
  const std::uint32_t viable = R.viable_units - (I.block_viable[b] ? I.block_unit_count[b] : 0);
  side.penalty = penalty_of(R.members.size() - 1, units, viable, seat, R, b, -1);
  return side;
}

PlanState::Side PlanState::addition(RegionId r, BlockId b) const {
  const auto& I = *m_instance;
  const auto& rules = I.options.rules;
  const Region& R = m_regions[r];
  Side side;
  const double population = R.population + I.block_population[b];
  const double area = R.area + I.block_area[b];
  UnitIndex seat = R.seat;
  double access = R.access;
  if (R.members.empty()) {
    if (below(population, rules.min_population)) side.violations |= violation_target_min_population;
    if (below(area, rules.min_area_km2)) side.violations |= violation_target_min_area;
    seat = I.block_seat[b];
    access = m_track_access || m_central ? I.block_access_cost(b, seat) : 0.0;
  } else if (m_central) {
    m_candidates.clear();
    m_costs.clear();
    for (BlockId m : R.members) {
      for (UnitIndex s : I.units_of(m)) {
        m_candidates.push_back(s);
        m_costs.push_back(m_seat_cost[s] + I.block_access_cost(b, s));
      }
    }
    for (UnitIndex s : I.units_of(b)) {
      double cost = I.block_access_cost(b, s);
      for (BlockId m : R.members) cost += I.block_access_cost(m, s);
      m_candidates.push_back(s);
      m_costs.push_back(cost);
    }
    seat = central_seat(access);
    if (rules.has_seat_rule()) {
      if (!I.block_within_seat_distance(b, seat)) side.violations |= violation_seat_distance;
      if (seat != R.seat) {
        for (BlockId m : R.members) {
          if (!I.block_within_seat_distance(m, seat)) side.violations |= violation_seat_distance;
        }
      }
    }
  } else if (I.better_seat(I.block_seat[b], R.seat)) {
    seat = I.block_seat[b];
    if (m_track_access || rules.has_seat_rule()) {
      access = m_track_access ? I.block_access_cost(b, seat) : 0.0;
      for (BlockId m : R.members) {
        if (m_track_access) access += I.block_access_cost(m, seat);
        if (!I.block_within_seat_distance(m, seat)) side.violations |= violation_seat_distance;
      }
    }
  } else {
    if (m_track_access) access += I.block_access_cost(b, seat);
    if (!I.block_within_seat_distance(b, seat)) side.violations |= violation_seat_distance;
  }

  const std::uint32_t units = R.units + I.block_unit_count[b];
  switch (I.options.objective.kind) {
    case ObjectiveKind::access: side.cost = access; break;
    case ObjectiveKind::heterogeneity: side.cost = heterogeneity_with(r, b, 1.0); break;
    case ObjectiveKind::compact: {
      const double perimeter = I.compact_measure == CompactMeasure::polsby_popper
                                   ? R.perimeter + I.block_perimeter_km[b] - 2.0 * border_to_region(b, r)
                                   : 0.0;
      side.cost = compact_cost(I.compact_measure, R.w + I.block_w[b], R.wx + I.block_wx[b], R.wy + I.block_wy[b],
                               R.wq + I.block_wq[b], area, perimeter);
      break;
    }
  }
  const std::uint32_t viable = R.viable_units + (I.block_viable[b] ? I.block_unit_count[b] : 0);
  side.penalty = penalty_of(R.members.size() + 1, units, viable, seat, R, b, 1);
  return side;
}

std::uint32_t PlanState::cheap_violations(BlockId b, RegionId to, bool stop_at_first) const {
  const auto& I = *m_instance;
  const auto& rules = I.options.rules;
  std::uint32_t violations = 0;
  if (m_region_of[b] == to) return violation_no_op;
  const Region& T = m_regions[to];
  if (I.fixed(b) || T.fixed) {
    violations |= violation_fixed;
    if (stop_at_first) return violations;
  }
  if (T.members.empty()) return violations;
  if (above(T.population + I.block_population[b], rules.max_population)) {
    violations |= violation_target_max_population;
    if (stop_at_first) return violations;
  }
  if (above(T.area + I.block_area[b], rules.max_area_km2)) {
    violations |= violation_target_max_area;
    if (stop_at_first) return violations;
  }
  if (I.single_parent && I.block_parent[b] != I.problem->parent[T.seat]) {
    violations |= violation_cross_parent;
    if (stop_at_first) return violations;
  }
  if (I.block_class[b] != I.reach_class[T.seat]) {
    violations |= violation_unreachable;
    if (stop_at_first) return violations;
  }
  for (BlockId partner : I.forbidden_of(b)) {
    if (m_region_of[partner] == to) {
      violations |= violation_forbidden_pair;
      if (stop_at_first) return violations;
      break;
    }
  }
  if (!adjacent_to_region(b, to)) violations |= violation_not_adjacent;
  return violations;
}

MoveEvaluation PlanState::move_delta(BlockId b, RegionId to) const {
  MoveEvaluation evaluation;
  const RegionId from = m_region_of[b];
  const Side out = removal(from, b);
  const Side in = addition(to, b);
  evaluation.violations = out.violations | in.violations;
  evaluation.objective_delta = out.cost + in.cost - m_regions[from].cost - m_regions[to].cost;
  evaluation.penalty_delta = out.penalty + in.penalty - m_regions[from].penalty - m_regions[to].penalty;
  evaluation.region_count_delta = (m_regions[from].members.size() == 1 ? -1 : 0) + (m_regions[to].members.empty() ? 1 : 0);
  // Ranking tiers: units in short regions and regions meeting the bounds, before and after.
  const auto& I = *m_instance;
  const auto& rules = I.options.rules;
  const Region& A = m_regions[from];
  const Region& T = m_regions[to];
  const auto meets = [&rules](double population, double area) {
    return !below(population, rules.min_population) && !below(area, rules.min_area_km2);
  };
  const std::int64_t units = I.block_unit_count[b];
  if (!A.fixed) {
    const bool before = meets(A.population, A.area);
    const bool after = A.members.size() > 1 && meets(A.population - I.block_population[b], A.area - I.block_area[b]);
    if (!before) evaluation.exception_delta -= A.units;
    if (A.members.size() > 1 && !after) evaluation.exception_delta += A.units - units;
    evaluation.meeting_delta += (after ? 1 : 0) - (before ? 1 : 0);
  }
  if (!T.fixed) {
    const bool before = !T.members.empty() && meets(T.population, T.area);
    const bool after = meets(T.population + I.block_population[b], T.area + I.block_area[b]);
    if (!T.members.empty() && !before) evaluation.exception_delta -= T.units;
    if (!after) evaluation.exception_delta += T.units + units;
    evaluation.meeting_delta += (after ? 1 : 0) - (before ? 1 : 0);
  }
  return evaluation;
}

MoveEvaluation PlanState::try_move(BlockId b, RegionId to, bool stop_at_first) const {
  if (b >= m_region_of.size()) throw InternalError("PlanState::try_move: block out of range");
  if (to >= m_regions.size()) throw InternalError("PlanState::try_move: region out of range");
  MoveEvaluation evaluation;
  evaluation.violations = cheap_violations(b, to, stop_at_first);
  if (evaluation.violations & violation_no_op) return evaluation;
  if (stop_at_first && evaluation.violations) return evaluation;
  const auto delta = move_delta(b, to);
  evaluation.violations |= delta.violations;
  evaluation.objective_delta = delta.objective_delta;
  evaluation.penalty_delta = delta.penalty_delta;
  evaluation.region_count_delta = delta.region_count_delta;
  evaluation.exception_delta = delta.exception_delta;
  evaluation.meeting_delta = delta.meeting_delta;
  if (stop_at_first && evaluation.violations) return evaluation;
  if (!removal_keeps_connected(b)) evaluation.violations |= violation_breaks_contiguity;
  return evaluation;
}

void PlanState::add_parents(Region& region, BlockId b, int sign) {
  if (!m_instance->count_transfers) return;
  for (const auto& parent_count : m_instance->parents_of(b)) {
    // Not a structured binding: clang 14 (the fuzz build) cannot capture one in a lambda.
    const auto parent = parent_count.first;
    const auto count = parent_count.second;
    auto it = std::find_if(region.parent_units.begin(), region.parent_units.end(),
                           [parent](const auto& entry) { return entry.first == parent; });
    if (it == region.parent_units.end()) it = region.parent_units.insert(region.parent_units.end(), {parent, 0u});
    it->second = static_cast<std::uint32_t>(static_cast<std::int64_t>(it->second) + sign * static_cast<std::int64_t>(count));
    if (it->second == 0) region.parent_units.erase(it);
  }
}

void PlanState::refresh_cost(RegionId r) {
  const auto& I = *m_instance;
  Region& R = m_regions[r];
  switch (I.options.objective.kind) {
    case ObjectiveKind::access: R.cost = std::max(0.0, R.access); break;
    case ObjectiveKind::heterogeneity: {
      const std::size_t f_count = I.attribute_count;
      const double* s = sums(r);
      double cost = 0;
      if (R.units > 0) {
        for (std::size_t f = 0; f < f_count; ++f) cost += s[f_count + f] - s[f] * s[f] / R.units;
      }
      R.cost = std::max(0.0, cost);
      break;
    }
    case ObjectiveKind::compact:
      R.cost = compact_cost(I.compact_measure, R.w, R.wx, R.wy, R.wq, R.area, R.perimeter);
      break;
  }
  R.penalty = penalty_of(R.members.size(), R.units, R.viable_units, R.seat, R, k_none, 0);
}

void PlanState::recompute_region(RegionId r) {
  const auto& I = *m_instance;
  Region& R = m_regions[r];
  std::vector<BlockId> members = std::move(R.members);
  R = Region{};
  R.members = std::move(members);
  const std::size_t f_count = I.attribute_count;
  double* s = sums(r);
  std::fill(s, s + 2 * f_count, 0.0);
  for (BlockId b : R.members) {
    accumulate(r, b, 1);
    if (I.fixed(b)) R.fixed = true;
    const auto neighbours = I.block_graph.neighbors(b);
    const auto borders = I.block_graph.border_lengths(b);
    for (std::size_t k = 0; k < neighbours.size(); ++k) {
      if (neighbours[k] > b && m_region_of[neighbours[k]] == r) R.perimeter -= 2.0 * borders[k];
    }
  }
  if (m_central) compute_seat_costs(r);
  choose_seat(r);
  refresh_cost(r);
}

void PlanState::compute_seat_costs(RegionId r) {
  const auto& I = *m_instance;
  for (BlockId a : m_regions[r].members) {
    for (UnitIndex s : I.units_of(a)) {
      double cost = 0;
      for (BlockId m : m_regions[r].members) cost += I.block_access_cost(m, s);
      m_seat_cost[s] = cost;
    }
  }
}

UnitIndex PlanState::central_seat(double& cost) const {
  const UnitIndex seat = m_instance->central_choice(m_candidates, m_costs);
  cost = 0;
  for (std::size_t i = 0; i < m_candidates.size(); ++i) {
    if (m_candidates[i] == seat) cost = m_costs[i];
  }
  return seat;
}

void PlanState::accumulate(RegionId r, BlockId b, int sign) {
  const auto& I = *m_instance;
  Region& R = m_regions[r];
  const double s = sign;
  R.units = static_cast<std::uint32_t>(static_cast<std::int64_t>(R.units) + sign * static_cast<std::int64_t>(I.block_unit_count[b]));
  R.population += s * I.block_population[b];
  R.area += s * I.block_area[b];
  R.w += s * I.block_w[b];
  R.wx += s * I.block_wx[b];
  R.wy += s * I.block_wy[b];
  R.wq += s * I.block_wq[b];
  R.perimeter += s * I.block_perimeter_km[b];
  if (I.block_viable[b]) {
    R.viable_units = static_cast<std::uint32_t>(static_cast<std::int64_t>(R.viable_units) +
                                                sign * static_cast<std::int64_t>(I.block_unit_count[b]));
  }
  const std::size_t f_count = I.attribute_count;
  double* sum = sums(r);
  for (std::size_t f = 0; f < f_count; ++f) {
    sum[f] += s * I.block_attr_sum[b * f_count + f];
    sum[f_count + f] += s * I.block_attr_sumsq[b * f_count + f];
  }
  add_parents(R, b, sign);
}

void PlanState::choose_seat(RegionId r) {
  const auto& I = *m_instance;
  Region& R = m_regions[r];
  if (m_central) {
    m_candidates.clear();
    m_costs.clear();
    for (BlockId m : R.members) {
      for (UnitIndex s : I.units_of(m)) {
        m_candidates.push_back(s);
        m_costs.push_back(m_seat_cost[s]);
      }
    }
    R.seat = central_seat(R.access);
    R.seat_block = R.seat == k_none ? k_none : I.block_of_unit[R.seat];
    return;
  }
  R.seat = k_none;
  R.seat_block = k_none;
  for (BlockId m : R.members) {
    if (I.better_seat(I.block_seat[m], R.seat)) {
      R.seat = I.block_seat[m];
      R.seat_block = m;
    }
  }
  R.access = 0;
  if (m_track_access) {
    for (BlockId m : R.members) R.access += I.block_access_cost(m, R.seat);
  }
}

void PlanState::apply_move(BlockId b, RegionId to) {
  const auto& I = *m_instance;
  const RegionId from = m_region_of[b];
  if (from == to) return;
  if (to >= m_regions.size()) throw InternalError("PlanState::apply_move: region out of range");
  const std::size_t f_count = I.attribute_count;
  // Perimeters are kept for every objective (O(degree)): the editor shows them.
  const double border_from = border_to_region(b, from);
  const double border_to = border_to_region(b, to);

  // Out of `from`.
  {
    Region& A = m_regions[from];
    const std::uint32_t position = m_position[b];
    A.members[position] = A.members.back();
    m_position[A.members[position]] = position;
    A.members.pop_back();
    if (A.members.empty()) {
      A = Region{};
      double* s = sums(from);
      std::fill(s, s + 2 * f_count, 0.0);
      m_free.push_back(from);
      --m_nonempty;
    } else {
      accumulate(from, b, -1);
      A.perimeter += 2.0 * border_from;
      if (m_central) {
        for (BlockId m : A.members) {
          for (UnitIndex s : I.units_of(m)) m_seat_cost[s] -= I.block_access_cost(b, s);
        }
        choose_seat(from);
      } else if (A.seat_block == b) {
        choose_seat(from);
      } else if (m_track_access) {
        A.access -= I.block_access_cost(b, A.seat);
      }
      refresh_cost(from);
    }
  }

  // Into `to`.
  Region& B = m_regions[to];
  if (B.members.empty()) {
    B = Region{};
    double* s = sums(to);
    std::fill(s, s + 2 * f_count, 0.0);
    const auto it = std::find(m_free.begin(), m_free.end(), to);
    if (it != m_free.end()) m_free.erase(it);
    ++m_nonempty;
  }
  m_position[b] = static_cast<std::uint32_t>(B.members.size());
  B.members.push_back(b);
  m_region_of[b] = to;
  accumulate(to, b, 1);
  B.perimeter -= 2.0 * border_to;
  if (I.fixed(b)) B.fixed = true;
  if (m_central) {
    for (BlockId m : B.members) {
      if (m == b) continue;
      for (UnitIndex s : I.units_of(m)) m_seat_cost[s] += I.block_access_cost(b, s);
    }
    for (UnitIndex s : I.units_of(b)) {
      double cost = 0;
      for (BlockId m : B.members) cost += I.block_access_cost(m, s);
      m_seat_cost[s] = cost;
    }
    choose_seat(to);
  } else if (I.better_seat(I.block_seat[b], B.seat)) {
    choose_seat(to);
  } else if (m_track_access) {
    B.access += I.block_access_cost(b, B.seat);
  }
  refresh_cost(to);
}

MoveEvaluation PlanState::try_merge(RegionId from, RegionId into) const {
  const auto& I = *m_instance;
  const auto& rules = I.options.rules;
  MoveEvaluation evaluation;
  if (from == into || m_regions[from].members.empty() || m_regions[into].members.empty()) {
    evaluation.violations = violation_no_op;
    return evaluation;
  }
  const Region& A = m_regions[from];
  const Region& B = m_regions[into];
  std::uint32_t& v = evaluation.violations;
  if (A.fixed || B.fixed) v |= violation_fixed;
  if (above(A.population + B.population, rules.max_population)) v |= violation_target_max_population;
  if (above(A.area + B.area, rules.max_area_km2)) v |= violation_target_max_area;
  if (below(A.population + B.population, rules.min_population)) v |= violation_target_min_population;
  if (below(A.area + B.area, rules.min_area_km2)) v |= violation_target_min_area;
  if (I.single_parent && I.problem->parent[A.seat] != I.problem->parent[B.seat]) v |= violation_cross_parent;
  if (I.reach_class[A.seat] != I.reach_class[B.seat]) v |= violation_unreachable;
  bool adjacent = false;
  double border = 0;
  for (BlockId b : A.members) {
    for (BlockId partner : I.forbidden_of(b)) {
      if (m_region_of[partner] == into) v |= violation_forbidden_pair;
    }
    const auto neighbours = I.block_graph.neighbors(b);
    const auto borders = I.block_graph.border_lengths(b);
    for (std::size_t k = 0; k < neighbours.size(); ++k) {
      if (m_region_of[neighbours[k]] == into) {
        adjacent = true;
        border += borders[k];
      }
    }
  }
  if (!adjacent) v |= violation_not_adjacent;

  const bool a_wins = I.better_seat(A.seat, B.seat);
  const Region& winner = a_wins ? A : B;
  const Region& loser = a_wins ? B : A;
  double access = winner.access;
  UnitIndex merged_seat = winner.seat;
  if (m_central) {
    // O(|A| · |B|): every unit's cost to the other region's units.
    m_candidates.clear();
    m_costs.clear();
    for (const Region* self : {&A, &B}) {
      const Region& other = self == &A ? B : A;
      for (BlockId m : self->members) {
        for (UnitIndex s : I.units_of(m)) {
          double cost = m_seat_cost[s];
          for (BlockId o : other.members) cost += I.block_access_cost(o, s);
          m_candidates.push_back(s);
          m_costs.push_back(cost);
        }
      }
    }
    merged_seat = central_seat(access);
    if (rules.has_seat_rule()) {
      for (const Region* region : {&A, &B}) {
        if (region->seat == merged_seat) continue;  // its members keep their own seat's limits
        for (BlockId b : region->members) {
          if (!I.block_within_seat_distance(b, merged_seat)) v |= violation_seat_distance;
        }
      }
    }
  } else if (m_track_access || rules.has_seat_rule()) {
    for (BlockId b : loser.members) {
      if (m_track_access) access += I.block_access_cost(b, winner.seat);
      if (!I.block_within_seat_distance(b, winner.seat)) v |= violation_seat_distance;
    }
  }
  double cost = 0;
  const std::uint32_t units = A.units + B.units;
  switch (I.options.objective.kind) {
    case ObjectiveKind::access: cost = access; break;
    case ObjectiveKind::heterogeneity: {
      const std::size_t f_count = I.attribute_count;
      const double* sa = sums(from);
      const double* sb = sums(into);
      for (std::size_t f = 0; f < f_count; ++f) {
        const double sum = sa[f] + sb[f];
        cost += sa[f_count + f] + sb[f_count + f] - sum * sum / units;
      }
      cost = std::max(0.0, cost);
      break;
    }
    case ObjectiveKind::compact:
      cost = compact_cost(I.compact_measure, A.w + B.w, A.wx + B.wx, A.wy + B.wy, A.wq + B.wq, A.area + B.area,
                          A.perimeter + B.perimeter - 2.0 * border);
      break;
  }
  std::int64_t penalty = 0;
  if (I.penalise_viable_merges) penalty += A.viable_units + B.viable_units;
  if (I.count_transfers) {
    const std::uint32_t parent = I.problem->parent[merged_seat];
    std::int64_t same = 0;
    for (const Region* region : {&A, &B}) {
      for (const auto& [p, count] : region->parent_units) {
        if (p == parent) same += count;
      }
    }
    penalty += static_cast<std::int64_t>(units) - same;
  }
  evaluation.objective_delta = cost - A.cost - B.cost;
  evaluation.penalty_delta = penalty - A.penalty - B.penalty;
  evaluation.region_count_delta = -1;
  return evaluation;
}

void PlanState::merge(RegionId from, RegionId into) {
  if (from == into || m_regions[from].members.empty()) return;
  Region& A = m_regions[from];
  Region& B = m_regions[into];
  if (B.members.empty()) {
    const auto it = std::find(m_free.begin(), m_free.end(), into);
    if (it != m_free.end()) m_free.erase(it);
    ++m_nonempty;
  }
  for (BlockId b : A.members) {
    m_position[b] = static_cast<std::uint32_t>(B.members.size());
    B.members.push_back(b);
    m_region_of[b] = into;
  }
  A = Region{};
  double* s = sums(from);
  std::fill(s, s + 2 * m_instance->attribute_count, 0.0);
  m_free.push_back(from);
  --m_nonempty;
  recompute_region(into);
}

void PlanState::ensure_capacity(RegionId r) {
  if (r < m_regions.size()) return;
  m_regions.resize(static_cast<std::size_t>(r) + 1);
  m_attr.resize(m_regions.size() * 2 * m_instance->attribute_count, 0.0);
}

RegionId PlanState::open_region() {
  if (!m_free.empty()) {
    const RegionId r = m_free.back();
    m_free.pop_back();
    return r;
  }
  const auto r = static_cast<RegionId>(m_regions.size());
  ensure_capacity(r);
  return r;
}

void PlanState::assign_blocks(std::span<const BlockId> blocks, std::span<const RegionId> regions) {
  if (blocks.size() != regions.size()) throw InternalError("PlanState::assign_blocks: sizes differ");
  std::vector<RegionId> touched;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const BlockId b = blocks[i];
    const RegionId to = regions[i];
    const RegionId from = m_region_of[b];
    if (from == to) continue;
    ensure_capacity(to);
    Region& A = m_regions[from];
    const std::uint32_t position = m_position[b];
    A.members[position] = A.members.back();
    m_position[A.members[position]] = position;
    A.members.pop_back();
    if (A.members.empty()) --m_nonempty;
    Region& B = m_regions[to];
    if (B.members.empty()) ++m_nonempty;
    m_position[b] = static_cast<std::uint32_t>(B.members.size());
    B.members.push_back(b);
    m_region_of[b] = to;
    touched.push_back(from);
    touched.push_back(to);
  }
  std::sort(touched.begin(), touched.end());
  touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
  for (RegionId r : touched) {
    const auto it = std::find(m_free.begin(), m_free.end(), r);
    if (m_regions[r].members.empty()) {
      m_regions[r] = Region{};
      double* s = sums(r);
      std::fill(s, s + 2 * m_instance->attribute_count, 0.0);
      if (it == m_free.end()) m_free.push_back(r);
    } else {
      if (it != m_free.end()) m_free.erase(it);
      recompute_region(r);
    }
  }
}

}  // namespace quhua::algorithms::regionalize
