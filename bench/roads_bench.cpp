// Travel-time matrices on a synthetic county scaled up: 320 x 320 junctions (~102,000 nodes, 80 km
// square), 2,000 villages x 200 facilities. Run: build/bench/roads_bench --benchmark_repetitions=5
#include "synthetic_roads.hpp"

#include "quhua/graph/contraction_hierarchy.hpp"
#include "quhua/graph/road_router.hpp"

#include <benchmark/benchmark.h>

#include <memory>

namespace {

using namespace quhua;

constexpr int k_side = 320;

const graph::RoadRouter& router() {
  static const auto instance = [] {
    graph::RoadBuildReport report;
    Findings findings;
    return std::make_unique<graph::RoadRouter>(
        graph::build_road_network(bench::synthetic_county_roads(k_side, 7), {}, report, findings));
  }();
  return *instance;
}

std::vector<graph::Attachment> attach(std::size_t count, std::uint64_t seed) {
  std::vector<graph::Attachment> out;
  for (const auto& p : bench::random_points(count, 250.0 * (k_side - 1), seed)) {
    out.push_back(router().attach(router().snap(p), 5));
  }
  return out;
}

void BM_BuildNetwork(benchmark::State& state) {
  const auto lines = bench::synthetic_county_roads(k_side, 7);
  for (auto _ : state) {
    graph::RoadBuildReport report;
    Findings findings;
    graph::RoadRouter r(graph::build_road_network(lines, {}, report, findings));
    benchmark::DoNotOptimize(r.graph().arc_count());
  }
  state.counters["nodes"] = static_cast<double>(router().graph().node_count());
  state.counters["arcs"] = static_cast<double>(router().graph().arc_count());
}
BENCHMARK(BM_BuildNetwork)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_Snap2200Points(benchmark::State& state) {
  const auto points = bench::random_points(2200, 250.0 * (k_side - 1), 11);
  router();
  for (auto _ : state) {
    double total = 0;
    for (const auto& p : points) total += router().snap(p).distance_m;
    benchmark::DoNotOptimize(total);
  }
}
BENCHMARK(BM_Snap2200Points)->Unit(benchmark::kMillisecond);

void BM_Matrix2000x200(benchmark::State& state) {
  const auto villages = attach(2000, 1), facilities = attach(200, 2);
  graph::MatrixOptions options;
  options.threads = static_cast<int>(state.range(0));
  for (auto _ : state) {
    RunControl control;
    const auto m = graph::travel_matrix(router().graph(), villages, facilities, options, control);
    benchmark::DoNotOptimize(m.values.data());
  }
  state.counters["pairs_per_s"] = benchmark::Counter(2000.0 * 200, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_Matrix2000x200)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_Matrix2000x2000(benchmark::State& state) {
  const auto villages = attach(2000, 1);
  graph::MatrixOptions options;
  options.threads = static_cast<int>(state.range(0));
  for (auto _ : state) {
    RunControl control;
    const auto m = graph::travel_matrix(router().graph(), villages, villages, options, control);
    benchmark::DoNotOptimize(m.values.data());
  }
}
BENCHMARK(BM_Matrix2000x2000)->Arg(2)->Unit(benchmark::kMillisecond)->Iterations(1);

const graph::ContractionHierarchy& hierarchy() {
  static const auto instance = [] {
    RunControl control;
    return graph::ContractionHierarchy::build(router().graph(), graph::Metric::travel_time, control);
  }();
  return instance;
}

void BM_BuildHierarchy(benchmark::State& state) {
  for (auto _ : state) {
    RunControl control;
    const auto ch = graph::ContractionHierarchy::build(router().graph(), graph::Metric::travel_time, control);
    state.counters["shortcuts"] = static_cast<double>(ch.shortcut_count());
  }
}
BENCHMARK(BM_BuildHierarchy)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_HierarchyMatrix(benchmark::State& state) {
  const auto rows = static_cast<std::size_t>(state.range(0)), cols = static_cast<std::size_t>(state.range(1));
  const auto villages = attach(rows, 1), facilities = attach(cols, 2);
  hierarchy();
  graph::MatrixOptions options;
  options.threads = static_cast<int>(state.range(2));
  for (auto _ : state) {
    RunControl control;
    const auto m = hierarchy().matrix(villages, facilities, options, control);
    benchmark::DoNotOptimize(m.values.data());
  }
}
BENCHMARK(BM_HierarchyMatrix)
    ->Args({2000, 200, 1})
    ->Args({2000, 200, 2})
    ->Args({2000, 2000, 2})
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
