// RoadRouter: a RoadNetwork ready for routing -- its RoadGraph (nodes renumbered along a Z-order
// curve so searches touch nearby memory), its strongly connected components, and a grid index of its
// road segments for snapping points (villages, seats, facilities) to the nearest road.
#pragma once

#include "quhua/graph/road_graph.hpp"
#include "quhua/graph/travel_matrix.hpp"
#include "quhua/model/road_network.hpp"
#include "quhua/util/run_control.hpp"

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace quhua::graph {

struct Snap {
  std::uint32_t piece = k_no_edge;
  double fraction = 0;  ///< along the piece's length from its from-node
  model::Point at;      ///< the nearest point on the road
  double distance_m = std::numeric_limits<double>::infinity();
  bool found() const { return piece != k_no_edge; }
};

struct ComponentSummary {
  std::size_t components = 0;
  std::size_t largest_nodes = 0;
  std::size_t nodes_outside_largest = 0;
  std::size_t pieces_outside_largest = 0;  ///< pieces with an end outside the largest component
  double length_outside_largest_m = 0;
};

class RoadRouter {
 public:
  explicit RoadRouter(model::RoadNetwork network);

  const model::RoadNetwork& network() const { return m_network; }
  const RoadGraph& graph() const { return m_graph; }
  /// Graph node of a network node.
  NodeId graph_node(std::uint32_t network_node) const { return m_graph_node[network_node]; }
  const ComponentSummary& components() const { return m_summary; }

  /// The nearest point on any road (on roads of the largest component when asked). O(cells near p).
  Snap snap(const model::Point& p, bool largest_component_only = true) const;
  /// The attachment of a snapped point (unattached when the snap found nothing).
  Attachment attach(const Snap& snap, double access_speed_kmh) const;

 private:
  model::RoadNetwork m_network;
  RoadGraph m_graph;
  std::vector<NodeId> m_graph_node;
  std::vector<std::uint8_t> m_piece_in_largest;
  ComponentSummary m_summary;
  // Snap index: a uniform grid of road segments (piece, index of the segment's first shape point).
  struct Segment {
    std::uint32_t piece;
    std::uint32_t point;
  };
  std::vector<Segment> m_segments;
  std::vector<double> m_piece_offset_m;  // per shape point: length from its piece's start
  double m_cell = 1;
  double m_min_x = 0, m_min_y = 0;
  std::uint32_t m_columns = 1, m_rows = 1;
  std::vector<std::uint32_t> m_cell_start;  // CSR over cells
  std::vector<std::uint32_t> m_cell_segments;
};

}  // namespace quhua::graph
