#include "quhua/graph/contiguity_graph.hpp"

#include <algorithm>
#include <string>

#include "quhua/util/error.hpp"

namespace quhua::graph {

ContiguityGraph ContiguityGraph::from_edges(std::size_t node_count, std::vector<Edge> edges) {
  for (auto& e : edges) {
    if (e.a >= node_count || e.b >= node_count) {
      throw InternalError("edge (" + std::to_string(e.a) + ", " + std::to_string(e.b) + ") outside node range " +
                          std::to_string(node_count));
    }
    if (e.a > e.b) std::swap(e.a, e.b);
  }
  std::erase_if(edges, [](const Edge& e) { return e.a == e.b; });
  std::sort(edges.begin(), edges.end(), [](const Edge& x, const Edge& y) {
    return x.a != y.a ? x.a < y.a : x.b != y.b ? x.b < y.b : x.shared_border_m > y.shared_border_m;
  });
  edges.erase(std::unique(edges.begin(), edges.end(), [](const Edge& x, const Edge& y) { return x.a == y.a && x.b == y.b; }),
              edges.end());

  ContiguityGraph g;
  g.m_offsets.assign(node_count + 1, 0);
  for (const auto& e : edges) {
    ++g.m_offsets[e.a + 1];
    ++g.m_offsets[e.b + 1];
  }
  for (std::size_t v = 0; v < node_count; ++v) g.m_offsets[v + 1] += g.m_offsets[v];
  g.m_targets.resize(edges.size() * 2);
  g.m_border_m.resize(edges.size() * 2);
  std::vector<std::uint32_t> cursor(g.m_offsets.begin(), g.m_offsets.end() - 1);
  // Edges are sorted by (a, b): filling in that order leaves every row sorted for the `a` side; the `b`
  // side receives its sources in increasing a as well, so rows come out sorted without another pass.
  for (const auto& e : edges) {
    g.m_targets[cursor[e.a]] = e.b;
    g.m_border_m[cursor[e.a]++] = e.shared_border_m;
    g.m_targets[cursor[e.b]] = e.a;
    g.m_border_m[cursor[e.b]++] = e.shared_border_m;
  }
  // Row v holds first its smaller neighbours (as `b` of edges with a < v) interleaved with larger
  // ones in edge order; sort each row to be safe (cheap: rows are short).
  for (std::size_t v = 0; v < node_count; ++v) {
    const auto begin = g.m_offsets[v];
    const auto end = g.m_offsets[v + 1];
    if (std::is_sorted(g.m_targets.begin() + begin, g.m_targets.begin() + end)) continue;
    std::vector<std::pair<NodeId, double>> row;
    for (auto k = begin; k < end; ++k) row.emplace_back(g.m_targets[k], g.m_border_m[k]);
    std::sort(row.begin(), row.end());
    for (auto k = begin; k < end; ++k) {
      g.m_targets[k] = row[k - begin].first;
      g.m_border_m[k] = row[k - begin].second;
    }
  }
  return g;
}

bool ContiguityGraph::adjacent(NodeId a, NodeId b) const { return shared_border(a, b) >= 0; }

double ContiguityGraph::shared_border(NodeId a, NodeId b) const {
  const auto row = neighbors(a);
  const auto it = std::lower_bound(row.begin(), row.end(), b);
  if (it == row.end() || *it != b) return -1;
  return m_border_m[m_offsets[a] + static_cast<std::size_t>(it - row.begin())];
}

std::vector<Edge> ContiguityGraph::edges() const {
  std::vector<Edge> out;
  out.reserve(edge_count());
  for (NodeId v = 0; v < node_count(); ++v) {
    for (auto k = m_offsets[v]; k < m_offsets[v + 1]; ++k) {
      if (m_targets[k] > v) out.push_back({v, m_targets[k], m_border_m[k]});
    }
  }
  return out;
}

}  // namespace quhua::graph
