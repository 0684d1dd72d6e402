// ContiguityGraph: an undirected graph of adjacent units in compressed sparse row (CSR) form, each
// edge weighted by the length of the shared border in metres. No geometry inside: geometry/ builds it
// from polygons, io/ from edge lists.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace quhua::graph {

using NodeId = std::uint32_t;

struct Edge {
  NodeId a = 0;
  NodeId b = 0;
  double shared_border_m = 0;  ///< 0 for point contact (queen only) or when unknown
};

class ContiguityGraph {
 public:
  ContiguityGraph() = default;

  /// Builds from an edge list over nodes [0, node_count). Self-loops are dropped; duplicate pairs
  /// (in either orientation) are merged keeping the largest border length. O(E log E).
  /// @pre every endpoint < node_count (throws InternalError otherwise)
  static ContiguityGraph from_edges(std::size_t node_count, std::vector<Edge> edges);

  std::size_t node_count() const noexcept { return m_offsets.empty() ? 0 : m_offsets.size() - 1; }
  /// Number of undirected edges.
  std::size_t edge_count() const noexcept { return m_targets.size() / 2; }

  std::span<const NodeId> neighbors(NodeId v) const {
    return {m_targets.data() + m_offsets[v], m_targets.data() + m_offsets[v + 1]};
  }
  std::span<const double> border_lengths(NodeId v) const {
    return {m_border_m.data() + m_offsets[v], m_border_m.data() + m_offsets[v + 1]};
  }
  std::size_t degree(NodeId v) const { return m_offsets[v + 1] - m_offsets[v]; }

  bool adjacent(NodeId a, NodeId b) const;
  /// Shared border length in metres, or -1 when a and b are not adjacent.
  double shared_border(NodeId a, NodeId b) const;

  /// Each undirected edge once, with a < b, sorted by (a, b).
  std::vector<Edge> edges() const;

  const std::vector<std::uint32_t>& offsets() const noexcept { return m_offsets; }
  const std::vector<NodeId>& targets() const noexcept { return m_targets; }

 private:
  std::vector<std::uint32_t> m_offsets;  // size n + 1
  std::vector<NodeId> m_targets;         // neighbours of v: [offsets[v], offsets[v+1]), sorted
  std::vector<double> m_border_m;        // parallel to m_targets
};

}  // namespace quhua::graph
