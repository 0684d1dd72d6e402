// Many-to-many travel costs on a RoadGraph between points attached to the network (villages, seats,
// facilities): one Dijkstra search per point of the smaller side (over the reverse graph when that is
// the destination side), a 4-ary heap with decrease-key, an early stop once every node the other side
// needs is settled or the cost cut-off is passed, and a pool of threads over the searches. Each
// search writes only its own row or column, so the output is the same for any thread count.
#pragma once

#include "quhua/graph/road_graph.hpp"
#include "quhua/util/run_control.hpp"

#include <array>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace quhua::graph {

constexpr double k_no_path = std::numeric_limits<double>::infinity();
constexpr std::uint32_t k_no_edge = 0xFFFFFFFFu;

/// A point tied into the network: the nodes it reaches (departures) and the nodes it is reached
/// from (arrivals), each with the cost of that partial leg, including the off-network access leg.
/// A point snapped inside a road piece u-v at `fraction` departs to v (if u -> v may be driven) and
/// to u (if v -> u may), and is reached likewise; two points on the same piece may also travel
/// directly along it.
struct Attachment {
  struct Link {
    NodeId node = 0;
    double travel_time_s = 0;
    double length_m = 0;
  };
  std::array<Link, 2> departures{};
  std::array<Link, 2> arrivals{};
  std::uint8_t departure_count = 0;
  std::uint8_t arrival_count = 0;

  // For travel along one piece between two points on it.
  std::uint32_t piece = k_no_edge;                                 ///< id of the road piece it lies on, or k_no_edge
  double fraction = 0;                                             ///< position from u (0) to v (1)
  double forward_time_s = k_no_path, backward_time_s = k_no_path;  ///< whole piece u->v, v->u
  double forward_length_m = k_no_path, backward_length_m = k_no_path;
  double access_time_s = 0;  ///< off-network leg from the point to its snapped position
  double access_length_m = 0;

  /// A point exactly at node v (no access leg).
  static Attachment at_node(NodeId v);
  /// A point on piece `piece` from u to v at `fraction`, with the piece's directed costs (k_no_path
  /// for a direction that may not be driven) and its access leg.
  static Attachment on_piece(std::uint32_t piece, NodeId u, NodeId v, double fraction, double forward_time_s,
                             double backward_time_s, double forward_length_m, double backward_length_m,
                             double access_time_s, double access_length_m);
  bool attached() const { return departure_count > 0 || arrival_count > 0; }
};

/// Rows x columns of doubles, row-major (row = origin, column = destination); k_no_path where no
/// route exists or the cut-off was passed.
struct Matrix {
  std::size_t rows = 0;
  std::size_t cols = 0;
  std::vector<double> values;
  double operator()(std::size_t r, std::size_t c) const { return values[r * cols + c]; }
};

struct MatrixOptions {
  Metric metric = Metric::travel_time;
  double max_cost = k_no_path;  ///< costs above this are reported as k_no_path; searches stop there
  int threads = 1;              ///< worker threads (<= 0: hardware concurrency)
};

/// Costs from every `from` point to every `to` point. An unattached point gets k_no_path throughout
/// (0 to itself is not assumed). Polls `control` between searches; throws nothing on a stop but
/// leaves the unfinished rows at k_no_path and sets `*complete` false when given.
Matrix travel_matrix(const RoadGraph& graph, std::span<const Attachment> from, std::span<const Attachment> to,
                     const MatrixOptions& options, RunControl& control, bool* complete = nullptr);

/// Cost of travelling from a to b along the one road piece both lie on (access legs included), or
/// k_no_path when they lie on different pieces or the piece may not be driven that way.
double along_piece_cost(const Attachment& a, const Attachment& b, Metric metric);

/// Plain one-to-all Dijkstra with a binary heap from node `source`: the reference the fast matrix
/// is tested against, and the tool for small all-pairs problems.
std::vector<double> dijkstra(const RoadGraph& graph, NodeId source, Metric metric);

}  // namespace quhua::graph
