// Joining an attribute table (CSV/XLSX: populations, names, types, indicators) onto imported units,
// on the division code or on the name within the parent unit, reporting every row and unit left
// unmatched and every key that does not name exactly one partner.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quhua/io/field_mapping.hpp"
#include "quhua/io/record_set.hpp"
#include "quhua/io/unit_records.hpp"
#include "quhua/model/unit.hpp"
#include "quhua/util/findings.hpp"

namespace quhua::io {

enum class JoinOn { code, name };
std::string_view join_on_name(JoinOn on);
/// "code" or "name" (also 代码, 名称). nullopt otherwise.
std::optional<JoinOn> parse_join_on(std::string_view text);

struct JoinReport {
  std::size_t rows = 0;             ///< usable table rows
  std::size_t matched_rows = 0;
  std::size_t unmatched_rows = 0;
  std::size_t unmatched_units = 0;
  std::size_t values_replaced = 0;  ///< layer values the table replaced with different ones
};

/// Joins `table` (records read by read_unit_records under the units' code scheme, and the mapping
/// resolved on the table) onto `units`:
/// - on code: the table's code column is the key; a code twice is join_duplicate_key (error).
/// - on name: the key is the name (blanks removed) within the parent code when the table has a parent
///   column, else the name alone; a key held by two units or two rows is join_ambiguous_name (error)
///   and joins nothing.
/// Joined values: populations, type, level and parent replace the units' (counted in one info finding
/// when they differ); a name fills a missing name only; every indicator column of the table becomes
/// an indicator of the units. The table's area goes to `given_area` (indexed by UnitId) for the caller
/// to compare with the geometry. Unmatched rows and units are warnings naming row and feature.
JoinReport join_attributes(model::UnitTable& units, RecordSet& table, const std::vector<UnitRecord>& table_records,
                           const ResolvedMapping& table_mapping, JoinOn on, const std::string& units_file,
                           std::vector<std::optional<double>>& given_area, Findings& findings);

}  // namespace quhua::io
