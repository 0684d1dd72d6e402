#include "quhua/synthetic/terrain.hpp"

#include "quhua/synthetic/ring_math.hpp"

#include <algorithm>
#include <cmath>

namespace quhua::synthetic::detail {
namespace {

constexpr double k_pi = 3.14159265358979323846;
constexpr double k_base_elevation_m = 380;  // valley floor near the county seat (Sichuan basin)
constexpr double k_river_reach_m = 6000;    // river distances are capped here (nothing depends on more)
constexpr double k_outline_reach_m = 5000;  // outline distances are capped here

double smoothstep(double x) {
  x = std::clamp(x, 0.0, 1.0);
  return x * x * (3 - 2 * x);
}

/// A sum of sinusoids: the shape of a meandering line, v(u).
struct Meander {
  struct Wave {
    double amplitude, wavenumber, phase;
  };
  std::vector<Wave> waves;
  double offset = 0;
  double operator()(double u) const {
    double v = offset;
    for (const auto& w : waves) v += w.amplitude * std::sin(w.wavenumber * u + w.phase);
    return v;
  }
};

struct Hill {
  model::Point at;
  double height_m, radius_m;
};

struct Frame {
  model::Point centre, axis, normal;
  model::Point to_uv(const model::Point& p) const {
    const double dx = p.x - centre.x, dy = p.y - centre.y;
    return {dx * axis.x + dy * axis.y, dx * normal.x + dy * normal.y};
  }
  model::Point to_xy(double u, double v) const {
    return {centre.x + u * axis.x + v * normal.x, centre.y + u * axis.y + v * normal.y};
  }
};

model::Ring make_outline(const CountyOptions& options, const Frame& frame, Rng& rng) {
  // A star-shaped radial function r(θ): a few strong low harmonics (lobes), a fractal tail of weak high
  // ones (a boundary that wanders along ridges and streams). Star-shaped with r > 0 means a simple ring.
  constexpr int k_vertices = 1440;
  constexpr int k_harmonics = 160;
  std::vector<double> amplitude(k_harmonics + 1, 0.0), phase(k_harmonics + 1, 0.0);
  for (int k = 2; k <= k_harmonics; ++k) {
    phase[k] = rng.uniform(0, 2 * k_pi);
    if (k <= 6) {
      amplitude[k] = rng.uniform(0.5, 1.0) * 0.15 / std::pow(k - 1.0, 0.6);
    } else if (k <= 60) {
      amplitude[k] = rng.uniform(0.3, 1.0) * 0.045 * std::pow(7.0 / k, 1.2);
    } else {
      amplitude[k] = rng.uniform(0.3, 1.0) * 0.004 * (60.0 / k);
    }
  }
  const double stretch = rng.uniform(1.2, 1.45);  // counties along a valley are elongated along it
  model::Ring ring;
  ring.reserve(k_vertices + 1);
  for (int i = 0; i < k_vertices; ++i) {
    const double theta = 2 * k_pi * i / k_vertices;
    double r = 1;
    for (int k = 2; k <= k_harmonics; ++k) r += amplitude[k] * std::cos(k * theta + phase[k]);
    r = std::max(r, 0.35);
    ring.push_back(frame.to_xy(r * std::cos(theta) * stretch, r * std::sin(theta) / stretch));
  }
  ring.push_back(ring.front());
  // Scale about the centre to the requested area.
  const double scale = std::sqrt(options.area_km2 * 1e6 / std::abs(signed_area(ring)));
  for (auto& p : ring) p = {frame.centre.x + (p.x - frame.centre.x) * scale, frame.centre.y + (p.y - frame.centre.y) * scale};
  if (signed_area(ring) < 0) std::reverse(ring.begin(), ring.end());
  return ring;
}

/// The point where segment a-b crosses the outline (a and b on different sides), by bisection: steps
/// are short, 24 halvings reach millimetres.
model::Point crossing(model::Point a, model::Point b, const Terrain& t) {
  const bool a_in = t.inside(a);
  for (int k = 0; k < 24; ++k) {
    const model::Point m{(a.x + b.x) / 2, (a.y + b.y) / 2};
    if (t.inside(m) == a_in) a = m; else b = m;
  }
  return a_in ? a : b;
}

}  // namespace

Raster::Raster(const model::BBox& box, double cell_m, float fill)
    : m_min_x(box.min_x), m_min_y(box.min_y), m_cell(cell_m),
      m_nx(static_cast<int>(std::ceil(box.width() / cell_m)) + 1),
      m_ny(static_cast<int>(std::ceil(box.height() / cell_m)) + 1),
      m_values(static_cast<std::size_t>(m_nx) * static_cast<std::size_t>(m_ny), fill) {}

double Raster::sample(const model::Point& p) const {
  const double fx = std::clamp((p.x - m_min_x) / m_cell - 0.5, 0.0, m_nx - 1.0);
  const double fy = std::clamp((p.y - m_min_y) / m_cell - 0.5, 0.0, m_ny - 1.0);
  const int ix = std::min(static_cast<int>(fx), m_nx - 2 < 0 ? 0 : m_nx - 2);
  const int iy = std::min(static_cast<int>(fy), m_ny - 2 < 0 ? 0 : m_ny - 2);
  const double tx = std::clamp(fx - ix, 0.0, 1.0), ty = std::clamp(fy - iy, 0.0, 1.0);
  const int ix1 = std::min(ix + 1, m_nx - 1), iy1 = std::min(iy + 1, m_ny - 1);
  return (1 - ty) * ((1 - tx) * at(ix, iy) + tx * at(ix1, iy)) + ty * ((1 - tx) * at(ix, iy1) + tx * at(ix1, iy1));
}

void Raster::lower_to_segment_distance(const model::Point& a, const model::Point& b, double reach_m) {
  const int x0 = std::max(0, static_cast<int>((std::min(a.x, b.x) - reach_m - m_min_x) / m_cell));
  const int x1 = std::min(m_nx - 1, static_cast<int>((std::max(a.x, b.x) + reach_m - m_min_x) / m_cell) + 1);
  const int y0 = std::max(0, static_cast<int>((std::min(a.y, b.y) - reach_m - m_min_y) / m_cell));
  const int y1 = std::min(m_ny - 1, static_cast<int>((std::max(a.y, b.y) + reach_m - m_min_y) / m_cell) + 1);
  const double dx = b.x - a.x, dy = b.y - a.y;
  const double len2 = dx * dx + dy * dy;
  for (int iy = y0; iy <= y1; ++iy) {
    for (int ix = x0; ix <= x1; ++ix) {
      const model::Point p = cell_centre(ix, iy);
      const double t = len2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.0, 1.0) : 0.0;
      const double ex = p.x - (a.x + t * dx), ey = p.y - (a.y + t * dy);
      const double d2 = ex * ex + ey * ey;
      float& v = at(ix, iy);
      if (d2 < static_cast<double>(v) * v) v = static_cast<float>(std::sqrt(d2));
    }
  }
}

WaveField::WaveField(Rng& rng, int waves, double min_wavelength_m, double max_wavelength_m) {
  for (int i = 0; i < waves; ++i) {
    const double a = rng.uniform(0, 2 * k_pi), k = 2 * k_pi / rng.uniform(min_wavelength_m, max_wavelength_m);
    m_waves.push_back({k * std::cos(a), k * std::sin(a), rng.uniform(0, 2 * k_pi)});
  }
}

double WaveField::operator()(const model::Point& p) const {
  double sum = 0;
  for (const auto& w : m_waves) sum += std::sin(w.kx * p.x + w.ky * p.y + w.phase);
  return sum;
}

double segment_distance(const model::Point& p, const model::Point& a, const model::Point& b) {
  const double dx = b.x - a.x, dy = b.y - a.y;
  const double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0;
  t = std::clamp(t, 0.0, 1.0);
  return std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

double Terrain::habitability(const model::Point& p) const {
  const double height = std::max(0.0, elevation(p) - k_base_elevation_m);
  const double d = river_distance_m.sample(p);
  return std::exp(-height / 420.0) * (0.3 + 0.7 * std::exp(-(d / 2600.0) * (d / 2600.0)));
}

bool Terrain::inside(const model::Point& p) const {
  if (p.x < box.min_x || p.x > box.max_x || p.y < box.min_y || p.y > box.max_y) return false;
  // Away from the outline the raster knows the answer; near it, test the ring.
  if (!inside_m.empty() && outline_distance_m.sample(p) > 3 * outline_distance_m.cell_m()) return inside_m.sample(p) > 0.5;
  return point_in_ring(outline, p);
}

double Terrain::across_river_m(const model::Point& p) const {
  // The rivers' raster has no sign; use the main river's polyline: offset from the nearest vertex's
  // across-axis coordinate. Good enough for deciding sides of the valley.
  const Frame frame{centre, axis, {-axis.y, axis.x}};
  const model::Point uv = frame.to_uv(p);
  const auto& main = rivers.front();
  // The main river is sampled at increasing u; find the bracketing vertices.
  std::size_t lo = 0, hi = main.size() - 1;
  while (hi - lo > 1) {
    const std::size_t mid = (lo + hi) / 2;
    if (frame.to_uv(main[mid]).x < uv.x) lo = mid; else hi = mid;
  }
  const model::Point a = frame.to_uv(main[lo]), b = frame.to_uv(main[hi]);
  const double t = b.x > a.x ? std::clamp((uv.x - a.x) / (b.x - a.x), 0.0, 1.0) : 0.0;
  return (uv.y - (a.y + t * (b.y - a.y))) * mountain_side;
}

std::vector<std::vector<model::Point>> clip_to_outline(const std::vector<model::Point>& line, const Terrain& terrain) {
  std::vector<std::vector<model::Point>> parts;
  bool was_inside = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const bool in = terrain.inside(line[i]);
    if (in && !was_inside) {
      parts.emplace_back();
      if (i > 0) parts.back().push_back(crossing(line[i - 1], line[i], terrain));
    }
    if (in) parts.back().push_back(line[i]);
    if (!in && was_inside) parts.back().push_back(crossing(line[i - 1], line[i], terrain));
    was_inside = in;
  }
  std::erase_if(parts, [](const auto& part) { return part.size() < 2; });
  return parts;
}

Terrain make_terrain(const CountyOptions& options, Rng& rng) {
  Terrain t;
  const double angle = rng.uniform(0, k_pi);
  t.axis = {std::cos(angle), std::sin(angle)};
  t.centre = {rng.uniform(-3000, 3000), rng.uniform(-3000, 3000)};
  t.mountain_side = rng.uniform() < 0.5 ? 1 : -1;
  const Frame frame{t.centre, t.axis, {-t.axis.y, t.axis.x}};
  t.outline = make_outline(options, frame, rng);
  for (const auto& p : t.outline) {
    t.box.expand(p);
    const model::Point uv = frame.to_uv(p);
    t.half_length_m = std::max(t.half_length_m, std::abs(uv.x));
    t.half_width_m = std::max(t.half_width_m, std::abs(uv.y));
  }
  const double L = t.half_length_m, w = t.half_width_m;

  // Main river: enters upstream (u < 0), meanders across the valley axis, leaves downstream.
  Meander main;
  main.offset = rng.uniform(-0.12, 0.12) * w;
  main.waves = {{0.18 * w, 2 * k_pi / (1.6 * L), rng.uniform(0, 2 * k_pi)},
                {0.07 * w, 2 * k_pi / (0.55 * L), rng.uniform(0, 2 * k_pi)},
                {0.025 * w, 2 * k_pi / (0.18 * L), rng.uniform(0, 2 * k_pi)},
                {150, 2 * k_pi / 2000, rng.uniform(0, 2 * k_pi)}};
  std::vector<model::Point> river;
  for (double u = -1.5 * L; u <= 1.5 * L; u += 200) river.push_back(frame.to_xy(u, main(u)));
  t.rivers.push_back(std::move(river));
  {
    const auto inside_parts = clip_to_outline(t.rivers.front(), t);
    t.river_entry = inside_parts.empty() ? t.rivers.front().front() : inside_parts.front().front();
    t.river_exit = inside_parts.empty() ? t.rivers.front().back() : inside_parts.back().back();
  }

  // Tributaries: join the main river pointing downstream, more of them from the mountain side.
  const int tributaries = std::clamp(static_cast<int>(std::lround(4 * std::sqrt(options.area_km2 / 2000))), 2, 12);
  for (int i = 0; i < tributaries; ++i) {
    const double u0 = L * (-0.75 + 1.5 * (i + rng.uniform(0.2, 0.8)) / tributaries);
    const int side = (i % 3 == 1) ? -t.mountain_side : t.mountain_side;
    const double beta = rng.uniform(0.45, 0.85);  // radians toward upstream
    const model::Point n{-t.axis.y * side, t.axis.x * side};
    const model::Point base{std::cos(beta) * n.x - std::sin(beta) * t.axis.x, std::cos(beta) * n.y - std::sin(beta) * t.axis.y};
    const double base_heading = std::atan2(base.y, base.x);
    double heading = base_heading;
    model::Point p = frame.to_xy(u0, main(u0));
    std::vector<model::Point> line{p};
    const double length = rng.uniform(0.55, 1.0) * w * 1.1;
    int outside_steps = 0;
    for (double walked = 0; walked < length && outside_steps < 10; walked += 200) {
      heading += rng.normal(0, 0.12) + 0.06 * (base_heading - heading);
      p = {p.x + 200 * std::cos(heading), p.y + 200 * std::sin(heading)};
      line.push_back(p);
      outside_steps = t.inside(p) ? 0 : outside_steps + 1;
    }
    t.rivers.push_back(std::move(line));
  }

  // Rasters over the outline's box and a margin.
  const double cell = std::max(100.0, std::sqrt(t.box.width() * t.box.height()) / 300);
  const model::BBox grid_box = t.box.grown(3000);
  t.river_distance_m = Raster(grid_box, cell, static_cast<float>(k_river_reach_m));
  for (const auto& line : t.rivers) {
    for (std::size_t i = 1; i < line.size(); ++i) t.river_distance_m.lower_to_segment_distance(line[i - 1], line[i], k_river_reach_m);
  }
  t.outline_distance_m = Raster(grid_box, cell, static_cast<float>(k_outline_reach_m));
  for (std::size_t i = 1; i < t.outline.size(); ++i) {
    t.outline_distance_m.lower_to_segment_distance(t.outline[i - 1], t.outline[i], k_outline_reach_m);
  }
  // Inside flags by scanline: each row's crossings with the outline, filled pairwise (even-odd).
  Raster inside_flags(grid_box, cell, 0.0f);
  std::vector<double> crossings;
  for (int iy = 0; iy < inside_flags.ny(); ++iy) {
    const double y = inside_flags.cell_centre(0, iy).y;
    crossings.clear();
    for (std::size_t i = 0, j = t.outline.size() - 1; i < t.outline.size(); j = i++) {
      const auto& a = t.outline[i];
      const auto& b = t.outline[j];
      if ((a.y > y) != (b.y > y)) crossings.push_back((b.x - a.x) * (y - a.y) / (b.y - a.y) + a.x);
    }
    std::sort(crossings.begin(), crossings.end());
    for (int ix = 0; ix < inside_flags.nx(); ++ix) {
      const double x = inside_flags.cell_centre(ix, iy).x;
      const auto before = std::lower_bound(crossings.begin(), crossings.end(), x) - crossings.begin();
      if (before % 2 == 1) inside_flags.at(ix, iy) = 1.0f;
    }
  }
  t.inside_m = std::move(inside_flags);

  // Elevation: a gentle rise upstream, a mountain zone on one side of the river, low hills on the
  // other, scattered peaks, and valleys carved along every river.
  std::vector<Hill> hills;
  const int hill_count = static_cast<int>(std::lround(30 * options.area_km2 / 2000));
  for (int i = 0; i < hill_count; ++i) {
    hills.push_back({{rng.uniform(t.box.min_x, t.box.max_x), rng.uniform(t.box.min_y, t.box.max_y)},
                     rng.uniform(60, 350), rng.uniform(1500, 5000)});
  }
  const WaveField ripples(rng, 4, 2500, 7000);
  t.elevation_m = Raster(grid_box, cell, 0.0f);
  for (int iy = 0; iy < t.elevation_m.ny(); ++iy) {
    for (int ix = 0; ix < t.elevation_m.nx(); ++ix) {
      const model::Point p = t.elevation_m.cell_centre(ix, iy);
      const model::Point uv = frame.to_uv(p);
      const double s = (uv.y - main(uv.x)) * t.mountain_side;
      const double floor = k_base_elevation_m - 0.0025 * uv.x;
      double relief = s > 0 ? 1900 * smoothstep((s - 0.15 * w) / (0.75 * w)) : 220 * smoothstep(-s / w);
      for (const auto& h : hills) {
        const double d2 = (p.x - h.at.x) * (p.x - h.at.x) + (p.y - h.at.y) * (p.y - h.at.y);
        relief += h.height_m * (s > 0.3 * w ? 1.8 : 1.0) * std::exp(-d2 / (2 * h.radius_m * h.radius_m));
      }
      relief += 35 * ripples(p);
      const double d = t.river_distance_m.at(ix, iy);
      const double carve = 0.85 * std::exp(-(d / 1800) * (d / 1800));
      t.elevation_m.at(ix, iy) = static_cast<float>(floor + std::max(0.0, relief) * (1 - carve));
    }
  }
  return t;
}

}  // namespace quhua::synthetic::detail
