#include "quhua/algorithms/spatial/kd_tree.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace quhua::algorithms::spatial {

KdTree::KdTree(std::span<const model::Point> points) {
  m_nodes.reserve(points.size());
  for (std::size_t i = 0; i < points.size(); ++i) m_nodes.push_back({points[i], static_cast<std::uint32_t>(i), 0});
  build(0, m_nodes.size());
}

void KdTree::build(std::size_t begin, std::size_t end) {
  std::vector<std::pair<std::size_t, std::size_t>> ranges{{begin, end}};
  while (!ranges.empty()) {
    const auto [b, e] = ranges.back();
    ranges.pop_back();
    if (e - b <= 1) continue;
    // Split on the wider side of the range's bounding box, at the median.
    model::BBox box;
    for (std::size_t i = b; i < e; ++i) box.expand(m_nodes[i].point);
    const std::uint8_t axis = box.width() >= box.height() ? 0 : 1;
    const std::size_t mid = b + (e - b) / 2;
    const auto key = [axis](const Node& n) { return axis == 0 ? n.point.x : n.point.y; };
    std::nth_element(m_nodes.begin() + static_cast<std::ptrdiff_t>(b), m_nodes.begin() + static_cast<std::ptrdiff_t>(mid),
                     m_nodes.begin() + static_cast<std::ptrdiff_t>(e),
                     [&](const Node& x, const Node& y) { return key(x) < key(y) || (key(x) == key(y) && x.index < y.index); });
    m_nodes[mid].axis = axis;
    ranges.emplace_back(b, mid);
    ranges.emplace_back(mid + 1, e);
  }
}

void KdTree::search(std::size_t begin, std::size_t end, const model::Point& q, std::uint32_t exclude, Hit& best,
                    double& best2) const {
  while (begin < end) {
    const std::size_t mid = begin + (end - begin) / 2;
    const Node& node = m_nodes[mid];
    const model::Point& p = node.point;
    if (node.index != exclude) {
      const double d2 = (p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y);
      if (d2 < best2 || (d2 == best2 && node.index < best.index)) {
        best2 = d2;
        best.index = node.index;
      }
    }
    if (end - begin == 1) return;
    const double delta = node.axis == 0 ? q.x - p.x : q.y - p.y;
    // Near side first (loop), far side only when the splitting line is within reach (recursion).
    const auto near = delta < 0 ? std::pair{begin, mid} : std::pair{mid + 1, end};
    const auto far = delta < 0 ? std::pair{mid + 1, end} : std::pair{begin, mid};
    search(near.first, near.second, q, exclude, best, best2);
    if (delta * delta > best2) return;
    begin = far.first;
    end = far.second;
  }
}

std::optional<KdTree::Hit> KdTree::nearest(const model::Point& query, std::uint32_t exclude) const {
  Hit best;
  double best2 = std::numeric_limits<double>::infinity();
  search(0, m_nodes.size(), query, exclude, best, best2);
  if (best.index == k_none) return std::nullopt;
  best.distance = std::sqrt(best2);
  return best;
}

}  // namespace quhua::algorithms::spatial
