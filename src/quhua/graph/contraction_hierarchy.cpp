#include "quhua/graph/contraction_hierarchy.hpp"

#include "quhua/util/error.hpp"

#include <algorithm>
#include <atomic>
#include <functional>
#include <queue>
#include <thread>

namespace quhua::graph {
namespace {

struct DynamicEdge {
  NodeId node;
  double weight;
};

/// Settled-node limits of the witness searches: small while estimating priorities, larger when a
/// node is really contracted (a missed witness only costs an unneeded shortcut, never a wrong answer).
constexpr std::size_t k_estimate_settled = 60;
constexpr std::size_t k_contract_settled = 500;

class Contractor {
 public:
  Contractor(const RoadGraph& graph, Metric metric)
      : m_n(graph.node_count()),
        m_out(m_n),
        m_in(m_n),
        m_contracted(m_n, 0),
        m_deleted(m_n, 0),
        m_dist(m_n, k_no_path),
        m_stamp(m_n, 0) {
    for (NodeId v = 0; v < m_n; ++v) {
      for (const StoredArc& arc : graph.out_arcs(v)) {
        m_out[v].push_back({arc.node, arc_weight(arc, metric)});
        m_in[arc.node].push_back({v, arc_weight(arc, metric)});
      }
    }
  }

  /// Shortcuts contracting v needs (u -> w with weight), with the given witness limit.
  std::vector<std::pair<std::pair<NodeId, NodeId>, double>> shortcuts(NodeId v, std::size_t settled_limit) {
    std::vector<std::pair<std::pair<NodeId, NodeId>, double>> out;
    double max_out = 0;
    for (const auto& e : m_out[v]) max_out = std::max(max_out, e.weight);
    for (const auto& in : m_in[v]) {
      const NodeId u = in.node;
      witness_search(u, v, in.weight + max_out, settled_limit);
      for (const auto& e : m_out[v]) {
        if (e.node == u) continue;
        const double via = in.weight + e.weight;
        if (distance(e.node) <= via) continue;  // a witness at most as long: no shortcut
        out.push_back({{u, e.node}, via});
      }
    }
    return out;
  }

  /// Edge difference plus contracted neighbours: the classic importance of a node.
  int priority(NodeId v) {
    const auto needed = static_cast<int>(shortcuts(v, k_estimate_settled).size());
    const auto degree = static_cast<int>(m_in[v].size() + m_out[v].size());
    return 2 * (needed - degree) + static_cast<int>(m_deleted[v]);
  }

  /// Contracts v: its remaining edges become its upward edges, shortcuts join its neighbours.
  void contract(NodeId v, std::vector<DynamicEdge>& up, std::vector<DynamicEdge>& down, std::size_t& added) {
    const auto cuts = shortcuts(v, k_contract_settled);
    up = m_out[v];
    down = m_in[v];
    m_contracted[v] = 1;
    for (const auto& e : m_out[v]) {
      std::erase_if(m_in[e.node], [v](const DynamicEdge& x) { return x.node == v; });
      ++m_deleted[e.node];
    }
    for (const auto& e : m_in[v]) {
      std::erase_if(m_out[e.node], [v](const DynamicEdge& x) { return x.node == v; });
      ++m_deleted[e.node];
    }
    m_out[v].clear();
    m_in[v].clear();
    for (const auto& [ends, weight] : cuts) {
      const auto [u, w] = ends;
      if (add_or_lower(m_out[u], w, weight)) ++added;
      add_or_lower(m_in[w], u, weight);
    }
  }

  bool contracted(NodeId v) const { return m_contracted[v] != 0; }

 private:
  /// True when a new edge was added (false when an existing one was lowered or kept).
  static bool add_or_lower(std::vector<DynamicEdge>& edges, NodeId node, double weight) {
    for (auto& e : edges) {
      if (e.node == node) {
        e.weight = std::min(e.weight, weight);
        return false;
      }
    }
    edges.push_back({node, weight});
    return true;
  }

  double distance(NodeId v) const { return m_stamp[v] == m_current ? m_dist[v] : k_no_path; }

  /// Dijkstra from `source` over uncontracted nodes other than `skip`, up to `limit` or
  /// `settled_limit` settled nodes.
  void witness_search(NodeId source, NodeId skip, double limit, std::size_t settled_limit) {
    if (++m_current == 0) {
      std::fill(m_stamp.begin(), m_stamp.end(), 0);
      m_current = 1;
    }
    using Item = std::pair<double, NodeId>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
    m_stamp[source] = m_current;
    m_dist[source] = 0;
    queue.emplace(0.0, source);
    std::size_t settled = 0;
    while (!queue.empty() && settled < settled_limit) {
      const auto [d, x] = queue.top();
      queue.pop();
      if (d > distance(x)) continue;
      if (d > limit) break;
      ++settled;
      for (const auto& e : m_out[x]) {
        if (e.node == skip) continue;
        const double nd = d + e.weight;
        if (nd < distance(e.node)) {
          m_stamp[e.node] = m_current;
          m_dist[e.node] = nd;
          queue.emplace(nd, e.node);
        }
      }
    }
  }

  std::size_t m_n;
  std::vector<std::vector<DynamicEdge>> m_out, m_in;
  std::vector<std::uint8_t> m_contracted;
  std::vector<std::uint32_t> m_deleted;
  std::vector<double> m_dist;
  std::vector<std::uint32_t> m_stamp;
  std::uint32_t m_current = 0;
};

/// Upward Dijkstra over one direction's edges from seeds; calls visit(node, cost) per settled node.
template <typename Edges, typename Visit>
void upward_search(std::span<const std::pair<NodeId, double>> seeds, Edges edges_of, double max_cost,
                   std::vector<double>& dist, std::vector<std::uint32_t>& stamp, std::uint32_t current,
                   std::vector<std::pair<double, NodeId>>& heap, Visit visit) {
  heap.clear();
  auto cost = [&](NodeId v) { return stamp[v] == current ? dist[v] : k_no_path; };
  auto push = [&](NodeId v, double d) {
    if (d >= cost(v)) return;
    stamp[v] = current;
    dist[v] = d;
    heap.emplace_back(d, v);
    std::push_heap(heap.begin(), heap.end(), std::greater<>());
  };
  for (const auto& [node, c] : seeds) push(node, c);
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), std::greater<>());
    const auto [d, v] = heap.back();
    heap.pop_back();
    if (d > cost(v)) continue;
    if (d > max_cost) break;
    visit(v, d);
    for (const auto& e : edges_of(v)) push(e.node, d + e.weight);
  }
}

}  // namespace

ContractionHierarchy ContractionHierarchy::build(const RoadGraph& graph, Metric metric, RunControl& control) {
  const std::size_t n = graph.node_count();
  Contractor contractor(graph, metric);
  using Item = std::pair<int, NodeId>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
  for (NodeId v = 0; v < n; ++v) queue.emplace(contractor.priority(v), v);
  std::vector<std::vector<DynamicEdge>> up(n), down(n);
  ContractionHierarchy ch;
  ch.m_metric = metric;
  ch.m_rank.assign(n, 0);
  std::uint32_t next_rank = 0;
  while (!queue.empty()) {
    if ((next_rank & 1023) == 0 && control.should_stop()) return {};
    const auto [p, v] = queue.top();
    queue.pop();
    if (contractor.contracted(v)) continue;
    // Lazy update: recompute; if it is no longer the least important, put it back.
    const int now = contractor.priority(v);
    if (!queue.empty() && now > queue.top().first) {
      queue.emplace(now, v);
      continue;
    }
    contractor.contract(v, up[v], down[v], ch.m_shortcuts);
    ch.m_rank[v] = next_rank++;
  }
  auto flatten = [n](const std::vector<std::vector<DynamicEdge>>& lists, std::vector<std::uint32_t>& offsets,
                     std::vector<UpEdge>& edges) {
    offsets.assign(n + 1, 0);
    for (std::size_t v = 0; v < n; ++v) offsets[v + 1] = offsets[v] + static_cast<std::uint32_t>(lists[v].size());
    edges.reserve(offsets[n]);
    for (std::size_t v = 0; v < n; ++v) {
      for (const auto& e : lists[v]) edges.push_back({e.node, e.weight});
    }
  };
  flatten(up, ch.m_up_offsets, ch.m_up);
  flatten(down, ch.m_down_offsets, ch.m_down);
  return ch;
}

Matrix ContractionHierarchy::matrix(std::span<const Attachment> from, std::span<const Attachment> to,
                                    const MatrixOptions& options, RunControl& control, bool* complete) const {
  // The shortcuts were built for one metric; queries in the other would mix seconds and metres.
  if (options.metric != m_metric) throw InternalError("contraction hierarchy queried in a metric it was not built for");
  Matrix out;
  out.rows = from.size();
  out.cols = to.size();
  out.values.assign(out.rows * out.cols, k_no_path);
  if (complete) *complete = true;
  if (from.empty() || to.empty() || !valid()) return out;
  const Metric metric = m_metric;
  const std::size_t n = node_count();
  auto link_cost = [metric](const Attachment::Link& l) {
    return metric == Metric::travel_time ? l.travel_time_s : l.length_m;
  };
  auto up_edges = [this](NodeId v) {
    return std::span<const UpEdge>(m_up.data() + m_up_offsets[v], m_up.data() + m_up_offsets[v + 1]);
  };
  auto down_edges = [this](NodeId v) {
    return std::span<const UpEdge>(m_down.data() + m_down_offsets[v], m_down.data() + m_down_offsets[v + 1]);
  };

  // Backward searches from the destinations fill the buckets (node -> (destination, cost)).
  struct Entry {
    NodeId node;
    std::uint32_t target;
    double cost;
  };
  std::vector<Entry> entries;
  {
    std::vector<double> dist(n, k_no_path);
    std::vector<std::uint32_t> stamp(n, 0);
    std::vector<std::pair<double, NodeId>> heap;
    std::vector<std::pair<NodeId, double>> seeds;
    for (std::uint32_t t = 0; t < to.size(); ++t) {
      seeds.clear();
      for (std::uint8_t k = 0; k < to[t].arrival_count; ++k)
        seeds.emplace_back(to[t].arrivals[k].node, link_cost(to[t].arrivals[k]));
      upward_search(seeds, down_edges, options.max_cost, dist, stamp, t + 1, heap, [&](NodeId v, double d) {
        entries.push_back({v, t, d});
      });
    }
  }
  std::vector<std::uint32_t> bucket_start(n + 1, 0);
  for (const auto& e : entries) ++bucket_start[e.node + 1];
  for (std::size_t v = 0; v < n; ++v) bucket_start[v + 1] += bucket_start[v];
  std::vector<std::pair<std::uint32_t, double>> buckets(entries.size());
  {
    std::vector<std::uint32_t> fill(bucket_start.begin(), bucket_start.end() - 1);
    for (const auto& e : entries) buckets[fill[e.node]++] = {e.target, e.cost};
  }
  entries = {};

  // Forward searches from the origins scan the buckets; one row per origin, any thread.
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stopped{false};
  auto worker = [&] {
    std::vector<double> dist(n, k_no_path);
    std::vector<std::uint32_t> stamp(n, 0);
    std::vector<std::pair<double, NodeId>> heap;
    std::vector<std::pair<NodeId, double>> seeds;
    std::uint32_t current = 0;
    for (;;) {
      const std::size_t s = next.fetch_add(1);
      if (s >= from.size()) return;
      if (control.should_stop()) {
        stopped = true;
        return;
      }
      double* row = out.values.data() + s * out.cols;
      seeds.clear();
      for (std::uint8_t k = 0; k < from[s].departure_count; ++k) {
        seeds.emplace_back(from[s].departures[k].node, link_cost(from[s].departures[k]));
      }
      if (++current == 0) {
        std::fill(stamp.begin(), stamp.end(), 0);
        current = 1;
      }
      upward_search(seeds, up_edges, options.max_cost, dist, stamp, current, heap, [&](NodeId v, double d) {
        for (std::uint32_t b = bucket_start[v]; b < bucket_start[v + 1]; ++b) {
          const auto& [t, c] = buckets[b];
          row[t] = std::min(row[t], d + c);
        }
      });
      for (std::size_t t = 0; t < out.cols; ++t) {
        row[t] = std::min(row[t], along_piece_cost(from[s], to[t], metric));  // both on one road piece
        if (row[t] > options.max_cost) row[t] = k_no_path;
      }
    }
  };
  int threads = options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency());
  threads = std::clamp(threads, 1, static_cast<int>(std::max<std::size_t>(1, from.size())));
  if (threads == 1) {
    worker();
  } else {
    std::vector<std::jthread> pool;
    for (int k = 0; k < threads; ++k) pool.emplace_back(worker);
  }
  if (complete) *complete = !stopped;
  return out;
}

}  // namespace quhua::graph
