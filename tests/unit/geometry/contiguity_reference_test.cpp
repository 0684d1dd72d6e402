// The contiguity builder against a brute-force pairwise GEOS computation: random layers, the synthetic
// benchmark layer and the real Sichuan counties. No edge between polygons that do not touch, none
// missed, and the same shared lengths.
#include "support/geojson_layer.hpp"
#include "support/geos_reference.hpp"
#include "support/test_support.hpp"

#include "quhua/geometry/contiguity.hpp"
#include "quhua/geometry/synthetic_layer.hpp"
#include "quhua/util/random.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

namespace quhua::geometry {

namespace {

using Pairs = std::vector<std::pair<graph::NodeId, graph::NodeId>>;

Pairs pairs_of(const std::vector<graph::Edge>& edges) {
  Pairs out;
  for (const auto& e : edges) out.emplace_back(e.a, e.b);
  return out;
}

ContiguityResult build(std::span<const model::MultiPolygon> units, Contiguity kind, double tolerance_m) {
  ContiguityOptions options;
  options.contiguity = kind;
  options.snap_tolerance_m = tolerance_m;
  return build_contiguity(units, options);
}

/// A `side` x `side` grid of 1 km cells with every vertex moved at random, so that cells meet at
/// crooked angles: about one cell in ten left empty (which leaves corner-only contacts and islands),
/// some units owning a second cell far away, and on about a third of the edges a vertex in the middle
/// on one side only (a T-junction). With `integer` set, coordinates are whole metres and vertex moves
/// even, so every T-junction vertex lies exactly on its neighbour's edge and GEOS finds exactly the
/// shared lengths.
std::vector<model::MultiPolygon> perturbed_grid(Rng& rng, int side, bool integer) {
  const auto jitter = [&]() {
    return integer ? 2.0 * static_cast<double>(rng.below(201)) - 200.0 : rng.uniform(-200, 200);
  };
  std::vector<model::Point> vertices;
  for (int j = 0; j <= side; ++j) {
    for (int i = 0; i <= side; ++i) vertices.push_back({i * 1000.0 + jitter(), j * 1000.0 + jitter()});
  }
  const auto vertex = [&](int i, int j) { return vertices[static_cast<std::size_t>(j * (side + 1) + i)]; };

  const int cells = side * side;
  std::vector<int> owner(static_cast<std::size_t>(cells));
  for (int k = 0; k < cells; ++k) owner[k] = rng.uniform() < 0.1 ? -1 : k;
  for (int n = 0; n < cells / 20; ++n) {  // second parts: a cell joins a unit at least two cells away
    const int k = static_cast<int>(rng.below(cells)), m = static_cast<int>(rng.below(cells));
    if (std::abs(k % side - m % side) >= 2 && std::abs(k / side - m / side) >= 2 && owner[k] == k && owner[m] == m) {
      owner[m] = k;
    }
  }
  // T-junction vertices: midpoint[k][c] puts one in the middle of side c of cell k (0 south, 1 east,
  // 2 north, 3 west), on one of the two cells along an edge only.
  std::vector<std::array<bool, 4>> midpoint(static_cast<std::size_t>(cells), {false, false, false, false});
  for (int k = 0; k < cells; ++k) {
    const int i = k % side, j = k / side;
    if (i + 1 < side && rng.uniform() < 0.3) {
      if (rng.uniform() < 0.5) {
        midpoint[k][1] = true;
      } else {
        midpoint[k + 1][3] = true;
      }
    }
    if (j + 1 < side && rng.uniform() < 0.3) {
      if (rng.uniform() < 0.5) {
        midpoint[k][2] = true;
      } else {
        midpoint[k + side][0] = true;
      }
    }
  }

  std::vector<model::MultiPolygon> units;
  std::vector<int> unit_of(static_cast<std::size_t>(cells), -1);
  for (int k = 0; k < cells; ++k) {
    if (owner[k] < 0) continue;
    if (unit_of[owner[k]] < 0) {
      unit_of[owner[k]] = static_cast<int>(units.size());
      units.emplace_back();
    }
    const int i = k % side, j = k / side;
    const std::array<model::Point, 4> corners = {vertex(i, j), vertex(i + 1, j), vertex(i + 1, j + 1),
                                                 vertex(i, j + 1)};
    model::Ring ring;
    for (int c = 0; c < 4; ++c) {
      ring.push_back(corners[c]);
      if (midpoint[k][c]) {
        const auto& next = corners[(c + 1) % 4];
        ring.push_back({(corners[c].x + next.x) / 2, (corners[c].y + next.y) / 2});
      }
    }
    ring.push_back(ring.front());
    units[unit_of[owner[k]]].push_back({std::move(ring), {}});
  }
  return units;
}

}  // namespace

TEST(ContiguityReference, RandomLayersMatchPairwiseGeos) {
  for (int trial = 0; trial < 5; ++trial) {
    SCOPED_TRACE("trial " + std::to_string(trial) + ", seed " + std::to_string(test::test_seed()));
    Rng rng(test::test_seed() + static_cast<unsigned>(trial));
    const auto units = perturbed_grid(rng, 7 + 2 * trial, true);
    const auto expected = test::geos_boundary_contacts(units);
    const auto corner_only =
        std::count_if(expected.begin(), expected.end(), [](const auto& e) { return e.shared_border_m == 0; });
    EXPECT_GT(corner_only, 0) << "the layer should have corner-only contacts to test";

    const auto queen = build(units, Contiguity::queen, 0.0).graph.edges();
    ASSERT_EQ(pairs_of(queen), pairs_of(expected));
    for (std::size_t k = 0; k < queen.size(); ++k) {
      EXPECT_NEAR(queen[k].shared_border_m, expected[k].shared_border_m, 1e-6) << queen[k].a << "-" << queen[k].b;
    }

    std::vector<graph::Edge> expected_rook;
    std::copy_if(expected.begin(), expected.end(), std::back_inserter(expected_rook),
                 [](const auto& e) { return e.shared_border_m > 0; });
    const auto rook = build(units, Contiguity::rook, 0.0);
    EXPECT_EQ(pairs_of(rook.graph.edges()), pairs_of(expected_rook));
    EXPECT_EQ(rook.report.point_contacts.size(), static_cast<std::size_t>(corner_only));
  }
}

TEST(ContiguityReference, NearContactsMatchGeosDistance) {
  // Every cell shrunk towards its centre by 0 to 1.5 m at each vertex: gaps of up to 3 m between
  // neighbours, as between separately digitised units. Within 1 m, a pair touches exactly when GEOS
  // puts their boundaries within 1 m of each other.
  for (int trial = 0; trial < 3; ++trial) {
    SCOPED_TRACE("trial " + std::to_string(trial) + ", seed " + std::to_string(test::test_seed()));
    Rng rng(test::test_seed() + 100 + static_cast<unsigned>(trial));
    auto units = perturbed_grid(rng, 10, false);
    for (auto& shape : units) {
      for (auto& polygon : shape) {
        const auto box = model::bbox_of({polygon});
        const model::Point centre{(box.min_x + box.max_x) / 2, (box.min_y + box.max_y) / 2};
        for (std::size_t k = 0; k + 1 < polygon.outer.size(); ++k) {
          auto& p = polygon.outer[k];
          const double pull = rng.uniform(0, 1.5) / model::distance(p, centre);
          p = {p.x + (centre.x - p.x) * pull, p.y + (centre.y - p.y) * pull};
        }
        polygon.outer.back() = polygon.outer.front();
      }
    }
    const auto expected = test::geos_pairs_within(units, 1.0);
    EXPECT_GT(expected.size(), 50u);
    EXPECT_EQ(pairs_of(build(units, Contiguity::queen, 1.0).graph.edges()), pairs_of(expected));
  }
}

TEST(ContiguityReference, SyntheticLayerMatchesGeosDistance) {
  // T-junction vertices of the synthetic layer are halfway points: on the edge up to rounding, so
  // GEOS (exact) needs a small distance to see them touch.
  SyntheticLayerOptions options;
  options.unit_count = 400;
  const auto units = synthetic_layer(options);
  const auto expected = test::geos_pairs_within(units, 0.01);
  EXPECT_EQ(pairs_of(build(units, Contiguity::queen, 0.01).graph.edges()), pairs_of(expected));
  EXPECT_EQ(pairs_of(build(units, Contiguity::rook, 0.01).graph.edges()), pairs_of(expected));
}

}  // namespace quhua::geometry

namespace quhua::geometry {

TEST(ContiguityReference, SichuanCountiesMatchPairwiseGeos) {
  const std::string file = "china-county-census2020/sichuan_counties_2020census.geojson";
  if (!test::shared_data_available(file)) GTEST_SKIP() << "real data absent: " << test::shared_data(file);
  const auto layer = test::read_geojson_lonlat(test::shared_data(file), "CODE");
  ASSERT_EQ(layer.units.size(), 186u);

  // At 50 m: the same pairs as GEOS finds within 50 m, and the 495 of the data's SOURCES.md.
  const auto queen = build(layer.units, Contiguity::queen, 50.0);
  EXPECT_EQ(pairs_of(queen.graph.edges()), pairs_of(test::geos_pairs_within(layer.units, 50.0)));
  EXPECT_EQ(queen.graph.edge_count(), 495u);
  EXPECT_TRUE(queen.report.islands.empty());
  EXPECT_EQ(queen.report.components.count(), 1u);
  EXPECT_EQ(queen.report.multipart_units.size(), 4u);

  // Rook drops exactly the corner contacts it reports (Chengdu's central districts meet at a point).
  const auto rook = build(layer.units, Contiguity::rook, 50.0);
  EXPECT_EQ(rook.graph.edge_count() + rook.report.point_contacts.size(), queen.graph.edge_count());
  for (const auto& e : rook.report.point_contacts) EXPECT_EQ(queen.graph.shared_border(e.a, e.b), 0);

  // Exactly: the same pairs and shared lengths as the GEOS intersection of the boundaries.
  const auto exact = build(layer.units, Contiguity::queen, 0.0).graph.edges();
  const auto expected = test::geos_boundary_contacts(layer.units);
  ASSERT_EQ(pairs_of(exact), pairs_of(expected));
  for (std::size_t k = 0; k < exact.size(); ++k) {
    EXPECT_NEAR(exact[k].shared_border_m, expected[k].shared_border_m, 1e-6 * expected[k].shared_border_m + 1e-6)
        << layer.ids[exact[k].a] << "-" << layer.ids[exact[k].b];
  }
}

}  // namespace quhua::geometry
