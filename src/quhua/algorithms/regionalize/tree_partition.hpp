// TreePartitioner: splits a connected set of blocks into connected parts that meet the region rules by
// cutting edges of a random spanning tree (the idea behind SKATER and ReCom). Two ways:
//  - balanced: k parts, one at a time, each time cutting the tree edge whose side is closest to the aim
//    (just above the lower bounds, else an even share; ReCom's recursive bipartition), the best side over
//    a few fresh trees per cut. O(k·m·trees).
//  - greedy: as many parts as the tree allows -- cut every subtree as soon as it meets the lower bounds
//    in post-order, which is optimal for the given tree. O(m).
// Every part is checked against the upper bounds, --max-seat-km and forbidden pairs.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "quhua/algorithms/regionalize/instance.hpp"
#include "quhua/util/random.hpp"

namespace quhua::algorithms::regionalize {

class TreePartitioner {
 public:
  explicit TreePartitioner(const SolverInstance& instance);

  /// Splits `nodes` (connected over allowed edges) into exactly `parts` parts. On success fills
  /// part_of (parallel to nodes, values 0..parts-1) and returns true. `redraws`: fresh starts tried.
  bool balanced(std::span<const BlockId> nodes, std::size_t parts, Rng& rng, std::size_t redraws,
                std::vector<std::uint32_t>& part_of);

  /// Cuts one random spanning tree into as many parts meeting the lower bounds as it allows; returns
  /// the number of parts (0 when a part breaks an upper bound or another rule).
  std::size_t greedy(std::span<const BlockId> nodes, Rng& rng, std::vector<std::uint32_t>& part_of);

  /// Compact trees (randomised minimum spanning trees over edge lengths) instead of random ones:
  /// better objective, somewhat fewer regions. Off by default.
  void set_compact_trees(bool compact) { m_compact_trees = compact && m_has_lengths; }

  /// The part rules besides the bounds: --max-seat-km from the part's seat, no forbidden pair inside.
  bool part_ok(std::span<const std::uint32_t> local_nodes);

 private:
  void load(std::span<const BlockId> nodes);
  enum class Outcome { success, failed, no_first_cut };
  Outcome balanced_once(std::size_t parts, Rng& rng, std::vector<std::uint32_t>& part_of);
  void draw_tree(Rng& rng, const std::vector<std::uint8_t>& alive);
  double edge_length(BlockId a, BlockId b) const;
  // Roots the tree of alive nodes at `root` and fills pre-order, parent and subtree sums.
  void root_tree(std::uint32_t root, const std::vector<std::uint8_t>& alive);
  double ideal_gap(double population, double area, double ideal_population, double ideal_area) const;

  const SolverInstance* m_instance;
  bool m_simple_parts;  // no seat rule and no forbidden pairs: part_ok is always true
  bool m_has_lengths;   // attributes or anchors give edges a length
  bool m_compact_trees = false;
  std::vector<std::uint32_t> m_local;  // block -> local index (valid when m_stamp_of matches)
  std::vector<std::uint32_t> m_stamp_of;
  std::uint32_t m_stamp = 0;
  std::vector<BlockId> m_nodes;
  std::vector<BlockId> m_part_blocks;  // part_ok: the part's blocks (central seat rule)
  std::vector<std::pair<std::uint32_t, std::uint32_t>> m_edges;  // local allowed edges
  std::vector<double> m_edge_length;                             // parallel to m_edges
  std::vector<std::uint32_t> m_tree_offsets, m_tree_targets;
  std::vector<std::uint32_t> m_preorder, m_order_pos, m_parent, m_size;
  std::vector<double> m_sub_population, m_sub_area;
  std::vector<std::uint32_t> m_mark;
  std::uint32_t m_mark_stamp = 0;
};

}  // namespace quhua::algorithms::regionalize
