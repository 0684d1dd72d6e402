#include "quhua/synthetic/svg_preview.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <string_view>

#include "quhua/util/strings.hpp"

namespace quhua::synthetic {
namespace {

constexpr std::array<std::string_view, 8> k_palette{"#f4d79c", "#c7e2a8", "#b5d3ea", "#f2b8b0", "#d6c4e8", "#f9efa0", "#a9dcd0", "#f5c6e0"};

/// A coordinate or width with one decimal.
std::string num(double value) { return util::fixed(value, 1); }

std::string escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

class Canvas {
 public:
  Canvas(const model::BBox& box, int width_px) : m_box(box) {
    m_scale = (width_px - 2 * k_margin) / box.width();
    m_height = static_cast<int>(std::ceil(box.height() * m_scale)) + 2 * k_margin;
  }
  int height() const { return m_height; }
  double scale() const { return m_scale; }
  double x(double mx) const { return k_margin + (mx - m_box.min_x) * m_scale; }
  double y(double my) const { return k_margin + (m_box.max_y - my) * m_scale; }
  std::string point(const model::Point& p) const { return num(x(p.x)) + "," + num(y(p.y)); }
  std::string path(const model::MultiPolygon& shape) const {
    std::string d;
    for (const auto& polygon : shape) {
      ring(polygon.outer, d);
      for (const auto& hole : polygon.holes) ring(hole, d);
    }
    return d;
  }
  std::string line(const std::vector<model::Point>& points) const {
    std::string d;
    for (std::size_t i = 0; i < points.size(); ++i) d += (i == 0 ? "M" : "L") + point(points[i]);
    return d;
  }
  static constexpr int k_margin = 30;

 private:
  void ring(const model::Ring& r, std::string& d) const {
    for (std::size_t i = 0; i < r.size(); ++i) d += (i == 0 ? "M" : "L") + point(r[i]);
    d += "Z";
  }
  model::BBox m_box;
  double m_scale = 1;
  int m_height = 0;
};

struct RoadStyle {
  model::RoadClass road_class;
  std::string_view colour;
  double width;
};
constexpr std::array<RoadStyle, 5> k_road_styles{{
    {model::RoadClass::village, "#a8a8a8", 0.6},
    {model::RoadClass::township, "#7f7f7f", 1.0},
    {model::RoadClass::county, "#e6a23c", 1.8},
    {model::RoadClass::provincial, "#e8702a", 2.6},
    {model::RoadClass::national, "#c0282d", 3.2},
}};

struct FacilityStyle {
  model::FacilityType type;
  std::string_view colour;
};
constexpr std::array<FacilityStyle, 6> k_facility_styles{{
    {model::FacilityType::middle_school, "#1f4e9c"},
    {model::FacilityType::primary_school, "#3d8fd6"},
    {model::FacilityType::health_center, "#c81e5a"},
    {model::FacilityType::village_clinic, "#f08cb4"},
    {model::FacilityType::elderly_home, "#7b4aa8"},
    {model::FacilityType::service_center, "#2a8a4a"},
}};

/// Greedy colouring of the township graph so that neighbours differ.
std::vector<std::size_t> township_colours(const SyntheticCounty& county) {
  std::vector<std::size_t> colour(county.townships.size(), 0);
  for (std::uint32_t t = 0; t < county.townships.size(); ++t) {
    std::array<bool, k_palette.size()> taken{};
    for (const auto n : county.township_graph.neighbors(t)) {
      if (n < t) taken[colour[n]] = true;
    }
    std::size_t c = t % k_palette.size();
    for (std::size_t k = 0; k < k_palette.size() && taken[c]; ++k) c = (c + 1) % k_palette.size();
    colour[t] = c;
  }
  return colour;
}

}  // namespace

std::string render_svg(const SyntheticCounty& county, int width_px) {
  const int legend_px = 250;
  const Canvas canvas(model::bbox_of(county.county.geometry), width_px - legend_px);
  const int height = std::max(canvas.height(), 560);
  std::string svg = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" +
                    std::to_string(width_px) + "\" height=\"" + std::to_string(height) + "\" viewBox=\"0 0 " +
                    std::to_string(width_px) + " " + std::to_string(height) + "\" font-family=\"Noto Sans CJK SC, sans-serif\">\n";
  svg += "<rect width=\"100%\" height=\"100%\" fill=\"#fbfaf6\"/>\n";

  // Villages tinted by township.
  const auto colours = township_colours(county);
  svg += "<g stroke=\"#ffffff\" stroke-width=\"0.6\">\n";
  for (const auto& village : county.villages) {
    const auto township = county.townships.find(village.parent_code);
    const auto colour = township ? k_palette[colours[*township]] : k_palette[0];
    svg += "<path fill=\"" + std::string(colour) + "\" d=\"" + canvas.path(village.geometry) + "\"/>\n";
  }
  svg += "</g>\n";
  svg += "<g fill=\"none\" stroke=\"#3b82c4\" stroke-linejoin=\"round\">\n";
  for (std::size_t i = 0; i < county.rivers.size(); ++i) {
    svg += "<path stroke-width=\"" + std::string(i == 0 ? "3" : "1.6") + "\" d=\"" + canvas.line(county.rivers[i]) + "\"/>\n";
  }
  svg += "</g>\n<g fill=\"none\" stroke=\"#404040\" stroke-width=\"1.6\" stroke-linejoin=\"round\">\n";
  for (const auto& township : county.townships) svg += "<path d=\"" + canvas.path(township.geometry) + "\"/>\n";
  svg += "</g>\n<path fill=\"none\" stroke=\"#111111\" stroke-width=\"2.8\" d=\"" + canvas.path(county.county.geometry) + "\"/>\n";

  // Roads, lowest class first so higher classes draw on top.
  svg += "<g fill=\"none\" stroke-linecap=\"round\" stroke-linejoin=\"round\">\n";
  for (const auto& style : k_road_styles) {
    for (const auto& road : county.roads.roads) {
      if (road.road_class != style.road_class) continue;
      svg += "<path stroke=\"" + std::string(style.colour) + "\" stroke-width=\"" + num(style.width) + "\" d=\"" +
             canvas.line(road.line) + "\"/>\n";
    }
  }
  svg += "</g>\n";

  // Seats and facilities.
  svg += "<g fill=\"#333333\">\n";
  for (const auto& village : county.villages) {
    if (village.seat) svg += "<circle cx=\"" + num(canvas.x(village.seat->x)) + "\" cy=\"" + num(canvas.y(village.seat->y)) + "\" r=\"1.4\"/>\n";
  }
  svg += "</g>\n<g stroke=\"#ffffff\" stroke-width=\"0.5\">\n";
  for (const auto& facility : county.facilities) {
    const auto style = std::find_if(k_facility_styles.begin(), k_facility_styles.end(), [&](const auto& s) { return s.type == facility.type; });
    svg += "<rect x=\"" + num(canvas.x(facility.location.x) - 2.5) + "\" y=\"" + num(canvas.y(facility.location.y) - 2.5) +
           "\" width=\"5\" height=\"5\" fill=\"" + std::string(style->colour) + "\"/>\n";
  }
  svg += "</g>\n<g fill=\"#ffffff\" stroke=\"#111111\" stroke-width=\"1.5\">\n";
  for (const auto& township : county.townships) {
    svg += "<circle cx=\"" + num(canvas.x(township.seat->x)) + "\" cy=\"" + num(canvas.y(township.seat->y)) + "\" r=\"4\"/>\n";
  }
  const model::Point seat = *county.county.seat;
  svg += "<circle cx=\"" + num(canvas.x(seat.x)) + "\" cy=\"" + num(canvas.y(seat.y)) +
         "\" r=\"7\" fill=\"#c0282d\" stroke=\"#ffffff\" stroke-width=\"2\"/>\n</g>\n";
  svg += "<g font-size=\"13\" fill=\"#111111\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">\n";
  for (const auto& township : county.townships) {
    svg += "<text x=\"" + num(canvas.x(township.seat->x) + 6) + "\" y=\"" + num(canvas.y(township.seat->y) - 6) + "\">" +
           escape(township.name) + "</text>\n";
  }
  svg += "</g>\n";

  // Legend and scale bar.
  const int lx = width_px - legend_px + 10;
  int ly = 40;
  const auto text = [&](const std::string& s, int size) {
    svg += "<text x=\"" + std::to_string(lx) + "\" y=\"" + std::to_string(ly) + "\" font-size=\"" + std::to_string(size) + "\">" + escape(s) + "</text>\n";
    ly += size + 8;
  };
  char line[160];
  text(county.county.name + " " + county.county.code.substr(0, 6) + "（虚构）", 18);
  std::snprintf(line, sizeof line, "面积 %.0f km²，常住人口 %.0f", county.county.area_km2.value_or(0), county.county.population());
  text(line, 12);
  std::snprintf(line, sizeof line, "乡级 %zu 个，村级 %zu 个，道路 %zu 段", county.townships.size(), county.villages.size(), county.roads.roads.size());
  text(line, 12);
  std::snprintf(line, sizeof line, "种子 seed %llu", static_cast<unsigned long long>(county.options.seed));
  text(line, 12);
  ly += 6;
  for (auto it = k_road_styles.rbegin(); it != k_road_styles.rend(); ++it) {
    svg += "<line x1=\"" + std::to_string(lx) + "\" y1=\"" + std::to_string(ly - 4) + "\" x2=\"" + std::to_string(lx + 30) + "\" y2=\"" +
           std::to_string(ly - 4) + "\" stroke=\"" + std::string(it->colour) + "\" stroke-width=\"" + num(it->width) + "\"/>\n";
    svg += "<text x=\"" + std::to_string(lx + 40) + "\" y=\"" + std::to_string(ly) + "\" font-size=\"12\">" +
           std::string(model::road_class_name_zh(it->road_class)) + "</text>\n";
    ly += 20;
  }
  for (const auto& style : k_facility_styles) {
    svg += "<rect x=\"" + std::to_string(lx + 12) + "\" y=\"" + std::to_string(ly - 9) + "\" width=\"6\" height=\"6\" fill=\"" + std::string(style.colour) + "\"/>\n";
    svg += "<text x=\"" + std::to_string(lx + 40) + "\" y=\"" + std::to_string(ly) + "\" font-size=\"12\">" +
           std::string(model::facility_type_name_zh(style.type)) + "</text>\n";
    ly += 20;
  }
  const double bar_px = 10000 * canvas.scale();
  svg += "<line x1=\"" + std::to_string(lx) + "\" y1=\"" + std::to_string(ly + 10) + "\" x2=\"" + num(lx + bar_px) + "\" y2=\"" +
         std::to_string(ly + 10) + "\" stroke=\"#111111\" stroke-width=\"3\"/>\n";
  svg += "<text x=\"" + std::to_string(lx) + "\" y=\"" + std::to_string(ly + 28) + "\" font-size=\"12\">10 km</text>\n";
  svg += "</svg>\n";
  return svg;
}

}  // namespace quhua::synthetic
