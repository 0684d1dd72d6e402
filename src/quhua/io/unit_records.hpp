// From records to units: reading each record's code, name, populations, type, level, parent, area,
// seat code and indicators under a resolved field mapping, by the rules of docs/import.md -- NBS codes
// padded to 12 digits and checked against their parent, types from the type field, the name's suffix or
// the code's digits 7-9 -- with one finding per bad value naming file, feature and field.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "quhua/io/field_mapping.hpp"
#include "quhua/io/record_set.hpp"
#include "quhua/model/unit.hpp"
#include "quhua/util/findings.hpp"

namespace quhua::io {

/// What one record says about its unit. Fields a record does not have stay empty / nullopt.
struct UnitRecord {
  model::Unit unit;                   ///< code, name, level, type, type_label, parent_code, populations
  std::optional<double> given_area;   ///< the area field's value as given (unit unknown until compared)
  std::string seat_code;              ///< the seat field: code of the unit holding the seat
  std::vector<double> indicators;     ///< per ResolvedMapping::indicators, NaN where missing
  bool has_parent_field_value = false;  ///< the parent came from a parent field, not the code
};

/// Decides how codes are read: NBS division codes when (most of) the code column is 2/4/6/9/12 digits,
/// free ids otherwise; `forced` skips the vote. Reports the decision (info code_scheme).
model::CodeScheme detect_code_scheme(const RecordSet& records, std::size_t code_column,
                                     std::optional<model::CodeScheme> forced, Findings& findings);

/// A code as the table stores it: NBS codes padded to 12 digits, free ids trimmed. nullopt when the
/// cell is blank or (NBS) not a division code.
std::optional<std::string> normalise_code(const util::Cell& cell, model::CodeScheme scheme);

/// Reads every record. Invalid values (codes, parents, negative or non-numeric populations, garbled
/// names) are error findings that mark the row bad; doubtful ones (unknown type label, level field
/// disagreeing with the code) are warnings. Missing populations are not reported here: an attribute
/// table may still provide them (see service::import_units). Duplicate codes are not checked here.
std::vector<UnitRecord> read_unit_records(RecordSet& records, const ResolvedMapping& mapping,
                                          model::CodeScheme scheme, Findings& findings);

/// Reports duplicate codes (error duplicate_code on the later record, naming both features) and marks
/// the later records bad. Blank codes are skipped.
void check_duplicate_codes(RecordSet& records, const std::vector<UnitRecord>& units, const std::string& code_field,
                           Findings& findings);

}  // namespace quhua::io
