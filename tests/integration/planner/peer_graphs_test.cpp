// The peer graphs of ../shared/data/peer-graphs with the settings of ../shared/peers/RESULTS.md
// (heterogeneity of z-scored x_km, y_km; minimum population = total / 20): at least as many regions as
// the best peer and a lower SSD, every hard rule kept. Slow (seconds per graph).
#include <gtest/gtest.h>

#include <numeric>

#include "quhua/service/plan.hpp"
#include "quhua/service/plan_input.hpp"
#include "support/test_support.hpp"

namespace quhua::service {

namespace {

struct PeerFigures {
  const char* graph;
  std::size_t regions;  // the best peer's region count
  double ssd;           // the best peer's SSD at that count
};

void check_graph(const PeerFigures& peer) {
  const std::string folder = std::string("peer-graphs/") + peer.graph;
  if (!test::shared_data_available(folder)) GTEST_SKIP() << "../shared/data/" << folder << " is absent";
  const auto dir = test::shared_data(folder);
  auto problem = read_graph_problem((dir / "nodes.csv").string(), (dir / "edges.csv").string(), {"x_km", "y_km"});
  PlanRequest request;
  request.rules.min_population = std::accumulate(problem.population.begin(), problem.population.end(), 0.0) / 20.0;
  request.objective = "heterogeneity:x_km,y_km";
  request.search.seed = test::test_seed();
  RunControl control;
  const auto result = plan_problem(std::move(problem), request, control, "graph", false);
  EXPECT_TRUE(result.report.hard_rules_hold);
  EXPECT_TRUE(result.report.exceptions.empty());
  EXPECT_GE(result.plan.region_count, peer.regions) << peer.graph;
  EXPECT_LT(result.report.objective.ssd, peer.ssd) << peer.graph;
  std::cout << peer.graph << ": " << result.plan.region_count << " regions, SSD " << result.report.objective.ssd << ", "
            << result.solve_seconds << " s\n";
}

}  // namespace

TEST(PeerGraphs, ArkansasBlockGroups) { check_graph({"ar_bg", 16, 272.5}); }
TEST(PeerGraphs, PennsylvaniaVotingDistricts) { check_graph({"pa_vtd", 13, 1539.4}); }

}  // namespace quhua::service
