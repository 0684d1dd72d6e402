// service routing: the road network loaded once serves every matrix of a run.
#include "quhua/service/routing.hpp"

#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace quhua::service {
namespace {

const std::string k_roads = std::string(QUHUA_TEST_DATA_DIR) + "/roads/";

TEST(LoadedNetwork, OneHierarchyServesEveryMatrixOfTheSameMetric) {
  NetworkSpec spec;
  spec.path = k_roads + "township_roads.geojson";
  const auto network = load_network(spec);
  RunControl control;
  const auto* first = network.hierarchy(graph::Metric::travel_time, control);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(network.hierarchy(graph::Metric::travel_time, control), first);  // kept, not rebuilt
  const auto* by_length = network.hierarchy(graph::Metric::length, control);
  ASSERT_NE(by_length, nullptr);
  EXPECT_EQ(by_length->metric(), graph::Metric::length);  // another metric: its own build

  // The kept hierarchy gives the same matrix as plain Dijkstra.
  std::string crs = network.crs;
  RoutingOptions options;
  PointsSpec villages{k_roads + "villages.csv", {}};
  PointsSpec schools{k_roads + "schools.csv", {}};
  Findings findings;
  const auto from = place_points(villages, crs, &network, options, findings);
  const auto to = place_points(schools, crs, &network, options, findings);
  options.algorithm = MatrixAlgorithm::dijkstra;
  const auto plain = cost_matrix(from, to, &network, options, control);
  options.algorithm = MatrixAlgorithm::hierarchy;
  const auto fast = cost_matrix(from, to, &network, options, control);
  const auto again = cost_matrix(from, to, &network, options, control);
  ASSERT_EQ(plain.values.size(), fast.values.size());
  for (std::size_t i = 0; i < plain.values.size(); ++i) {
    EXPECT_NEAR(fast.values[i], plain.values[i], 1e-6 * (1 + plain.values[i])) << i;
    EXPECT_EQ(again.values[i], fast.values[i]) << i;
  }
}

}  // namespace
}  // namespace quhua::service
