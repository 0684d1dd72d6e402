#include "quhua/exact/regionalize_mip.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <optional>

#include "quhua/util/error.hpp"

namespace quhua::exact {

namespace rg = algorithms::regionalize;

namespace {

// Weights that make one integer of the ranking tiers: A·(units in regions below a minimum) +
// B·(count term) + penalty, with B larger than any penalty and A larger than any B·(count term) + penalty.
struct TierWeights {
  std::int64_t a = 0, b = 0;
  explicit TierWeights(std::int64_t units) : b(2 * units + 1) { a = 2 * b * units + 2 * units + 1; }
};

class Formulation {
 public:
  /// `ordered`: each region rooted at its best `largest`-rule seat (one root per region); otherwise any
  /// member may be the root (the central rule).
  Formulation(const rg::SolverInstance& instance, bool ordered_roots)
      : I(instance), weights(count_units(instance)), ordered(ordered_roots) {
    for (rg::BlockId b = 0; b < I.block_count(); ++b) {
      if (!I.fixed(b)) blocks.push_back(b);
    }
    // `largest`: the root is the member the rule prefers, so blocks are sorted best seat first and a
    // block may only join a root before it. `central`: any member may be the root (the 1-median is
    // where the cost is least), so every pair is a candidate.
    std::sort(blocks.begin(), blocks.end(),
              [this](rg::BlockId a, rg::BlockId b) { return I.better_seat(I.block_seat[a], I.block_seat[b]); });
    local.assign(I.block_count(), rg::k_none);
    for (std::uint32_t i = 0; i < blocks.size(); ++i) local[blocks[i]] = i;
    build();
  }

  std::size_t size() const { return blocks.size(); }

  MipModel model;
  std::vector<int> tier_vars;
  std::vector<double> tier_coefs;
  std::vector<int> cost_vars;
  std::vector<double> cost_coefs;

  // Values of every variable for a plan, or empty when the plan does not fit the model.
  std::vector<double> values_for(const std::vector<std::uint32_t>& block_region) const;
  // The plan in a solution.
  std::vector<std::uint32_t> plan_from(const std::vector<double>& values) const;

 private:
  static std::int64_t count_units(const rg::SolverInstance& instance) {
    std::int64_t units = 0;
    for (rg::BlockId b = 0; b < instance.block_count(); ++b) {
      if (!instance.fixed(b)) units += instance.block_unit_count[b];
    }
    return units;
  }

  bool eligible(std::uint32_t i, std::uint32_t k) const {
    if (ordered && i < k) return false;
    const rg::BlockId bi = blocks[i];
    const rg::BlockId bk = blocks[k];
    if (i == k) return true;
    if (I.zone_of_block[bi] != I.zone_of_block[bk]) return false;
    if (I.block_class[bi] != I.block_class[bk]) return false;
    if (I.single_parent && I.block_parent[bi] != I.block_parent[bk]) return false;
    if (!I.block_within_seat_distance(bi, I.block_seat[bk])) return false;
    for (rg::BlockId partner : I.forbidden_of(bi)) {
      if (partner == bk) return false;
    }
    return true;
  }

  std::int64_t transfers(std::uint32_t i, std::uint32_t k) const {
    if (!I.count_transfers) return 0;
    const std::uint32_t parent = I.problem->parent[I.block_seat[blocks[k]]];
    std::int64_t count = 0;
    for (rg::UnitIndex u : I.units_of(blocks[i])) {
      if (I.problem->parent[u] != parent) ++count;
    }
    return count;
  }

  int add_tier_variable(double lower, double upper, double coefficient, VariableKind kind) {
    const int var = model.add_variable(lower, upper, coefficient, kind);
    if (coefficient != 0) {
      tier_vars.push_back(var);
      tier_coefs.push_back(coefficient);
    }
    return var;
  }

  void build();

  const rg::SolverInstance& I;
  TierWeights weights;
  bool ordered;  // roots only at or before their members (the `largest` seat rule)
  std::vector<rg::BlockId> blocks;   // free blocks, best seat first
  std::vector<std::uint32_t> local;  // block -> index in blocks
  std::vector<std::vector<int>> x;   // x[i][k]: block i in the region rooted at k (-1: impossible)
  std::vector<int> e;                // e[k]: the region rooted at k is below a minimum
  std::vector<std::vector<int>> w;   // w[i][k] >= x[i][k] + e[k] - 1
  std::vector<int> v;                // v[i]: viable block i merged
  int d_plus = -1, d_minus = -1;
  struct Arc {
    std::uint32_t from, to;
  };
  std::vector<Arc> arcs;
  std::vector<std::vector<std::pair<std::uint32_t, int>>> flow;  // per root: (arc, variable)
  bool lower = false;
};

void Formulation::build() {
  const auto& rules = I.options.rules;
  const std::size_t m = blocks.size();
  lower = rules.has_lower_bounds();
  const auto b_weight = static_cast<double>(weights.b);
  const auto a_weight = static_cast<double>(weights.a);
  x.assign(m, std::vector<int>(m, -1));
  for (std::uint32_t k = 0; k < m; ++k) {
    for (std::uint32_t i = 0; i < m; ++i) {
      if (!eligible(i, k)) continue;
      // Root variables carry the count term; members the transfers.
      double coefficient = static_cast<double>(transfers(i, k));
      if (i == k && I.max_p()) coefficient -= b_weight;
      x[i][k] = add_tier_variable(0, 1, coefficient, VariableKind::binary);
      cost_vars.push_back(x[i][k]);
      cost_coefs.push_back(I.block_access_cost(blocks[i], I.block_seat[blocks[k]]));
    }
  }
  e.assign(m, -1);
  w.assign(m, std::vector<int>(m, -1));
  if (lower) {
    for (std::uint32_t k = 0; k < m; ++k) {
      e[k] = add_tier_variable(0, 1, I.max_p() ? b_weight : 0.0, VariableKind::binary);
      const int ek[] = {e[k], x[k][k]};
      model.add_constraint(ek, std::vector<double>{1, -1}, -k_infinity, 0);  // e_k <= y_k
      for (std::uint32_t i = 0; i < m; ++i) {
        if (x[i][k] < 0) continue;
        w[i][k] = add_tier_variable(0, 1, a_weight * I.block_unit_count[blocks[i]], VariableKind::continuous);
        const int vars[] = {w[i][k], x[i][k], e[k]};
        model.add_constraint(vars, std::vector<double>{1, -1, -1}, -1, k_infinity);
      }
    }
  }
  if (!I.max_p()) {
    std::size_t fixed_regions = 0;
    for (rg::BlockId b = 0; b < I.block_count(); ++b) fixed_regions += I.fixed(b) ? 1 : 0;
    const double target = static_cast<double>(I.target_regions) - static_cast<double>(fixed_regions);
    d_plus = add_tier_variable(0, k_infinity, b_weight, VariableKind::continuous);
    d_minus = add_tier_variable(0, k_infinity, b_weight, VariableKind::continuous);
    std::vector<int> vars{d_plus, d_minus};
    std::vector<double> coefs{-1, 1};
    for (std::uint32_t k = 0; k < m; ++k) {
      vars.push_back(x[k][k]);
      coefs.push_back(1);
    }
    model.add_constraint(vars, coefs, target, target);
  }
  v.assign(m, -1);
  if (I.penalise_viable_merges) {
    for (std::uint32_t i = 0; i < m; ++i) {
      if (!I.block_viable[blocks[i]]) continue;
      v[i] = add_tier_variable(0, 1, I.block_unit_count[blocks[i]], VariableKind::binary);
      for (std::uint32_t k = 0; k < m; ++k) {
        // v_i >= x_ik (i joins another root) and v_i >= x_ki (another block joins i).
        if (k != i && x[i][k] >= 0) {
          const int vars[] = {v[i], x[i][k]};
          model.add_constraint(vars, std::vector<double>{1, -1}, 0, k_infinity);
        }
        if (k != i && x[k][i] >= 0) {
          const int vars[] = {v[i], x[k][i]};
          model.add_constraint(vars, std::vector<double>{1, -1}, 0, k_infinity);
        }
      }
    }
  }

  // Each block in exactly one region; members only with a root.
  for (std::uint32_t i = 0; i < m; ++i) {
    std::vector<int> vars;
    for (std::uint32_t k = 0; k < m; ++k) {
      if (x[i][k] >= 0) vars.push_back(x[i][k]);
    }
    model.add_constraint(vars, std::vector<double>(vars.size(), 1.0), 1, 1);
    for (std::uint32_t k = 0; k < m; ++k) {
      if (k == i || x[i][k] < 0) continue;
      const int pair[] = {x[i][k], x[k][k]};
      model.add_constraint(pair, std::vector<double>{1, -1}, -k_infinity, 0);
    }
  }
  // Bounds per region.
  for (std::uint32_t k = 0; k < m; ++k) {
    // x[k][k] first: its coefficient carries the bound.
    std::vector<int> vars;
    std::vector<double> population, area;
    vars.reserve(m);
    for (std::uint32_t j = 0; j <= m; ++j) {
      const std::uint32_t i = j == 0 ? k : j - 1;  // k first, then the others
      if ((j > 0 && i == k) || x[i][k] < 0) continue;
      vars.push_back(x[i][k]);
      population.push_back(I.block_population[blocks[i]]);
      area.push_back(I.block_area[blocks[i]]);
    }
    const auto with = [&](const std::vector<double>& values, double y_coef, double e_coef) {
      std::vector<int> row_vars = vars;
      std::vector<double> row = values;
      // x[k][k] is vars[0]: fold the y coefficient into it.
      row[0] += y_coef;
      if (e_coef != 0 && e[k] >= 0) {
        row_vars.push_back(e[k]);
        row.push_back(e_coef);
      }
      return std::pair{row_vars, row};
    };
    if (rules.min_population > 0) {
      auto [row_vars, row] = with(population, -rules.min_population, rules.min_population);
      model.add_constraint(row_vars, row, 0, k_infinity);
    }
    if (rules.min_area_km2 > 0) {
      auto [row_vars, row] = with(area, -rules.min_area_km2, rules.min_area_km2);
      model.add_constraint(row_vars, row, 0, k_infinity);
    }
    if (rules.max_population < rg::k_no_limit) {
      auto [row_vars, row] = with(population, -rules.max_population, 0);
      model.add_constraint(row_vars, row, -k_infinity, 0);
    }
    if (rules.max_area_km2 < rg::k_no_limit) {
      auto [row_vars, row] = with(area, -rules.max_area_km2, 0);
      model.add_constraint(row_vars, row, -k_infinity, 0);
    }
  }
  // Forbidden pairs, neither of them the root.
  for (const auto& [a, b] : I.problem->forbidden_pairs) {
    const std::uint32_t ia = local[I.block_of_unit[a]];
    const std::uint32_t ib = local[I.block_of_unit[b]];
    if (ia == rg::k_none || ib == rg::k_none) continue;
    for (std::uint32_t k = 0; k < m; ++k) {
      if (ia == k || ib == k || x[ia][k] < 0 || x[ib][k] < 0) continue;
      const int pair[] = {x[ia][k], x[ib][k]};
      model.add_constraint(pair, std::vector<double>{1, 1}, -k_infinity, 1);
    }
  }
  // Contiguity: every member sends one unit of flow to the root through members of the same region.
  for (std::uint32_t i = 0; i < m; ++i) {
    for (rg::BlockId nb : I.block_graph.neighbors(blocks[i])) {
      const std::uint32_t j = local[nb];
      if (j != rg::k_none && I.edge_allowed(blocks[i], nb)) arcs.push_back({i, j});
    }
  }
  flow.assign(m, {});
  for (std::uint32_t k = 0; k < m; ++k) {
    std::size_t members = 0;
    for (std::uint32_t i = 0; i < m; ++i) members += x[i][k] >= 0 ? 1 : 0;
    if (members <= 1) continue;
    const double capacity = static_cast<double>(members - 1);
    std::vector<std::vector<std::pair<int, double>>> balance(m);
    for (std::uint32_t a = 0; a < arcs.size(); ++a) {
      const auto [from, to] = arcs[a];
      if (from == k || x[from][k] < 0 || x[to][k] < 0) continue;
      const int f = model.add_variable(0, capacity, 0, VariableKind::continuous);
      flow[k].emplace_back(a, f);
      const int out[] = {f, x[from][k]};
      model.add_constraint(out, std::vector<double>{1, -capacity}, -k_infinity, 0);
      const int in[] = {f, x[to][k]};
      model.add_constraint(in, std::vector<double>{1, -capacity}, -k_infinity, 0);
      balance[from].emplace_back(f, 1.0);
      balance[to].emplace_back(f, -1.0);
    }
    for (std::uint32_t i = 0; i < m; ++i) {
      if (i == k || x[i][k] < 0) continue;
      std::vector<int> vars{x[i][k]};
      std::vector<double> coefs{-1.0};
      for (const auto& [f, c] : balance[i]) {
        vars.push_back(f);
        coefs.push_back(c);
      }
      model.add_constraint(vars, coefs, 0, 0);
    }
  }
}

std::vector<double> Formulation::values_for(const std::vector<std::uint32_t>& block_region) const {
  const std::size_t m = blocks.size();
  std::vector<double> values(model.variable_count(), 0.0);
  std::map<std::uint32_t, std::vector<std::uint32_t>> regions;
  for (std::uint32_t i = 0; i < m; ++i) regions[block_region[blocks[i]]].push_back(i);
  std::size_t count = 0;
  for (auto& [id, members] : regions) {
    std::sort(members.begin(), members.end());
    std::uint32_t k = members.front();  // `largest`: best seat first
    if (!ordered) {
      std::vector<rg::BlockId> member_blocks;
      for (std::uint32_t i : members) member_blocks.push_back(blocks[i]);
      k = local[I.block_of_unit[I.seat_of_blocks(member_blocks)]];
    }
    double population = 0, area = 0;
    for (std::uint32_t i : members) {
      if (x[i][k] < 0) return {};
      values[static_cast<std::size_t>(x[i][k])] = 1;
      population += I.block_population[blocks[i]];
      area += I.block_area[blocks[i]];
    }
    ++count;
    const bool short_region = !I.meets_lower_bounds(population, area);
    if (e[k] >= 0 && short_region) {
      values[static_cast<std::size_t>(e[k])] = 1;
      for (std::uint32_t i : members) values[static_cast<std::size_t>(w[i][k])] = 1;
    }
    for (std::uint32_t i : members) {
      if (v[i] >= 0 && members.size() >= 2) values[static_cast<std::size_t>(v[i])] = 1;
    }
    // Flows along a BFS tree towards the root.
    std::vector<std::uint32_t> parent_arc(m, rg::k_none), order{k};
    std::vector<std::uint8_t> seen(m, 0);
    seen[k] = 1;
    for (std::size_t head = 0; head < order.size(); ++head) {
      const std::uint32_t y = order[head];
      for (std::uint32_t a = 0; a < arcs.size(); ++a) {
        if (arcs[a].to != y) continue;
        const std::uint32_t from = arcs[a].from;
        if (seen[from] || x[from][k] < 0 || values[static_cast<std::size_t>(x[from][k])] < 0.5) continue;
        seen[from] = 1;
        parent_arc[from] = a;
        order.push_back(from);
      }
    }
    if (order.size() != members.size()) return {};
    std::vector<double> subtree(m, 1.0);
    for (std::size_t pos = order.size(); pos-- > 1;) {
      const std::uint32_t node = order[pos];
      const std::uint32_t a = parent_arc[node];
      for (const auto& [arc, f] : flow[k]) {
        if (arc == a) values[static_cast<std::size_t>(f)] = subtree[node];
      }
      subtree[arcs[a].to] += subtree[node];
    }
  }
  if (d_plus >= 0) {
    std::size_t fixed_regions = 0;
    for (rg::BlockId b = 0; b < I.block_count(); ++b) fixed_regions += I.fixed(b) ? 1 : 0;
    const double target = static_cast<double>(I.target_regions) - static_cast<double>(fixed_regions);
    const double difference = static_cast<double>(count) - target;
    values[static_cast<std::size_t>(d_plus)] = std::max(0.0, difference);
    values[static_cast<std::size_t>(d_minus)] = std::max(0.0, -difference);
  }
  return values;
}

std::vector<std::uint32_t> Formulation::plan_from(const std::vector<double>& values) const {
  std::vector<std::uint32_t> plan(I.block_count(), rg::k_none);
  std::uint32_t next = 0;
  for (rg::BlockId b = 0; b < I.block_count(); ++b) {
    if (I.fixed(b)) plan[b] = next++;
  }
  const std::size_t m = blocks.size();
  const std::uint32_t base = next;
  for (std::uint32_t i = 0; i < m; ++i) {
    for (std::uint32_t k = 0; k < m; ++k) {
      if (x[i][k] >= 0 && values[static_cast<std::size_t>(x[i][k])] > 0.5) plan[blocks[i]] = base + k;
    }
    if (plan[blocks[i]] == rg::k_none) throw InternalError("exact plan: a block has no region in the MIP solution");
  }
  return plan;
}

}  // namespace

std::int64_t tier_value(const rg::SolverInstance& instance, const std::vector<std::uint32_t>& block_region) {
  std::int64_t units = 0;
  for (rg::BlockId b = 0; b < instance.block_count(); ++b) {
    if (!instance.fixed(b)) units += instance.block_unit_count[b];
  }
  const TierWeights weights(units);
  struct Totals {
    double population = 0, area = 0;
    std::int64_t units = 0, viable_units = 0, blocks = 0;
    rg::UnitIndex seat = rg::k_none;
    std::vector<rg::BlockId> members;
  };
  std::map<std::uint32_t, Totals> regions;
  for (rg::BlockId b = 0; b < instance.block_count(); ++b) {
    if (instance.fixed(b)) continue;
    auto& t = regions[block_region[b]];
    t.population += instance.block_population[b];
    t.area += instance.block_area[b];
    t.units += instance.block_unit_count[b];
    t.blocks += 1;
    if (instance.block_viable[b]) t.viable_units += instance.block_unit_count[b];
    t.members.push_back(b);
  }
  for (auto& entry : regions) entry.second.seat = instance.seat_of_blocks(entry.second.members);
  std::int64_t exception_units = 0, meeting = 0, penalty = 0;
  for (const auto& [id, t] : regions) {
    if (instance.meets_lower_bounds(t.population, t.area)) {
      ++meeting;
    } else {
      exception_units += t.units;
    }
    if (instance.penalise_viable_merges && t.blocks >= 2) penalty += t.viable_units;
  }
  if (instance.count_transfers) {
    for (rg::BlockId b = 0; b < instance.block_count(); ++b) {
      if (instance.fixed(b)) continue;
      const std::uint32_t parent = instance.problem->parent[regions[block_region[b]].seat];
      for (rg::UnitIndex u : instance.units_of(b)) penalty += instance.problem->parent[u] != parent ? 1 : 0;
    }
  }
  std::int64_t count_term = 0;
  if (instance.max_p()) {
    count_term = -meeting;
  } else {
    std::int64_t fixed_regions = 0;
    for (rg::BlockId b = 0; b < instance.block_count(); ++b) fixed_regions += instance.fixed(b) ? 1 : 0;
    count_term = std::abs(static_cast<std::int64_t>(regions.size()) -
                          (static_cast<std::int64_t>(instance.target_regions) - fixed_regions));
  }
  return weights.a * exception_units + weights.b * count_term + penalty;
}

ExactPlanResult solve_exact(const rg::SolverInstance& instance, const ExactPlanOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  ExactPlanResult result;
  if (instance.free_unit_count > options.max_units) {
    result.note = "not attempted: " + std::to_string(instance.free_unit_count) + " free units > " +
                  std::to_string(options.max_units);
    return result;
  }
  result.attempted = true;
  // Under the central seat rule any member may root its region, which multiplies the model's
  // equivalent solutions (30 townships: no proof in 30 s). The ranking tiers depend on the seat only
  // through a service radius or transfers (counted from the seat's parent); without those, stage 1 runs
  // on the ordered model (one candidate root per region, as for the largest rule) and only stage 2, the
  // access cost, needs every root.
  const auto& rules = instance.options.rules;
  const bool tiers_ignore_seat = !rules.has_seat_rule() && !instance.count_transfers;
  Formulation formulation(instance, !instance.central_seats || tiers_ignore_seat);
  result.variables = formulation.model.variable_count();
  result.constraints = formulation.model.constraint_count();
  if (formulation.size() == 0) {
    result.status = MipStatus::optimal;
    result.tiers_optimal = true;
    result.block_region = formulation.plan_from({});
    result.note = "no free units";
    return result;
  }
  std::vector<double> start;
  if (!options.start.empty()) {
    start = formulation.values_for(options.start);
    if (!start.empty()) formulation.model.set_start(start);
  }
  MipOptions mip;
  mip.time_limit_s = options.time_limit_s > 0 ? options.time_limit_s / 2 : 0;
  const auto stage1 = formulation.model.solve(mip);
  result.status = stage1.status;
  result.nodes = stage1.nodes;
  if (!stage1.has_solution()) {
    result.note = "stage 1 (ranking tiers) found no solution";
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
  }
  result.tiers_optimal = stage1.status == MipStatus::optimal;
  result.tier_value = static_cast<std::int64_t>(std::llround(stage1.objective));
  result.block_region = formulation.plan_from(stage1.values);

  if (instance.options.objective.kind == rg::ObjectiveKind::access && result.tiers_optimal) {
    std::optional<Formulation> every_root;
    std::vector<double> stage2_start = stage1.values;
    if (instance.central_seats && tiers_ignore_seat) {
      every_root.emplace(instance, false);
      stage2_start = every_root->values_for(result.block_region);
    }
    Formulation& stage2_model = every_root ? *every_root : formulation;
    auto& model = stage2_model.model;
    model.add_constraint(stage2_model.tier_vars, stage2_model.tier_coefs, -k_infinity,
                         static_cast<double>(result.tier_value) + 0.5);
    for (std::size_t j = 0; j < model.variable_count(); ++j) model.set_objective(static_cast<int>(j), 0.0);
    for (std::size_t j = 0; j < stage2_model.cost_vars.size(); ++j) {
      model.set_objective(stage2_model.cost_vars[j], stage2_model.cost_coefs[j]);
    }
    if (!stage2_start.empty()) model.set_start(stage2_start);
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    mip.time_limit_s = options.time_limit_s > 0 ? std::max(1.0, options.time_limit_s - elapsed) : 0;
    const auto stage2 = model.solve(mip);
    result.status = stage2.status;
    result.nodes += stage2.nodes;
    if (stage2.has_solution()) {
      result.objective = stage2.objective;
      result.bound = stage2.best_bound;
      result.gap = stage2.gap;
      result.objective_certified = stage2.status == MipStatus::optimal;
      result.block_region = stage2_model.plan_from(stage2.values);
    }
  } else if (instance.options.objective.kind != rg::ObjectiveKind::access) {
    result.note = "objective " + std::string(rg::objective_name(instance.options.objective.kind)) +
                  " is not linear: only the ranking tiers (exceptions, region count, penalty) are certified";
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace quhua::exact
