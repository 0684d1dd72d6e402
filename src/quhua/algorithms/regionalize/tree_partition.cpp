#include "quhua/algorithms/regionalize/tree_partition.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace quhua::algorithms::regionalize {

namespace {

struct Candidate {
  double gap;
  std::uint32_t node;
  bool complement;  // the part is everything alive outside node's subtree
};

}  // namespace

TreePartitioner::TreePartitioner(const SolverInstance& instance)
    : m_instance(&instance),
      m_simple_parts(!instance.options.rules.has_seat_rule() && instance.forbid_targets.empty()),
      m_has_lengths(instance.attribute_count > 0 || instance.has_anchors),
      m_local(instance.block_count(), 0),
      m_stamp_of(instance.block_count(), 0) {}

void TreePartitioner::load(std::span<const BlockId> nodes) {
  if (++m_stamp == 0) {
    std::fill(m_stamp_of.begin(), m_stamp_of.end(), 0);
    m_stamp = 1;
  }
  m_nodes.assign(nodes.begin(), nodes.end());
  for (std::uint32_t i = 0; i < nodes.size(); ++i) {
    m_local[nodes[i]] = i;
    m_stamp_of[nodes[i]] = m_stamp;
  }
  m_edges.clear();
  m_edge_length.clear();
  // Edge lengths only matter for compact trees; computing them costs a pass over the units.
  const auto& g = m_instance->block_graph;
  for (std::uint32_t i = 0; i < nodes.size(); ++i) {
    for (BlockId v : g.neighbors(nodes[i])) {
      if (m_stamp_of[v] != m_stamp) continue;
      const std::uint32_t j = m_local[v];
      if (j > i && m_instance->edge_allowed(nodes[i], v)) {
        m_edges.emplace_back(i, j);
        m_edge_length.push_back(m_compact_trees ? edge_length(nodes[i], v) : 0.0);
      }
    }
  }
  const std::size_t m = nodes.size();
  m_parent.assign(m, k_none);
  m_size.assign(m, 0);
  m_order_pos.assign(m, 0);
  m_sub_population.assign(m, 0);
  m_sub_area.assign(m, 0);
  m_mark.assign(m, 0);
  m_mark_stamp = 0;
}

double TreePartitioner::edge_length(BlockId a, BlockId b) const {
  const auto& I = *m_instance;
  const auto position = [&I](BlockId x, std::size_t f) {
    double sum = 0;
    for (UnitIndex u : I.units_of(x)) sum += I.attribute_count > 0 ? I.z[u * I.attribute_count + f] : f == 0 ? I.x_km[u] : I.y_km[u];
    return sum / static_cast<double>(I.units_of(x).size());
  };
  const std::size_t dimensions = I.attribute_count > 0 ? I.attribute_count : 2;
  double d2 = 0;
  for (std::size_t f = 0; f < dimensions; ++f) {
    const double d = position(a, f) - position(b, f);
    d2 += d * d;
  }
  return std::sqrt(d2);
}

void TreePartitioner::draw_tree(Rng& rng, const std::vector<std::uint8_t>& alive) {
  // Kruskal over the alive edges in random order (a random spanning tree), or with compact trees
  // ordered by length times a random factor in [1, 4): a randomised minimum spanning tree whose
  // subtrees are compact in the objective's space (attributes for heterogeneity, anchors otherwise).
  const std::size_t m = m_nodes.size();
  std::vector<std::uint32_t> order;
  order.reserve(m_edges.size());
  for (std::uint32_t e = 0; e < m_edges.size(); ++e) {
    if (alive[m_edges[e].first] && alive[m_edges[e].second]) order.push_back(e);
  }
  if (m_compact_trees) {
    std::vector<std::pair<double, std::uint32_t>> keyed;
    keyed.reserve(order.size());
    for (std::uint32_t e : order) keyed.emplace_back((m_edge_length[e] + 1e-12) * (1.0 + 3.0 * rng.uniform()), e);
    std::sort(keyed.begin(), keyed.end());
    for (std::size_t i = 0; i < keyed.size(); ++i) order[i] = keyed[i].second;
  } else {
    rng.shuffle(order.begin(), order.end());
  }
  std::vector<std::uint32_t> set(m);
  std::iota(set.begin(), set.end(), 0u);
  const auto find = [&set](std::uint32_t x) {
    while (set[x] != x) x = set[x] = set[set[x]];
    return x;
  };
  std::vector<std::uint32_t> degree(m + 1, 0);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> chosen;
  for (std::uint32_t e : order) {
    const auto [a, b] = m_edges[e];
    const auto x = find(a);
    const auto y = find(b);
    if (x == y) continue;
    set[x] = y;
    chosen.emplace_back(a, b);
    ++degree[a + 1];
    ++degree[b + 1];
  }
  m_tree_offsets.assign(m + 1, 0);
  for (std::size_t i = 0; i < m; ++i) m_tree_offsets[i + 1] = m_tree_offsets[i] + degree[i + 1];
  m_tree_targets.assign(m_tree_offsets[m], 0);
  std::vector<std::uint32_t> cursor(m_tree_offsets.begin(), m_tree_offsets.end() - 1);
  for (const auto& [a, b] : chosen) {
    m_tree_targets[cursor[a]++] = b;
    m_tree_targets[cursor[b]++] = a;
  }
}

void TreePartitioner::root_tree(std::uint32_t root, const std::vector<std::uint8_t>& alive) {
  const auto& I = *m_instance;
  m_preorder.clear();
  std::vector<std::uint32_t> stack{root};
  m_parent[root] = k_none;
  while (!stack.empty()) {
    const std::uint32_t v = stack.back();
    stack.pop_back();
    m_order_pos[v] = static_cast<std::uint32_t>(m_preorder.size());
    m_preorder.push_back(v);
    for (std::uint32_t k = m_tree_offsets[v]; k < m_tree_offsets[v + 1]; ++k) {
      const std::uint32_t w = m_tree_targets[k];
      if (!alive[w] || w == m_parent[v]) continue;
      m_parent[w] = v;
      stack.push_back(w);
    }
  }
  for (std::uint32_t v : m_preorder) {
    m_size[v] = 1;
    m_sub_population[v] = I.block_population[m_nodes[v]];
    m_sub_area[v] = I.block_area[m_nodes[v]];
  }
  for (std::size_t i = m_preorder.size(); i-- > 1;) {
    const std::uint32_t v = m_preorder[i];
    const std::uint32_t p = m_parent[v];
    m_size[p] += m_size[v];
    m_sub_population[p] += m_sub_population[v];
    m_sub_area[p] += m_sub_area[v];
  }
}

double TreePartitioner::ideal_gap(double population, double area, double ideal_population, double ideal_area) const {
  const auto& rules = m_instance->options.rules;
  double gap = 0;
  const bool population_rules = rules.min_population > 0 || rules.max_population < k_no_limit;
  if (population_rules || !rules.has_area_rules()) {
    gap += ideal_population > 0 ? std::abs(population - ideal_population) / ideal_population : 0.0;
  }
  if (rules.has_area_rules()) gap += ideal_area > 0 ? std::abs(area - ideal_area) / ideal_area : 0.0;
  return gap;
}

bool TreePartitioner::part_ok(std::span<const std::uint32_t> local_nodes) {
  if (m_simple_parts) return true;
  const auto& I = *m_instance;
  if (++m_mark_stamp == 0) {
    std::fill(m_mark.begin(), m_mark.end(), 0);
    m_mark_stamp = 1;
  }
  UnitIndex seat = k_none;
  for (std::uint32_t v : local_nodes) {
    m_mark[v] = m_mark_stamp;
    if (I.better_seat(I.block_seat[m_nodes[v]], seat)) seat = I.block_seat[m_nodes[v]];
  }
  if (I.central_seats && I.options.rules.has_seat_rule()) {
    // The part's 1-median: O(m²) (parts are checked only under a service-radius rule).
    m_part_blocks.clear();
    for (std::uint32_t v : local_nodes) m_part_blocks.push_back(m_nodes[v]);
    seat = I.seat_of_blocks(m_part_blocks);
  }
  for (std::uint32_t v : local_nodes) {
    for (BlockId partner : I.forbidden_of(m_nodes[v])) {
      if (m_stamp_of[partner] == m_stamp && m_mark[m_local[partner]] == m_mark_stamp) return false;
    }
    if (!I.block_within_seat_distance(m_nodes[v], seat)) return false;
  }
  return true;
}

bool TreePartitioner::balanced(std::span<const BlockId> nodes, std::size_t parts, Rng& rng, std::size_t redraws,
                               std::vector<std::uint32_t>& part_of) {
  load(nodes);
  if (parts == 0 || parts > nodes.size()) {
    part_of.assign(nodes.size(), k_none);
    return false;
  }
  // Each attempt starts over (a remainder may have no good cut whatever its tree).
  // Two attempts without even a first cut: the count is out of reach, stop early.
  std::size_t hopeless = 0;
  for (std::size_t attempt = 0; attempt < std::max<std::size_t>(redraws, 1); ++attempt) {
    const auto outcome = balanced_once(parts, rng, part_of);
    if (outcome == Outcome::success) return true;
    if (outcome == Outcome::no_first_cut && ++hopeless == 2) break;
  }
  return false;
}

TreePartitioner::Outcome TreePartitioner::balanced_once(std::size_t parts, Rng& rng, std::vector<std::uint32_t>& part_of) {
  const auto& I = *m_instance;
  const auto& rules = I.options.rules;
  const std::span<const BlockId> nodes = m_nodes;
  const std::size_t m = nodes.size();
  part_of.assign(m, k_none);
  std::vector<std::uint8_t> alive(m, 1);
  double population = 0, area = 0;
  for (BlockId b : nodes) {
    population += I.block_population[b];
    area += I.block_area[b];
  }
  // With lower bounds, each part aims just above them: surplus left to the remainder keeps its later,
  // harder cuts possible. Each cut takes the best side over a few spanning trees (one tree offers few
  // sides near the aim), stopping early at a side within 0.5% of it.
  const bool aim_low = rules.has_lower_bounds();
  const std::size_t trees_per_cut = aim_low ? 4 : 1;
  std::vector<std::uint32_t> part, best_part;
  std::vector<Candidate> candidates;
  std::size_t done = 0;
  std::size_t done_nodes = 0;
  while (done + 1 < parts) {
    const std::size_t left = parts - done;
    const double even_population = population / static_cast<double>(left);
    const double even_area = area / static_cast<double>(left);
    const double ideal_population = aim_low && rules.min_population > 0 ? rules.min_population : even_population;
    const double ideal_area = aim_low && rules.min_area_km2 > 0 ? rules.min_area_km2 : even_area;
    const double rest_parts = static_cast<double>(left - 1);
    const auto rest_ok = [&](double p, double a) {
      return !below_bound(p, rest_parts * rules.min_population) && !below_bound(a, rest_parts * rules.min_area_km2) &&
             !above_bound(p, rest_parts * rules.max_population) && !above_bound(a, rest_parts * rules.max_area_km2);
    };
    double best_gap = std::numeric_limits<double>::infinity();
    best_part.clear();
    for (std::size_t t = 0; t < trees_per_cut && best_gap > 0.005; ++t) {
      draw_tree(rng, alive);
      std::uint32_t root = k_none;
      for (std::uint32_t v = 0; v < m && root == k_none; ++v) {
        if (alive[v]) root = v;
      }
      root_tree(root, alive);
      if (m_preorder.size() + done_nodes != m) return Outcome::failed;  // not connected over allowed edges
      candidates.clear();
      for (std::size_t i = 1; i < m_preorder.size(); ++i) {
        const std::uint32_t v = m_preorder[i];
        const double sp = m_sub_population[v];
        const double sa = m_sub_area[v];
        if (I.meets_lower_bounds(sp, sa) && I.meets_upper_bounds(sp, sa) && rest_ok(population - sp, area - sa) &&
            m_size[v] + left - 1 <= m_preorder.size()) {
          candidates.push_back({ideal_gap(sp, sa, ideal_population, ideal_area), v, false});
        }
        const double cp = population - sp;
        const double ca = area - sa;
        if (I.meets_lower_bounds(cp, ca) && I.meets_upper_bounds(cp, ca) && rest_ok(sp, sa) && m_size[v] >= left - 1) {
          candidates.push_back({ideal_gap(cp, ca, ideal_population, ideal_area), v, true});
        }
      }
      const std::size_t tries = std::min<std::size_t>(candidates.size(), 8);
      std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(tries), candidates.end(),
                        [](const Candidate& a, const Candidate& b) {
                          return a.gap != b.gap ? a.gap < b.gap
                                 : a.node != b.node ? a.node < b.node
                                                    : a.complement < b.complement;
                        });
      for (std::size_t c = 0; c < tries; ++c) {
        const auto& candidate = candidates[c];
        if (candidate.gap >= best_gap) break;
        const std::uint32_t begin = m_order_pos[candidate.node];
        const std::uint32_t end = begin + m_size[candidate.node];
        part.clear();
        if (candidate.complement) {
          for (std::uint32_t i = 0; i < m_preorder.size(); ++i) {
            if (i < begin || i >= end) part.push_back(m_preorder[i]);
          }
        } else {
          part.assign(m_preorder.begin() + begin, m_preorder.begin() + end);
        }
        if (!part_ok(part)) continue;
        best_gap = candidate.gap;
        best_part.swap(part);
        break;
      }
    }
    if (best_part.empty()) return done == 0 ? Outcome::no_first_cut : Outcome::failed;
    for (std::uint32_t v : best_part) {
      part_of[v] = static_cast<std::uint32_t>(done);
      alive[v] = 0;
      ++done_nodes;
      population -= I.block_population[m_nodes[v]];
      area -= I.block_area[m_nodes[v]];
    }
    ++done;
  }
  part.clear();
  for (std::uint32_t v = 0; v < m; ++v) {
    if (alive[v]) part.push_back(v);
  }
  if (parts == 1) {
    draw_tree(rng, alive);
    root_tree(part.empty() ? 0 : part.front(), alive);
    if (m_preorder.size() != part.size()) return Outcome::no_first_cut;
  }
  if (part.empty() || !I.meets_lower_bounds(population, area) || !I.meets_upper_bounds(population, area) ||
      !part_ok(part)) {
    return parts == 1 ? Outcome::no_first_cut : Outcome::failed;
  }
  for (std::uint32_t v : part) part_of[v] = static_cast<std::uint32_t>(parts - 1);
  return Outcome::success;
}

std::size_t TreePartitioner::greedy(std::span<const BlockId> nodes, Rng& rng, std::vector<std::uint32_t>& part_of) {
  const auto& I = *m_instance;
  load(nodes);
  const std::size_t m = nodes.size();
  part_of.assign(m, k_none);
  if (m == 0) return 0;
  std::vector<std::uint8_t> alive(m, 1);
  draw_tree(rng, alive);
  const auto root = static_cast<std::uint32_t>(rng.below(m));
  root_tree(root, alive);
  if (m_preorder.size() != m) return 0;  // not connected over allowed edges

  // Post-order accumulation: cut a subtree as soon as it meets the lower bounds.
  std::vector<double> population(m), area(m);
  std::vector<std::uint32_t> own_part(m, k_none);
  for (std::uint32_t v = 0; v < m; ++v) {
    population[v] = I.block_population[m_nodes[v]];
    area[v] = I.block_area[m_nodes[v]];
  }
  std::uint32_t parts = 0;
  for (std::size_t i = m; i-- > 0;) {
    const std::uint32_t v = m_preorder[i];
    if (I.meets_lower_bounds(population[v], area[v])) {
      own_part[v] = parts++;
    } else if (v != root) {
      population[m_parent[v]] += population[v];
      area[m_parent[v]] += area[v];
    }
  }
  if (parts == 0) return 0;
  // Labels in pre-order: a node takes its own part when cut there, else its parent's.
  std::uint32_t root_part = own_part[root];
  if (root_part == k_none) {
    // The root's leftover (below the bounds) joins a part cut just below it.
    for (std::size_t i = 1; i < m && root_part == k_none; ++i) {
      const std::uint32_t v = m_preorder[i];
      if (own_part[v] == k_none) continue;
      std::uint32_t p = m_parent[v];
      while (own_part[p] == k_none && p != root) p = m_parent[p];
      if (p == root && own_part[root] == k_none) root_part = own_part[v];
    }
  }
  for (std::uint32_t v : m_preorder) {
    if (own_part[v] != k_none) {
      part_of[v] = own_part[v];
    } else if (v == root) {
      part_of[v] = root_part;
    } else {
      part_of[v] = part_of[m_parent[v]];
    }
  }
  // Upper bounds and the other rules, part by part.
  std::vector<std::vector<std::uint32_t>> members(parts);
  std::vector<double> part_population(parts, 0), part_area(parts, 0);
  for (std::uint32_t v = 0; v < m; ++v) {
    members[part_of[v]].push_back(v);
    part_population[part_of[v]] += I.block_population[m_nodes[v]];
    part_area[part_of[v]] += I.block_area[m_nodes[v]];
  }
  for (std::uint32_t p = 0; p < parts; ++p) {
    if (members[p].empty()) return 0;
    if (!I.meets_upper_bounds(part_population[p], part_area[p]) || !part_ok(members[p])) return 0;
  }
  return parts;
}

}  // namespace quhua::algorithms::regionalize
