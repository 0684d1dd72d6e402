#include "quhua/service/registry_sources.hpp"

#include "quhua/io/spreadsheet_reader.hpp"
#include "quhua/service/registry_detail.hpp"
#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

#include <unordered_set>

namespace quhua::service {
namespace {

namespace fs = std::filesystem;
using model::UnitLevel;

using detail::require_column;

ErrorContext row_context(const std::string& file, const util::CsvTable& table, std::size_t row,
                         const std::string& field) {
  return ErrorContext{file, "", "row " + std::to_string(table.row_lines[row]), field};
}

std::string padded_code(const std::string& file, const util::CsvTable& table, std::size_t row, std::size_t column,
                        const std::string& field, int digits) {
  const std::string_view text = util::trim(table.rows[row][column]);
  if (!util::is_digits(text) || (digits > 0 && text.size() != static_cast<std::size_t>(digits)) ||
      !model::looks_like_division_code(text)) {
    const std::string expected = digits > 0 ? std::to_string(digits) + " digits" : "2, 4, 6, 9 or 12 digits";
    throw InputError(ErrorCode::input_value,
                     "'" + std::string(text) + "' is not a division code (expected " + expected + ")",
                     row_context(file, table, row, field));
  }
  return model::pad_code(text);
}

UnitLevel level_for_digits(int digits) {
  for (auto level : {UnitLevel::province, UnitLevel::prefecture, UnitLevel::county, UnitLevel::township}) {
    if (model::code_digits(level) == digits) return level;
  }
  return UnitLevel::unknown;
}

class SnapshotBuilder {
 public:
  explicit SnapshotBuilder(registry::Snapshot& snapshot) : m_snapshot(snapshot) {}

  // Reads one table of one level. `parent_column` empty: the parent is derived from the code.
  void read(const fs::path& path, int digits, const std::string& parent_column) {
    const std::string file = path.string();
    if (!fs::exists(path)) {
      throw InputError(ErrorCode::input_missing, "file not found", ErrorContext{file, "", "", ""});
    }
    const util::CsvTable table = io::read_table(file);
    const std::size_t code_col = require_column(table, file, "code");
    const std::size_t name_col = require_column(table, file, "name");
    // Edition folders must give the parent; a single table may leave it to the code.
    std::optional<std::size_t> parent_col;
    if (!parent_column.empty()) {
      parent_col = digits == 0 ? table.column(parent_column) : require_column(table, file, parent_column);
    }
    const auto population_col = table.column("population");
    const auto area_col = table.column("area_km2");
    m_snapshot.units.reserve(m_snapshot.units.size() + table.rows.size());
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      registry::SnapshotUnit unit;
      unit.code = padded_code(file, table, r, code_col, "code", digits);
      unit.level = model::level_of_code(unit.code);
      if (unit.level == UnitLevel::unknown) {
        throw InputError(ErrorCode::input_value, "'" + unit.code + "' is not a division code",
                         row_context(file, table, r, "code"));
      }
      // Prefecture-level cities without counties (东莞, 中山, 儋州, 嘉峪关) appear in areas.csv as a
      // county "441900" that pads to the prefecture's own code; their townships sit under the
      // prefecture (as in NBS's 12-digit codes), so the placeholder row is skipped.
      if (parent_col && digits > 0 && unit.level != level_for_digits(digits) &&
          padded_code(file, table, r, *parent_col, parent_column, 0) == unit.code) {
        ++m_placeholders;
        continue;
      }
      unit.name = std::string(util::trim(table.rows[r][name_col]));
      if (unit.name.empty()) {
        throw InputError(ErrorCode::input_value, "empty name for code " + unit.code,
                         row_context(file, table, r, "name"));
      }
      if (const auto control = util::first_control_character(unit.name); !control.empty()) {
        throw InputError(ErrorCode::input_value,
                         "the name of code " + unit.code + " holds a control character (" + control +
                             "); a division name is one line of text",
                         row_context(file, table, r, "name"));
      }
      const std::string derived = model::parent_of_code(unit.code);
      if (parent_col && !util::trim(table.rows[r][*parent_col]).empty()) {
        unit.parent_code = padded_code(file, table, r, *parent_col, parent_column, 0);
        if (unit.parent_code != derived) {
          throw InputError(ErrorCode::input_value,
                           "parent " + model::short_code(unit.parent_code, model::level_of_code(unit.parent_code)) +
                               " contradicts code " + model::short_code(unit.code, unit.level),
                           row_context(file, table, r, parent_column));
        }
      } else {
        unit.parent_code = derived;
      }
      if (population_col) unit.population = util::parse_double(table.rows[r][*population_col]);
      if (area_col) unit.area_km2 = util::parse_double(table.rows[r][*area_col]);
      if (!m_codes.insert(unit.code).second) {
        throw InputError(ErrorCode::input_duplicate, "duplicate code " + unit.code,
                         row_context(file, table, r, "code"));
      }
      m_snapshot.units.push_back(std::move(unit));
    }
  }

 private:
  registry::Snapshot& m_snapshot;
  std::unordered_set<std::string> m_codes;
  std::size_t m_placeholders = 0;
};

}  // namespace

bool is_snapshot_source(const fs::path& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return fs::exists(path / "streets.csv", ec);
  return fs::is_regular_file(path, ec);
}

registry::Snapshot read_snapshot_source(const fs::path& path, const std::string& name, const registry::Date& as_of) {
  registry::Snapshot snapshot;
  snapshot.name = name;
  snapshot.as_of = as_of;
  snapshot.source = path.string();
  SnapshotBuilder builder(snapshot);
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    builder.read(path / "provinces.csv", 2, "");
    builder.read(path / "cities.csv", 4, "provinceCode");
    builder.read(path / "areas.csv", 6, "cityCode");
    builder.read(path / "streets.csv", 9, "areaCode");
  } else if (fs::is_regular_file(path, ec)) {
    builder.read(path, 0, "parent_code");
  } else {
    throw InputError(ErrorCode::input_missing, "no such folder or file", ErrorContext{path.string(), "", "", ""});
  }
  return snapshot;
}

}  // namespace quhua::service
