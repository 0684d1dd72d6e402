#include "quhua/graph/road_graph.hpp"

#include "quhua/util/error.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace quhua::graph {
namespace {

void build_csr(std::size_t node_count, const std::vector<RoadArc>& arcs, bool reverse,
               std::vector<std::uint32_t>& offsets, std::vector<StoredArc>& stored) {
  offsets.assign(node_count + 1, 0);
  for (const auto& a : arcs) ++offsets[(reverse ? a.to : a.from) + 1];
  for (std::size_t v = 0; v < node_count; ++v) offsets[v + 1] += offsets[v];
  stored.resize(arcs.size());
  std::vector<std::uint32_t> fill(offsets.begin(), offsets.end() - 1);
  // `arcs` is sorted by (from, to): forward lists come out sorted by head; reverse lists by tail.
  for (const auto& a : arcs) {
    const NodeId key = reverse ? a.to : a.from;
    stored[fill[key]++] = {reverse ? a.from : a.to, static_cast<float>(a.travel_time_s),
                           static_cast<float>(a.length_m)};
  }
}

}  // namespace

RoadGraph RoadGraph::from_arcs(std::size_t node_count, std::vector<RoadArc> arcs) {
  if (node_count >= 0xFFFFFFFFu) throw InternalError("road graph: too many nodes");
  for (const auto& a : arcs) {
    if (a.from >= node_count || a.to >= node_count) {
      throw InternalError("road graph: arc " + std::to_string(a.from) + " -> " + std::to_string(a.to) + " outside " +
                          std::to_string(node_count) + " nodes");
    }
    if (!(a.travel_time_s >= 0) || !(a.length_m >= 0) || !std::isfinite(a.travel_time_s) ||
        !std::isfinite(a.length_m)) {
      throw InternalError("road graph: arc with a negative or invalid weight");
    }
  }
  std::erase_if(arcs, [](const RoadArc& a) { return a.from == a.to; });
  std::sort(arcs.begin(), arcs.end(), [](const RoadArc& a, const RoadArc& b) {
    if (a.from != b.from) return a.from < b.from;
    if (a.to != b.to) return a.to < b.to;
    if (a.travel_time_s != b.travel_time_s) return a.travel_time_s < b.travel_time_s;
    return a.length_m < b.length_m;
  });
  arcs.erase(std::unique(arcs.begin(), arcs.end(),
                         [](const RoadArc& a, const RoadArc& b) { return a.from == b.from && a.to == b.to; }),
             arcs.end());
  if (arcs.size() >= 0xFFFFFFFFu) throw InternalError("road graph: too many arcs");
  RoadGraph graph;
  build_csr(node_count, arcs, false, graph.m_forward_offsets, graph.m_forward);
  build_csr(node_count, arcs, true, graph.m_reverse_offsets, graph.m_reverse);
  return graph;
}

const StoredArc* RoadGraph::find_arc(NodeId u, NodeId v) const {
  const auto arcs = out_arcs(u);
  const auto it =
      std::lower_bound(arcs.begin(), arcs.end(), v, [](const StoredArc& a, NodeId x) { return a.node < x; });
  return (it != arcs.end() && it->node == v) ? &*it : nullptr;
}

StrongComponents strong_components(const RoadGraph& graph) {
  const std::size_t n = graph.node_count();
  constexpr std::uint32_t k_unvisited = 0xFFFFFFFFu;
  StrongComponents result;
  result.component_of.assign(n, k_unvisited);
  std::vector<std::uint32_t> index(n, k_unvisited), low(n, 0);
  std::vector<NodeId> stack;
  std::vector<std::uint8_t> on_stack(n, 0);
  struct Frame {
    NodeId v;
    std::uint32_t next_arc;
  };
  std::vector<Frame> frames;
  std::uint32_t counter = 0;
  for (NodeId root = 0; root < n; ++root) {
    if (index[root] != k_unvisited) continue;
    frames.push_back({root, 0});
    index[root] = low[root] = counter++;
    stack.push_back(root);
    on_stack[root] = 1;
    while (!frames.empty()) {
      Frame& frame = frames.back();
      const auto arcs = graph.out_arcs(frame.v);
      if (frame.next_arc < arcs.size()) {
        const NodeId w = arcs[frame.next_arc++].node;
        if (index[w] == k_unvisited) {
          index[w] = low[w] = counter++;
          stack.push_back(w);
          on_stack[w] = 1;
          frames.push_back({w, 0});
        } else if (on_stack[w]) {
          low[frame.v] = std::min(low[frame.v], index[w]);
        }
        continue;
      }
      const NodeId v = frame.v;
      frames.pop_back();
      if (!frames.empty()) low[frames.back().v] = std::min(low[frames.back().v], low[v]);
      if (low[v] == index[v]) {
        const auto component = static_cast<std::uint32_t>(result.sizes.size());
        std::uint32_t size = 0;
        NodeId w = 0;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[w] = 0;
          result.component_of[w] = component;
          ++size;
        } while (w != v);
        result.sizes.push_back(size);
      }
    }
  }
  for (std::uint32_t c = 1; c < result.sizes.size(); ++c) {
    if (result.sizes[c] > result.sizes[result.largest]) result.largest = c;
  }
  return result;
}

}  // namespace quhua::graph
