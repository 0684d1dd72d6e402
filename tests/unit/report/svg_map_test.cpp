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

namespace quhua::report {

TEST(SvgMap, LabelsNeverOverlapAndTheMostImportantComeFirst) {
  // Twelve towns crowded on a 60 × 40 px patch: every label placed overlaps no other label and no
  // marker, stays in the frame, and the star and the highest-priority labels are among those placed.
  std::vector<MapPoint> points;
  std::vector<model::Point> pixels;
  for (int i = 0; i < 12; ++i) {
    MapPoint point;
    point.label = "第" + std::to_string(i) + "镇";
    point.label_priority = i;  // the later the more important
    point.star = i == 3;
    points.push_back(point);
    pixels.push_back({100.0 + (i % 4) * 20.0, 100.0 + (i / 4) * 20.0});
  }
  const PixelBox frame{0, 0, 300, 300};
  const auto placed = place_labels(points, pixels, frame);
  ASSERT_EQ(placed.size(), points.size());
  std::size_t count = 0;
  for (std::size_t i = 0; i < placed.size(); ++i) {
    if (!placed[i].placed) continue;
    ++count;
    const auto& box = placed[i].box;
    EXPECT_GE(box.x0, frame.x0);
    EXPECT_LE(box.x1, frame.x1);
    for (std::size_t k = 0; k < placed.size(); ++k) {
      if (k != i && placed[k].placed) {
        EXPECT_FALSE(box.overlaps(placed[k].box)) << i << " over " << k;
      }
      const double r = points[k].star ? 2.2 * points[k].radius_px : points[k].radius_px;
      const PixelBox marker{pixels[k].x - r, pixels[k].y - r, pixels[k].x + r, pixels[k].y + r};
      EXPECT_FALSE(box.overlaps(marker)) << "label " << i << " covers point " << k;
    }
  }
  EXPECT_LT(count, points.size()) << "too crowded for all: some labels are dropped";
  EXPECT_GE(count, 4u);
  EXPECT_TRUE(placed[3].placed) << "the star's label goes first";
  EXPECT_TRUE(placed[11].placed) << "the highest priority goes next";
  // A dropped label still names its point on hover.
  SvgMap map;
  map.width_px = 300;
  map.height_px = 300;
  for (std::size_t i = 0; i < points.size(); ++i) {
    points[i].at = {pixels[i].x, -pixels[i].y};
    map.points.push_back(points[i]);
  }
  const auto svg = render_svg(map);
  for (const auto& point : points) EXPECT_NE(svg.find(point.label), std::string::npos) << point.label;
}

TEST(SvgMap, LabelWidthCountsChineseFullWidth) {
  EXPECT_DOUBLE_EQ(label_width_px("城关镇"), 33.0);
  EXPECT_NEAR(label_width_px("ab1"), 18.6, 1e-9);
}

}  // namespace quhua::report
