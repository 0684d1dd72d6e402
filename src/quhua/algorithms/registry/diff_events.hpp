// From a diff (the registry's state against an official edition) to change events the registry can
// record (source nbs_inferred, with the diff's confidence), so that a registry follows the official
// tables edition by edition: `quhua registry sync`. Form-only name changes are not events here either.
#pragma once

#include "quhua/algorithms/registry/registry_types.hpp"
#include "quhua/algorithms/registry/snapshot_diff.hpp"

#include <string>
#include <vector>

namespace quhua::registry {

struct InferredEvent {
  EventDraft draft;
  std::vector<std::size_t> rows;  ///< the diff rows it stands for
};

/// Turns `diff` (from `before`, the registry's state, to `after`, the official edition) into events
/// effective on `after.as_of`, parents before children:
/// - merged rows into the same unit become one `merged` event, together with that unit's own
///   continuation (its old version, renamed or re-coded, is one of the predecessors);
/// - renamed with the same code: `renamed`; with a new code: `upgraded` when the type rises
///   (撤乡设镇), else `code_changed`;
/// - moved: `transferred` when the old parent is still in the official table (划转), else
///   `code_changed` (its county was re-coded);
/// - abolished and established as such.
/// Rows below `min_confidence` are left out (with the rows that depend on them) and stay as drift.
/// Each event's confidence is the lowest of its rows'; its note names the rules.
std::vector<InferredEvent> events_from_diff(const DiffResult& diff, const Snapshot& before, const Snapshot& after,
                                            const std::string& document, double min_confidence = 0.0);

}  // namespace quhua::registry
