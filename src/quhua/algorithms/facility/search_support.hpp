// Internal to algorithms/facility: small helpers the local searches share (random draws of open and
// closed candidates for shaking, the swap move).
#pragma once

#include "quhua/algorithms/facility/location_problem.hpp"
#include "quhua/util/random.hpp"
#include "quhua/util/run_control.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace quhua::algorithms::facility::detail {

/// An exchange of an open candidate for a closed one, with its effect on the objective (sign per
/// model: negative is better for medians, positive for covering).
struct Swap {
  Index in = k_unassigned;   ///< candidate to open
  Index out = k_unassigned;  ///< open candidate to close
  double delta = 0;
  bool valid() const { return in != k_unassigned; }
};

/// A uniformly drawn member of `open` with allowed[member] set; k_unassigned when there is none.
inline Index random_member(std::span<const Index> open, std::span<const std::uint8_t> allowed, Rng& rng) {
  std::size_t count = 0;
  for (Index j : open) count += allowed[j] ? 1 : 0;
  if (count == 0) return k_unassigned;
  std::size_t pick = rng.below(count);
  for (Index j : open) {
    if (allowed[j] && pick-- == 0) return j;
  }
  return k_unassigned;
}

/// A uniformly drawn candidate j with allowed[j] set and !is_open(j); k_unassigned when none.
template <typename IsOpen>
Index random_closed(std::span<const std::uint8_t> allowed, IsOpen is_open, Rng& rng) {
  std::size_t count = 0;
  for (Index j = 0; j < allowed.size(); ++j) count += (allowed[j] && !is_open(j)) ? 1 : 0;
  if (count == 0) return k_unassigned;
  std::size_t pick = rng.below(count);
  for (Index j = 0; j < allowed.size(); ++j) {
    if (allowed[j] && !is_open(j) && pick-- == 0) return j;
  }
  return k_unassigned;
}

/// Shaking: k random swaps of an allowed open candidate for an allowed closed one. `State` offers
/// open(), is_open(j) and swap(in, out).
template <typename State>
void shake(State& state, std::size_t k, std::span<const std::uint8_t> can_insert,
           std::span<const std::uint8_t> can_remove, Rng& rng) {
  for (std::size_t s = 0; s < k; ++s) {
    const Index out = random_member(state.open(), can_remove, rng);
    const Index in = random_closed(
        can_insert, [&](Index j) { return state.is_open(j); }, rng);
    if (out == k_unassigned || in == k_unassigned) return;
    state.swap(in, out);
  }
}

struct VnsLimits {
  std::size_t patience = 100;  ///< shakes in a row without improvement before stopping
  std::size_t cap = 2000;      ///< shakes in all
  std::size_t k_max = 10;      ///< largest shake (swaps)
};
struct VnsOutcome {
  std::size_t shakes = 0;
  bool stopped = false;  ///< the RunControl stopped it
};

/// Basic variable neighbourhood search (Mladenovic & Hansen 1997) around `best`: shake a copy by k
/// swaps, descend, keep it when better; k returns to 1 after a success and grows after a failure.
/// `descend(State&)`, `better(const State& a, const State& b)` (a better than b), `done()` (bound met).
template <typename State, typename Descend, typename Better, typename Done>
VnsOutcome variable_neighbourhood_search(State& best, const VnsLimits& limits, std::span<const std::uint8_t> can_insert,
                                         std::span<const std::uint8_t> can_remove, Rng& rng, RunControl& control,
                                         Descend descend, Better better, Done done) {
  VnsOutcome out;
  std::size_t k = 1, idle = 0;
  while (!done() && idle < limits.patience && out.shakes < limits.cap) {
    if (control.should_stop()) {
      out.stopped = true;
      break;
    }
    ++out.shakes;
    State state = best;
    shake(state, k, can_insert, can_remove, rng);
    descend(state);
    if (better(state, best)) {
      best = std::move(state);
      k = 1;
      idle = 0;
    } else {
      k = k % std::max<std::size_t>(1, limits.k_max) + 1;
      ++idle;
    }
  }
  return out;
}

}  // namespace quhua::algorithms::facility::detail
