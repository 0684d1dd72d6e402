// Location-allocation on the OR-Library test sets in ../shared/data: each pmed1-20 and pmedcap
// instance solved end to end (read, shortest paths, heuristic with Lagrangian bound), with the
// objective, the published optimum and the gap as counters. Run:
//   build/bench/facility_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include "shared_data.hpp"
#include "quhua/service/facilities.hpp"
#include "quhua/util/strings.hpp"

#include <benchmark/benchmark.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

namespace {

using namespace quhua;

std::map<std::string, double> optima(const std::string& folder) {
  std::map<std::string, double> out;
  std::ifstream in(std::string(QUHUA_SHARED_DATA_DIR) + "/" + folder + "/optima.csv");
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    const auto cells = util::split(line, ',');
    if (cells.size() >= 2) out[cells[0]] = util::parse_double(cells.back()).value_or(0);
  }
  return out;
}

void solve(benchmark::State& state, const std::string& folder, const std::string& name, bool exact) {
  const std::string path = std::string(QUHUA_SHARED_DATA_DIR) + "/" + folder + "/" + name + ".txt";
  if (!std::filesystem::exists(path)) {
    state.SkipWithError("../shared/data is absent");
    return;
  }
  const double optimum = optima(folder)[name];
  service::OrlibResult result;
  for (auto _ : state) {
    RunControl control;
    service::OrlibRequest request;
    request.path = path;
    request.exact = exact;
    request.threads = 1;
    result = service::solve_orlib(request, control);
  }
  state.counters["objective"] = result.result.objective;
  state.counters["optimum"] = optimum;
  state.counters["gap_pct"] = 100 * (result.result.objective - optimum) / optimum;
  state.counters["proven"] = result.result.proven_optimal ? 1 : 0;
  state.counters["bound_gap_pct"] = std::isnan(result.result.gap) ? -1 : 100 * result.result.gap;
}

void register_all() {
  for (int k = 1; k <= 20; ++k) {
    const std::string name = "pmed" + std::to_string(k);
    benchmark::RegisterBenchmark(("pmed/" + name).c_str(),
                                 [name](benchmark::State& s) { solve(s, "orlib-pmed", name, false); })
        ->Unit(benchmark::kMillisecond)
        ->Iterations(1);
  }
  for (int k : {1, 2, 3, 4, 5, 11, 12, 13, 14, 15}) {
    const std::string name = "pmedcap1-" + std::to_string(k);
    benchmark::RegisterBenchmark(("pmedcap/" + name).c_str(),
                                 [name](benchmark::State& s) { solve(s, "orlib-pmedcap", name, false); })
        ->Unit(benchmark::kMillisecond)
        ->Iterations(1);
  }
  // The exact model through CBC, as the peers' PuLP + CBC run it (pmed1 only: the others take minutes).
  benchmark::RegisterBenchmark("pmed_exact/pmed1", [](benchmark::State& s) { solve(s, "orlib-pmed", "pmed1", true); })
      ->Unit(benchmark::kMillisecond)
      ->Iterations(1);
}

}  // namespace

int main(int argc, char** argv) {
  register_all();
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
