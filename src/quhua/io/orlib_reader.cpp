#include "quhua/io/orlib_reader.hpp"

#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

namespace quhua::io {
namespace {

/// The file's non-blank lines split into numbers, each with its 1-based line number.
struct NumberLines {
  std::vector<std::vector<double>> lines;
  std::vector<std::size_t> line_numbers;
};

NumberLines read_number_lines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw InputError(ErrorCode::input_missing, "cannot open the OR-Library file", ErrorContext{path, "", "", ""});
  NumberLines out;
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    std::vector<double> values;
    std::istringstream tokens(line);
    std::string token;
    while (tokens >> token) {
      const auto value = util::parse_double(token);
      if (!value || token.find(',') != std::string::npos) {
        throw InputError(ErrorCode::input_format, "'" + token + "' is not a number",
                         ErrorContext{path, "", "line " + std::to_string(number), ""});
      }
      values.push_back(*value);
    }
    if (values.empty()) continue;
    out.lines.push_back(std::move(values));
    out.line_numbers.push_back(number);
  }
  if (out.lines.empty()) throw InputError(ErrorCode::input_format, "the file is empty", ErrorContext{path, "", "", ""});
  return out;
}

ErrorContext at_line(const std::string& path, std::size_t line) {
  return ErrorContext{path, "", "line " + std::to_string(line), ""};
}

std::size_t whole(double value, const std::string& what, const std::string& path, std::size_t line) {
  if (value < 0 || value != std::floor(value) || value > 1e9) {
    throw InputError(ErrorCode::input_value, what + " must be a whole number, not " + util::fixed(value, 3),
                     at_line(path, line));
  }
  return static_cast<std::size_t>(value);
}

using EdgeCosts = std::map<std::pair<std::size_t, std::size_t>, double>;

/// Refuses a graph in more than one piece (naming how many vertices vertex 1 cannot reach: a p-median
/// over it would leave them out of the objective) and edge costs whose sum overflows (a shortest path
/// could). O(n + m) by union-find; n <= 2m here, so bounded by the file.
void check_connected(std::size_t n, const EdgeCosts& cost, const std::string& path) {
  std::vector<std::size_t> parent(n);
  for (std::size_t v = 0; v < n; ++v) parent[v] = v;
  auto root = [&](std::size_t v) {
    while (parent[v] != v) v = parent[v] = parent[parent[v]];
    return v;
  };
  double total = 0;
  for (const auto& [key, c] : cost) {
    parent[root(key.first)] = root(key.second);
    total += c;
  }
  if (!(total <= 1e300)) {
    throw InputError(ErrorCode::input_value,
                     "the edge costs sum to more than 1e300: path lengths would overflow; rescale the costs",
                     ErrorContext{path, "", "", ""});
  }
  if (n == 0) return;
  const std::size_t first = root(0);
  std::size_t unreachable = 0;
  for (std::size_t v = 0; v < n; ++v) unreachable += root(v) == first ? 0 : 1;
  if (unreachable > 0) {
    throw InputError(ErrorCode::input_value,
                     "the graph is not connected: " + std::to_string(unreachable) + " of " + std::to_string(n) +
                         " vertices cannot be reached from vertex 1, and a p-median objective would leave them out",
                     ErrorContext{path, "", "", ""});
  }
}

}  // namespace

OrlibKind detect_orlib_kind(const std::string& path) {
  const auto data = read_number_lines(path);
  const std::size_t first = data.lines.front().size();
  if (first == 3) return OrlibKind::p_median;
  if (first == 2) return OrlibKind::capacitated;
  throw InputError(ErrorCode::input_format,
                   "not an OR-Library pmed file (first line 'n m p') nor a pmedcap file (first line 'K best')",
                   at_line(path, data.line_numbers.front()));
}

OrlibPMedian read_orlib_p_median(const std::string& path) {
  const auto data = read_number_lines(path);
  const auto& head = data.lines.front();
  if (head.size() != 3) {
    throw InputError(ErrorCode::input_format, "the first line must be 'n m p'", at_line(path, data.line_numbers[0]));
  }
  OrlibPMedian out;
  out.vertex_count = whole(head[0], "n", path, data.line_numbers[0]);
  out.edge_lines = whole(head[1], "m", path, data.line_numbers[0]);
  out.p = whole(head[2], "p", path, data.line_numbers[0]);
  if (out.vertex_count == 0)
    throw InputError(ErrorCode::input_value, "n must be at least 1", at_line(path, data.line_numbers[0]));
  if (data.lines.size() - 1 < out.edge_lines) {
    throw InputError(
        ErrorCode::input_format,
        "announces " + std::to_string(out.edge_lines) + " edges but has " + std::to_string(data.lines.size() - 1),
        ErrorContext{path, "", "", ""});
  }
  // A connected graph on n vertices has at least n - 1 edges, and the file must hold them. Checked
  // before anything is sized by n, so a two-line file announcing 10^9 vertices is refused at once
  // instead of allocating for them.
  if (out.vertex_count - 1 > out.edge_lines) {
    throw InputError(ErrorCode::input_value,
                     "announces " + std::to_string(out.vertex_count) + " vertices but only " +
                         std::to_string(out.edge_lines) +
                         " edges: a connected graph on n vertices needs at least n - 1",
                     at_line(path, data.line_numbers[0]));
  }
  // Beasley's convention: c(i,j) = c(j,i) = cost for each line in order, a later line for the same
  // pair replacing an earlier one.
  EdgeCosts cost;
  for (std::size_t k = 1; k <= out.edge_lines; ++k) {
    const auto& line = data.lines[k];
    const std::size_t number = data.line_numbers[k];
    if (line.size() != 3)
      throw InputError(ErrorCode::input_format, "an edge line must be 'i j cost'", at_line(path, number));
    const std::size_t i = whole(line[0], "vertex i", path, number);
    const std::size_t j = whole(line[1], "vertex j", path, number);
    if (i < 1 || j < 1 || i > out.vertex_count || j > out.vertex_count) {
      throw InputError(ErrorCode::input_value, "vertex outside 1.." + std::to_string(out.vertex_count),
                       at_line(path, number));
    }
    if (!(line[2] >= 0)) throw InputError(ErrorCode::input_value, "negative edge cost", at_line(path, number));
    const std::pair<std::size_t, std::size_t> key{std::min(i, j) - 1, std::max(i, j) - 1};
    if (!cost.emplace(key, line[2]).second) {
      cost[key] = line[2];
      ++out.overwritten_edges;
    }
  }
  check_connected(out.vertex_count, cost, path);
  for (const auto& [key, c] : cost) {
    const auto a = static_cast<graph::NodeId>(key.first);
    const auto b = static_cast<graph::NodeId>(key.second);
    out.arcs.push_back({a, b, c, c});
    out.arcs.push_back({b, a, c, c});
  }
  return out;
}

OrlibCapacitated read_orlib_capacitated(const std::string& path) {
  const auto data = read_number_lines(path);
  if (data.lines.size() < 2 || data.lines[0].size() != 2 || data.lines[1].size() != 3) {
    throw InputError(ErrorCode::input_format, "a pmedcap file starts with 'K best' and 'n p Q'",
                     at_line(path, data.line_numbers[0]));
  }
  OrlibCapacitated out;
  out.instance = static_cast<int>(whole(data.lines[0][0], "K", path, data.line_numbers[0]));
  out.best_known = data.lines[0][1];
  const std::size_t n = whole(data.lines[1][0], "n", path, data.line_numbers[1]);
  out.p = whole(data.lines[1][1], "p", path, data.line_numbers[1]);
  out.capacity = data.lines[1][2];
  if (!(out.capacity > 0))
    throw InputError(ErrorCode::input_value, "capacity Q must be positive", at_line(path, data.line_numbers[1]));
  if (data.lines.size() - 2 < n) {
    throw InputError(ErrorCode::input_format,
                     "announces " + std::to_string(n) + " points but has " + std::to_string(data.lines.size() - 2),
                     ErrorContext{path, "", "", ""});
  }
  for (std::size_t k = 2; k < 2 + n; ++k) {
    const auto& line = data.lines[k];
    if (line.size() != 4) {
      throw InputError(ErrorCode::input_format, "a point line must be 'id x y demand'",
                       at_line(path, data.line_numbers[k]));
    }
    if (!(line[3] >= 0))
      throw InputError(ErrorCode::input_value, "negative demand", at_line(path, data.line_numbers[k]));
    if (!(std::abs(line[1]) <= 1e150 && std::abs(line[2]) <= 1e150)) {
      throw InputError(ErrorCode::input_value, "a coordinate beyond +-1e150: distances would overflow",
                       at_line(path, data.line_numbers[k]));
    }
    out.points.push_back({line[1], line[2]});
    out.demand.push_back(line[3]);
  }
  return out;
}

}  // namespace quhua::io
