#include "quhua/graph/travel_matrix.hpp"

#include <algorithm>
#include <atomic>
#include <functional>
#include <queue>
#include <thread>

namespace quhua::graph {
namespace {

constexpr std::uint32_t k_absent = 0xFFFFFFFFu;

/// A 4-ary min-heap of nodes keyed by tentative cost, with positions for decrease-key. Shallower
/// than a binary heap, and its four children share a cache line.
class QuaternaryHeap {
 public:
  explicit QuaternaryHeap(std::size_t node_count) : m_position(node_count, k_absent) {}

  bool empty() const { return m_entries.empty(); }
  void push_or_decrease(NodeId v, double key) {
    std::uint32_t at = m_position[v];
    if (at == k_absent) {
      at = static_cast<std::uint32_t>(m_entries.size());
      m_entries.push_back({key, v});
    } else {
      m_entries[at].key = key;
    }
    sift_up(at);
  }
  /// Removes and returns the entry with the least key.
  std::pair<NodeId, double> pop() {
    const Entry top = m_entries.front();
    m_position[top.node] = k_absent;
    const Entry last = m_entries.back();
    m_entries.pop_back();
    if (!m_entries.empty()) {
      m_entries.front() = last;
      m_position[last.node] = 0;
      sift_down(0);
    }
    return {top.node, top.key};
  }
  void clear() {
    for (const auto& e : m_entries) m_position[e.node] = k_absent;
    m_entries.clear();
  }

 private:
  struct Entry {
    double key;
    NodeId node;
  };
  void sift_up(std::uint32_t at) {
    const Entry moving = m_entries[at];
    while (at > 0) {
      const std::uint32_t parent = (at - 1) / 4;
      if (m_entries[parent].key <= moving.key) break;
      m_entries[at] = m_entries[parent];
      m_position[m_entries[at].node] = at;
      at = parent;
    }
    m_entries[at] = moving;
    m_position[moving.node] = at;
  }
  void sift_down(std::uint32_t at) {
    const Entry moving = m_entries[at];
    const auto size = static_cast<std::uint32_t>(m_entries.size());
    for (;;) {
      const std::uint32_t first = 4 * at + 1;
      if (first >= size) break;
      std::uint32_t best = first;
      const std::uint32_t last = std::min(first + 4, size);
      for (std::uint32_t c = first + 1; c < last; ++c) {
        if (m_entries[c].key < m_entries[best].key) best = c;
      }
      if (m_entries[best].key >= moving.key) break;
      m_entries[at] = m_entries[best];
      m_position[m_entries[at].node] = at;
      at = best;
    }
    m_entries[at] = moving;
    m_position[moving.node] = at;
  }

  std::vector<Entry> m_entries;
  std::vector<std::uint32_t> m_position;
};

/// Per-thread search state: tentative costs valid where the stamp matches the current search, so no
/// O(V) reset between searches.
class SearchSpace {
 public:
  explicit SearchSpace(std::size_t node_count)
      : m_cost(node_count, k_no_path), m_stamp(node_count, 0), m_heap(node_count) {}

  double cost(NodeId v) const { return m_stamp[v] == m_current ? m_cost[v] : k_no_path; }

  /// Dijkstra from `seeds` (node, initial cost) until every node with needed[v] is settled, the
  /// least key passes max_cost, or the reachable part is exhausted.
  template <typename Arcs>
  void run(std::span<const std::pair<NodeId, double>> seeds, Arcs arcs_of, Metric metric, double max_cost,
           const std::vector<std::uint8_t>& needed, std::size_t needed_total) {
    if (++m_current == 0) {
      std::fill(m_stamp.begin(), m_stamp.end(), 0);
      m_current = 1;
    }
    m_heap.clear();
    for (const auto& [node, cost] : seeds) relax(node, cost);
    std::size_t settled_needed = 0;
    while (!m_heap.empty()) {
      const auto [v, d] = m_heap.pop();
      if (d > max_cost) break;
      if (needed[v] && ++settled_needed == needed_total) break;
      for (const StoredArc& arc : arcs_of(v)) relax(arc.node, d + arc_weight(arc, metric));
    }
  }

 private:
  void relax(NodeId v, double cost) {
    if (m_stamp[v] != m_current) {
      m_stamp[v] = m_current;
      m_cost[v] = cost;
      m_heap.push_or_decrease(v, cost);
    } else if (cost < m_cost[v]) {
      m_cost[v] = cost;
      m_heap.push_or_decrease(v, cost);
    }
  }

  std::vector<double> m_cost;
  std::vector<std::uint32_t> m_stamp;
  std::uint32_t m_current = 0;
  QuaternaryHeap m_heap;
};

double link_cost(const Attachment::Link& link, Metric metric) {
  return metric == Metric::travel_time ? link.travel_time_s : link.length_m;
}

}  // namespace

double along_piece_cost(const Attachment& a, const Attachment& b, Metric metric) {
  if (a.piece == k_no_edge || a.piece != b.piece) return k_no_path;
  const bool time = metric == Metric::travel_time;
  const double forward = time ? a.forward_time_s : a.forward_length_m;
  const double backward = time ? a.backward_time_s : a.backward_length_m;
  const double access = time ? a.access_time_s + b.access_time_s : a.access_length_m + b.access_length_m;
  double best = k_no_path;
  if (b.fraction >= a.fraction && forward < k_no_path) best = (b.fraction - a.fraction) * forward + access;
  if (b.fraction <= a.fraction && backward < k_no_path)
    best = std::min(best, (a.fraction - b.fraction) * backward + access);
  return best;
}

Attachment Attachment::at_node(NodeId v) {
  Attachment a;
  a.departures[0] = {v, 0, 0};
  a.arrivals[0] = {v, 0, 0};
  a.departure_count = a.arrival_count = 1;
  return a;
}

Attachment Attachment::on_piece(std::uint32_t piece, NodeId u, NodeId v, double fraction, double forward_time_s,
                                double backward_time_s, double forward_length_m, double backward_length_m,
                                double access_time_s, double access_length_m) {
  Attachment a;
  a.piece = piece;
  a.fraction = std::clamp(fraction, 0.0, 1.0);
  a.forward_time_s = forward_time_s;
  a.backward_time_s = backward_time_s;
  a.forward_length_m = forward_length_m;
  a.backward_length_m = backward_length_m;
  a.access_time_s = access_time_s;
  a.access_length_m = access_length_m;
  const double f = a.fraction;
  if (forward_time_s < k_no_path) {
    a.departures[a.departure_count++] = {v, access_time_s + (1 - f) * forward_time_s,
                                         access_length_m + (1 - f) * forward_length_m};
    a.arrivals[a.arrival_count++] = {u, f * forward_time_s + access_time_s, f * forward_length_m + access_length_m};
  }
  if (backward_time_s < k_no_path) {
    a.departures[a.departure_count++] = {u, access_time_s + f * backward_time_s,
                                         access_length_m + f * backward_length_m};
    a.arrivals[a.arrival_count++] = {v, (1 - f) * backward_time_s + access_time_s,
                                     (1 - f) * backward_length_m + access_length_m};
  }
  return a;
}

Matrix travel_matrix(const RoadGraph& graph, std::span<const Attachment> from, std::span<const Attachment> to,
                     const MatrixOptions& options, RunControl& control, bool* complete) {
  Matrix out;
  out.rows = from.size();
  out.cols = to.size();
  out.values.assign(out.rows * out.cols, k_no_path);
  if (complete) *complete = true;
  if (from.empty() || to.empty()) return out;

  // Search from the smaller side: forward from origins, or backward (reverse arcs) from destinations.
  const bool backward = to.size() < from.size();
  const auto searched = backward ? to : from;
  const auto other = backward ? from : to;
  const Metric metric = options.metric;
  const std::size_t n = graph.node_count();

  std::vector<std::uint8_t> needed(n, 0);
  std::size_t needed_total = 0;
  for (const auto& a : other) {
    const auto& links = backward ? a.departures : a.arrivals;
    const auto count = backward ? a.departure_count : a.arrival_count;
    for (std::uint8_t k = 0; k < count; ++k) {
      if (!needed[links[k].node]) {
        needed[links[k].node] = 1;
        ++needed_total;
      }
    }
  }

  std::atomic<std::size_t> next{0};
  std::atomic<bool> stopped{false};
  auto worker = [&] {
    SearchSpace space(n);
    std::vector<std::pair<NodeId, double>> seeds;
    for (;;) {
      const std::size_t s = next.fetch_add(1);
      if (s >= searched.size()) return;
      if (control.should_stop()) {
        stopped = true;
        return;
      }
      const Attachment& origin = searched[s];
      seeds.clear();
      const auto& links = backward ? origin.arrivals : origin.departures;
      const auto count = backward ? origin.arrival_count : origin.departure_count;
      for (std::uint8_t k = 0; k < count; ++k) seeds.emplace_back(links[k].node, link_cost(links[k], metric));
      if (seeds.empty()) continue;
      if (backward) {
        space.run(
            seeds, [&](NodeId v) { return graph.in_arcs(v); }, metric, options.max_cost, needed, needed_total);
      } else {
        space.run(
            seeds, [&](NodeId v) { return graph.out_arcs(v); }, metric, options.max_cost, needed, needed_total);
      }
      for (std::size_t t = 0; t < other.size(); ++t) {
        const Attachment& target = other[t];
        const auto& target_links = backward ? target.departures : target.arrivals;
        const auto target_count = backward ? target.departure_count : target.arrival_count;
        double best = backward ? along_piece_cost(target, origin, metric) : along_piece_cost(origin, target, metric);
        for (std::uint8_t k = 0; k < target_count; ++k) {
          best = std::min(best, space.cost(target_links[k].node) + link_cost(target_links[k], metric));
        }
        if (best > options.max_cost) best = k_no_path;
        if (backward) {
          out.values[t * out.cols + s] = best;
        } else {
          out.values[s * out.cols + t] = best;
        }
      }
    }
  };
  int threads = options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency());
  threads = std::clamp(threads, 1, static_cast<int>(std::max<std::size_t>(1, searched.size())));
  if (threads == 1) {
    worker();
  } else {
    std::vector<std::jthread> pool;
    pool.reserve(static_cast<std::size_t>(threads));
    for (int k = 0; k < threads; ++k) pool.emplace_back(worker);
  }
  if (complete) *complete = !stopped;
  return out;
}

std::vector<double> dijkstra(const RoadGraph& graph, NodeId source, Metric metric) {
  std::vector<double> cost(graph.node_count(), k_no_path);
  using Item = std::pair<double, NodeId>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
  cost[source] = 0;
  queue.emplace(0.0, source);
  while (!queue.empty()) {
    const auto [d, v] = queue.top();
    queue.pop();
    if (d > cost[v]) continue;
    for (const StoredArc& arc : graph.out_arcs(v)) {
      const double nd = d + arc_weight(arc, metric);
      if (nd < cost[arc.node]) {
        cost[arc.node] = nd;
        queue.emplace(nd, arc.node);
      }
    }
  }
  return cost;
}

}  // namespace quhua::graph
