#include "quhua/graph/components.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace quhua::graph {

Components connected_components(const ContiguityGraph& graph, const std::vector<std::uint8_t>& in_subset) {
  const std::size_t n = graph.node_count();
  Components out;
  out.component_of.assign(n, Components::k_outside);
  std::vector<NodeId> stack;
  for (NodeId start = 0; start < n; ++start) {
    if (!in_subset[start] || out.component_of[start] != Components::k_outside) continue;
    const auto label = static_cast<std::uint32_t>(out.sizes.size());
    out.sizes.push_back(0);
    stack.push_back(start);
    out.component_of[start] = label;
    while (!stack.empty()) {
      const NodeId v = stack.back();
      stack.pop_back();
      ++out.sizes[label];
      for (NodeId w : graph.neighbors(v)) {
        if (in_subset[w] && out.component_of[w] == Components::k_outside) {
          out.component_of[w] = label;
          stack.push_back(w);
        }
      }
    }
  }
  return out;
}

Components connected_components(const ContiguityGraph& graph) {
  return connected_components(graph, std::vector<std::uint8_t>(graph.node_count(), 1));
}

Components mutual_reach(std::span<const float> cost, std::size_t n) {
  std::vector<std::uint32_t> root(n);
  std::iota(root.begin(), root.end(), 0u);
  const auto find = [&root](std::uint32_t x) {
    while (root[x] != x) x = root[x] = root[root[x]];
    return x;
  };
  for (std::size_t a = 0; a < n; ++a) {
    for (std::size_t b = a + 1; b < n; ++b) {
      if (!std::isfinite(cost[a * n + b]) || !std::isfinite(cost[b * n + a])) continue;
      const auto ra = find(static_cast<std::uint32_t>(a));
      const auto rb = find(static_cast<std::uint32_t>(b));
      if (ra != rb) root[std::max(ra, rb)] = std::min(ra, rb);  // the smaller index stays the root
    }
  }
  Components out;
  out.component_of.assign(n, Components::k_outside);
  for (std::size_t v = 0; v < n; ++v) {
    const auto r = find(static_cast<std::uint32_t>(v));
    if (out.component_of[r] == Components::k_outside) {
      out.component_of[r] = static_cast<std::uint32_t>(out.sizes.size());
      out.sizes.push_back(0);
    }
    out.component_of[v] = out.component_of[r];
    ++out.sizes[out.component_of[v]];
  }
  return out;
}

std::vector<NodeId> articulation_points(const ContiguityGraph& graph) {
  const std::size_t n = graph.node_count();
  constexpr std::uint32_t k_unvisited = 0xFFFFFFFFu;
  std::vector<std::uint32_t> order(n, k_unvisited), low(n, 0), parent(n, k_unvisited);
  std::vector<std::uint8_t> is_cut(n, 0);
  struct Frame {
    NodeId v;
    std::size_t next;  // index into neighbors(v)
    std::uint32_t children;
  };
  std::vector<Frame> stack;
  std::uint32_t counter = 0;
  for (NodeId root = 0; root < n; ++root) {
    if (order[root] != k_unvisited) continue;
    order[root] = low[root] = counter++;
    stack.push_back({root, 0, 0});
    while (!stack.empty()) {
      Frame& f = stack.back();
      const auto row = graph.neighbors(f.v);
      if (f.next < row.size()) {
        const NodeId w = row[f.next++];
        if (order[w] == k_unvisited) {
          parent[w] = f.v;
          ++f.children;
          order[w] = low[w] = counter++;
          stack.push_back({w, 0, 0});
        } else if (w != parent[f.v]) {
          low[f.v] = std::min(low[f.v], order[w]);
        }
        continue;
      }
      const Frame done = f;
      stack.pop_back();
      if (stack.empty()) {
        if (done.children > 1) is_cut[done.v] = 1;
      } else {
        const NodeId p = stack.back().v;
        low[p] = std::min(low[p], low[done.v]);
        if (stack.size() > 1 && low[done.v] >= order[p]) is_cut[p] = 1;
      }
    }
  }
  std::vector<NodeId> out;
  for (NodeId v = 0; v < n; ++v) {
    if (is_cut[v]) out.push_back(v);
  }
  return out;
}

}  // namespace quhua::graph
