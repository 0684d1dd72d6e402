#include "quhua/synthetic/partition.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <queue>
#include <tuple>

#include "quhua/geometry/polygon_ops.hpp"
#include "quhua/synthetic/ring_math.hpp"
#include "quhua/util/error.hpp"
#include "quhua/util/random.hpp"

namespace quhua::synthetic::detail {
namespace {

constexpr double k_pi = 3.14159265358979323846;

struct PointLess {
  bool operator()(const model::Point& a, const model::Point& b) const { return a.x < b.x || (a.x == b.x && a.y < b.y); }
};
/// An undirected segment with its endpoints in canonical (lexicographic) order.
using SegmentKey = std::pair<model::Point, model::Point>;
struct SegmentLess {
  bool operator()(const SegmentKey& a, const SegmentKey& b) const {
    const PointLess less;
    if (less(a.first, b.first)) return true;
    if (less(b.first, a.first)) return false;
    return less(a.second, b.second);
  }
};
SegmentKey key_of(const model::Point& p, const model::Point& q) { return PointLess{}(p, q) ? SegmentKey{p, q} : SegmentKey{q, p}; }

model::Ring counter_clockwise(model::Ring ring) {
  if (!ring.empty() && !(ring.front() == ring.back())) ring.push_back(ring.front());
  if (signed_area(ring) < 0) std::reverse(ring.begin(), ring.end());
  return ring;
}

/// Boundary of the union of two counter-clockwise rings that share a run of edges: the directed edges of
/// both minus the pairs that cancel. nullopt when the result is not one simple loop.
std::optional<model::Ring> merge_rings(const model::Ring& a, const model::Ring& b) {
  std::map<SegmentKey, int, SegmentLess> count;
  std::vector<std::pair<model::Point, model::Point>> directed;
  for (const auto* ring : {&a, &b}) {
    for (std::size_t i = 0; i + 1 < ring->size(); ++i) {
      directed.emplace_back((*ring)[i], (*ring)[i + 1]);
      ++count[key_of((*ring)[i], (*ring)[i + 1])];
    }
  }
  std::map<model::Point, model::Point, PointLess> next;
  for (const auto& [p, q] : directed) {
    if (count[key_of(p, q)] > 1) continue;
    if (!next.emplace(p, q).second) return std::nullopt;  // a pinch: two loops meet at p
  }
  if (next.empty()) return std::nullopt;
  model::Ring out{next.begin()->first};
  for (std::size_t steps = 0; steps <= next.size(); ++steps) {
    const auto it = next.find(out.back());
    if (it == next.end()) return std::nullopt;
    out.push_back(it->second);
    if (out.back() == out.front()) break;
  }
  if (out.size() != next.size() + 1 || !(out.back() == out.front())) return std::nullopt;
  return out;
}

/// Per undirected segment of the coverage: the cells whose rings use it.
using SegmentOwners = std::map<SegmentKey, std::vector<std::uint32_t>, SegmentLess>;

SegmentOwners segment_owners(const std::vector<model::Ring>& rings) {
  SegmentOwners owners;
  for (std::uint32_t c = 0; c < rings.size(); ++c) {
    for (std::size_t i = 0; i + 1 < rings[c].size(); ++i) owners[key_of(rings[c][i], rings[c][i + 1])].push_back(c);
  }
  return owners;
}

/// Width of triangle (a, b, apex) across the base at fraction t of the base, where the apex projects to
/// fraction tau at height h.
double triangle_width(double t, double tau, double h) {
  if (tau >= 1) return h * t / tau;
  if (tau <= 0) return h * (1 - t) / (1 - tau);
  return h * (t <= tau ? t / tau : (1 - t) / (1 - tau));
}

/// Interior points of the bent version of segment key.first -> key.second, or empty to keep it straight.
std::vector<model::Point> bend(const SegmentKey& key, const model::Point& site_a, const model::Point& site_b,
                               std::uint64_t seed) {
  const model::Point& a = key.first;
  const model::Point& b = key.second;
  const double length = model::distance(a, b);
  if (length < 150) return {};
  // Only Voronoi edges (on the bisector of the two sites) have the two triangles to stay within.
  const double tolerance = 1e-3 + 1e-6 * length;
  if (std::abs(model::distance(a, site_a) - model::distance(a, site_b)) > tolerance ||
      std::abs(model::distance(b, site_a) - model::distance(b, site_b)) > tolerance) {
    return {};
  }
  const model::Point e{(b.x - a.x) / length, (b.y - a.y) / length};
  const model::Point n{-e.y, e.x};
  const auto project = [&](const model::Point& s) {
    return std::pair{((s.x - a.x) * e.x + (s.y - a.y) * e.y) / length, (s.x - a.x) * n.x + (s.y - a.y) * n.y};
  };
  auto [tau_a, h_a] = project(site_a);
  auto [tau_b, h_b] = project(site_b);
  if (h_a * h_b >= 0) return {};
  if (h_a < 0) {
    std::swap(tau_a, tau_b);
    std::swap(h_a, h_b);
  }
  // The same segment bends the same way from both sides: the draws depend on its coordinates only.
  Rng rng(seed ^ (std::bit_cast<std::uint64_t>(a.x) * 0x9E3779B97F4A7C15ULL) ^ std::rotl(std::bit_cast<std::uint64_t>(a.y), 17) ^
          std::rotl(std::bit_cast<std::uint64_t>(b.x), 31) ^ std::rotl(std::bit_cast<std::uint64_t>(b.y), 47));
  const int modes = std::clamp(static_cast<int>(length / 250), 2, 14);
  std::vector<double> c(static_cast<std::size_t>(modes) + 1);
  for (int m = 1; m <= modes; ++m) c[static_cast<std::size_t>(m)] = rng.normal() * 0.09 * length * std::pow(m, -1.1);
  const int steps = static_cast<int>(std::ceil(length / 90));
  std::vector<model::Point> out;
  for (int k = 1; k < steps; ++k) {
    const double t = static_cast<double>(k) / steps;
    double offset = 0;
    for (int m = 1; m <= modes; ++m) offset += c[static_cast<std::size_t>(m)] * std::sin(m * k_pi * t);
    offset = std::clamp(offset, -0.5 * triangle_width(t, tau_b, -h_b), 0.5 * triangle_width(t, tau_a, h_a));
    out.push_back({a.x + t * length * e.x + offset * n.x, a.y + t * length * e.y + offset * n.y});
  }
  return out;
}

model::Ring apply_bends(const model::Ring& ring, const std::map<SegmentKey, std::vector<model::Point>, SegmentLess>& bends) {
  model::Ring out;
  for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
    out.push_back(ring[i]);
    const SegmentKey key = key_of(ring[i], ring[i + 1]);
    const auto it = bends.find(key);
    if (it == bends.end()) continue;
    if (ring[i] == key.first) {
      out.insert(out.end(), it->second.begin(), it->second.end());
    } else {
      out.insert(out.end(), it->second.rbegin(), it->second.rend());
    }
  }
  out.push_back(ring.back());
  return out;
}

double polyline_length(const model::Point& a, const std::vector<model::Point>& interior, const model::Point& b) {
  double total = 0;
  model::Point prev = a;
  for (const auto& p : interior) {
    total += model::distance(prev, p);
    prev = p;
  }
  return total + model::distance(prev, b);
}

}  // namespace

VillageCells build_village_cells(const std::vector<model::Point>& sites, const model::Ring& outline, std::uint64_t seed) {
  const model::MultiPolygon clip{model::Polygon{outline, {}}};
  const auto coverage = geometry::voronoi_coverage(sites, clip);

  // The part of each cell holding its site; the rest are orphans to hand to a neighbour.
  std::vector<model::Ring> rings(sites.size());
  std::vector<std::pair<std::uint32_t, model::Ring>> orphans;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> handed;  // (cell an orphan came from, cell it joined)
  for (std::uint32_t c = 0; c < sites.size(); ++c) {
    if (coverage[c].empty()) throw InternalError("synthetic county: village site outside the county outline");
    std::size_t keep = 0;
    for (std::size_t k = 0; k < coverage[c].size(); ++k) {
      if (point_in_ring(coverage[c][k].outer, sites[c])) keep = k;
    }
    rings[c] = counter_clockwise(coverage[c][keep].outer);
    for (std::size_t k = 0; k < coverage[c].size(); ++k) {
      if (k != keep) orphans.emplace_back(c, counter_clockwise(coverage[c][k].outer));
    }
  }
  for (std::size_t pass = 0; !orphans.empty(); ++pass) {
    if (pass > sites.size()) throw InternalError("synthetic county: cannot attach cut-off cell parts");
    std::vector<std::pair<std::uint32_t, model::Ring>> left;
    const SegmentOwners owners = segment_owners(rings);
    for (auto& [source, ring] : orphans) {
      std::map<std::uint32_t, double> shared;
      for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
        const auto it = owners.find(key_of(ring[i], ring[i + 1]));
        if (it == owners.end()) continue;
        for (const auto owner : it->second) shared[owner] += model::distance(ring[i], ring[i + 1]);
      }
      const auto best = std::max_element(shared.begin(), shared.end(), [](const auto& x, const auto& y) { return x.second < y.second; });
      std::optional<model::Ring> merged;
      if (best != shared.end()) merged = merge_rings(rings[best->first], ring);
      if (merged) {
        rings[best->first] = *merged;
        handed.emplace_back(source, best->first);
      } else {
        left.emplace_back(source, std::move(ring));
      }
    }
    if (left.size() == orphans.size()) throw InternalError("synthetic county: a cut-off cell part has no neighbour to join");
    orphans = std::move(left);
  }

  // Bend the borders between cells; a cell the bends would break keeps its borders straight. Bends stay
  // inside the Voronoi cells of the two sites, so they can only run into a piece cut off one of those
  // cells and handed to a third: such pairs are checked for overlap.
  const SegmentOwners owners = segment_owners(rings);
  std::map<SegmentKey, std::vector<model::Point>, SegmentLess> bends;
  for (const auto& [key, cells] : owners) {
    if (cells.size() != 2) continue;
    auto interior = bend(key, sites[cells[0]], sites[cells[1]], seed);
    if (!interior.empty()) bends.emplace(key, std::move(interior));
  }
  VillageCells out;
  out.cells.resize(sites.size());
  std::vector<std::uint32_t> to_check(sites.size());
  for (std::uint32_t c = 0; c < sites.size(); ++c) to_check[c] = c;
  for (int round = 0; !to_check.empty(); ++round) {
    std::vector<std::uint32_t> broken;
    for (const auto c : to_check) {
      model::MultiPolygon cell{model::Polygon{apply_bends(rings[c], bends), {}}};
      if (!geometry::check_validity(cell).valid || !point_in_ring(cell.front().outer, sites[c])) broken.push_back(c);
      out.cells[c] = std::move(cell);
    }
    for (const auto& [source, receiver] : handed) {
      const auto is_broken = [&](std::uint32_t c) { return std::find(broken.begin(), broken.end(), c) != broken.end(); };
      if (is_broken(source) || is_broken(receiver)) continue;  // GEOS cannot intersect invalid shapes
      if (geometry::area(geometry::intersection(out.cells[source], out.cells[receiver])) > 1.0) broken.push_back(source);
    }
    if (broken.empty()) break;
    if (round > 8) throw InternalError("synthetic county: cannot build valid village cells");
    std::vector<std::uint32_t> next;
    for (const auto c : broken) {
      for (std::size_t i = 0; i + 1 < rings[c].size(); ++i) {
        const SegmentKey key = key_of(rings[c][i], rings[c][i + 1]);
        if (bends.erase(key) == 0) continue;
        for (const auto owner : owners.at(key)) next.push_back(owner);
      }
      next.push_back(c);
    }
    std::sort(next.begin(), next.end());
    next.erase(std::unique(next.begin(), next.end()), next.end());
    to_check = std::move(next);
  }

  // Adjacency: cells that share segments, with the length of the (bent) border.
  std::map<std::pair<std::uint32_t, std::uint32_t>, double> borders;
  for (const auto& [key, cells] : owners) {
    if (cells.size() != 2 || cells[0] == cells[1]) continue;
    const auto it = bends.find(key);
    const double length = it == bends.end() ? model::distance(key.first, key.second)
                                            : polyline_length(key.first, it->second, key.second);
    borders[{std::min(cells[0], cells[1]), std::max(cells[0], cells[1])}] += length;
  }
  for (const auto& [pair, length] : borders) out.adjacency.push_back({pair.first, pair.second, length});
  return out;
}

bool is_connected(const graph::ContiguityGraph& adjacency, const std::vector<std::uint32_t>& members) {
  if (members.empty()) return true;
  std::vector<std::uint8_t> in(adjacency.node_count(), 0), seen(adjacency.node_count(), 0);
  for (const auto m : members) in[m] = 1;
  std::vector<std::uint32_t> stack{members.front()};
  seen[members.front()] = 1;
  std::size_t reached = 1;
  while (!stack.empty()) {
    const auto v = stack.back();
    stack.pop_back();
    for (const auto u : adjacency.neighbors(v)) {
      if (in[u] && !seen[u]) {
        seen[u] = 1;
        ++reached;
        stack.push_back(u);
      }
    }
  }
  return reached == members.size();
}

std::vector<std::uint32_t> grow_townships(const std::vector<model::Point>& sites, const graph::ContiguityGraph& adjacency,
                                          const std::vector<std::uint32_t>& seats, const std::vector<double>& reach,
                                          const std::vector<double>& max_distance_m, const Terrain& terrain,
                                          std::size_t min_villages) {
  constexpr std::uint32_t k_none = std::numeric_limits<std::uint32_t>::max();
  const std::size_t n = sites.size();
  // Cost of a step: its length, raised where the path climbs over a ridge between the two villages.
  const auto step_cost = [&](std::uint32_t v, std::uint32_t u) {
    const model::Point& a = sites[v];
    const model::Point& b = sites[u];
    double top = 0;
    for (const double t : {0.25, 0.5, 0.75}) top = std::max(top, terrain.elevation({a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)}));
    const double ridge = std::max(0.0, top - std::max(terrain.elevation(a), terrain.elevation(b)));
    return model::distance(a, b) * (1 + ridge / 120);
  };
  std::vector<double> cost(n, std::numeric_limits<double>::infinity());
  std::vector<std::uint32_t> owner(n, k_none);
  using Entry = std::tuple<double, std::uint32_t, std::uint32_t>;  // (cost, site, township)
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
  for (std::uint32_t t = 0; t < seats.size(); ++t) {
    cost[seats[t]] = 0;
    queue.emplace(0.0, seats[t], t);
  }
  while (!queue.empty()) {
    const auto [c, v, t] = queue.top();
    queue.pop();
    if (owner[v] != k_none) continue;
    owner[v] = t;
    for (const auto u : adjacency.neighbors(v)) {
      if (owner[u] != k_none || model::distance(sites[u], sites[seats[t]]) > max_distance_m[t]) continue;
      const double next = c + step_cost(v, u) / reach[t];
      if (next < cost[u]) {
        cost[u] = next;
        queue.emplace(next, u, t);
      }
    }
  }
  for (const auto o : owner) {
    if (o == k_none) throw InternalError("synthetic county: village cells are not connected");
  }

  // Small townships take villages from neighbours that can spare them.
  std::vector<std::vector<std::uint32_t>> members(seats.size());
  for (std::uint32_t v = 0; v < n; ++v) members[owner[v]].push_back(v);
  for (std::size_t guard = 0; guard < n; ++guard) {
    std::uint32_t small = k_none;
    for (std::uint32_t t = 0; t < members.size(); ++t) {
      if (members[t].size() < min_villages && (small == k_none || members[t].size() < members[small].size())) small = t;
    }
    if (small == k_none) break;
    std::uint32_t best = k_none;
    double best_distance = std::numeric_limits<double>::infinity();
    for (const auto v : members[small]) {
      for (const auto u : adjacency.neighbors(v)) {
        const auto from = owner[u];
        if (from == small || members[from].size() <= min_villages || u == seats[from]) continue;
        const double d = model::distance(sites[u], sites[seats[small]]);
        if (d >= best_distance) continue;
        std::vector<std::uint32_t> rest;
        for (const auto m : members[from]) {
          if (m != u) rest.push_back(m);
        }
        if (!is_connected(adjacency, rest)) continue;
        best = u;
        best_distance = d;
      }
    }
    if (best == k_none) throw InternalError("synthetic county: a township cannot reach its minimum village count");
    auto& from = members[owner[best]];
    from.erase(std::find(from.begin(), from.end(), best));
    members[small].push_back(best);
    owner[best] = small;
  }
  return owner;
}

}  // namespace quhua::synthetic::detail
