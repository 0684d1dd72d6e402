// Connected components and articulation points of a ContiguityGraph, over all nodes or a subset.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "quhua/graph/contiguity_graph.hpp"

namespace quhua::graph {

struct Components {
  std::vector<std::uint32_t> component_of;  ///< per node; k_outside for nodes not in the subset
  std::vector<std::uint32_t> sizes;         ///< nodes per component, components numbered 0..count-1
  std::size_t count() const { return sizes.size(); }
  static constexpr std::uint32_t k_outside = 0xFFFFFFFFu;
};

/// Components of the whole graph, numbered in order of their smallest node. O(V + E).
Components connected_components(const ContiguityGraph& graph);

/// Components of the subgraph induced by nodes with in_subset[v] != 0.
Components connected_components(const ContiguityGraph& graph, const std::vector<std::uint8_t>& in_subset);

/// Groups of points that reach each other both ways in a dense cost matrix (n × n, row = from, column =
/// to; +infinity: no route), numbered in order of their first point. Over a road graph reachability is
/// transitive, so these are the strongly connected parts the points lie in. O(n²).
Components mutual_reach(std::span<const float> cost, std::size_t n);

/// Nodes whose removal disconnects their component (iterative Tarjan, no recursion). O(V + E).
std::vector<NodeId> articulation_points(const ContiguityGraph& graph);

}  // namespace quhua::graph
