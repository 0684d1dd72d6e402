#include "quhua/report/palette.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace quhua::report {

std::vector<std::string> sequential_palette(std::size_t classes, bool blues) {
  // ColorBrewer (Cynthia Brewer, colorbrewer2.org) 7-class YlOrRd and Blues; subsets for fewer classes.
  static const std::vector<std::string> k_ylorrd{"#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#b10026"};
  static const std::vector<std::string> k_blues{"#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"};
  const auto& base = blues ? k_blues : k_ylorrd;
  classes = std::clamp<std::size_t>(classes, 1, base.size());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < classes; ++i) {
    const std::size_t index = classes == 1 ? base.size() / 2 : i * (base.size() - 1) / (classes - 1);
    out.push_back(base[index]);
  }
  return out;
}

const std::vector<std::string>& qualitative_palette() {
  // ColorBrewer Set3-like pastels, darkened slightly so white borders stay visible.
  static const std::vector<std::string> k_colors{"#8dd3c7", "#f6e58d", "#bebada", "#fb8072", "#80b1d3",
                                                 "#fdb462", "#b3de69", "#fccde5", "#c7c7c7", "#bc80bd"};
  return k_colors;
}

std::vector<double> quantile_breaks(std::vector<double> values, std::size_t classes) {
  std::erase_if(values, [](double v) { return !std::isfinite(v); });
  std::vector<double> breaks;
  if (values.empty() || classes == 0) return breaks;
  std::sort(values.begin(), values.end());
  for (std::size_t k = 1; k <= classes; ++k) {
    const std::size_t index = std::min(values.size() - 1, (k * values.size() + classes - 1) / classes - 1);
    if (breaks.empty() || values[index] > breaks.back()) breaks.push_back(values[index]);
  }
  return breaks;
}

std::size_t class_of(double value, const std::vector<double>& breaks) {
  for (std::size_t i = 0; i < breaks.size(); ++i) {
    if (value <= breaks[i]) return i;
  }
  return breaks.empty() ? 0 : breaks.size() - 1;
}

std::vector<std::uint32_t> greedy_coloring(const graph::ContiguityGraph& graph) {
  const std::size_t n = graph.node_count();
  std::vector<graph::NodeId> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return graph.degree(a) > graph.degree(b); });
  constexpr std::uint32_t k_none = 0xFFFFFFFFu;
  std::vector<std::uint32_t> color(n, k_none);
  std::vector<std::uint8_t> used;
  for (const auto v : order) {
    used.assign(graph.degree(v) + 1, 0);
    for (const auto w : graph.neighbors(v)) {
      if (color[w] != k_none && color[w] < used.size()) used[color[w]] = 1;
    }
    std::uint32_t c = 0;
    while (used[c]) ++c;
    color[v] = c;
  }
  return color;
}

}  // namespace quhua::report
