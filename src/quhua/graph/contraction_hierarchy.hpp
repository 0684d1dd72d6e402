// Contraction hierarchies (Geisberger, Sanders, Schultes & Delling 2008) for many-to-many travel
// costs: nodes are contracted one by one in order of importance (edge difference plus contracted
// neighbours, updated lazily), adding shortcuts where no witness path exists; a query searches only
// upwards from both ends. Many-to-many follows Knopp, Sanders, Schultes, Schulz & Wagner (2007):
// backward upward searches from the destinations fill buckets, forward upward searches from the
// origins scan them. Preprocessing costs about as much as a few hundred Dijkstra searches; each query
// side then settles only hundreds of nodes, so it pays off once both sides run to hundreds of
// points (measured in docs/benchmarks.md).
#pragma once

#include "quhua/graph/road_graph.hpp"
#include "quhua/graph/travel_matrix.hpp"
#include "quhua/util/run_control.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace quhua::graph {

class ContractionHierarchy {
 public:
  /// Contracts `graph` for `metric`. Deterministic. Throws nothing on a stop request but returns an
  /// empty hierarchy (valid() false) when `control` stops it.
  static ContractionHierarchy build(const RoadGraph& graph, Metric metric, RunControl& control);

  bool valid() const { return !m_up_offsets.empty(); }
  Metric metric() const { return m_metric; }
  std::size_t node_count() const { return m_rank.size(); }
  std::size_t shortcut_count() const { return m_shortcuts; }
  std::size_t upward_edge_count() const { return m_up.size() + m_down.size(); }

  /// The same matrix as travel_matrix() (same attachments, cut-off, thread-independent output), by
  /// bucket-based many-to-many search. options.metric must equal metric().
  Matrix matrix(std::span<const Attachment> from, std::span<const Attachment> to, const MatrixOptions& options,
                RunControl& control, bool* complete = nullptr) const;

 private:
  struct UpEdge {
    NodeId node;  ///< the higher-ranked end
    double weight;
  };
  Metric m_metric = Metric::travel_time;
  std::vector<std::uint32_t> m_rank;
  // Per node: edges to higher-ranked nodes leaving it (forward search) and entering it (backward).
  std::vector<std::uint32_t> m_up_offsets, m_down_offsets;
  std::vector<UpEdge> m_up, m_down;
  std::size_t m_shortcuts = 0;
};

}  // namespace quhua::graph
