#include "quhua/io/attribute_join.hpp"

#include <cmath>
#include <unordered_map>

#include "quhua/util/strings.hpp"

namespace quhua::io {
namespace {

/// A name as a join key: ASCII blanks and ideographic spaces (U+3000) removed anywhere, since names
/// typed into spreadsheets gather them ("城关 镇").
std::string name_key(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    if (name.substr(i, 3) == "\u3000") {
      i += 2;
      continue;
    }
    out += c;
  }
  return out;
}

std::string join_key(std::string_view parent, std::string_view name, bool with_parent) {
  std::string key = name_key(name);
  if (with_parent) key = std::string(parent) + '\x1f' + key;
  return key;
}

std::string describe_key(std::string_view parent, std::string_view name, bool with_parent) {
  return with_parent ? "'" + std::string(name) + "' within " + (parent.empty() ? "no parent" : std::string(parent))
                     : "'" + std::string(name) + "'";
}

struct Replacements {
  std::size_t count = 0;
  std::string first;
  void note(const model::Unit& unit, std::string_view what) {
    if (count++ == 0) first = std::string(what) + " of " + unit.code + " '" + unit.name + "'";
  }
};

void apply_number(std::optional<double>& target, const std::optional<double>& value, const model::Unit& unit,
                  std::string_view what, Replacements& replaced) {
  if (!value) return;
  if (target && *target != *value) replaced.note(unit, what);
  target = value;
}

}  // namespace

std::string_view join_on_name(JoinOn on) { return on == JoinOn::code ? "code" : "name"; }

std::optional<JoinOn> parse_join_on(std::string_view text) {
  const std::string t = util::to_lower_ascii(util::trim(text));
  if (t == "code" || t == "代码") return JoinOn::code;
  if (t == "name" || t == "名称") return JoinOn::name;
  return std::nullopt;
}

JoinReport join_attributes(model::UnitTable& units, RecordSet& table, const std::vector<UnitRecord>& table_records,
                           const ResolvedMapping& table_mapping, JoinOn on, const std::string& units_file,
                           std::vector<std::optional<double>>& given_area, Findings& findings) {
  JoinReport report;
  const bool with_parent = on == JoinOn::name && table_mapping[FieldRole::parent].has_value();
  const auto key_column = on == JoinOn::code ? table_mapping[FieldRole::code] : table_mapping[FieldRole::name];
  const std::string key_field = key_column ? table.fields[*key_column] : std::string(on == JoinOn::code ? "code" : "name");

  // The units' side of the key; for name joins a key held by two units is ambiguous.
  constexpr model::UnitId k_ambiguous = static_cast<model::UnitId>(-1);
  std::unordered_map<std::string, model::UnitId> unit_by_key;
  if (on == JoinOn::name) {
    unit_by_key.reserve(units.size());
    for (model::UnitId id = 0; id < units.size(); ++id) {
      const model::Unit& unit = units[id];
      const std::string key = join_key(unit.parent_code, unit.name, with_parent);
      const auto [it, inserted] = unit_by_key.emplace(key, id);
      if (inserted || it->second == k_ambiguous) continue;
      const model::Unit& other = units[it->second];
      findings.add(Severity::error, "join_ambiguous_name",
                   describe_key(unit.parent_code, unit.name, with_parent) + " names two units: " + other.code +
                       " (feature " + other.source_feature + ") and " + unit.code + "; neither is joined by name",
                   ErrorContext{units_file, "", unit.source_feature, "name"});
      it->second = k_ambiguous;
    }
  }

  // The table's side: one row per key.
  std::unordered_map<std::string, std::size_t> row_by_key;
  std::vector<std::string> row_keys(table.size());
  for (std::size_t row = 0; row < table.size(); ++row) {
    if (table.row_bad[row]) continue;
    const model::Unit& unit = table_records[row].unit;
    if (on == JoinOn::code) {
      row_keys[row] = unit.code;
    } else {
      if (!unit.name.empty()) row_keys[row] = join_key(unit.parent_code, unit.name, with_parent);
    }
    if (row_keys[row].empty()) {
      findings.add(Severity::warning, "join_key_missing", "no " + std::string(join_on_name(on)) + " to join on",
                   table.where(row, key_field));
      continue;
    }
    const auto [it, inserted] = row_by_key.emplace(row_keys[row], row);
    if (inserted) continue;
    const std::string kind = on == JoinOn::code ? "join_duplicate_key" : "join_ambiguous_name";
    findings.add(Severity::error, kind,
                 (on == JoinOn::code ? "code " + unit.code : describe_key(unit.parent_code, unit.name, with_parent)) +
                     " occurs again (first at " + table.row_ids[it->second] + ")",
                 table.where(row, key_field));
    table.mark_bad(row);
  }

  std::vector<bool> unit_matched(units.size(), false);
  Replacements replaced;
  for (std::size_t row = 0; row < table.size(); ++row) {
    if (table.row_bad[row] || row_keys[row].empty()) continue;
    if (row_by_key[row_keys[row]] != row) continue;
    ++report.rows;
    std::optional<model::UnitId> id;
    if (on == JoinOn::code) {
      id = units.find(row_keys[row]);
    } else if (const auto it = unit_by_key.find(row_keys[row]); it != unit_by_key.end()) {
      if (it->second == k_ambiguous) continue;  // reported above
      id = it->second;
    }
    const UnitRecord& record = table_records[row];
    if (!id) {
      ++report.unmatched_rows;
      findings.add(Severity::warning, "join_unmatched_row",
                   (on == JoinOn::code ? "code " + record.unit.code
                                       : describe_key(record.unit.parent_code, record.unit.name, with_parent)) +
                       " matches no unit of " + units_file,
                   table.where(row, key_field));
      continue;
    }
    ++report.matched_rows;
    unit_matched[*id] = true;
    model::Unit& unit = units[*id];
    if (unit.name.empty()) unit.name = record.unit.name;
    apply_number(unit.resident_population, record.unit.resident_population, unit, "population", replaced);
    apply_number(unit.registered_population, record.unit.registered_population, unit, "registered population",
                 replaced);
    if (table_mapping[FieldRole::type] && !record.unit.type_label.empty()) {
      if (unit.type_label != record.unit.type_label && !unit.type_label.empty()) replaced.note(unit, "type");
      unit.type_label = record.unit.type_label;
      unit.type = record.unit.type;
    }
    if (table_mapping[FieldRole::level] && record.unit.level != model::UnitLevel::unknown &&
        unit.level == model::UnitLevel::unknown) {
      unit.level = record.unit.level;
    }
    if (record.has_parent_field_value && on == JoinOn::code) {
      if (!unit.parent_code.empty() && unit.parent_code != record.unit.parent_code) replaced.note(unit, "parent");
      unit.parent_code = record.unit.parent_code;
    }
    if (record.given_area) given_area[*id] = record.given_area;
    for (std::size_t i = 0; i < table_mapping.indicators.size(); ++i) {
      const std::size_t column = units.add_indicator(table_mapping.indicators[i].first);
      const double value = record.indicators[i];
      if (std::isnan(value)) continue;
      const double before = units.indicator(column, *id);
      if (!std::isnan(before) && before != value) replaced.note(unit, table_mapping.indicators[i].first);
      units.set_indicator(column, *id, value);
    }
  }
  for (model::UnitId id = 0; id < units.size(); ++id) {
    if (unit_matched[id]) continue;
    ++report.unmatched_units;
    const model::Unit& unit = units[id];
    findings.add(Severity::warning, "join_unmatched_unit",
                 unit.code + " '" + unit.name + "' has no row in " + table.file,
                 ErrorContext{units_file, "", unit.source_feature, std::string(join_on_name(on))});
  }
  report.values_replaced = replaced.count;
  if (replaced.count > 0) {
    findings.add(Severity::info, "join_values_replaced",
                 std::to_string(replaced.count) + " values of the units were replaced by different values from the " +
                     "table (first: " + replaced.first + ")",
                 ErrorContext{table.file, table.layer, "", ""});
  }
  return report;
}

}  // namespace quhua::io
