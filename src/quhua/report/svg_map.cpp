#include "quhua/report/svg_map.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "quhua/util/strings.hpp"
#include "quhua/util/text_table.hpp"

#include "quhua/util/strings.hpp"

namespace quhua::report {
namespace {

std::string num(double v) { return util::fixed(v, 1); }

/// Maps projected coordinates to pixels: uniform scale, y flipped, centred in the drawing area.
class ViewTransform {
 public:
  ViewTransform(const model::BBox& box, double left, double top, double width, double height) {
    const double w = std::max(box.width(), 1e-9);
    const double h = std::max(box.height(), 1e-9);
    m_scale = std::min(width / w, height / h);
    m_x0 = left + (width - w * m_scale) / 2 - box.min_x * m_scale;
    m_y0 = top + (height - h * m_scale) / 2 + box.max_y * m_scale;
  }
  double x(double mx) const { return m_x0 + mx * m_scale; }
  double y(double my) const { return m_y0 - my * m_scale; }
  double pixels_per_metre() const { return m_scale; }

 private:
  double m_scale = 1, m_x0 = 0, m_y0 = 0;
};

void append_ring(std::string& d, const model::Ring& ring, const ViewTransform& view) {
  if (ring.size() < 3) return;
  // Drop points closer than half a pixel to the previous one: keeps big layers small.
  double last_x = 0, last_y = 0;
  for (std::size_t i = 0; i < ring.size(); ++i) {
    const double px = view.x(ring[i].x), py = view.y(ring[i].y);
    if (i > 0 && i + 1 < ring.size() && std::abs(px - last_x) < 0.5 && std::abs(py - last_y) < 0.5) continue;
    d += i == 0 ? 'M' : 'L';
    d += num(px) + ' ' + num(py);
    last_x = px;
    last_y = py;
  }
  d += 'Z';
}

/// A "nice" scale-bar length (1, 2, 5 × 10^k metres) close to `target_m`.
double nice_length(double target_m) {
  const double power = std::pow(10.0, std::floor(std::log10(std::max(target_m, 1e-9))));
  for (double step : {5.0, 2.0, 1.0}) {
    if (step * power <= target_m) return step * power;
  }
  return power;
}

}  // namespace

std::string xml_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

double label_width_px(const std::string& text) {
  // CJK characters take two terminal columns and a full 11 px em; the others one column and about half.
  const auto columns = static_cast<double>(util::display_width(text));
  const auto characters = static_cast<double>(util::utf8_length(text));
  const double wide = columns - characters;
  return 11.0 * wide + 6.2 * (characters - wide);
}

std::vector<LabelPlacement> place_labels(const std::vector<MapPoint>& points, const std::vector<model::Point>& pixels,
                                         const PixelBox& frame) {
  constexpr double k_ascent = 10, k_descent = 3;  // 11 px text around its baseline
  std::vector<LabelPlacement> placements(points.size());
  std::vector<PixelBox> taken;
  for (std::size_t i = 0; i < points.size(); ++i) {
    const double r = points[i].star ? 2.2 * points[i].radius_px : points[i].radius_px;
    taken.push_back({pixels[i].x - r, pixels[i].y - r, pixels[i].x + r, pixels[i].y + r});
  }
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (!points[i].label.empty()) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (points[a].star != points[b].star) return points[a].star;
    return points[a].label_priority > points[b].label_priority;
  });
  for (const auto i : order) {
    const double px = pixels[i].x, py = pixels[i].y;
    const double r = points[i].star ? 2.2 * points[i].radius_px : points[i].radius_px;
    const double w = label_width_px(points[i].label);
    // Text start x and baseline y of each candidate, best first.
    const double candidates[][2] = {{px + r + 2, py + 4},
                                    {px - r - 2 - w, py + 4},
                                    {px - w / 2, py - r - 2 - k_descent},
                                    {px - w / 2, py + r + 2 + k_ascent},
                                    {px + r, py - r - k_descent},
                                    {px + r, py + r + k_ascent},
                                    {px - r - w, py - r - k_descent},
                                    {px - r - w, py + r + k_ascent}};
    for (const auto& c : candidates) {
      const PixelBox box{c[0], c[1] - k_ascent, c[0] + w, c[1] + k_descent};
      if (box.x0 < frame.x0 || box.y0 < frame.y0 || box.x1 > frame.x1 || box.y1 > frame.y1) continue;
      bool free = true;
      for (std::size_t k = 0; k < taken.size() && free; ++k) {
        // A label may touch its own point's marker box only at its edge, which overlaps() excludes.
        free = !box.overlaps(taken[k]);
      }
      if (!free) continue;
      placements[i] = {true, c[0], c[1], box};
      taken.push_back(box);
      break;
    }
  }
  return placements;
}

std::string render_svg(const SvgMap& map) {
  model::BBox box;
  for (const auto& layer : map.polygon_layers) {
    for (const auto& polygon : layer) {
      if (polygon.shape) box.expand(model::bbox_of(*polygon.shape));
    }
  }
  for (const auto& line : map.lines) {
    for (const auto& p : line.points) box.expand(p);
  }
  for (const auto& point : map.points) box.expand(point.at);
  if (box.empty()) box = {0, 0, 1, 1};

  const double legend_width = map.legend.empty() ? 0 : 170;
  const double top = map.title.empty() ? 10 : 34;
  const ViewTransform view(box, 10, top, map.width_px - 20 - legend_width, map.height_px - top - 30);

  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map\" viewBox=\"0 0 " + num(map.width_px) + " " +
                    num(map.height_px) + "\" width=\"" + num(map.width_px) + "\" height=\"" + num(map.height_px) +
                    "\" font-family=\"'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei',sans-serif\">\n";
  svg += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
  if (!map.title.empty()) {
    svg += "<text x=\"12\" y=\"22\" font-size=\"16\" font-weight=\"bold\" fill=\"#222\">" + xml_escape(map.title) + "</text>\n";
  }
  for (const auto& layer : map.polygon_layers) {
    svg += "<g>\n";
    for (const auto& polygon : layer) {
      if (!polygon.shape) continue;
      std::string d;
      for (const auto& part : *polygon.shape) {
        append_ring(d, part.outer, view);
        for (const auto& hole : part.holes) append_ring(d, hole, view);
      }
      if (d.empty()) continue;
      svg += "<path fill-rule=\"evenodd\" d=\"" + d + "\" fill=\"" + polygon.fill + "\" fill-opacity=\"" +
             num(polygon.fill_opacity) + "\" stroke=\"" + polygon.stroke + "\" stroke-width=\"" +
             num(polygon.stroke_width_px) + "\" stroke-linejoin=\"round\">";
      if (!polygon.tooltip.empty()) svg += "<title>" + xml_escape(polygon.tooltip) + "</title>";
      svg += "</path>\n";
    }
    svg += "</g>\n";
  }
  for (const auto& line : map.lines) {
    if (line.points.size() < 2) continue;
    std::string d;
    for (std::size_t i = 0; i < line.points.size(); ++i) {
      d += i == 0 ? 'M' : 'L';
      d += num(view.x(line.points[i].x)) + ' ' + num(view.y(line.points[i].y));
    }
    svg += "<path d=\"" + d + "\" fill=\"none\" stroke=\"" + line.color + "\" stroke-width=\"" + num(line.width_px) +
           "\" stroke-linecap=\"round\"" + (line.dash.empty() ? "" : " stroke-dasharray=\"" + line.dash + "\"") + "/>\n";
  }
  std::vector<model::Point> pixels;
  for (const auto& point : map.points) pixels.push_back({view.x(point.at.x), view.y(point.at.y)});
  const auto labels = place_labels(map.points, pixels, {0, top, map.width_px - legend_width, map.height_px});
  for (std::size_t i = 0; i < map.points.size(); ++i) {
    const auto& point = map.points[i];
    const double px = pixels[i].x, py = pixels[i].y;
    svg += "<g>";
    // A dropped label still names its point on hover.
    const std::string tooltip = !point.tooltip.empty() ? point.tooltip : labels[i].placed ? "" : point.label;
    if (!tooltip.empty()) svg += "<title>" + xml_escape(tooltip) + "</title>";
    if (point.star) {
      std::string d;
      for (int k = 0; k < 10; ++k) {
        const double r = (k % 2 == 0 ? 2.2 : 0.9) * point.radius_px;
        const double a = -M_PI / 2 + k * M_PI / 5;
        d += (k == 0 ? 'M' : 'L') + num(px + r * std::cos(a)) + ' ' + num(py + r * std::sin(a));
      }
      svg += "<path d=\"" + d + "Z\" fill=\"" + point.color + "\" stroke=\"#fff\" stroke-width=\"0.8\"/>";
    } else {
      svg += "<circle cx=\"" + num(px) + "\" cy=\"" + num(py) + "\" r=\"" + num(point.radius_px) + "\" fill=\"" +
             point.color + "\" stroke=\"#fff\" stroke-width=\"0.8\"/>";
    }
    if (labels[i].placed) {
      svg += "<text x=\"" + num(labels[i].x) + "\" y=\"" + num(labels[i].y) +
             "\" font-size=\"11\" fill=\"#222\" stroke=\"#fff\" stroke-width=\"2.5\" paint-order=\"stroke\">" +
             xml_escape(point.label) + "</text>";
    }
    svg += "</g>\n";
  }
  if (!map.legend.empty()) {
    const double lx = map.width_px - legend_width + 5;
    double ly = top + 10;
    if (!map.legend_title.empty()) {
      svg += "<text x=\"" + num(lx) + "\" y=\"" + num(ly) + "\" font-size=\"12\" font-weight=\"bold\" fill=\"#222\">" +
             xml_escape(map.legend_title) + "</text>\n";
      ly += 10;
    }
    for (const auto& entry : map.legend) {
      svg += "<rect x=\"" + num(lx) + "\" y=\"" + num(ly) + "\" width=\"16\" height=\"12\" fill=\"" + entry.color +
             "\" stroke=\"#999\" stroke-width=\"0.5\"/><text x=\"" + num(lx + 22) + "\" y=\"" + num(ly + 10) +
             "\" font-size=\"11\" fill=\"#222\">" + xml_escape(entry.label) + "</text>\n";
      ly += 18;
    }
  }
  if (map.scale_bar) {
    const double target_px = (map.width_px - legend_width) / 5;
    const double length_m = nice_length(target_px / view.pixels_per_metre());
    const double bar_px = length_m * view.pixels_per_metre();
    const double sx = 14, sy = map.height_px - 14;
    char label_text[32];
    if (length_m >= 1000) {
      std::snprintf(label_text, sizeof label_text, "%g km", length_m / 1000);
    } else {
      std::snprintf(label_text, sizeof label_text, "%g m", length_m);
    }
    const std::string label = label_text;
    svg += "<g><rect x=\"" + num(sx) + "\" y=\"" + num(sy - 4) + "\" width=\"" + num(bar_px) +
           "\" height=\"4\" fill=\"#333\"/><text x=\"" + num(sx + bar_px + 6) + "\" y=\"" + num(sy) +
           "\" font-size=\"11\" fill=\"#333\">" + label + "</text></g>\n";
  }
  if (map.north_arrow) {
    const double nx = map.width_px - legend_width - 24, ny = top + 8;
    svg += "<g><path d=\"M" + num(nx) + " " + num(ny) + "L" + num(nx + 7) + " " + num(ny + 20) + "L" + num(nx) + " " +
           num(ny + 15) + "L" + num(nx - 7) + " " + num(ny + 20) + "Z\" fill=\"#333\"/><text x=\"" + num(nx - 4) +
           "\" y=\"" + num(ny + 33) + "\" font-size=\"11\" fill=\"#333\">N</text></g>\n";
  }
  svg += "</svg>\n";
  return svg;
}

}  // namespace quhua::report
