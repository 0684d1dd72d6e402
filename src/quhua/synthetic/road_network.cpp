#include "quhua/synthetic/road_network.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <map>
#include <numeric>
#include <queue>
#include <string>
#include <tuple>

#include "quhua/util/random.hpp"

namespace quhua::synthetic::detail {
namespace {

constexpr double k_pi = 3.14159265358979323846;
constexpr std::uint32_t k_none = std::numeric_limits<std::uint32_t>::max();
using model::RoadClass;
using EdgeKey = std::pair<std::uint32_t, std::uint32_t>;

EdgeKey edge_key(std::uint32_t a, std::uint32_t b) { return {std::min(a, b), std::max(a, b)}; }

struct Assigned {
  RoadClass road_class;
  std::string ref;
};

/// Shortest paths over the village adjacency with a terrain-aware cost.
class Router {
 public:
  explicit Router(const CountyPlan& plan) : m_plan(plan) {}

  double step_cost(std::uint32_t v, std::uint32_t u) const {
    const model::Point& a = m_plan.settlements.sites[v];
    const model::Point& b = m_plan.settlements.sites[u];
    const double length = model::distance(a, b);
    const double ea = m_plan.terrain.elevation(a), eb = m_plan.terrain.elevation(b);
    double top = 0;
    for (const double t : {0.25, 0.5, 0.75}) top = std::max(top, m_plan.terrain.elevation({a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)}));
    const double ridge = std::max(0.0, top - std::max(ea, eb));
    const double slope = std::abs(ea - eb) / std::max(length, 1.0);
    return length * (1 + 8 * slope) * (1 + ridge / 150) * (1 + std::max(0.0, (ea + eb) / 2 - 800) / 1500);
  }

  /// Dijkstra from `source`; when `allowed` is given, only through sites it marks. Returns predecessors.
  std::vector<std::uint32_t> tree(std::uint32_t source, const std::vector<std::uint8_t>* allowed = nullptr,
                                  std::vector<double>* cost_out = nullptr) const {
    const std::size_t n = m_plan.settlements.sites.size();
    std::vector<double> cost(n, std::numeric_limits<double>::infinity());
    std::vector<std::uint32_t> previous(n, k_none);
    using Entry = std::pair<double, std::uint32_t>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
    cost[source] = 0;
    queue.emplace(0.0, source);
    while (!queue.empty()) {
      const auto [c, v] = queue.top();
      queue.pop();
      if (c > cost[v]) continue;
      for (const auto u : m_plan.village_graph.neighbors(v)) {
        if (allowed && !(*allowed)[u]) continue;
        const double next = c + step_cost(v, u);
        if (next < cost[u]) {
          cost[u] = next;
          previous[u] = v;
          queue.emplace(next, u);
        }
      }
    }
    if (cost_out) *cost_out = std::move(cost);
    return previous;
  }

  static std::vector<std::uint32_t> path(const std::vector<std::uint32_t>& previous, std::uint32_t target) {
    std::vector<std::uint32_t> out{target};
    while (previous[out.back()] != k_none) out.push_back(previous[out.back()]);
    std::reverse(out.begin(), out.end());
    return out;
  }

 private:
  const CountyPlan& m_plan;
};

std::uint32_t nearest_site(const CountyPlan& plan, const model::Point& p) {
  std::uint32_t best = 0;
  for (std::uint32_t v = 1; v < plan.settlements.sites.size(); ++v) {
    if (model::distance(plan.settlements.sites[v], p) < model::distance(plan.settlements.sites[best], p)) best = v;
  }
  return best;
}

/// A winding line from a to b: a few sine modes across the chord, fixed ends, wider in the mountains.
std::vector<model::Point> winding_line(const model::Point& a, const model::Point& b, double wiggle, Rng rng) {
  const double length = model::distance(a, b);
  std::vector<model::Point> line{a};
  if (length < 1) {
    line.push_back(b);
    return line;
  }
  const model::Point n{-(b.y - a.y) / length, (b.x - a.x) / length};
  const double amplitude = std::min(0.06 * length, 220.0) * wiggle;
  const double c1 = rng.normal(0, 0.7), c2 = rng.normal(0, 0.35), c3 = rng.normal(0, 0.2);
  const int steps = std::max(2, static_cast<int>(std::ceil(length / 150)));
  for (int k = 1; k < steps; ++k) {
    const double t = static_cast<double>(k) / steps;
    const double offset = amplitude * (c1 * std::sin(k_pi * t) + c2 * std::sin(2 * k_pi * t) + c3 * std::sin(3 * k_pi * t));
    line.push_back({a.x + t * (b.x - a.x) + offset * n.x, a.y + t * (b.y - a.y) + offset * n.y});
  }
  line.push_back(b);
  return line;
}

/// The line moved `offset` metres to its right, ends kept (a one-way carriageway of a divided road).
std::vector<model::Point> shifted_right(const std::vector<model::Point>& line, double offset) {
  std::vector<model::Point> out = line;
  for (std::size_t i = 1; i + 1 < line.size(); ++i) {
    const double dx = line[i + 1].x - line[i - 1].x, dy = line[i + 1].y - line[i - 1].y;
    const double len = std::hypot(dx, dy);
    if (len <= 0) continue;
    out[i] = {line[i].x + offset * dy / len, line[i].y - offset * dx / len};
  }
  return out;
}

}  // namespace

model::RoadSet build_roads(const CountyPlan& plan, std::uint64_t seed) {
  const Router router(plan);
  const auto& sites = plan.settlements.sites;
  const auto& towns = plan.townships;
  const std::uint32_t county_seat = towns[0].seat_site;
  std::map<EdgeKey, Assigned> assigned;
  const auto assign_path = [&](const std::vector<std::uint32_t>& path, RoadClass road_class, const std::string& ref) {
    for (std::size_t i = 1; i < path.size(); ++i) {
      const EdgeKey key = edge_key(path[i - 1], path[i]);
      const auto it = assigned.find(key);
      if (it == assigned.end() || road_class < it->second.road_class) assigned[key] = {road_class, ref};
    }
  };
  struct Spur {  // a road leaving the county: from a village seat to the outline
    std::uint32_t site;
    model::Point end;
    RoadClass road_class;
    std::string ref;
  };
  std::vector<Spur> spurs;

  // National road: up the main valley, through the county seat, on down the valley.
  std::vector<double> seat_cost;
  const auto from_seat = router.tree(county_seat, nullptr, &seat_cost);
  std::vector<std::uint8_t> on_national(sites.size(), 0);
  for (const auto& end : {plan.terrain.river_entry, plan.terrain.river_exit}) {
    const std::uint32_t site = nearest_site(plan, end);
    const auto path = Router::path(from_seat, site);
    for (const auto v : path) on_national[v] = 1;
    assign_path(path, RoadClass::national, "G350");
    spurs.push_back({site, end, RoadClass::national, "G350"});
  }

  // Provincial roads: from the county seat through the two biggest towns off the national road, on to
  // the county boundary beyond them.
  std::vector<std::size_t> candidates;
  for (std::size_t t = 1; t < towns.size(); ++t) {
    if (towns[t].type == model::UnitType::town && !on_national[towns[t].seat_site]) candidates.push_back(t);
  }
  std::stable_sort(candidates.begin(), candidates.end(), [&](std::size_t a, std::size_t b) { return towns[a].resident > towns[b].resident; });
  const char* provincial_refs[] = {"S205", "S306"};
  for (std::size_t k = 0; k < std::min<std::size_t>(2, candidates.size()); ++k) {
    const std::uint32_t town_seat = towns[candidates[k]].seat_site;
    assign_path(Router::path(from_seat, town_seat), RoadClass::provincial, provincial_refs[k]);
    // The outline vertex straight on beyond the town, and the village nearest to it.
    const model::Point s = sites[county_seat], t = sites[town_seat];
    const double heading = std::atan2(t.y - s.y, t.x - s.x);
    model::Point end = plan.terrain.outline.front();
    double best = std::numeric_limits<double>::infinity();
    for (const auto& p : plan.terrain.outline) {
      if (model::distance(p, s) <= model::distance(t, s)) continue;
      double turn = std::abs(std::atan2(p.y - s.y, p.x - s.x) - heading);
      turn = std::min(turn, 2 * k_pi - turn);
      if (turn < best) {
        best = turn;
        end = p;
      }
    }
    const std::uint32_t last = nearest_site(plan, end);
    assign_path(Router::path(router.tree(town_seat), last), RoadClass::provincial, provincial_refs[k]);
    spurs.push_back({last, end, RoadClass::provincial, provincial_refs[k]});
  }

  // County roads: a minimum spanning tree over neighbouring townships' seats, plus the cheapest fifth of
  // the remaining neighbour links as shortcuts.
  std::vector<std::uint32_t> township_of(sites.size());
  for (std::uint32_t t = 0; t < towns.size(); ++t) {
    for (const auto v : towns[t].villages) township_of[v] = t;
  }
  std::map<EdgeKey, bool> neighbours;
  for (const auto& e : plan.village_graph.edges()) {
    if (township_of[e.a] != township_of[e.b]) neighbours[edge_key(township_of[e.a], township_of[e.b])] = true;
  }
  // Each neighbour link is routed through the two townships only.
  struct Link {
    double cost;
    std::uint32_t a, b;
    std::vector<std::uint32_t> path;
  };
  std::vector<Link> links;
  std::vector<std::uint8_t> allowed(sites.size(), 0);
  const auto set_allowed = [&](std::uint32_t t, std::uint8_t value) {
    for (const auto v : towns[t].villages) allowed[v] = value;
  };
  for (const auto& [pair, unused] : neighbours) {
    set_allowed(pair.first, 1);
    set_allowed(pair.second, 1);
    std::vector<double> cost;
    const auto previous = router.tree(towns[pair.first].seat_site, &allowed, &cost);
    links.push_back({cost[towns[pair.second].seat_site], pair.first, pair.second, Router::path(previous, towns[pair.second].seat_site)});
    set_allowed(pair.first, 0);
    set_allowed(pair.second, 0);
  }
  std::sort(links.begin(), links.end(), [](const Link& x, const Link& y) { return std::tie(x.cost, x.a, x.b) < std::tie(y.cost, y.a, y.b); });
  std::vector<std::uint32_t> parent(towns.size());
  std::iota(parent.begin(), parent.end(), 0u);
  const std::function<std::uint32_t(std::uint32_t)> root = [&](std::uint32_t x) { return parent[x] == x ? x : parent[x] = root(parent[x]); };
  std::vector<const Link*> extra;
  int county_ref = 0;
  const auto county_road = [&](const Link& link) {
    char ref[16];
    std::snprintf(ref, sizeof ref, "X%03d", ++county_ref);
    assign_path(link.path, RoadClass::county, ref);
  };
  for (const auto& link : links) {
    const auto ra = root(link.a), rb = root(link.b);
    if (ra == rb) {
      extra.push_back(&link);
      continue;
    }
    parent[ra] = rb;
    county_road(link);
  }
  for (std::size_t i = 0; i < extra.size() / 5; ++i) county_road(*extra[i]);

  // Township and village roads: within each township, the cheapest paths from the seat to every village;
  // trunks that serve three villages or more are township roads, the twigs village roads.
  std::vector<int> served(sites.size(), 0);
  for (std::uint32_t t = 0; t < towns.size(); ++t) {
    set_allowed(t, 1);
    const auto previous = router.tree(towns[t].seat_site, &allowed);
    set_allowed(t, 0);
    for (const auto v : towns[t].villages) {
      for (auto x = v; previous[x] != k_none; x = previous[x]) ++served[x];
    }
    char ref[16];
    std::snprintf(ref, sizeof ref, "Y%03u", t + 1);
    for (const auto v : towns[t].villages) {
      if (previous[v] == k_none) continue;
      assign_path({previous[v], v}, served[v] >= 3 ? RoadClass::township : RoadClass::village, served[v] >= 3 ? ref : "");
    }
  }
  // A few short links between neighbouring villages of a township close loops (村道).
  Rng rng(seed);
  std::vector<double> used_lengths;
  for (const auto& [key, unused] : assigned) used_lengths.push_back(model::distance(sites[key.first], sites[key.second]));
  std::nth_element(used_lengths.begin(), used_lengths.begin() + static_cast<std::ptrdiff_t>(used_lengths.size() / 2), used_lengths.end());
  const double median_length = used_lengths.empty() ? 0 : used_lengths[used_lengths.size() / 2];
  for (const auto& e : plan.village_graph.edges()) {
    if (township_of[e.a] != township_of[e.b] || assigned.count(edge_key(e.a, e.b))) continue;
    if (model::distance(sites[e.a], sites[e.b]) < 1.2 * median_length && rng.uniform() < 0.15) {
      assign_path({e.a, e.b}, RoadClass::village, "");
    }
  }

  // Geometry: winding lines, wider bends in the mountains; divided one-way carriageways for the national
  // road inside the county seat; slower speeds in town and on mountain roads.
  model::RoadSet out;
  const model::Point seat = sites[county_seat];
  const auto add_road = [&](std::vector<model::Point> line, RoadClass road_class, const std::string& ref) {
    const model::Point mid = line[line.size() / 2];
    const bool urban = model::distance(mid, seat) < 3000;
    const double elevation = plan.terrain.elevation(mid);
    double speed = model::default_speed_kmh(road_class);
    if (urban) speed = std::min(speed, 40.0);
    if (elevation > 1200) speed *= 0.75;
    char id[24];
    if (urban && road_class == RoadClass::national && line.size() > 2) {
      for (int direction = 0; direction < 2; ++direction) {
        std::vector<model::Point> carriageway = direction == 0 ? line : std::vector<model::Point>(line.rbegin(), line.rend());
        std::snprintf(id, sizeof id, "R%05zu", out.roads.size() + 1);
        out.roads.push_back({id, ref, road_class, shifted_right(carriageway, 12), speed, true});
      }
      return;
    }
    std::snprintf(id, sizeof id, "R%05zu", out.roads.size() + 1);
    out.roads.push_back({id, ref, road_class, std::move(line), speed, false});
  };
  const auto wiggle_at = [&](const model::Point& p) { return 1 + 1.5 * std::clamp((plan.terrain.elevation(p) - 700) / 1000, 0.0, 1.0); };
  std::vector<std::pair<EdgeKey, Assigned>> ordered(assigned.begin(), assigned.end());
  std::stable_sort(ordered.begin(), ordered.end(), [](const auto& x, const auto& y) { return x.second.road_class < y.second.road_class; });
  for (const auto& [key, info] : ordered) {
    const model::Point& a = sites[key.first];
    const model::Point& b = sites[key.second];
    Rng edge_rng(seed ^ (0x9E3779B97F4A7C15ULL * (key.first + 1)) ^ (0xC2B2AE3D27D4EB4FULL * (key.second + 1)));
    add_road(winding_line(a, b, wiggle_at({(a.x + b.x) / 2, (a.y + b.y) / 2}), edge_rng), info.road_class, info.ref);
  }
  for (const auto& spur : spurs) {
    Rng edge_rng(seed ^ (0x165667B19E3779F9ULL * (spur.site + 1)));
    add_road(winding_line(sites[spur.site], spur.end, wiggle_at(spur.end), edge_rng), spur.road_class, spur.ref);
  }
  return out;
}

}  // namespace quhua::synthetic::detail
