// KdTree: a static 2-d tree over points for nearest-neighbour queries (nearest seat, nearest facility).
// Built once in O(n log n); a query visits O(log n) nodes on well-spread points. Pure: no geometry
// library, points in any planar metric coordinates. Written here (70 lines) rather than taken from
// nanoflann: reports need "nearest other than this one, ties to the lowest index" for deterministic
// output, which nanoflann's k-NN search does not give without extra queries.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <vector>

#include "quhua/model/geometry.hpp"

namespace quhua::algorithms::spatial {

class KdTree {
 public:
  static constexpr std::uint32_t k_none = std::numeric_limits<std::uint32_t>::max();

  struct Hit {
    std::uint32_t index = k_none;  ///< position of the point in the span the tree was built from
    double distance = 0;           ///< Euclidean, in coordinate units
  };

  KdTree() = default;
  /// Copies the points. Duplicates are allowed (they are at distance 0 from each other).
  explicit KdTree(std::span<const model::Point> points);

  std::size_t size() const noexcept { return m_nodes.size(); }

  /// The nearest point to `query` other than the one at `exclude` (pass the query's own index to find
  /// its nearest neighbour); ties go to the lower index. nullopt when no other point exists.
  std::optional<Hit> nearest(const model::Point& query, std::uint32_t exclude = k_none) const;

 private:
  void build(std::size_t begin, std::size_t end);
  void search(std::size_t begin, std::size_t end, const model::Point& q, std::uint32_t exclude, Hit& best,
              double& best2) const;

  struct Node {
    model::Point point;
    std::uint32_t index = 0;  // position in the span the tree was built from
    std::uint8_t axis = 0;    // split axis of the range this node is the middle of: 0 x, 1 y
  };
  // Nodes in tree order: the node of range [begin, end) sits at its middle.
  std::vector<Node> m_nodes;
};

}  // namespace quhua::algorithms::spatial
