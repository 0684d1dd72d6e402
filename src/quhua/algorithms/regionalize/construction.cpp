#include "quhua/algorithms/regionalize/construction.hpp"

#include <algorithm>
#include <cmath>
#include <queue>
#include <tuple>

#include "quhua/algorithms/regionalize/tree_partition.hpp"

namespace quhua::algorithms::regionalize {

namespace {

constexpr std::uint32_t k_lower_bound_bits = violation_target_min_population | violation_target_min_area;

// Grows regions one at a time inside a cluster: seeds on the cluster's edge first, each region taking
// the frontier block with the most links into it, every step keeping the upper bounds, --max-seat-km
// and forbidden pairs. Blocks of a region that cannot reach the lower bounds become enclaves.
class Grower {
 public:
  Grower(const SolverInstance& instance, Rng& rng) : m_instance(instance), m_rng(rng) {
    m_local.assign(instance.block_count(), k_none);
  }

  // Fills region ids (from `next`) into `region` for the cluster's blocks; enclave blocks get a
  // region of their own. Returns the number of enclave blocks. `seat_first`: seeds by seat score
  // (strongest seats first, so that each region grows around the seat that decides --max-seat-km),
  // else seeds on the cluster's edge.
  std::size_t grow(const std::vector<BlockId>& cluster, std::vector<RegionId>& region, RegionId& next,
                   bool seat_first) {
    const auto& I = m_instance;
    const std::size_t m = cluster.size();
    for (std::uint32_t i = 0; i < m; ++i) m_local[cluster[i]] = i;
    std::vector<std::uint8_t> state(m, 0);  // 0 free, 1 in the growing region, 2 placed, 3 enclave
    std::vector<std::uint32_t> links(m, 0);
    std::vector<std::uint64_t> key(m);
    std::vector<std::uint32_t> order(m);
    for (std::uint32_t i = 0; i < m; ++i) {
      key[i] = m_rng.next();
      order[i] = i;
      for (BlockId v : I.block_graph.neighbors(cluster[i])) {
        if (in_cluster(v, cluster) && I.edge_allowed(cluster[i], v)) ++links[i];
      }
    }
    if (seat_first) {
      // Strong seats first, with some noise so that attempts differ.
      std::vector<double> score(m);
      for (std::uint32_t i = 0; i < m; ++i) score[i] = I.seat_score[I.block_seat[cluster[i]]] * (1.0 + m_rng.uniform());
      std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        return score[a] != score[b] ? score[a] > score[b] : key[a] < key[b];
      });
    } else {
      // Seeds with few neighbours first: the cluster's edge, so that the rest stays in one piece.
      std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        return links[a] != links[b] ? links[a] < links[b] : key[a] < key[b];
      });
    }
    std::fill(links.begin(), links.end(), 0);
    std::vector<std::uint32_t> members, frontier;
    std::size_t enclaves = 0;
    for (std::uint32_t seed : order) {
      if (state[seed] != 0) continue;
      members.assign(1, seed);
      state[seed] = 1;
      double population = I.block_population[cluster[seed]];
      double area = I.block_area[cluster[seed]];
      UnitIndex seat = I.block_seat[cluster[seed]];
      frontier.clear();
      const auto extend = [&](std::uint32_t v) {
        for (BlockId w : I.block_graph.neighbors(cluster[v])) {
          if (!in_cluster(w, cluster) || !I.edge_allowed(cluster[v], w)) continue;
          const std::uint32_t j = m_local[w];
          if (state[j] != 0) continue;
          if (links[j]++ == 0) frontier.push_back(j);
        }
      };
      extend(seed);
      while (!I.meets_lower_bounds(population, area)) {
        std::uint32_t best = k_none;
        for (std::uint32_t c : frontier) {
          if (state[c] != 0) continue;
          const BlockId b = cluster[c];
          if (!I.meets_upper_bounds(population + I.block_population[b], area + I.block_area[b])) continue;
          if (!fits(b, members, cluster, seat)) continue;
          if (best == k_none || links[c] > links[best] || (links[c] == links[best] && key[c] < key[best])) best = c;
        }
        if (best == k_none) break;
        state[best] = 1;
        members.push_back(best);
        population += I.block_population[cluster[best]];
        area += I.block_area[cluster[best]];
        if (I.better_seat(I.block_seat[cluster[best]], seat)) seat = I.block_seat[cluster[best]];
        extend(best);
      }
      const bool complete = I.meets_lower_bounds(population, area);
      for (std::uint32_t v : members) {
        state[v] = complete ? 2 : 3;
        region[cluster[v]] = complete ? next : next++;
        if (!complete) ++enclaves;
      }
      if (complete) ++next;
      for (std::uint32_t c : frontier) links[c] = 0;
    }
    for (BlockId b : cluster) m_local[b] = k_none;
    return enclaves;
  }

 private:
  bool in_cluster(BlockId v, const std::vector<BlockId>& cluster) const {
    const std::uint32_t j = m_local[v];
    return j != k_none && j < cluster.size() && cluster[j] == v;
  }

  // Adding b keeps --max-seat-km (with the seat it may bring) and the forbidden pairs.
  bool fits(BlockId b, const std::vector<std::uint32_t>& members, const std::vector<BlockId>& cluster,
            UnitIndex seat) const {
    const auto& I = m_instance;
    for (BlockId partner : I.forbidden_of(b)) {
      for (std::uint32_t v : members) {
        if (cluster[v] == partner) return false;
      }
    }
    if (!I.options.rules.has_seat_rule()) return true;
    if (I.central_seats) {
      // The 1-median of the grown region with b: O(m²) per step (growth is for small clusters).
      m_blocks.clear();
      for (std::uint32_t v : members) m_blocks.push_back(cluster[v]);
      m_blocks.push_back(b);
      const UnitIndex central = I.seat_of_blocks(m_blocks);
      for (BlockId m : m_blocks) {
        if (!I.block_within_seat_distance(m, central)) return false;
      }
      return true;
    }
    if (I.better_seat(I.block_seat[b], seat)) {
      const UnitIndex new_seat = I.block_seat[b];
      if (!I.block_within_seat_distance(b, new_seat)) return false;
      for (std::uint32_t v : members) {
        if (!I.block_within_seat_distance(cluster[v], new_seat)) return false;
      }
      return true;
    }
    return I.block_within_seat_distance(b, seat);
  }

  const SolverInstance& m_instance;
  Rng& m_rng;
  std::vector<std::uint32_t> m_local;
  mutable std::vector<BlockId> m_blocks;
};

// Splits one cluster (connected over allowed edges) into as many regions as found.
void assign_cluster(const SolverInstance& I, const std::vector<BlockId>& cluster, Rng& rng, TreePartitioner& trees,
                    Grower& grower, ConstructionMethod method, const ConstructionHints* hints,
                    ConstructionHints* learned, std::vector<RegionId>& region, RegionId& next,
                    ConstructionStats& stats) {
  const auto& rules = I.options.rules;
  double population = 0, area = 0;
  for (BlockId b : cluster) {
    population += I.block_population[b];
    area += I.block_area[b];
  }
  const std::size_t capacity = std::min(I.lower_bound_capacity(population, area), cluster.size());
  if (capacity == 0) {
    for (BlockId b : cluster) region[b] = next++;
    stats.enclaves += cluster.size();
    return;
  }
  std::size_t minimum = 1;
  if (rules.max_population < k_no_limit) {
    minimum = std::max(minimum, static_cast<std::size_t>(std::ceil(population / rules.max_population - 1e-9)));
  }
  if (rules.max_area_km2 < k_no_limit) {
    minimum = std::max(minimum, static_cast<std::size_t>(std::ceil(area / rules.max_area_km2 - 1e-9)));
  }
  std::vector<std::uint32_t> part_of;
  // Growth scans its frontier at every step: large clusters are cut from trees whatever the method.
  const bool use_trees = method != ConstructionMethod::growth || cluster.size() > 5000;
  if (use_trees && minimum <= capacity) {
    const bool balanced = capacity <= 64 || static_cast<double>(capacity) * static_cast<double>(cluster.size()) <= 4e6;
    if (balanced) {
      // More attempts where they are cheap: the region count is the first thing a plan is judged by.
      // An attempt costs about capacity × size × 4 trees.
      const double work = 4.0 * static_cast<double>(capacity) * static_cast<double>(cluster.size());
      const auto attempts = static_cast<std::size_t>(std::clamp(2e6 / std::max(1.0, work), 3.0, 12.0));
      // Above a count another construction reached, only a brief try.
      std::size_t start = capacity;
      std::size_t reached = 0;
      if (hints) {
        const auto it = hints->parts.find(cluster.front());
        if (it != hints->parts.end()) {
          reached = it->second;
          start = std::min(capacity, reached + 1);
        }
      }
      for (std::size_t k = start; k >= minimum; --k) {
        if (trees.balanced(cluster, k, rng, k > reached && reached > 0 ? 2 : attempts, part_of)) {
          for (std::size_t i = 0; i < cluster.size(); ++i) region[cluster[i]] = next + part_of[i];
          next += static_cast<RegionId>(k);
          ++stats.tree_partitions;
          if (learned) learned->parts[cluster.front()] = k;
          return;
        }
        if (k == 1) break;
      }
    } else {
      std::vector<std::uint32_t> best_parts;
      std::size_t best = 0;
      for (int attempt = 0; attempt < 4; ++attempt) {
        const std::size_t parts = trees.greedy(cluster, rng, part_of);
        if (parts > best) {
          best = parts;
          best_parts = part_of;
        }
      }
      if (best > 0) {
        for (std::size_t i = 0; i < cluster.size(); ++i) region[cluster[i]] = next + best_parts[i];
        next += static_cast<RegionId>(best);
        ++stats.tree_partitions;
        return;
      }
    }
  }
  ++stats.grown_clusters;
  const bool seat_first = rules.has_seat_rule() && (method == ConstructionMethod::growth || rng.uniform() < 0.5);
  stats.enclaves += grower.grow(cluster, region, next, seat_first);
}

// Distinct non-empty, non-fixed regions sharing a border with region r.
void adjacent_regions(const PlanState& state, RegionId r, std::vector<RegionId>& out) {
  out.clear();
  const auto& g = state.instance().block_graph;
  for (BlockId b : state.members(r)) {
    for (BlockId v : g.neighbors(b)) {
      const RegionId q = state.region_of(v);
      if (q != r && !state.fixed_region(q) && std::find(out.begin(), out.end(), q) == out.end()) out.push_back(q);
    }
  }
  std::sort(out.begin(), out.end());
}

}  // namespace

std::vector<RegionId> construct(const SolverInstance& I, Rng& rng, ConstructionStats& stats,
                                ConstructionMethod method, const ConstructionHints* hints,
                                ConstructionHints* learned) {
  const std::size_t blocks = I.block_count();
  std::vector<RegionId> region(blocks, k_none);
  RegionId next = 0;
  std::vector<std::vector<BlockId>> zones(I.zone_count);
  for (BlockId b = 0; b < blocks; ++b) {
    if (I.fixed(b)) {
      region[b] = next++;
    } else {
      zones[I.zone_of_block[b]].push_back(b);
    }
  }
  TreePartitioner trees(I);
  trees.set_compact_trees(method == ConstructionMethod::compact_trees);
  Grower grower(I, rng);
  std::vector<std::uint8_t> in_pool(blocks, 0);
  std::vector<BlockId> cluster, stack;
  for (const auto& zone : zones) {
    if (!I.options.rules.has_lower_bounds()) {
      for (BlockId b : zone) region[b] = next++;
      continue;
    }
    for (BlockId b : zone) {
      if (I.penalise_viable_merges && I.block_viable[b]) {
        region[b] = next++;
      } else {
        in_pool[b] = 1;
      }
    }
    for (BlockId start : zone) {
      if (!in_pool[start]) continue;
      cluster.clear();
      stack.assign(1, start);
      in_pool[start] = 0;
      while (!stack.empty()) {
        const BlockId b = stack.back();
        stack.pop_back();
        cluster.push_back(b);
        for (BlockId v : I.block_graph.neighbors(b)) {
          if (in_pool[v] && I.edge_allowed(b, v)) {
            in_pool[v] = 0;
            stack.push_back(v);
          }
        }
      }
      std::sort(cluster.begin(), cluster.end());
      assign_cluster(I, cluster, rng, trees, grower, method, hints, learned, region, next, stats);
    }
  }
  return region;
}

std::size_t repair_exceptions(PlanState& state) {
  std::size_t merges = 0;
  std::vector<RegionId> under, neighbours;
  for (bool allow_short = false;;) {
    under.clear();
    for (RegionId r = 0; r < state.region_capacity(); ++r) {
      if (!state.empty(r) && !state.fixed_region(r) && !state.meets_lower_bounds(r)) under.push_back(r);
    }
    std::sort(under.begin(), under.end(), [&state](RegionId a, RegionId b) {
      return state.population(a) != state.population(b) ? state.population(a) < state.population(b) : a < b;
    });
    bool changed = false;
    for (RegionId e : under) {
      if (state.empty(e) || state.meets_lower_bounds(e)) continue;
      adjacent_regions(state, e, neighbours);
      RegionId best = k_none;
      std::tuple<bool, std::int64_t, double> best_key{};
      for (RegionId q : neighbours) {
        const auto evaluation = state.try_merge(e, q);
        if (evaluation.violations & ~k_lower_bound_bits) continue;
        const bool short_union = (evaluation.violations & k_lower_bound_bits) != 0;
        if (short_union && !allow_short) continue;
        const std::tuple<bool, std::int64_t, double> key{short_union, evaluation.penalty_delta, evaluation.objective_delta};
        if (best == k_none || key < best_key) {
          best = q;
          best_key = key;
        }
      }
      if (best == k_none) continue;
      state.merge(e, best);
      ++merges;
      changed = true;
      if (allow_short) break;  // one merge of two short regions at a time, then look for full merges again
    }
    if (changed) {
      allow_short = false;
      continue;
    }
    if (allow_short) break;
    allow_short = true;
  }
  return merges;
}

std::size_t fill_exceptions(PlanState& state) {
  const auto& g = state.instance().block_graph;
  std::size_t filled = 0;
  std::vector<std::pair<BlockId, RegionId>> undo;
  for (RegionId e = 0; e < state.region_capacity(); ++e) {
    if (!state.short_region(e)) continue;
    undo.clear();
    while (state.short_region(e)) {
      // The neighbouring block that helps most: the largest population, then the best objective.
      BlockId best = k_none;
      double best_population = -1, best_objective = 0;
      for (BlockId m : state.members(e)) {
        for (BlockId v : g.neighbors(m)) {
          const RegionId q = state.region_of(v);
          if (q == e || state.fixed_region(q) || state.short_region(q)) continue;
          const auto evaluation = state.try_move(v, e);
          if (!evaluation.allowed()) continue;
          const double population = state.instance().block_population[v];
          if (population > best_population || (population == best_population && evaluation.objective_delta < best_objective)) {
            best = v;
            best_population = population;
            best_objective = evaluation.objective_delta;
          }
        }
      }
      if (best == k_none) break;
      undo.emplace_back(best, state.region_of(best));
      state.apply_move(best, e);
    }
    if (state.short_region(e)) {
      for (auto it = undo.rbegin(); it != undo.rend(); ++it) state.apply_move(it->first, it->second);
    } else {
      ++filled;
    }
  }
  return filled;
}

namespace {

// A region below the bounds whose blocks rank better apart (each its own region: an exception either
// way, but e.g. no distance to a common seat) is split into single blocks.
std::size_t split_short_regions(PlanState& state) {
  std::size_t splits = 0;
  std::vector<BlockId> blocks;
  std::vector<RegionId> before, after;
  for (RegionId e = 0; e < state.region_capacity(); ++e) {
    if (!state.short_region(e) || state.members(e).size() < 2) continue;
    const PlanKey key = plan_key(state);
    blocks.assign(state.members(e).begin(), state.members(e).end());
    before.assign(blocks.size(), e);
    after.assign(blocks.size(), e);
    for (std::size_t i = 1; i < blocks.size(); ++i) {
      after[i] = state.open_region();
      state.apply_move(blocks[i], after[i]);
    }
    PlanKey margin = key;
    margin.objective -= 1e-9 * (1 + std::abs(key.objective));
    if (plan_key(state) < margin) {
      ++splits;
    } else {
      state.assign_blocks(blocks, before);
    }
  }
  return splits;
}

}  // namespace

std::size_t resolve_exceptions(PlanState& state) {
  std::size_t changes = 0;
  for (;;) {
    const std::size_t step = repair_exceptions(state) + fill_exceptions(state);
    if (step == 0) break;
    changes += step;
  }
  return changes + split_short_regions(state);
}

std::size_t merge_to_target(PlanState& state, std::size_t target, const RunControl& control) {
  struct Entry {
    std::int64_t penalty;
    double objective;
    RegionId a, b;
    std::uint32_t version_a, version_b;
    bool operator>(const Entry& other) const {
      return std::tie(penalty, objective, a, b) > std::tie(other.penalty, other.objective, other.a, other.b);
    }
  };
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap;
  std::vector<std::uint32_t> version(state.region_capacity(), 0);
  std::vector<RegionId> neighbours;
  const auto push_pairs = [&](RegionId r, bool only_larger) {
    if (state.empty(r) || state.fixed_region(r)) return;
    adjacent_regions(state, r, neighbours);
    for (RegionId q : neighbours) {
      if (only_larger && q < r) continue;
      const RegionId a = std::min(r, q);
      const RegionId b = std::max(r, q);
      const auto evaluation = state.try_merge(a, b);
      if (evaluation.violations & ~k_lower_bound_bits) continue;
      heap.push({evaluation.penalty_delta, evaluation.objective_delta, a, b, version[a], version[b]});
    }
  };
  for (RegionId r = 0; r < state.region_capacity(); ++r) push_pairs(r, true);
  std::size_t merges = 0;
  while (state.region_count() > target && !heap.empty()) {
    const Entry top = heap.top();
    heap.pop();
    if (state.empty(top.a) || state.empty(top.b) || version[top.a] != top.version_a || version[top.b] != top.version_b) {
      continue;
    }
    state.merge(top.b, top.a);
    ++version[top.a];
    ++version[top.b];
    ++merges;
    push_pairs(top.a, false);
    if ((merges & 63) == 0 && control.should_stop()) break;
  }
  return merges;
}

std::size_t recombine(PlanState& state, Rng& rng, std::size_t attempts, const RunControl& control) {
  const auto& I = state.instance();
  if (!I.max_p() || !I.options.rules.has_lower_bounds()) return 0;
  TreePartitioner trees(I);
  const auto eligible = [&](RegionId r) {
    if (state.empty(r) || state.fixed_region(r)) return false;
    // Keep viable units that stand alone out of it (they would be merged for nothing).
    if (I.penalise_viable_merges && state.members(r).size() == 1 && I.block_viable[state.members(r)[0]]) return false;
    return state.meets_lower_bounds(r);
  };
  std::size_t gained = 0;
  std::size_t tried = 0;
  std::vector<std::vector<RegionId>> groups;
  std::vector<RegionId> neighbours;
  std::vector<BlockId> blocks;
  std::vector<std::uint32_t> part_of;
  std::vector<RegionId> ids;
  while (tried < attempts && !control.should_stop()) {
    // Candidate groups: pairs and triples (a region with two of its neighbours) whose totals hold one
    // more region than they have.
    groups.clear();
    for (RegionId r = 0; r < state.region_capacity(); ++r) {
      if (!eligible(r)) continue;
      adjacent_regions(state, r, neighbours);
      std::erase_if(neighbours, [&](RegionId q) { return !eligible(q); });
      for (std::size_t i = 0; i < neighbours.size(); ++i) {
        const RegionId q = neighbours[i];
        if (q > r && I.lower_bound_capacity(state.population(r) + state.population(q), state.area_km2(r) + state.area_km2(q)) >= 3) {
          groups.push_back({r, q});
        }
        for (std::size_t j = i + 1; j < neighbours.size(); ++j) {
          const RegionId s = neighbours[j];
          if (I.lower_bound_capacity(state.population(r) + state.population(q) + state.population(s),
                                     state.area_km2(r) + state.area_km2(q) + state.area_km2(s)) >= 4) {
            groups.push_back({r, q, s});
          }
        }
      }
    }
    if (groups.empty()) break;
    rng.shuffle(groups.begin(), groups.end());
    bool success = false;
    for (const auto& group : groups) {
      if (tried++ >= attempts || control.should_stop()) break;
      blocks.clear();
      for (RegionId r : group) blocks.insert(blocks.end(), state.members(r).begin(), state.members(r).end());
      std::sort(blocks.begin(), blocks.end());
      if (!trees.balanced(blocks, group.size() + 1, rng, 2, part_of)) continue;
      ids.assign(group.begin(), group.end());
      ids.push_back(state.open_region());
      std::vector<RegionId> regions(blocks.size());
      for (std::size_t i = 0; i < blocks.size(); ++i) regions[i] = ids[part_of[i]];
      state.assign_blocks(blocks, regions);
      ++gained;
      success = true;
      break;
    }
    if (!success) break;
  }
  return gained;
}

std::size_t recut_pairs(PlanState& state, Rng& rng, std::size_t tries, const RunControl& control) {
  const auto& I = state.instance();
  TreePartitioner trees(I);
  std::vector<std::pair<RegionId, RegionId>> pairs;
  std::vector<RegionId> neighbours;
  for (RegionId r = 0; r < state.region_capacity(); ++r) {
    if (state.empty(r) || state.fixed_region(r)) continue;
    adjacent_regions(state, r, neighbours);
    for (RegionId q : neighbours) {
      if (q > r) pairs.emplace_back(r, q);
    }
  }
  rng.shuffle(pairs.begin(), pairs.end());
  std::size_t improved = 0;
  std::vector<BlockId> blocks;
  std::vector<RegionId> before, after;
  std::vector<std::uint32_t> part_of;
  for (const auto& [a, b] : pairs) {
    if (control.should_stop()) break;
    if (state.empty(a) || state.empty(b)) continue;
    blocks.assign(state.members(a).begin(), state.members(a).end());
    blocks.insert(blocks.end(), state.members(b).begin(), state.members(b).end());
    std::sort(blocks.begin(), blocks.end());
    before.resize(blocks.size());
    for (std::size_t i = 0; i < blocks.size(); ++i) before[i] = state.region_of(blocks[i]);
    PlanKey best = plan_key(state);
    best.objective -= 1e-9 * (1 + std::abs(best.objective));
    bool kept = false;
    for (std::size_t t = 0; t < tries; ++t) {
      trees.set_compact_trees(t % 2 == 1);
      if (!trees.balanced(blocks, 2, rng, 1, part_of)) continue;
      after.resize(blocks.size());
      for (std::size_t i = 0; i < blocks.size(); ++i) after[i] = part_of[i] == 0 ? a : b;
      state.assign_blocks(blocks, after);
      const PlanKey key = plan_key(state);
      if (key < best) {
        best = key;
        best.objective -= 1e-9 * (1 + std::abs(key.objective));
        for (std::size_t i = 0; i < blocks.size(); ++i) before[i] = after[i];
        kept = true;
      } else {
        state.assign_blocks(blocks, before);
      }
    }
    if (kept) ++improved;
  }
  return improved;
}

}  // namespace quhua::algorithms::regionalize
