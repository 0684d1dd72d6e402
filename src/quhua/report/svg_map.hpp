// SvgMap: thematic maps drawn as self-contained SVG from plain geometry (projected metres) -- unit
// boundaries with fills, road lines, labelled points, a legend, a scale bar and a north arrow. Used by
// the HTML reports so they need no network and no map server at view time.
#pragma once

#include <string>
#include <vector>

#include "quhua/model/geometry.hpp"

namespace quhua::report {

struct MapPolygon {
  const model::MultiPolygon* shape = nullptr;  ///< not owned; must outlive render_svg
  std::string fill = "#d9d9d9";
  std::string stroke = "#ffffff";
  double stroke_width_px = 0.6;
  double fill_opacity = 1.0;
  std::string tooltip;  ///< shown on hover (SVG <title>)
};

struct MapLine {
  std::vector<model::Point> points;
  std::string color = "#888888";
  double width_px = 1.0;
  std::string dash;  ///< SVG dash array, e.g. "4 2"; empty: solid
};

struct MapPoint {
  model::Point at;
  std::string label;  ///< drawn beside the point where it collides with nothing; empty: none
  std::string color = "#c0392b";
  double radius_px = 3.0;
  bool star = false;  ///< a star instead of a circle (e.g. the county seat)
  std::string tooltip;
  int label_priority = 0;  ///< higher labels are placed first (a star's before any other)
};

struct LegendEntry {
  std::string color;
  std::string label;
};

struct SvgMap {
  double width_px = 800;
  double height_px = 640;
  std::string title;
  std::vector<std::vector<MapPolygon>> polygon_layers;  ///< drawn in order, first at the bottom
  std::vector<MapLine> lines;
  std::vector<MapPoint> points;
  std::string legend_title;
  std::vector<LegendEntry> legend;
  bool scale_bar = true;    ///< assumes coordinates in metres
  bool north_arrow = true;  ///< assumes north up (projected CRS)
};

/// Renders the map as an <svg> element (no XML prolog), fitted to the extent of all layers. Point labels
/// never overlap each other, another point or the frame: see place_labels.
std::string render_svg(const SvgMap& map);

/// A rectangle in pixels.
struct PixelBox {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool overlaps(const PixelBox& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
};

/// Where a label's text starts (SVG x, baseline y), or none when it could not be placed.
struct LabelPlacement {
  bool placed = false;
  double x = 0, y = 0;
  PixelBox box;
};

/// Greedy label placement: labels in order of priority (stars, then label_priority, then input order)
/// each take the first of eight positions around their point (right, left, above, below, then the
/// corners) that overlaps no placed label, no point marker and stays inside `frame`; a label with no
/// free position is dropped (its point keeps the name as a tooltip). `pixels[i]` is point i on screen.
/// Widths are estimated from the text at 11 px (CJK characters full width, others about half).
std::vector<LabelPlacement> place_labels(const std::vector<MapPoint>& points, const std::vector<model::Point>& pixels,
                                         const PixelBox& frame);

/// Estimated width in pixels of `text` at 11 px.
double label_width_px(const std::string& text);

/// Escapes &, <, >, " and ' for XML text and attributes.
std::string xml_escape(const std::string& text);

}  // namespace quhua::report
