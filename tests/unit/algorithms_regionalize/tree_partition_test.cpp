#include "quhua/algorithms/regionalize/tree_partition.hpp"

#include <gtest/gtest.h>

#include <numeric>
#include <set>

#include "support/county_map.hpp"
#include "support/test_support.hpp"

namespace quhua::algorithms::regionalize {

namespace {

bool part_connected(const SolverInstance& instance, const std::vector<BlockId>& nodes,
                    const std::vector<std::uint32_t>& part_of, std::uint32_t part) {
  std::set<BlockId> members;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (part_of[i] == part) members.insert(nodes[i]);
  }
  if (members.empty()) return false;
  std::set<BlockId> seen{*members.begin()};
  std::vector<BlockId> stack{*members.begin()};
  while (!stack.empty()) {
    const BlockId b = stack.back();
    stack.pop_back();
    for (BlockId v : instance.block_graph.neighbors(b)) {
      if (members.count(v) && seen.insert(v).second) stack.push_back(v);
    }
  }
  return seen.size() == members.size();
}

}  // namespace

TEST(TreePartitioner, BalancedPartsMeetTheBoundsAndAreConnected) {
  const auto seed = test::test_seed();
  for (std::uint64_t k = 0; k < 10; ++k) {
    const auto problem = test::random_county(80, seed + k);
    const double total = std::accumulate(problem.population.begin(), problem.population.end(), 0.0);
    PlanOptions options;
    options.rules.min_population = total / 6;
    const auto instance = build_instance(problem, options);
    std::vector<BlockId> nodes(instance.block_count());
    std::iota(nodes.begin(), nodes.end(), 0u);
    TreePartitioner trees(instance);
    trees.set_compact_trees(k % 2 == 1);
    Rng rng(seed + k);
    std::vector<std::uint32_t> part_of;
    ASSERT_TRUE(trees.balanced(nodes, 5, rng, 20, part_of)) << "seed " << seed + k;
    std::vector<double> population(5, 0);
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      ASSERT_LT(part_of[i], 5u);
      population[part_of[i]] += instance.block_population[nodes[i]];
    }
    for (std::uint32_t p = 0; p < 5; ++p) {
      EXPECT_GE(population[p], options.rules.min_population);
      EXPECT_TRUE(part_connected(instance, nodes, part_of, p));
    }
  }
}

TEST(TreePartitioner, BalancedRespectsTheMaximumAndFailsWhenImpossible) {
  const auto problem = test::county_map("A B C D", {{'A', {10}}, {'B', {10}}, {'C', {10}}, {'D', {10}}});
  PlanOptions options;
  options.rules.min_population = 15;
  options.rules.max_population = 25;
  const auto instance = build_instance(problem, options);
  const std::vector<BlockId> nodes{0, 1, 2, 3};
  TreePartitioner trees(instance);
  Rng rng(1);
  std::vector<std::uint32_t> part_of;
  ASSERT_TRUE(trees.balanced(nodes, 2, rng, 5, part_of));
  EXPECT_EQ(part_of[0], part_of[1]);
  EXPECT_EQ(part_of[2], part_of[3]);
  EXPECT_NE(part_of[0], part_of[2]);
  EXPECT_FALSE(trees.balanced(nodes, 3, rng, 5, part_of));  // three parts of >= 15 need 45
  EXPECT_FALSE(trees.balanced(nodes, 1, rng, 5, part_of));  // 40 > 25
}

TEST(TreePartitioner, GreedyFindsTheMostPartsOnAPath) {
  // On a path every spanning tree is the path itself; ten units of 3 hold five parts of >= 6.
  const auto problem = test::county_map("A B C D E F G H I J", {{'A', {3}}, {'B', {3}}, {'C', {3}}, {'D', {3}}, {'E', {3}},
                                                               {'F', {3}}, {'G', {3}}, {'H', {3}}, {'I', {3}}, {'J', {3}}});
  PlanOptions options;
  options.rules.min_population = 6;
  const auto instance = build_instance(problem, options);
  std::vector<BlockId> nodes(10);
  std::iota(nodes.begin(), nodes.end(), 0u);
  TreePartitioner trees(instance);
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    Rng rng(seed);
    std::vector<std::uint32_t> part_of;
    ASSERT_EQ(trees.greedy(nodes, rng, part_of), 5u) << "seed " << seed;
    for (std::uint32_t p = 0; p < 5; ++p) EXPECT_TRUE(part_connected(instance, nodes, part_of, p));
  }
}

TEST(TreePartitioner, PartsKeepTheSeatDistanceAndForbiddenPairs) {
  auto problem = test::county_map("A B C D E F", {{'A', {10}}, {'B', {10}}, {'C', {10}},
                                                  {'D', {10}}, {'E', {10}}, {'F', {10}}});
  problem.forbidden_pairs = {{0, 1}};  // A:B
  PlanOptions options;
  options.rules.min_population = 20;
  options.rules.max_seat_distance_m = 1500;
  const auto instance = build_instance(problem, options);
  std::vector<BlockId> nodes(6);
  std::iota(nodes.begin(), nodes.end(), 0u);
  TreePartitioner trees(instance);
  Rng rng(3);
  std::vector<std::uint32_t> part_of;
  // A cannot be with B, so no part holds A: no split of the path works.
  EXPECT_FALSE(trees.balanced(nodes, 3, rng, 10, part_of));
  EXPECT_FALSE(trees.part_ok(std::vector<std::uint32_t>{0, 1}));
  EXPECT_TRUE(trees.part_ok(std::vector<std::uint32_t>{1, 2}));
}

}  // namespace quhua::algorithms::regionalize
