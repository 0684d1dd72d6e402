#include "quhua/io/unit_records.hpp"

#include <cmath>
#include <limits>
#include <unordered_map>

#include "quhua/util/encoding.hpp"
#include "quhua/util/strings.hpp"

namespace quhua::io {
namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();
constexpr const char* k_garbled_hint =
    " -- the file's text encoding was probably misread; pass --encoding GBK (or UTF-8)";

/// Population values: blank -> nullopt; not a number or negative -> error finding.
std::optional<double> read_population(RecordSet& records, std::size_t row, std::optional<std::size_t> column,
                                      Findings& findings) {
  if (!column) return std::nullopt;
  const util::Cell& cell = records.rows[row][*column];
  if (value_blank(cell)) return std::nullopt;
  const std::string& field = records.fields[*column];
  const auto value = value_number(cell);
  if (!value || !std::isfinite(*value)) {
    findings.add(Severity::error, "population_not_numeric", "'" + value_text(cell) + "' is not a number",
                 records.where(row, field));
    records.mark_bad(row);
    return std::nullopt;
  }
  if (*value < 0) {
    findings.add(Severity::error, "population_negative", "population " + value_text(cell) + " is negative",
                 records.where(row, field));
    records.mark_bad(row);
    return std::nullopt;
  }
  return *value;
}

/// Optional text; garbled text (GBK read as Latin-1, replacement characters) is an error.
std::string read_text(RecordSet& records, std::size_t row, std::optional<std::size_t> column, Findings& findings) {
  if (!column) return {};
  std::string text(util::trim(value_text(records.rows[row][*column])));
  if (util::looks_like_mojibake(text)) {
    findings.add(Severity::error, "text_mojibake", "'" + text + "' looks garbled" + k_garbled_hint,
                 records.where(row, records.fields[*column]));
    records.mark_bad(row);
  }
  return text;
}

/// The type: the type field when it names one, else the name's suffix when it fits the level, else the
/// NBS digits 7-9 for a township-level code.
void resolve_type(model::Unit& unit, RecordSet& records, std::size_t row, std::optional<std::size_t> type_column,
                  Findings& findings) {
  if (!unit.type_label.empty()) {
    if (const auto type = model::parse_type(unit.type_label)) {
      unit.type = *type;
      return;
    }
    findings.add(Severity::warning, "type_unknown",
                 "type '" + unit.type_label + "' is not one quhua knows; the type is taken from the name or code",
                 records.where(row, type_column ? records.fields[*type_column] : ""));
  }
  if (const auto type = model::type_from_name(unit.name)) {
    if (unit.level == model::UnitLevel::unknown || model::level_of_type(*type) == unit.level) {
      unit.type = *type;
      return;
    }
  }
  if (unit.level == model::UnitLevel::township) {
    if (const auto type = model::township_type_from_code(unit.code)) unit.type = *type;
  }
}

}  // namespace

model::CodeScheme detect_code_scheme(const RecordSet& records, std::size_t code_column,
                                     std::optional<model::CodeScheme> forced, Findings& findings) {
  std::size_t nbs = 0, other = 0;
  for (const auto& row : records.rows) {
    if (value_blank(row[code_column])) continue;
    if (model::looks_like_division_code(util::trim(value_text(row[code_column])))) {
      ++nbs;
    } else {
      ++other;
    }
  }
  const ErrorContext where = records.where_field(records.fields[code_column]);
  if (forced) {
    findings.add(Severity::info, "code_scheme",
                 std::string(*forced == model::CodeScheme::nbs ? "NBS division codes" : "free ids") + " (as asked)",
                 where);
    return *forced;
  }
  // A vote: a few malformed codes in an NBS table are errors to fix, not a reason to give up the scheme.
  if (nbs > 0 && nbs >= other) {
    findings.add(Severity::info, "code_scheme",
                 "NBS division codes (padded to 12 digits; parents derived from the code where no parent field)",
                 where);
    return model::CodeScheme::nbs;
  }
  findings.add(Severity::info, "code_scheme",
               "codes are not NBS division codes (" + std::to_string(nbs) + " of " + std::to_string(nbs + other) +
                   " are): read as free ids; parents and levels come only from their fields",
               where);
  return model::CodeScheme::free;
}

std::optional<std::string> normalise_code(const util::Cell& cell, model::CodeScheme scheme) {
  if (value_blank(cell)) return std::nullopt;
  const std::string text(util::trim(value_text(cell)));
  if (scheme == model::CodeScheme::free) return text;
  if (!model::looks_like_division_code(text)) return std::nullopt;
  return model::pad_code(text);
}

std::vector<UnitRecord> read_unit_records(RecordSet& records, const ResolvedMapping& mapping,
                                          model::CodeScheme scheme, Findings& findings) {
  using model::CodeScheme;
  using model::UnitLevel;
  std::vector<UnitRecord> out(records.size());
  const auto code_column = mapping[FieldRole::code];
  const auto parent_column = mapping[FieldRole::parent];
  const auto level_column = mapping[FieldRole::level];
  const auto area_column = mapping[FieldRole::area];
  const auto seat_column = mapping[FieldRole::seat];
  for (std::size_t row = 0; row < records.size(); ++row) {
    UnitRecord& record = out[row];
    model::Unit& unit = record.unit;
    unit.source_feature = records.row_ids[row];
    const auto& cells = records.rows[row];

    if (code_column) {
      const std::string& field = records.fields[*code_column];
      const util::Cell& cell = cells[*code_column];
      if (value_blank(cell)) {
        findings.add(Severity::error, "code_missing", "no code", records.where(row, field));
        records.mark_bad(row);
      } else if (auto code = normalise_code(cell, scheme)) {
        unit.code = std::move(*code);
      } else {
        findings.add(Severity::error, "code_invalid",
                     "'" + value_text(cell) + "' is not a division code (2, 4, 6, 9 or 12 digits)",
                     records.where(row, field));
        records.mark_bad(row);
      }
    }
    unit.name = read_text(records, row, mapping[FieldRole::name], findings);
    unit.type_label = read_text(records, row, mapping[FieldRole::type], findings);

    // Level: the code's (NBS) is authoritative; a level field is used for free ids and checked otherwise.
    const UnitLevel code_level = scheme == CodeScheme::nbs ? model::level_of_code(unit.code) : UnitLevel::unknown;
    unit.level = code_level;
    if (level_column && !value_blank(cells[*level_column])) {
      const std::string text = value_text(cells[*level_column]);
      const auto level = model::parse_level(text);
      if (level && code_level != UnitLevel::unknown && *level != code_level) {
        findings.add(Severity::warning, "level_mismatch",
                     "level '" + text + "' but code " + unit.code + " is " + std::string(model::level_name(code_level)) +
                         "-level; the code's level is used",
                     records.where(row, records.fields[*level_column]));
      } else if (level && code_level == UnitLevel::unknown) {
        unit.level = *level;
      } else if (!level) {
        findings.add(Severity::warning, "level_mismatch", "level '" + text + "' is not a level quhua knows",
                     records.where(row, records.fields[*level_column]));
      }
    }

    // Parent: from the parent field (checked against the code), else derived from an NBS code.
    if (parent_column && !value_blank(cells[*parent_column])) {
      const std::string& field = records.fields[*parent_column];
      const util::Cell& cell = cells[*parent_column];
      if (auto parent = normalise_code(cell, scheme)) {
        record.has_parent_field_value = true;
        if (scheme == CodeScheme::nbs && !unit.code.empty() &&
            (*parent == unit.code || !model::code_is_within(unit.code, *parent))) {
          findings.add(Severity::error, "parent_not_prefix",
                       "parent " + value_text(cell) + " does not contain code " + unit.code +
                           " (an NBS parent's code is a prefix of its children's)",
                       records.where(row, field));
          records.mark_bad(row);
        }
        unit.parent_code = std::move(*parent);
      } else {
        findings.add(Severity::error, "parent_invalid",
                     "'" + value_text(cell) + "' is not a division code (2, 4, 6, 9 or 12 digits)",
                     records.where(row, field));
        records.mark_bad(row);
      }
    } else if (scheme == CodeScheme::nbs && !unit.code.empty()) {
      unit.parent_code = model::parent_of_code(unit.code);
    }
    if (unit.level == UnitLevel::unknown && !unit.type_label.empty()) {
      if (const auto type = model::parse_type(unit.type_label)) unit.level = model::level_of_type(*type);
    }
    resolve_type(unit, records, row, mapping[FieldRole::type], findings);
    if (unit.level == UnitLevel::unknown && unit.type != model::UnitType::other) unit.level = model::level_of_type(unit.type);

    unit.resident_population = read_population(records, row, mapping[FieldRole::population], findings);
    unit.registered_population = read_population(records, row, mapping[FieldRole::registered], findings);

    if (area_column && !value_blank(cells[*area_column])) {
      const auto value = value_number(cells[*area_column]);
      if (value && std::isfinite(*value) && *value >= 0) {
        record.given_area = *value;
      } else {
        findings.add(Severity::warning, "value_not_numeric",
                     "area '" + value_text(cells[*area_column]) + "' is not a non-negative number; left empty",
                     records.where(row, records.fields[*area_column]));
      }
    }
    if (seat_column) {
      if (auto seat = normalise_code(cells[*seat_column], scheme)) {
        record.seat_code = std::move(*seat);
      } else if (!value_blank(cells[*seat_column])) {
        record.seat_code = std::string(util::trim(value_text(cells[*seat_column])));
      }
    }

    record.indicators.assign(mapping.indicators.size(), k_nan);
    for (std::size_t i = 0; i < mapping.indicators.size(); ++i) {
      const std::size_t column = mapping.indicators[i].second;
      const util::Cell& cell = cells[column];
      if (value_blank(cell)) continue;
      const auto value = value_number(cell);
      if (value && std::isfinite(*value)) {
        record.indicators[i] = *value;
      } else {
        findings.add(Severity::warning, "value_not_numeric",
                     "'" + value_text(cell) + "' is not a number; indicator " + mapping.indicators[i].first +
                         " left empty",
                     records.where(row, records.fields[column]));
      }
    }
  }
  return out;
}

void check_duplicate_codes(RecordSet& records, const std::vector<UnitRecord>& units, const std::string& code_field,
                           Findings& findings) {
  std::unordered_map<std::string, std::size_t> first;
  first.reserve(units.size());
  for (std::size_t row = 0; row < units.size(); ++row) {
    const std::string& code = units[row].unit.code;
    if (code.empty()) continue;
    const auto [it, inserted] = first.emplace(code, row);
    if (inserted) continue;
    const std::size_t earlier = it->second;
    findings.add(Severity::error, "duplicate_code",
                 "code " + code + " ('" + units[row].unit.name + "') was already used by feature " +
                     records.row_ids[earlier] + " ('" + units[earlier].unit.name + "')",
                 records.where(row, code_field));
    records.mark_bad(row);
  }
}

}  // namespace quhua::io
