#include "quhua/synthetic/settlements.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <queue>

#include "quhua/util/error.hpp"

namespace quhua::synthetic::detail {
namespace {

constexpr double k_pi = 3.14159265358979323846;

/// Points added one by one, nearest-distance queries on a uniform grid.
class DynamicGrid {
 public:
  DynamicGrid(const model::BBox& box, double cell) : m_box(box), m_cell(cell) {
    m_nx = std::max(1, static_cast<int>(box.width() / cell) + 1);
    m_ny = std::max(1, static_cast<int>(box.height() / cell) + 1);
    m_buckets.resize(static_cast<std::size_t>(m_nx) * static_cast<std::size_t>(m_ny));
  }
  void add(const model::Point& p) { m_buckets[index(cx(p.x), cy(p.y))].push_back(p); }
  double nearest(const model::Point& p) const {
    const int x0 = cx(p.x), y0 = cy(p.y);
    double best2 = std::numeric_limits<double>::infinity();
    const int max_ring = m_nx + m_ny;
    for (int ring = 0; ring <= max_ring; ++ring) {
      const double reach = (ring - 1) * m_cell;
      if (ring > 0 && reach > 0 && best2 <= reach * reach) break;
      for (int y = y0 - ring; y <= y0 + ring; ++y) {
        if (y < 0 || y >= m_ny) continue;
        const bool edge_row = y == y0 - ring || y == y0 + ring;
        for (int x = x0 - ring; x <= x0 + ring; x += edge_row ? 1 : 2 * ring) {
          if (x >= 0 && x < m_nx) {
            for (const auto& q : m_buckets[index(x, y)]) {
              best2 = std::min(best2, (q.x - p.x) * (q.x - p.x) + (q.y - p.y) * (q.y - p.y));
            }
          }
          if (ring == 0) break;
        }
      }
    }
    return std::sqrt(best2);
  }

 private:
  int cx(double x) const { return std::clamp(static_cast<int>((x - m_box.min_x) / m_cell), 0, m_nx - 1); }
  int cy(double y) const { return std::clamp(static_cast<int>((y - m_box.min_y) / m_cell), 0, m_ny - 1); }
  std::size_t index(int x, int y) const { return static_cast<std::size_t>(y) * static_cast<std::size_t>(m_nx) + static_cast<std::size_t>(x); }

  model::BBox m_box;
  double m_cell;
  int m_nx = 1, m_ny = 1;
  std::vector<std::vector<model::Point>> m_buckets;
};

/// Candidate points on a jittered grid of spacing `step` over the outline, kept where `keep` says.
template <typename Keep>
std::vector<model::Point> jittered_grid(const model::BBox& box, double step, Rng& rng, Keep keep) {
  std::vector<model::Point> out;
  for (double y = box.min_y + step / 2; y < box.max_y; y += step) {
    for (double x = box.min_x + step / 2; x < box.max_x; x += step) {
      const model::Point p{x + rng.uniform(-0.45, 0.45) * step, y + rng.uniform(-0.45, 0.45) * step};
      if (keep(p)) out.push_back(p);
    }
  }
  return out;
}

}  // namespace

std::vector<std::size_t> spread_points(const std::vector<model::Point>& candidates, const std::vector<double>& weights,
                                       const std::vector<model::Point>& fixed, std::size_t count) {
  if (fixed.empty()) throw InternalError("spread_points: needs at least one fixed point");
  model::BBox box;
  for (const auto& p : candidates) box.expand(p);
  for (const auto& p : fixed) box.expand(p);
  const double spacing = std::sqrt(std::max(1.0, box.width() * box.height()) / static_cast<double>(count + fixed.size()));
  DynamicGrid grid(box, spacing);
  for (const auto& p : fixed) grid.add(p);

  using Entry = std::pair<double, std::size_t>;  // (score, candidate); ties go to the lower index
  const auto worse = [](const Entry& a, const Entry& b) { return a.first < b.first || (a.first == b.first && a.second > b.second); };
  std::priority_queue<Entry, std::vector<Entry>, decltype(worse)> heap(worse);
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (weights[i] > 0) heap.push({grid.nearest(candidates[i]) * weights[i], i});
  }
  std::vector<std::size_t> picked;
  while (picked.size() < count && !heap.empty()) {
    const auto [score, i] = heap.top();
    heap.pop();
    const double now = grid.nearest(candidates[i]) * weights[i];
    if (now <= 0) continue;  // on top of a chosen point
    if (now < score) {
      heap.push({now, i});
      continue;
    }
    picked.push_back(i);
    grid.add(candidates[i]);
  }
  return picked;
}

Settlements place_settlements(const CountyOptions& options, const Terrain& terrain, Rng& rng) {
  Settlements out;
  const auto add = [&](const model::Point& p, SiteKind kind) {
    out.sites.push_back(p);
    out.kinds.push_back(kind);
    return static_cast<std::uint32_t>(out.sites.size() - 1);
  };
  const model::Point normal{-terrain.axis.y, terrain.axis.x};
  const double w = terrain.half_width_m, L = terrain.half_length_m;

  // County seat: on the main river, near the middle of the county, on the bank away from the mountains.
  const auto& river = terrain.rivers.front();
  const double target_u = rng.uniform(-0.15, 0.15) * L;
  model::Point seat = terrain.centre;
  double best = std::numeric_limits<double>::infinity();
  for (const auto& p : river) {
    const double u = (p.x - terrain.centre.x) * terrain.axis.x + (p.y - terrain.centre.y) * terrain.axis.y;
    if (!terrain.inside_with_margin(p, 0.3 * w)) continue;
    if (std::abs(u - target_u) < best) {
      best = std::abs(u - target_u);
      seat = p;
    }
  }
  seat = {seat.x - terrain.mountain_side * normal.x * 500, seat.y - terrain.mountain_side * normal.y * 500};
  out.township_seats.push_back(add(seat, SiteKind::county_seat));

  // Subdistrict seats: a ring around the county seat, 2.3-3.2 km out, evenly spread in angle.
  const double theta0 = rng.uniform(0, 2 * k_pi);
  for (int k = 0; k < options.subdistrict_count; ++k) {
    model::Point p = seat;
    for (int attempt = 0; attempt < 50; ++attempt) {
      const double theta = theta0 + 2 * k_pi * k / options.subdistrict_count + rng.uniform(-0.3, 0.3);
      const double r = rng.uniform(2300, 3200) * (attempt < 25 ? 1.0 : 0.6);
      p = {seat.x + r * std::cos(theta), seat.y + r * std::sin(theta)};
      if (terrain.inside_with_margin(p, 800)) break;
    }
    out.township_seats.push_back(add(p, SiteKind::subdistrict_seat));
  }

  // The county seat's built-up area: neighbourhoods (社区) packed around the seat, densest at the centre.
  // About 6% of the village-level units; the built-up area grows with their number.
  const int urban_count = std::max(2, static_cast<int>(std::lround(0.06 * options.village_count)));
  const double urban_radius_m = 3500 * std::sqrt(std::max(1.0, urban_count / 24.0));
  out.urban_radius_m = urban_radius_m;
  {
    model::BBox box;
    box.expand(seat);
    box = box.grown(urban_radius_m);
    const auto pool = jittered_grid(box, 120, rng, [&](const model::Point& p) {
      return model::distance(p, seat) < urban_radius_m && terrain.inside_with_margin(p, 500);
    });
    std::vector<double> weights;
    for (const auto& p : pool) weights.push_back(std::exp(-model::distance(p, seat) / 2500));
    for (const std::size_t i : spread_points(pool, weights, out.sites, static_cast<std::size_t>(urban_count))) {
      add(pool[i], SiteKind::urban);
    }
  }

  // Other township seats: spread over the county, closer together where the land is kinder, and at
  // least 5 km from the county seat, beyond its built-up area.
  const int other_seats = options.township_count - 1 - options.subdistrict_count;
  const double area_m2 = options.area_km2 * 1e6;
  {
    const double step = std::sqrt(area_m2 / std::max(1, other_seats)) / 7;
    const auto pool = jittered_grid(terrain.box, step, rng, [&](const model::Point& p) {
      return terrain.inside_with_margin(p, 1500) && model::distance(p, seat) > std::max(5000.0, 1.3 * urban_radius_m);
    });
    // Old market towns crowd around the county seat and along some stretches more than others: a smooth
    // random field (waves 8-20 km long) and the pull of the seat make township sizes uneven.
    const WaveField waves(rng, 5, 8000, 20000);
    const double pull_length_m = 10000 * std::sqrt(options.area_km2 / 2000);  // 10 km in a 2,000 km² county
    std::vector<double> weights;
    for (const auto& p : pool) {
      const double field = waves(p);
      const double pull = 1 + 2.5 * std::exp(-model::distance(p, seat) / pull_length_m);
      weights.push_back(std::pow(terrain.habitability(p), 0.9) * pull * std::exp(0.4 * field) * rng.uniform(0.9, 1.1));
    }
    const std::vector<model::Point> fixed = out.sites;
    const auto picked = spread_points(pool, weights, fixed, static_cast<std::size_t>(other_seats));
    if (picked.size() < static_cast<std::size_t>(other_seats)) {
      throw UsageError("synthetic county: no room for " + std::to_string(other_seats) +
                       " township seats; give a larger area or fewer townships");
    }
    for (const std::size_t i : picked) out.township_seats.push_back(add(pool[i], SiteKind::township_seat));
  }

  // Villages: spread by habitability, thicker around township seats (market towns draw settlement).
  const int rural = options.village_count - static_cast<int>(out.sites.size());
  {
    const double seat_spacing = std::sqrt(area_m2 / options.township_count);
    const double sigma = 0.35 * seat_spacing;
    const double step = std::sqrt(area_m2 / std::max(1, rural)) / 5;
    const auto pool = jittered_grid(terrain.box, step, rng, [&](const model::Point& p) {
      return terrain.inside_with_margin(p, 500) && model::distance(p, seat) > 0.8 * urban_radius_m;
    });
    // Township seats near each candidate, through buckets of 3 sigma (their pull fades by then).
    const double reach = 3 * sigma;
    const int nx = static_cast<int>(terrain.box.width() / reach) + 1, ny = static_cast<int>(terrain.box.height() / reach) + 1;
    const auto bucket_of = [&](const model::Point& p, int dx, int dy) -> long {
      const int x = static_cast<int>((p.x - terrain.box.min_x) / reach) + dx, y = static_cast<int>((p.y - terrain.box.min_y) / reach) + dy;
      if (x < 0 || y < 0 || x >= nx || y >= ny) return -1;
      return static_cast<long>(y) * nx + x;
    };
    std::vector<std::vector<model::Point>> buckets(static_cast<std::size_t>(nx) * static_cast<std::size_t>(ny));
    for (const auto s : out.township_seats) {
      const long b = bucket_of(out.sites[s], 0, 0);
      if (b >= 0) buckets[static_cast<std::size_t>(b)].push_back(out.sites[s]);
    }
    std::vector<double> weights;
    weights.reserve(pool.size());
    for (const auto& p : pool) {
      double pull = 0;
      for (int dy = -1; dy <= 1; ++dy) {
        for (int dx = -1; dx <= 1; ++dx) {
          const long b = bucket_of(p, dx, dy);
          if (b < 0) continue;
          for (const auto& s : buckets[static_cast<std::size_t>(b)]) {
            const double d2 = (p.x - s.x) * (p.x - s.x) + (p.y - s.y) * (p.y - s.y);
            if (d2 < reach * reach) pull += std::exp(-d2 / (2 * sigma * sigma));
          }
        }
      }
      weights.push_back(std::pow(terrain.habitability(p), 0.35) * std::sqrt(1 + 1.5 * pull) * rng.uniform(0.9, 1.1));
    }
    const std::vector<model::Point> fixed = out.sites;
    const auto picked = spread_points(pool, weights, fixed, static_cast<std::size_t>(rural));
    if (picked.size() < static_cast<std::size_t>(rural)) {
      throw UsageError("synthetic county: no room for " + std::to_string(options.village_count) +
                       " villages; give a larger area or fewer villages");
    }
    for (const std::size_t i : picked) add(pool[i], SiteKind::rural);
  }
  return out;
}

}  // namespace quhua::synthetic::detail
