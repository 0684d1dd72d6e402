#include "quhua/service/import_units.hpp"

#include <algorithm>
#include <filesystem>
#include <limits>

#include "quhua/geometry/projection.hpp"
#include "quhua/io/attribute_join.hpp"
#include "quhua/io/field_mapping.hpp"
#include "quhua/io/import_findings.hpp"
#include "quhua/io/spreadsheet_reader.hpp"
#include "quhua/io/unit_records.hpp"
#include "quhua/io/vector_reader.hpp"
#include "quhua/service/import_steps.hpp"
#include "quhua/util/strings.hpp"

namespace quhua::service {
namespace {

using io::FieldRole;

bool is_table_path(const std::string& path) {
  const std::string ext = util::to_lower_ascii(std::filesystem::path(path).extension().string());
  return ext == ".csv" || ext == ".tsv" || ext == ".txt" || ext == ".xlsx" || ext == ".xls" || ext == ".ods";
}

bool is_spreadsheet(const std::string& path) {
  const std::string ext = util::to_lower_ascii(std::filesystem::path(path).extension().string());
  return ext == ".xlsx" || ext == ".xls" || ext == ".ods";
}

io::FieldMapping build_mapping(const ImportRequest& request) {
  io::FieldMapping mapping;
  if (!request.mapping_path.empty()) mapping = io::read_mapping_file(request.mapping_path);
  if (!request.fields.empty()) mapping = io::merge(std::move(mapping), io::parse_field_list(request.fields));
  if (!request.indicators.empty()) mapping.indicators = io::parse_indicator_list(request.indicators);
  return mapping;
}

/// A table (CSV/XLSX) as records; the file's absence and format errors become findings of their kind.
io::RecordSet read_table_records(const std::string& path, const std::string& sheet,
                                 std::optional<util::Encoding> encoding, Findings& findings) {
  const ErrorContext where{path, sheet, "", ""};
  if (!std::filesystem::exists(path)) io::fail(findings, "file_not_found", "file not found", where);
  io::TableReadOptions options;
  options.sheet = sheet;
  options.csv.encoding = encoding;
  util::CsvTable table;
  try {
    table = io::read_table(path, options);
  } catch (const InputError& e) {
    const char* kind = e.code() == ErrorCode::input_missing    ? "layer_not_found"
                       : e.code() == ErrorCode::input_encoding ? "text_undecodable"
                                                               : "file_unreadable";
    io::fail(findings, kind, e.bare_message(), e.context().file.empty() ? where : e.context());
  }
  io::RecordSet records = io::records_from_table(table, path, sheet);
  if (records.size() == 0) io::fail(findings, "layer_empty", "the table has no rows", where);
  return records;
}

/// The explicit fields and indicators must each be somewhere: in the units source or the attribute table.
void check_explicit_fields(const io::FieldMapping& mapping, const io::RecordSet& units, const io::RecordSet* table,
                           Findings& findings) {
  auto present = [&](const std::string& field) {
    auto in = [&](const io::RecordSet& records) {
      for (const auto& f : records.fields) {
        if (f == field || util::iequals_ascii(util::trim(f), util::trim(field))) return true;
      }
      return false;
    };
    return in(units) || (table && in(*table));
  };
  auto missing = [&](const std::string& what, const std::string& field) {
    std::string fields = util::join(units.fields, ", ");
    if (table) fields += "; in " + table->file + ": " + util::join(table->fields, ", ");
    io::fail(findings, "field_not_found", what + " '" + field + "' is in no input; fields: " + fields,
             ErrorContext{units.file, units.layer, "", field});
  };
  for (const FieldRole role : io::k_roles) {
    const std::string& field = mapping.field(role);
    if (!field.empty() && !present(field)) missing("field for " + std::string(io::role_name(role)), field);
  }
  if (mapping.indicators) {
    for (const auto& spec : *mapping.indicators) {
      if (!present(spec.field)) missing("field for indicator " + spec.name, spec.field);
    }
  }
}

std::string error_summary(const Findings& findings, const Finding& first) {
  const std::size_t errors = findings.count(Severity::error);
  std::string message = "[" + first.kind + "] " + first.message;
  if (errors > 1) message += " (and " + std::to_string(errors - 1) + " more errors)";
  return message;
}

ImportResult run_import(const ImportRequest& request, Findings& findings) {
  request.validate();
  const io::FieldMapping mapping = build_mapping(request);
  const std::optional<util::Encoding> encoding =
      request.encoding.empty() ? std::nullopt : util::parse_encoding(request.encoding);

  ImportResult result;
  result.units_file = request.units_path;
  io::RecordSet records;
  std::vector<io::FeatureGeometry> geometries;
  std::string layer_crs;
  if (is_table_path(request.units_path)) {
    records = read_table_records(request.units_path, request.layer, encoding, findings);
    result.driver = is_spreadsheet(request.units_path) ? "spreadsheet" : "CSV";
  } else {
    io::VectorLayer layer = io::read_vector_layer(request.units_path, {request.layer, encoding}, findings);
    if (layer.records.size() == 0) {
      io::fail(findings, "layer_empty", "the layer has no features",
               ErrorContext{request.units_path, layer.records.layer, "", ""});
    }
    result.driver = layer.driver;
    result.encoding_note = layer.encoding_note;
    result.has_geometry = layer.has_geometry_field;
    layer_crs = layer.crs;
    records = std::move(layer.records);
    if (layer.has_geometry_field) geometries = std::move(layer.geometries);
  }
  result.layer = records.layer;
  result.features_read = records.size();

  // The attribute table is read before the units' fields are resolved: an explicit field may live in either.
  std::optional<io::RecordSet> table;
  if (!request.attributes_path.empty()) {
    table = read_table_records(request.attributes_path, request.attributes_sheet, encoding, findings);
  }
  check_explicit_fields(mapping, records, table ? &*table : nullptr, findings);
  const io::ResolvedMapping resolved = io::resolve_mapping(mapping, records, findings, !table);
  result.fields_used = resolved.describe(records);
  const auto code_column = resolved[FieldRole::code];
  if (!code_column) {
    io::fail(findings, "code_field_missing",
             "no field holds the unit codes; name it with --fields code=FIELD (fields: " +
                 util::join(records.fields, ", ") + ")",
             ErrorContext{records.file, records.layer, "", ""});
  }
  const model::CodeScheme scheme = io::detect_code_scheme(records, *code_column, request.code_scheme, findings);
  std::vector<io::UnitRecord> unit_records = io::read_unit_records(records, resolved, scheme, findings);
  io::check_duplicate_codes(records, unit_records, records.fields[*code_column], findings);

  detail::ProjectedUnits projected;
  projected.interior.resize(records.size());
  if (result.has_geometry) {
    projected = detail::project_units(records, geometries, unit_records, layer_crs, request.crs, findings);
    result.source_crs_name = projected.source_name;
    result.geometries_repaired = projected.repaired;
  }

  // The table: good rows only, with their indicators.
  model::UnitTable& units = result.units;
  units.code_scheme = scheme;
  units.crs = projected.crs;
  std::vector<std::size_t> indicator_columns;
  for (const auto& [name, column] : resolved.indicators) indicator_columns.push_back(units.add_indicator(name));
  std::vector<std::optional<double>> given_area;
  std::vector<std::optional<model::Point>> interior;
  std::vector<std::string> seat_codes;
  std::vector<std::size_t> unit_rows;  // the record row each unit came from
  for (std::size_t row = 0; row < records.size(); ++row) {
    if (records.row_bad[row]) {
      ++result.features_left_out;
      continue;
    }
    unit_rows.push_back(row);
    io::UnitRecord& record = unit_records[row];
    const model::UnitId id = units.add(std::move(record.unit));
    for (std::size_t i = 0; i < indicator_columns.size(); ++i) units.set_indicator(indicator_columns[i], id, record.indicators[i]);
    given_area.push_back(record.given_area);
    interior.push_back(projected.interior[row]);
    seat_codes.push_back(std::move(record.seat_code));
  }

  std::optional<io::ResolvedMapping> table_resolved;
  if (table) {
    table_resolved = io::resolve_mapping(mapping, *table, findings, false);
    const auto key = request.join_on == JoinOn::code ? (*table_resolved)[FieldRole::code] : (*table_resolved)[FieldRole::name];
    if (!key) {
      io::fail(findings, request.join_on == JoinOn::code ? "code_field_missing" : "name_field_missing",
               "the attribute table has no " + std::string(io::join_on_name(request.join_on)) +
                   " column to join on (columns: " + util::join(table->fields, ", ") + ")",
               ErrorContext{table->file, table->layer, "", ""});
    }
    const std::vector<io::UnitRecord> table_records = io::read_unit_records(*table, *table_resolved, scheme, findings);
    io::join_attributes(units, *table, table_records, *table_resolved, request.join_on, request.units_path, given_area,
                        findings);
  }

  auto field_of = [&](FieldRole role) -> std::string {
    if (const auto c = resolved[role]) return records.fields[*c];
    if (table_resolved) {
      if (const auto c = (*table_resolved)[role]) return table->fields[*c];
    }
    return {};
  };
  detail::compare_areas(units, given_area, field_of(FieldRole::area), request.units_path, findings);
  detail::seats_from_coordinates(units, records, unit_rows, findings);
  detail::attach_seats(units, request, encoding, interior, seat_codes, request.units_path, findings);

  // Missing names and populations are reported last: the attribute table may have filled them.
  const std::string name_field = field_of(FieldRole::name);
  const std::string population_field = field_of(FieldRole::population);
  const std::string registered_field = field_of(FieldRole::registered);
  const ErrorContext file_context{records.file, records.layer, "", ""};
  if (name_field.empty()) {
    findings.add(Severity::warning, "name_field_missing",
                 "no field holds the unit names; name it with --fields name=FIELD", file_context);
  }
  if (population_field.empty() && registered_field.empty()) {
    findings.add(Severity::warning, "population_field_missing",
                 "no field holds populations; name it with --fields population=FIELD (units are imported without "
                 "population)",
                 file_context);
  }
  for (const model::Unit& unit : units) {
    const ErrorContext where{records.file, records.layer, unit.source_feature, ""};
    if (!name_field.empty() && unit.name.empty()) {
      findings.add(Severity::warning, "name_missing", "unit " + unit.code + " has no name",
                   ErrorContext{where.file, where.layer, where.feature, name_field});
    }
    if (!population_field.empty() && !unit.resident_population) {
      findings.add(Severity::warning, "population_missing",
                   "unit " + unit.code + " '" + unit.name + "' has no resident population (kept as missing, not 0)",
                   ErrorContext{where.file, where.layer, where.feature, population_field});
    }
    if (!registered_field.empty() && !unit.registered_population) {
      findings.add(Severity::warning, "population_missing",
                   "unit " + unit.code + " '" + unit.name + "' has no registered population (kept as missing, not 0)",
                   ErrorContext{where.file, where.layer, where.feature, registered_field});
    }
  }

  if (request.keep_going) {
    if (result.features_left_out > 0) {
      findings.add(Severity::warning, "features_left_out",
                   std::to_string(result.features_left_out) + " of " + std::to_string(result.features_read) +
                       " features had errors and were left out (--keep-going); see the errors above",
                   file_context);
    }
  } else if (findings.has_errors()) {
    const auto first = std::find_if(findings.items().begin(), findings.items().end(),
                                    [](const Finding& f) { return f.severity == Severity::error; });
    throw ImportFailed(io::first_error_code(findings), error_summary(findings, *first), first->where, findings);
  }
  return result;
}

}  // namespace

void ImportRequest::validate() const {
  if (util::trim(units_path).empty()) throw UsageError("no units file given (--units FILE)");
  if (!encoding.empty() && !util::parse_encoding(encoding)) {
    throw UsageError("--encoding: unknown encoding '" + encoding + "' (use GBK or UTF-8)");
  }
  if (!attributes_sheet.empty() && attributes_path.empty()) throw UsageError("--attributes-sheet needs --attributes");
  if ((!seats_layer.empty() || !seat_code_field.empty()) && seats_path.empty()) {
    throw UsageError("--seat-layer and --seat-code-field need --seats");
  }
  if (!crs.empty()) {
    try {
      geometry::describe_crs(crs);
    } catch (const InputError& e) {
      throw UsageError("--crs: " + e.bare_message());
    }
  }
}

ImportResult import_units(const ImportRequest& request) {
  Findings findings;
  ImportResult result;
  try {
    result = run_import(request, findings);
  } catch (const ImportFailed&) {
    throw;
  } catch (const InputError& e) {
    // A fatal problem: carry every finding collected so far with it.
    throw ImportFailed(e.code(), e.bare_message(), e.context(), std::move(findings));
  }
  result.findings = std::move(findings);
  return result;
}

}  // namespace quhua::service
