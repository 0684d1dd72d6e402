#include "quhua/storage/geometry_codec.hpp"

#include "quhua/util/error.hpp"

#include <gtest/gtest.h>

namespace quhua::storage {

TEST(GeometryCodec, RoundTripsPolygonsWithHoles) {
  model::MultiPolygon shape{
      model::Polygon{{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}}, {{{2, 2}, {3, 2}, {3, 3}, {2, 2}}}},
      model::Polygon{{{20.5, -1.25}, {30, 0}, {25, 7}, {20.5, -1.25}}, {}},
  };
  const auto hex = to_wkb_hex(shape);
  EXPECT_EQ(hex.substr(0, 10), "0106000000");  // little endian, MultiPolygon
  const auto back = from_wkb_hex(hex);
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[0].outer, shape[0].outer);
  EXPECT_EQ(back[0].holes, shape[0].holes);
  EXPECT_EQ(back[1].outer, shape[1].outer);
  EXPECT_TRUE(to_wkb_hex({}).empty());
  EXPECT_TRUE(from_wkb_hex("").empty());
}

TEST(GeometryCodec, ReadsBigEndianPolygonAndRefusesGarbage) {
  // POLYGON((0 0,1 0,1 1,0 0)) big endian.
  const std::string big =
      "00000000030000000100000004"
      "00000000000000000000000000000000"
      "3FF00000000000000000000000000000"
      "3FF00000000000003FF0000000000000"
      "00000000000000000000000000000000";
  const auto shape = from_wkb_hex(big);
  ASSERT_EQ(shape.size(), 1u);
  EXPECT_EQ(shape[0].outer.size(), 4u);
  EXPECT_EQ(shape[0].outer[2], (model::Point{1, 1}));
  EXPECT_THROW(from_wkb_hex(big.substr(0, big.size() - 2)), StorageError);
  EXPECT_THROW(from_wkb_hex("zz"), StorageError);
  EXPECT_THROW(from_wkb_hex("010100000000000000000000000000000000000000"), StorageError);  // a point
}

}  // namespace quhua::storage
