// service facilities: the OR-Library instances (pmed, pmedcap) solved end to end.
#include "quhua/algorithms/facility/capacitated_p_median.hpp"
#include "quhua/algorithms/facility/p_median.hpp"
#include "quhua/exact/facility_models.hpp"
#include "quhua/graph/travel_matrix.hpp"
#include "quhua/service/facilities.hpp"
#include "quhua/util/error.hpp"
#include "quhua/util/memory.hpp"

#include <chrono>
#include <cmath>

namespace quhua::service {
namespace {

/// An instance of n points needs n x n costs in several copies: refused before any is allocated when the
/// machine cannot hold them.
void require_pair_memory(std::size_t n, const std::string& path) {
  util::require_memory(n, n, algorithms::facility::k_bytes_per_pair,
                       "the " + std::to_string(n) + " x " + std::to_string(n) + " cost matrix",
                       ErrorContext{path, "", "", ""});
}

}  // namespace

OrlibResult solve_orlib(const OrlibRequest& request, RunControl& control) {
  namespace fac = algorithms::facility;
  if (request.time_limit_s > 0) control.set_time_limit(request.time_limit_s);
  OrlibResult out;
  out.kind = io::detect_orlib_kind(request.path);
  exact::MipOptions mip;
  mip.time_limit_s = request.time_limit_s > 0 ? request.time_limit_s : 3600;
  mip.seed = request.seed;
  auto started = std::chrono::steady_clock::now();
  auto lap = [&] {
    const auto now = std::chrono::steady_clock::now();
    const double s = std::chrono::duration<double>(now - started).count();
    started = now;
    return s;
  };
  if (out.kind == io::OrlibKind::p_median) {
    const auto instance = io::read_orlib_p_median(request.path);
    out.vertices = instance.vertex_count;
    out.p = request.p.value_or(instance.p);
    require_pair_memory(instance.vertex_count, request.path);
    // All-pairs shortest paths: one Dijkstra per vertex (the same distances as Floyd-Warshall).
    const auto graph = graph::RoadGraph::from_arcs(instance.vertex_count, instance.arcs);
    std::vector<graph::Attachment> at;
    for (graph::NodeId v = 0; v < instance.vertex_count; ++v) at.push_back(graph::Attachment::at_node(v));
    graph::MatrixOptions options;
    options.metric = graph::Metric::length;
    options.threads = request.threads;
    const auto matrix = graph::travel_matrix(graph, at, at, options, control);
    fac::LocationProblem problem;
    problem.cost = fac::CostMatrix(instance.vertex_count, instance.vertex_count);
    for (std::size_t i = 0; i < instance.vertex_count; ++i) {
      for (std::size_t j = 0; j < instance.vertex_count; ++j) problem.cost.at(i, j) = i == j ? 0.0 : matrix(i, j);
    }
    out.matrix_seconds = lap();
    fac::PMedianOptions o;
    o.p = out.p;
    o.seed = request.seed;
    out.result =
        request.exact ? exact::solve_p_median_mip(problem, out.p, mip) : fac::solve_p_median(problem, o, control);
  } else {
    const auto instance = io::read_orlib_capacitated(request.path);
    out.vertices = instance.points.size();
    out.p = request.p.value_or(instance.p);
    out.capacity = instance.capacity;
    out.best_known = instance.best_known;
    const std::size_t n = instance.points.size();
    require_pair_memory(n, request.path);
    fac::CapacitatedProblem problem;
    problem.location.cost = fac::CostMatrix(n, n);
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < n; ++j) {
        const double d = model::distance(instance.points[i], instance.points[j]);
        problem.location.cost.at(i, j) = request.truncate_distances ? std::floor(d) : d;
      }
    }
    problem.demand = instance.demand;
    problem.capacity.assign(n, instance.capacity);
    out.matrix_seconds = lap();
    fac::CapacitatedPMedianOptions o;
    o.p = out.p;
    o.seed = request.seed;
    out.result = request.exact ? exact::solve_capacitated_p_median_mip(problem, out.p, mip)
                               : fac::solve_capacitated_p_median(problem, o, control);
  }
  out.solve_seconds = lap();
  return out;
}

std::vector<util::ReportTable> orlib_tables(const OrlibResult& r) {
  util::ReportTable t;
  t.name = "orlib";
  t.title_zh = "OR-Library 算例";
  t.title_en = "OR-Library instance";
  t.columns = {{"indicator", "指标", "Indicator"}, {"value", "数值", "Value"}};
  auto add = [&](const char* key, util::Cell v) { t.add_row({std::string(key), std::move(v)}); };
  add("kind", std::string(r.kind == io::OrlibKind::p_median ? "pmed" : "pmedcap"));
  add("vertices", static_cast<std::int64_t>(r.vertices));
  add("p", static_cast<std::int64_t>(r.p));
  if (r.kind == io::OrlibKind::capacitated) add("capacity", r.capacity);
  add("method", r.result.method);
  add("bound", util::number_cell(r.result.bound));
  add("gap", util::number_cell(r.result.gap));
  add("proven_optimal", std::string(r.result.proven_optimal ? "yes" : "no"));
  if (r.best_known) add("published_optimum", *r.best_known);
  add("matrix_seconds", r.matrix_seconds);
  add("solve_seconds", r.solve_seconds);
  std::string medians;
  for (auto j : r.result.open) medians += (medians.empty() ? "" : " ") + std::to_string(j + 1);
  add("medians", medians);
  add("objective", util::number_cell(r.result.objective));
  return {t};
}

}  // namespace quhua::service
