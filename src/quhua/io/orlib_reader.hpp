// Readers for J.E. Beasley's OR-Library location test files, so quhua's solvers can be checked against
// published optima:
//  - pmed (uncapacitated p-median, Beasley 1985): first line "n m p", then m lines "i j cost"
//    (undirected edge, vertices from 1); later duplicates of an edge overwrite earlier ones;
//  - pmedcap (capacitated p-median, Osman & Christofides 1994), one instance per file: line 1
//    "K best", line 2 "n p Q", then n lines "id x y demand"; costs are Euclidean distances.
#pragma once

#include "quhua/graph/road_graph.hpp"
#include "quhua/model/geometry.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace quhua::io {

struct OrlibPMedian {
  std::size_t vertex_count = 0;
  std::size_t p = 0;
  /// One arc per direction of each distinct edge (after overwriting duplicates), vertices from 0,
  /// cost in both travel_time_s and length_m.
  std::vector<graph::RoadArc> arcs;
  std::size_t edge_lines = 0;         ///< edge lines read (m)
  std::size_t overwritten_edges = 0;  ///< edge lines that replaced an earlier line for the same pair
};

struct OrlibCapacitated {
  int instance = 0;                  ///< K of line 1
  std::optional<double> best_known;  ///< "best" of line 1 (the published optimum)
  std::size_t p = 0;
  double capacity = 0;  ///< Q, the same for every median
  std::vector<model::Point> points;
  std::vector<double> demand;
};

enum class OrlibKind { p_median, capacitated };

/// Tells the two formats apart by the first line (three numbers: pmed; two: pmedcap). Throws
/// InputError naming the file when it is missing or neither.
OrlibKind detect_orlib_kind(const std::string& path);

/// Throws InputError (file, line) for a missing file, a malformed line, a vertex out of range, a
/// negative cost, fewer lines than announced, a pmed graph that is not connected (naming how many
/// vertices vertex 1 cannot reach; fewer than n - 1 edges is refused before anything is sized by n) or
/// whose costs sum past 1e300, and a pmedcap coordinate beyond +-1e150. Work and memory are bounded
/// by the file's size, never by the numbers it announces.
OrlibPMedian read_orlib_p_median(const std::string& path);
OrlibCapacitated read_orlib_capacitated(const std::string& path);

}  // namespace quhua::io
