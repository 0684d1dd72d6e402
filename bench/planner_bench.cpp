// Planner benchmarks on the peer graphs of ../shared/data/peer-graphs with the settings of
// ../shared/peers/RESULTS.md (heterogeneity of z-scored x_km, y_km; max-p with a minimum population of
// total / 20; AZP-style runs with a fixed count of 20 and no minimum), and on a synthetic graph of
// 100,000 units. Each repetition uses the next seed (1, 2, 3 ...), so the counters' medians are medians
// over seeds. Figures go to docs/benchmarks.md ("Planner").
//
//   build/bench/planner_bench --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
//
// "default" is the automatic budget of `quhua plan`; "fast" is --constructions 4 --starts 1
// --moves-per-unit 20. Threads: all (2 on the project machine).
#include "shared_data.hpp"
#include <benchmark/benchmark.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
#include <numeric>
#include <string>

#include "quhua/algorithms/regionalize/construction.hpp"
#include "quhua/algorithms/regionalize/plan_check.hpp"
#include "quhua/algorithms/regionalize/regionalize.hpp"
#include "quhua/service/plan_input.hpp"
#include "quhua/util/random.hpp"

namespace {

namespace rg = quhua::algorithms::regionalize;

const rg::PlanningProblem* peer_graph(const std::string& name) {
  static std::map<std::string, std::unique_ptr<rg::PlanningProblem>> cache;
  auto& slot = cache[name];
  if (!slot) {
    const std::filesystem::path dir = std::filesystem::path(QUHUA_SHARED_DATA_DIR) / "peer-graphs" / name;
    if (!std::filesystem::exists(dir / "nodes.csv")) return nullptr;
    slot = std::make_unique<rg::PlanningProblem>(quhua::service::read_graph_problem(
        (dir / "nodes.csv").string(), (dir / "edges.csv").string(), {"x_km", "y_km"}));
  }
  return slot.get();
}

// A planar graph of `side` × `side` units: a grid with one random diagonal per cell, jittered anchors,
// log-normal populations.
const rg::PlanningProblem* synthetic(int side) {
  static std::map<int, std::unique_ptr<rg::PlanningProblem>> cache;
  auto& slot = cache[side];
  if (slot) return slot.get();
  quhua::Rng rng(20261125);
  auto problem = std::make_unique<rg::PlanningProblem>();
  const std::size_t n = static_cast<std::size_t>(side) * static_cast<std::size_t>(side);
  problem->resize(n);
  problem->attribute_names = {"x_km", "y_km"};
  problem->attributes.resize(2 * n);
  std::vector<quhua::graph::Edge> edges;
  for (int y = 0; y < side; ++y) {
    for (int x = 0; x < side; ++x) {
      const auto u = static_cast<std::uint32_t>(y * side + x);
      problem->codes[u] = "s" + std::to_string(u);
      problem->population[u] = std::round(rng.lognormal(std::log(1500.0), 0.7));
      problem->x_m[u] = (x + rng.uniform(-0.3, 0.3)) * 1000.0;
      problem->y_m[u] = (y + rng.uniform(-0.3, 0.3)) * 1000.0;
      problem->attributes[2 * u] = problem->x_m[u] / 1000.0;
      problem->attributes[2 * u + 1] = problem->y_m[u] / 1000.0;
      if (x + 1 < side) edges.push_back({u, u + 1, 0});
      if (y + 1 < side) edges.push_back({u, static_cast<std::uint32_t>(u + side), 0});
      if (x + 1 < side && y + 1 < side) {
        if (rng.uniform() < 0.5) {
          edges.push_back({u, static_cast<std::uint32_t>(u + side + 1), 0});
        } else {
          edges.push_back({u + 1, static_cast<std::uint32_t>(u + side), 0});
        }
      }
    }
  }
  problem->graph = quhua::graph::ContiguityGraph::from_edges(n, std::move(edges));
  slot = std::move(problem);
  return slot.get();
}

enum class Budget { standard, fast };

// regions > 0: that many regions (with the minimum too when `with_minimum`); 0: max-p.
void plan(benchmark::State& state, const rg::PlanningProblem* problem, const std::string& label, std::size_t regions,
          Budget budget, bool with_minimum = false) {
  if (!problem) {
    state.SkipWithError(("../shared/data/peer-graphs/" + label + " is absent").c_str());
    return;
  }
  static std::map<std::string, std::uint64_t> runs;
  rg::PlanOptions options;
  options.objective = rg::parse_objective("heterogeneity:x_km,y_km");
  if (regions == 0 || with_minimum) {
    options.rules.min_population = std::accumulate(problem->population.begin(), problem->population.end(), 0.0) / 20.0;
  }
  if (regions > 0) {
    options.rules.target_regions = regions;
    options.rules.keep_viable = false;
  }
  if (budget == Budget::fast) {
    options.search.constructions = 4;
    options.search.starts = 1;
    options.search.moves_per_unit = 20;
  }
  double ssd = 0;
  std::size_t count = 0;
  bool hold = true;
  for (auto _ : state) {
    options.search.seed = ++runs[label + "/" + std::to_string(regions) + (with_minimum ? "/min" : "") +
                                 (budget == Budget::fast ? "/fast" : "")];
    const auto instance = rg::build_instance(*problem, options);
    quhua::RunControl control;
    const auto result = rg::regionalize(instance, control);
    state.PauseTiming();
    const auto report = rg::check_plan(instance, result.region_of_unit, result.seat_of_region);
    ssd = report.objective.ssd;
    count = result.region_count;
    hold = hold && report.hard_rules_hold;
    state.ResumeTiming();
  }
  state.counters["regions"] = static_cast<double>(count);
  state.counters["ssd"] = ssd;
  state.counters["rules_hold"] = hold ? 1 : 0;
}

// The editor's question: what does moving this unit there do? try_move on random boundary moves of a
// constructed plan of the Pennsylvania graph (9,178 units, 19 regions), per objective.
void try_move(benchmark::State& state, const char* objective) {
  const auto* problem = peer_graph("pa_vtd");
  if (!problem) {
    state.SkipWithError("../shared/data/peer-graphs/pa_vtd is absent");
    return;
  }
  rg::PlanOptions options;
  options.objective = rg::parse_objective(objective);
  options.rules.min_population = std::accumulate(problem->population.begin(), problem->population.end(), 0.0) / 20.0;
  const auto instance = rg::build_instance(*problem, options);
  quhua::Rng rng(1);
  rg::ConstructionStats stats;
  rg::PlanState plan_state(instance, rg::construct(instance, rng, stats));
  std::vector<std::pair<rg::BlockId, rg::RegionId>> moves;
  for (rg::BlockId b = 0; b < plan_state.block_count(); ++b) {
    for (rg::BlockId v : instance.block_graph.neighbors(b)) {
      if (plan_state.region_of(v) != plan_state.region_of(b)) moves.emplace_back(b, plan_state.region_of(v));
    }
  }
  rng.shuffle(moves.begin(), moves.end());
  std::size_t i = 0, allowed = 0;
  for (auto _ : state) {
    const auto& [b, to] = moves[i++ % moves.size()];
    const auto evaluation = plan_state.try_move(b, to);
    allowed += evaluation.allowed() ? 1 : 0;
    benchmark::DoNotOptimize(evaluation);
  }
  state.counters["allowed_share"] = static_cast<double>(allowed) / static_cast<double>(std::max<std::size_t>(i, 1));
}

void register_all() {
  for (const char* objective : {"access", "compact", "heterogeneity:x_km,y_km"}) {
    benchmark::RegisterBenchmark((std::string("try_move/pa_vtd/") + objective).c_str(),
                                 [objective](benchmark::State& state) { try_move(state, objective); })
        ->Unit(benchmark::kMicrosecond);
  }
  const std::pair<const char*, std::size_t> maxp[] = {{"sids2", 0}, {"ar_bg", 0}, {"pa_vtd", 0}, {"ca_bg", 0}};
  for (const auto& [name, regions] : maxp) {
    for (const auto budget : {Budget::standard, Budget::fast}) {
      const std::string label = std::string("maxp/") + name + (budget == Budget::fast ? "/fast" : "/default");
      benchmark::RegisterBenchmark(label.c_str(), [name = std::string(name), budget](benchmark::State& state) {
        plan(state, peer_graph(name), name, 0, budget);
      })->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();
    }
  }
  for (const char* name : {"sids2", "ar_bg", "pa_vtd", "ca_bg"}) {
    for (const auto budget : {Budget::standard, Budget::fast}) {
      const std::string label = std::string("azp_k20/") + name + (budget == Budget::fast ? "/fast" : "/default");
      benchmark::RegisterBenchmark(label.c_str(), [name = std::string(name), budget](benchmark::State& state) {
        plan(state, peer_graph(name), name, 20, budget);
      })->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();
    }
  }
  // The peers' region counts with the same minimum: SSD at equal counts.
  for (const auto& [name, regions] : {std::pair{"sids2", 16}, std::pair{"ar_bg", 16}, std::pair{"pa_vtd", 13}}) {
    const std::string label = std::string("minpop_k") + std::to_string(regions) + "/" + name + "/default";
    benchmark::RegisterBenchmark(label.c_str(), [name = std::string(name), regions = regions](benchmark::State& state) {
      plan(state, peer_graph(name), name, static_cast<std::size_t>(regions), Budget::standard, true);
    })->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();
  }
  benchmark::RegisterBenchmark("maxp/synthetic_100k/default", [](benchmark::State& state) {
    plan(state, synthetic(317), "synthetic", 0, Budget::standard);
  })->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  register_all();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
