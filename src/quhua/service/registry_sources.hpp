// Reading official division lists into registry::Snapshot: a folder laid out like
// ../shared/data/nbs-division-codes/YEAR (provinces.csv, cities.csv, areas.csv, streets.csv) or one
// table (CSV/XLSX) with `code,name` and optionally `parent_code`, `population`, `area_km2`.
#pragma once

#include "quhua/algorithms/registry/registry_types.hpp"

#include <filesystem>
#include <string>

namespace quhua::service {

/// True when `path` is a folder holding streets.csv (an NBS edition as exported by
/// modood/Administrative-divisions-of-China), or a table file.
bool is_snapshot_source(const std::filesystem::path& path);

/// Reads a folder or table as a snapshot named `name` in force on `as_of`. Codes are padded to 12
/// digits; a unit's parent is its parent column when given, else derived from the code. Throws
/// InputError naming file, row and field for a missing file or column, a malformed code, a duplicate
/// code, an empty name, or a parent column that contradicts the code.
registry::Snapshot read_snapshot_source(const std::filesystem::path& path, const std::string& name,
                                        const registry::Date& as_of);

}  // namespace quhua::service
