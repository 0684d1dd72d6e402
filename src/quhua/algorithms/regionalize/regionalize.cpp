#include "quhua/algorithms/regionalize/regionalize.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <mutex>
#include <thread>

namespace quhua::algorithms::regionalize {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// Runs job(i) for i in [0, count) on `threads` threads (the caller's included), calling `done(k)` on
// the calling thread after each of its own jobs with the number finished so far. Rethrows the first
// exception of any job.
template <typename Job, typename Done>
void run_parallel(std::size_t count, unsigned threads, Job&& job, Done&& done) {
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> finished{0};
  std::exception_ptr error;
  std::mutex error_mutex;
  const auto work = [&](bool caller) {
    for (;;) {
      const std::size_t i = next.fetch_add(1);
      if (i >= count) return;
      try {
        job(i);
      } catch (...) {
        const std::lock_guard lock(error_mutex);
        if (!error) error = std::current_exception();
        next.store(count);
      }
      const std::size_t k = finished.fetch_add(1) + 1;
      if (caller) done(k);
    }
  };
  std::vector<std::thread> pool;
  const unsigned extra = threads > 1 ? std::min<unsigned>(threads - 1, static_cast<unsigned>(count)) : 0;
  for (unsigned t = 0; t < extra; ++t) pool.emplace_back(work, false);
  work(true);
  for (auto& thread : pool) thread.join();
  if (error) std::rethrow_exception(error);
}

struct Candidate {
  PlanKey key;
  std::vector<RegionId> assignment;
  std::size_t index = 0;
  std::size_t recombination_gain = 0;
  std::size_t target_merges = 0;
};

bool ranks_before(const Candidate& a, const Candidate& b) {
  if (a.key < b.key) return true;
  if (b.key < a.key) return false;
  if (a.assignment != b.assignment) return a.assignment < b.assignment;
  return a.index < b.index;
}

// Region ids relabelled 0, 1, ... in order of each region's smallest block.
std::vector<RegionId> canonical(std::span<const RegionId> assignment) {
  std::vector<RegionId> relabel;
  std::vector<RegionId> out(assignment.size());
  RegionId next = 0;
  for (std::size_t b = 0; b < assignment.size(); ++b) {
    const RegionId r = assignment[b];
    if (r >= relabel.size()) relabel.resize(static_cast<std::size_t>(r) + 1, k_none);
    if (relabel[r] == k_none) relabel[r] = next++;
    out[b] = relabel[r];
  }
  return out;
}

}  // namespace

void automatic_budget(std::size_t free_units, SearchOptions& search) {
  if (search.constructions == 0) {
    search.constructions = free_units <= 200 ? 64 : free_units <= 2000 ? 32 : free_units <= 20000 ? 16 : 8;
  }
  if (search.starts == 0) search.starts = free_units <= 2000 ? 8 : free_units <= 20000 ? 4 : 2;
  search.starts = std::min(search.starts, search.constructions);
  if (search.moves_per_unit == 0) search.moves_per_unit = free_units <= 2000 ? 400 : 100;
}

RegionalizeResult make_result(const SolverInstance& instance, std::span<const RegionId> block_region) {
  RegionalizeResult result;
  result.block_region = canonical(block_region);
  const PlanState state(instance, result.block_region);
  result.key = plan_key(state);
  result.region_count = state.region_count();
  // Number regions by their first unit (the order of the input).
  std::vector<std::uint32_t> number(result.region_count, k_none);
  std::uint32_t next = 0;
  result.region_of_unit.resize(instance.unit_count());
  for (UnitIndex u = 0; u < instance.unit_count(); ++u) {
    const RegionId r = result.block_region[instance.block_of_unit[u]];
    if (number[r] == k_none) number[r] = next++;
    result.region_of_unit[u] = number[r];
  }
  result.seat_of_region.assign(result.region_count, k_none);
  for (RegionId r = 0; r < result.region_count; ++r) {
    // The central rule's seat from scratch (the search's may lag where the seat did not matter to it).
    result.seat_of_region[number[r]] = instance.central_seats ? instance.seat_of_blocks(state.members(r)) : state.seat(r);
  }
  return result;
}

RegionalizeResult regionalize(const SolverInstance& instance, const RunControl& control) {
  const auto started = Clock::now();
  SearchOptions search = instance.options.search;
  automatic_budget(instance.free_unit_count, search);
  unsigned threads = search.threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : search.threads;
  const Rng base(search.seed);

  // Phase 0: one construction on its own stream finds the counts each cluster reaches; the others
  // start their count search there (deterministic: the hints depend on the seed alone).
  std::vector<ConstructionStats> construction_stats(search.constructions);
  control.report(0.0, "construct");
  ConstructionHints hints;
  {
    Rng probe = base.split(0x5EED);
    construct(instance, probe, construction_stats[0], ConstructionMethod::random_trees, nullptr, &hints);
  }

  // Phase 1: randomised constructions, each repaired (enclaves merged) and ranked.
  std::vector<Candidate> built(search.constructions);
  run_parallel(
      search.constructions, threads,
      [&](std::size_t i) {
        if (control.should_stop() && i > 0) return;
        Rng rng = base.split(i);
        // Random trees (more regions), compact trees (a better objective) and, now and then, growth.
        const auto method = i % 4 == 3 ? ConstructionMethod::growth
                            : i % 2 == 1 ? ConstructionMethod::compact_trees
                                         : ConstructionMethod::random_trees;
        auto assignment = construct(instance, rng, construction_stats[i], method, &hints);
        PlanState state(instance, assignment);
        resolve_exceptions(state);
        built[i].key = plan_key(state);
        built[i].assignment = canonical(state.assignment());
        built[i].index = i;
      },
      [&](std::size_t finished) { control.report(0.3 * static_cast<double>(finished) / search.constructions, "construct"); });
  std::erase_if(built, [](const Candidate& c) { return c.assignment.empty(); });
  std::sort(built.begin(), built.end(), ranks_before);
  built.erase(std::unique(built.begin(), built.end(),
                          [](const Candidate& a, const Candidate& b) { return a.assignment == b.assignment; }),
              built.end());
  const double construction_seconds = seconds_since(started);

  // Phase 2: the best constructions improved.
  const std::size_t starts = search.starts;
  std::vector<Candidate> improved(starts);
  std::vector<SearchStats> search_stats(starts);
  const std::size_t moves = static_cast<std::size_t>(search.moves_per_unit) * instance.free_block_count;
  run_parallel(
      starts, threads,
      [&](std::size_t j) {
        Rng rng = base.split(1000003 + j);
        // Fewer distinct constructions than starts (e.g. no minimum: every construction is the same):
        // starts share them and differ by their random streams.
        PlanState state(instance, built[j % built.size()].assignment);
        Candidate& out = improved[j];
        out.index = j;
        if (instance.max_p()) out.recombination_gain += recombine(state, rng, 200, control);
        if (!instance.max_p()) {
          out.target_merges = merge_to_target(state, instance.target_regions, control);
          resolve_exceptions(state);
        }
        anneal(state, rng, moves, control, search_stats[j]);
        descend(state, control, search_stats[j]);
        if (recut_pairs(state, rng, 8, control) > 0) descend(state, control, search_stats[j]);
        if (instance.max_p()) {
          const std::size_t gain = recombine(state, rng, 100, control);
          if (gain > 0) {
            out.recombination_gain += gain;
            anneal(state, rng, moves / 4, control, search_stats[j]);
            descend(state, control, search_stats[j]);
          }
        }
        // The search may have moved a forbidden partner or a seat away from a region below the
        // minimum: merge what can be merged now.
        if (resolve_exceptions(state) > 0) descend(state, control, search_stats[j]);
#ifndef NDEBUG
        state.verify();  // debug builds: the incremental sums against a full recomputation
#endif
        out.key = plan_key(state);
        out.assignment = canonical(state.assignment());
      },
      [&](std::size_t finished) { control.report(0.3 + 0.7 * static_cast<double>(finished) / starts, "search"); });
  std::sort(improved.begin(), improved.end(), ranks_before);

  RegionalizeResult result = make_result(instance, improved.front().assignment);
  auto& stats = result.statistics;
  stats.threads = threads;
  stats.constructions = search.constructions;
  stats.starts = starts;
  stats.moves_per_unit = search.moves_per_unit;
  stats.best_construction_regions = PlanState(instance, built.front().assignment).region_count();
  stats.best_construction_objective = built.front().key.objective;
  stats.recombination_gain = improved.front().recombination_gain;
  stats.target_merges = improved.front().target_merges;
  stats.best_start = improved.front().index;
  for (const auto& s : construction_stats) {
    stats.construction.tree_partitions += s.tree_partitions;
    stats.construction.grown_clusters += s.grown_clusters;
    stats.construction.enclaves += s.enclaves;
  }
  for (const auto& s : search_stats) {
    stats.search.moves_tried += s.moves_tried;
    stats.search.moves_accepted += s.moves_accepted;
    stats.search.descent_moves += s.descent_moves;
  }
  stats.construction_seconds = construction_seconds;
  stats.search_seconds = seconds_since(started) - construction_seconds;
  stats.stopped_early = control.should_stop();
  control.report(1.0, "done");
  return result;
}

}  // namespace quhua::algorithms::regionalize
