// How much of each predecessor of an event goes to each successor (the links crosswalks multiply
// along chains of events). Whole units need no estimate; a split is shared out from what is known,
// best first: shares stated with the event, then polygons, then the successors' figures, then an
// equal split. Each link says which basis it used.
#pragma once

#include "quhua/algorithms/registry/registry_types.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <vector>

namespace quhua::registry {

/// Share of predecessor `before_index`'s area that lies in successor `after_index`, from polygons;
/// nullopt when either has none. Supplied by the service (geometry/ computes intersections).
using OverlapShareFn = std::function<std::optional<double>(std::size_t before_index, std::size_t after_index)>;

/// Fills `draft.links`. Which pairs are linked follows the type: merged links every predecessor to
/// the successor, split the predecessor to every successor, the one-to-one types (renamed,
/// transferred, upgraded, seat_moved, code_changed) the one to the one, abolished and established
/// none; given shares replace the links of the predecessors they name.
/// Area shares of a split: polygons > the successors' area_km2 > their populations > equal.
/// Population shares: the successors' populations > polygons > area_km2 > equal.
/// `before` holds the predecessors' versions in the order of draft.before.
void compute_links(EventDraft& draft, const std::vector<UnitVersion>& before, const OverlapShareFn& overlap = {});

}  // namespace quhua::registry
