// Drift check (核对): the registry's expected state on an official snapshot's date against that
// snapshot. Every difference is listed -- a unit the official table lacks, one the registry lacks, a
// name or parent that differs -- with the event that most likely explains it (by the snapshot diff's
// rules), because an unrecorded change is what a supervisor looks for.
#pragma once

#include "quhua/algorithms/registry/registry_types.hpp"
#include "quhua/algorithms/registry/snapshot_diff.hpp"

#include <string>
#include <vector>

namespace quhua::registry {

enum class DriftKind {
  missing_in_official,  ///< the registry has the unit in force; the official table does not
  missing_in_registry,  ///< the official table has a unit the registry does not
  code_differs,         ///< the same unit (by name and parent) under another code
  name_differs,         ///< same code, another name
  name_form_differs,    ///< same code, the name differs in form only (办事处 ...): informational
};
std::string_view drift_kind_name(DriftKind kind);
std::string_view drift_kind_name_zh(DriftKind kind);

struct DriftRow {
  DriftKind kind = DriftKind::missing_in_official;
  model::UnitLevel level = model::UnitLevel::township;
  std::string registry_code;  ///< 12 digits, empty when the registry lacks it
  std::string registry_name;
  std::string official_code;
  std::string official_name;
  DiffEvent likely_event = DiffEvent::abolished;  ///< the unrecorded change that would explain it
  double confidence = 1.0;                        ///< of that explanation
  std::string rule;
};

struct DriftOptions {
  /// Compare only the official units inside the registry's scope (and the units above it).
  /// DEFAULT true: a county's registry is checked against the national table without listing every
  /// other county.
  bool limit_to_registry_scope = true;
  /// The registry's scope (codes it was seeded within, "" = everything); empty: scope_of(expected).
  std::vector<std::string> scope;
  DiffOptions diff;
};

struct DriftResult {
  std::vector<DriftRow> rows;
  std::size_t registry_units = 0;  ///< compared
  std::size_t official_units = 0;  ///< compared (after scoping)
  std::size_t differences = 0;     ///< rows other than name_form_differs
};

/// The codes a registry state covers when none were recorded: the counties of its units.
std::vector<std::string> scope_of(const Snapshot& expected);

/// The units of `official` inside one of `scope` (12-digit codes; "" covers everything) or above
/// one (the province and prefecture of a scoped county).
Snapshot limit_to_scope(const Snapshot& official, const std::vector<std::string>& scope);

/// `expected` is the registry's state on `official.as_of` (units in force, as a snapshot).
DriftResult check_drift(const Snapshot& expected, const Snapshot& official, const DriftOptions& options = {});

}  // namespace quhua::registry
