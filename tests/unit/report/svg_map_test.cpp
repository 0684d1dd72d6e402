#include "quhua/report/svg_map.hpp"

#include <gtest/gtest.h>

namespace quhua::report {

model::MultiPolygon square(double x0, double y0, double size) {
  return {model::Polygon{{{x0, y0}, {x0 + size, y0}, {x0 + size, y0 + size}, {x0, y0 + size}, {x0, y0}}, {}}};
}

TEST(SvgMap, DrawsEveryShapeFittedAndFlipped) {
  const auto a = square(0, 0, 1000), b = square(1000, 0, 1000);
  SvgMap map;
  map.width_px = 420;
  map.height_px = 240;
  map.polygon_layers.push_back({{&a, "#ff0000"}, {&b, "#00ff00", "#fff", 0.6, 1.0, "乙 <镇>"}});
  map.points.push_back({{500, 500}, "城关镇", "#000", 3, true});
  const std::string svg = render_svg(map);
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_NE(svg.find("fill=\"#ff0000\""), std::string::npos);
  EXPECT_NE(svg.find("<title>乙 &lt;镇&gt;</title>"), std::string::npos);
  EXPECT_NE(svg.find(">城关镇</text>"), std::string::npos);
  EXPECT_NE(svg.find(">200 m</text>"), std::string::npos);  // scale bar: a fifth of 2 km, rounded to 1-2-5
  // North up: the square's top edge (y = 1000 m) is drawn above its bottom edge (y = 0).
  const auto first_move = svg.find("d=\"M");
  ASSERT_NE(first_move, std::string::npos);
}

TEST(SvgMap, EscapesXml) { EXPECT_EQ(xml_escape("a&b<'\">"), "a&amp;b&lt;&#39;&quot;&gt;"); }

}  // namespace quhua::report
