// Inferring change events between two editions of the official code table (统计用区划代码): which
// units were abolished, established, renamed, moved (re-coded, usually 划转 to another county) or
// merged, from codes, names, parents and, where both editions carry polygons, overlap. The tables
// never say which unit absorbed an abolished one; such inferences get a low confidence and are
// marked for review instead of being guessed (docs/registry.md lists every rule and its confidence).
#pragma once

#include "quhua/algorithms/registry/registry_types.hpp"

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace quhua::registry {

/// The five event kinds of a diff (the CSV's `event` column).
enum class DiffEvent { abolished, established, renamed, moved, merged };
std::string_view diff_event_name(DiffEvent event);
std::string_view diff_event_name_zh(DiffEvent event);

/// One inferred event. Codes are 12 digits (write them short with model::short_code).
/// - renamed: the unit continues under the same parent with a new name (its code may change too,
///   as in 撤乡设镇: 小伊乡 320723209 -> 小伊镇 320723111).
/// - moved: the unit continues under a new code with the same name: 划转 to another county, or a
///   re-code inside the same (or a re-coded) county. Compare the county digits to tell them apart.
/// - merged: old unit absorbed by new_code (a unit that survives or one newly set up).
/// - abolished: the old code and name end and no successor can be told (new_code empty).
/// - established: a new unit with no predecessor that can be told (old_code empty).
struct DiffRow {
  DiffEvent event = DiffEvent::abolished;
  model::UnitLevel level = model::UnitLevel::township;
  std::string old_code;
  std::string old_name;
  std::string new_code;
  std::string new_name;
  double confidence = 1.0;  ///< in [0, 1]; below DiffOptions::review_below the row is for review
  std::string rule;         ///< stable key of the rule that produced it ("same_code_new_name" ...)
};

/// A name that changed in form only (办事处 dropped, an annotation, the county's name as prefix):
/// not an event, listed apart.
struct FormChange {
  model::UnitLevel level = model::UnitLevel::township;
  std::string code;
  std::string old_name;
  std::string new_name;
};

struct DiffCounts {
  std::size_t abolished = 0, established = 0, renamed = 0, moved = 0, merged = 0, form_only = 0, review = 0;
  std::size_t units_before = 0, units_after = 0;
};

struct DiffResult {
  std::vector<DiffRow> rows;  ///< ordered by level, then old code, then new code
  std::vector<FormChange> form_changes;
  /// Township-level counts per 2-digit province code (the province of the old unit, else the new).
  std::map<std::string, DiffCounts> township_counts_by_province;
  DiffCounts totals;  ///< all levels
  std::size_t review_count = 0;
};

/// For polygons: the share of `before.units[before_index]`'s area that lies in each unit of `after`
/// (same level), as (index into after.units, share in [0, 1]) pairs. Supplied by the service
/// (geometry/ computes overlaps); called only for units with a polygon.
using OverlapFn = std::function<std::vector<std::pair<std::size_t, double>>(
    const Snapshot& before, std::size_t before_index, const Snapshot& after)>;

struct DiffOptions {
  /// Rows with a confidence below this are counted as "for review". DEFAULT 0.7.
  double review_below = 0.7;
  /// Share of an old unit's area that must lie in one new unit for a geometric match. DEFAULT 0.5.
  double min_overlap_share = 0.5;
  /// Overlaps, when both editions have polygons; empty otherwise.
  OverlapFn overlap;
};

/// Compares `before` with `after` level by level (province, prefecture, county, township; villages
/// are not compared), pairing continuations first so that townships of a re-coded county are
/// matched inside its successor. Deterministic: the same inputs give the same rows.
DiffResult diff_snapshots(const Snapshot& before, const Snapshot& after, const DiffOptions& options = {});

}  // namespace quhua::registry
