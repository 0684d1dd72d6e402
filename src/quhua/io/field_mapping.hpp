// Field mapping: which field of a layer or table holds a unit's code, name, populations, parent, type,
// level, area and seat, and which become named indicators. Given on the command line
// (`--fields code=XZQDM,name=XZQMC`, `--indicators GDP,revenue=CZSR`), in a small TOML file
// (`--mapping FILE.toml`), or found among common Chinese and English field names (docs/import.md).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "quhua/io/record_set.hpp"
#include "quhua/util/findings.hpp"

namespace quhua::io {

enum class FieldRole { code, name, population, registered, parent, type, level, area, seat };
inline constexpr std::size_t k_role_count = 9;
inline constexpr std::array<FieldRole, k_role_count> k_roles{FieldRole::code,   FieldRole::name,  FieldRole::population,
                                                             FieldRole::registered, FieldRole::parent, FieldRole::type,
                                                             FieldRole::level,  FieldRole::area,  FieldRole::seat};

std::string_view role_name(FieldRole role);     ///< "population"
std::string_view role_name_zh(FieldRole role);  ///< "常住人口"
/// "code", "name", "population" (also "pop", "resident"), "registered", "parent", "type", "level",
/// "area", "seat", or the Chinese names (代码, 名称, 常住人口, 户籍人口, 上级代码, 类型, 级别, 面积, 驻地).
std::optional<FieldRole> parse_role(std::string_view text);

/// A named indicator and the field it comes from.
struct IndicatorSpec {
  std::string name;
  std::string field;
  friend bool operator==(const IndicatorSpec&, const IndicatorSpec&) = default;
};

struct FieldMapping {
  std::array<std::string, k_role_count> fields;  ///< per role, the field name; empty: find by default names
  /// nullopt: every numeric field no role uses becomes an indicator named after the field (nothing is
  /// lost). A list: only these, under these names.
  std::optional<std::vector<IndicatorSpec>> indicators;

  const std::string& field(FieldRole role) const { return fields[static_cast<std::size_t>(role)]; }
  std::string& field(FieldRole role) { return fields[static_cast<std::size_t>(role)]; }
};

/// Parses `code=XZQDM,name=XZQMC,population=常住人口` (full-width commas accepted). Throws UsageError
/// naming the bad item: unknown role, empty field, a role given twice.
FieldMapping parse_field_list(std::string_view text);
/// Parses `GDP,revenue=CZSR`: an item is FIELD (named after itself) or NAME=FIELD. Throws UsageError.
std::vector<IndicatorSpec> parse_indicator_list(std::string_view text);

/// Parses a mapping file:
///     [fields]
///     code = "XZQDM"
///     name = "XZQMC"
///     [indicators]        # optional; when present, only these become indicators
///     GDP = "GDP_2023"
/// Throws InputError naming `source_name` (and line, column) for bad TOML, unknown tables or roles,
/// or values that are not strings.
FieldMapping parse_mapping_toml(std::string_view text, const std::string& source_name);
/// Reads and parses a mapping file. Throws InputError(input_missing) when it cannot be read.
FieldMapping read_mapping_file(const std::string& path);

/// `over`'s fields and indicator list win where set.
FieldMapping merge(FieldMapping base, const FieldMapping& over);

/// Default field names for a role, in order of preference, matched case-insensitively.
std::span<const std::string_view> default_field_names(FieldRole role);

/// Where each role and indicator sits in one RecordSet.
struct ResolvedMapping {
  std::array<std::optional<std::size_t>, k_role_count> columns;  ///< per role
  std::vector<std::pair<std::string, std::size_t>> indicators;   ///< (indicator name, column)
  std::vector<bool> explicit_indicator;  ///< per indicator: the user listed it (values then checked)

  std::optional<std::size_t> operator[](FieldRole role) const { return columns[static_cast<std::size_t>(role)]; }
  /// "code ← XZQDM, name ← XZQMC, population ← POP; 3 indicators: GDP, ...".
  std::string describe(const RecordSet& records) const;
};

/// Finds each role's column: an explicit name exactly, else case-insensitively; without one, the first
/// default name present that no other role uses. An explicit field that is absent is fatal
/// (fail(field_not_found), listing the fields there are). Columns that hold mostly but not only numbers
/// are reported (column_not_numeric) and not used as indicators unless listed. Adds an info finding
/// (fields_used) saying what was used for what. With `require_explicit` false, explicit fields and
/// indicators that are absent are skipped instead (the caller checks them against a second source,
/// e.g. an attribute table joined later): a value role is then left empty, while the keys (code, name)
/// may still be found among the default names.
ResolvedMapping resolve_mapping(const FieldMapping& mapping, const RecordSet& records, Findings& findings,
                                bool require_explicit = true);

}  // namespace quhua::io
