// RoadGraph: a directed road network in compressed sparse row (CSR) form -- forward and reverse
// adjacency, each arc with its travel time (s) and length (m). Built once from an arc list; the
// shortest-path searches (graph/travel_matrix.hpp) read it concurrently. No geometry inside:
// model/road_network.hpp keeps the shapes, graph/road_snap.hpp attaches points.
#pragma once

#include "quhua/graph/contiguity_graph.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace quhua::graph {

/// One directed arc as given to RoadGraph::from_arcs.
struct RoadArc {
  NodeId from = 0;
  NodeId to = 0;
  double travel_time_s = 0;
  double length_m = 0;
};

/// An arc as stored: its head (forward lists) or tail (reverse lists) and its two weights. Floats
/// halve the memory the searches stream through; 24 bits of mantissa keep a 1-hour arc to 0.2 ms.
struct StoredArc {
  NodeId node = 0;
  float travel_time_s = 0;
  float length_m = 0;
};

enum class Metric { travel_time, length };

inline double arc_weight(const StoredArc& arc, Metric metric) {
  return metric == Metric::travel_time ? arc.travel_time_s : arc.length_m;
}

class RoadGraph {
 public:
  RoadGraph() = default;

  /// Builds from directed arcs over nodes [0, node_count). Self-loops are dropped; of parallel arcs
  /// only the fastest is kept (ties: the shorter). Throws InternalError for an endpoint out of
  /// range or a negative or NaN weight. O(A log A).
  static RoadGraph from_arcs(std::size_t node_count, std::vector<RoadArc> arcs);

  std::size_t node_count() const noexcept { return m_forward_offsets.empty() ? 0 : m_forward_offsets.size() - 1; }
  std::size_t arc_count() const noexcept { return m_forward.size(); }

  /// Arcs leaving v, by increasing head.
  std::span<const StoredArc> out_arcs(NodeId v) const {
    return {m_forward.data() + m_forward_offsets[v], m_forward.data() + m_forward_offsets[v + 1]};
  }
  /// Arcs entering v (StoredArc::node is the tail), by increasing tail.
  std::span<const StoredArc> in_arcs(NodeId v) const {
    return {m_reverse.data() + m_reverse_offsets[v], m_reverse.data() + m_reverse_offsets[v + 1]};
  }
  /// The stored arc u -> v, or nullptr when there is none.
  const StoredArc* find_arc(NodeId u, NodeId v) const;

 private:
  std::vector<std::uint32_t> m_forward_offsets, m_reverse_offsets;
  std::vector<StoredArc> m_forward, m_reverse;
};

/// Strongly connected components (iterative Tarjan, no recursion). O(V + A).
struct StrongComponents {
  std::vector<std::uint32_t> component_of;  ///< per node
  std::vector<std::uint32_t> sizes;         ///< nodes per component
  std::uint32_t largest = 0;                ///< index of the largest component (lowest index on ties)
  std::size_t count() const { return sizes.size(); }
};
StrongComponents strong_components(const RoadGraph& graph);

}  // namespace quhua::graph
