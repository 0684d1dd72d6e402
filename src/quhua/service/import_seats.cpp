// Seats (驻地) for imported units: from a point layer joined on code, from a seat-code field, or a
// point inside the unit (see import_steps.hpp).
#include "quhua/geometry/polygon_ops.hpp"
#include "quhua/geometry/projection.hpp"
#include "quhua/io/import_findings.hpp"
#include "quhua/service/import_steps.hpp"
#include "quhua/util/strings.hpp"

namespace quhua::service::detail {
namespace {

constexpr model::BBox k_china_lonlat{70.0, 0.0, 140.0, 56.0};

/// The CRS of the seat layer: its own, else the units', else lon/lat assumed inside China.
std::string seat_layer_crs(const io::VectorLayer& seats, const model::UnitTable& units, Findings& findings) {
  const ErrorContext where{seats.records.file, seats.records.layer, "", ""};
  if (!seats.crs.empty()) return seats.crs;
  if (!units.crs.source.empty()) {
    findings.add(Severity::warning, "crs_assumed",
                 "the seat layer declares no coordinate reference system; the units' (" + units.crs.source +
                     ") is assumed",
                 where);
    return units.crs.source;
  }
  model::BBox extent;
  for (const auto& g : seats.geometries) {
    for (const auto& p : g.points) extent.expand(p);
  }
  if (!extent.empty() && extent.min_x >= k_china_lonlat.min_x && extent.max_x <= k_china_lonlat.max_x &&
      extent.min_y >= k_china_lonlat.min_y && extent.max_y <= k_china_lonlat.max_y) {
    findings.add(Severity::warning, "crs_assumed",
                 "the seat layer declares no coordinate reference system; its coordinates look like longitude/"
                 "latitude in China, so EPSG:4326 is assumed",
                 where);
    return geometry::k_wgs84;
  }
  io::fail(findings, "crs_missing",
           "the seat layer declares no coordinate reference system and its coordinates are not longitude/latitude "
           "in China; give the file a .prj or convert it",
           where);
}

bool same_crs_or_unknown(const std::string& a, const std::string& b) {
  try {
    return geometry::same_crs(a, b);
  } catch (const InputError&) {
    return false;
  }
}

void read_seat_layer(model::UnitTable& units, const ImportRequest& request, std::optional<util::Encoding> encoding,
                     Findings& findings) {
  io::VectorLayer seats = io::read_vector_layer(request.seats_path, {request.seats_layer, encoding}, findings);
  io::RecordSet& records = seats.records;
  const ErrorContext where{records.file, records.layer, "", ""};
  if (records.size() == 0) io::fail(findings, "layer_empty", "the seat layer has no features", where);
  io::FieldMapping mapping;
  mapping.field(io::FieldRole::code) = request.seat_code_field;
  mapping.indicators.emplace();
  const io::ResolvedMapping resolved = io::resolve_mapping(mapping, records, findings);
  const auto code_column = resolved[io::FieldRole::code];
  if (!code_column) {
    io::fail(findings, "code_field_missing",
             "no field for the units' codes in the seat layer; name it with --seat-code-field (fields: " +
                 util::join(records.fields, ", ") + ")",
             where);
  }
  const std::string source = seat_layer_crs(seats, units, findings);
  if (!units.crs.is_projected) {
    // Units from a table have no CRS yet: the seats' extent chooses it.
    const geometry::Projector to_lonlat(source, geometry::k_wgs84);
    model::BBox lonlat;
    for (const auto& g : seats.geometries) {
      for (auto p : g.points) {
        if (const auto q = to_lonlat.forward(p)) lonlat.expand(*q);
      }
    }
    if (lonlat.empty()) io::fail(findings, "coordinates_not_projectable", "no seat can be placed on the map", where);
    units.crs = model::CrsInfo{source, geometry::choose_working_crs(lonlat), true};
    findings.add(Severity::info, "crs_working", "distances in the local equal-area CRS " + units.crs.working, where);
  } else if (!same_crs_or_unknown(source, units.crs.source)) {
    findings.add(Severity::info, "crs_reprojected", "seats re-projected from " + source + " to the units' working CRS",
                 where);
  }
  const geometry::Projector projector(source, units.crs.working);
  const std::string& code_field = records.fields[*code_column];
  for (std::size_t row = 0; row < records.size(); ++row) {
    if (records.row_bad[row]) continue;
    const io::FeatureGeometry& g = seats.geometries[row];
    if (g.state == io::GeometryState::damaged) {
      findings.add(Severity::error, "geometry_damaged",
                   "the seat's geometry is damaged and cannot be read (" + g.damage + ")", records.where(row));
      continue;
    }
    if (g.state != io::GeometryState::point || g.points.size() != 1) {
      findings.add(Severity::error, "seat_not_point",
                   "a seat must be one point, not " + (g.type_name.empty() ? std::string("nothing") : g.type_name),
                   records.where(row));
      continue;
    }
    const auto code = io::normalise_code(records.rows[row][*code_column], units.code_scheme);
    const auto id = code ? units.find(*code) : std::nullopt;
    if (!id) {
      findings.add(Severity::warning, "seat_unmatched",
                   "seat code '" + io::value_text(records.rows[row][*code_column]) + "' names no imported unit",
                   records.where(row, code_field));
      continue;
    }
    model::Unit& unit = units[*id];
    if (unit.seat_source == model::SeatSource::seat_layer) {
      findings.add(Severity::warning, "seat_duplicate",
                   "unit " + unit.code + " '" + unit.name + "' has another seat earlier in the layer; the first is kept",
                   records.where(row, code_field));
      continue;
    }
    const auto point = projector.forward(g.points.front());
    if (!point) {
      findings.add(Severity::error, "coordinates_not_projectable", "the seat cannot be projected from " + source,
                   records.where(row));
      continue;
    }
    unit.seat = *point;
    unit.seat_source = model::SeatSource::seat_layer;
  }
}

std::optional<std::size_t> column_named(const io::RecordSet& records, std::initializer_list<std::string_view> names) {
  for (std::size_t c = 0; c < records.fields.size(); ++c) {
    for (auto name : names) {
      if (util::iequals_ascii(records.fields[c], name) || records.fields[c] == name) return c;
    }
  }
  return std::nullopt;
}

}  // namespace

void seats_from_coordinates(model::UnitTable& units, const io::RecordSet& records,
                            const std::vector<std::size_t>& unit_rows, Findings& findings) {
  const auto lon_column = column_named(records, {"seat_lon", "驻地经度"});
  const auto lat_column = column_named(records, {"seat_lat", "驻地纬度"});
  if (!lon_column || !lat_column) return;
  std::vector<std::optional<model::Point>> lonlat(units.size());
  model::BBox extent;
  for (model::UnitId id = 0; id < units.size(); ++id) {
    const std::size_t row = unit_rows[id];
    const auto lon = io::value_number(records.rows[row][*lon_column]);
    const auto lat = io::value_number(records.rows[row][*lat_column]);
    if (!lon && !lat) continue;
    if (!lon || !lat || *lon < -180 || *lon > 180 || *lat < -90 || *lat > 90) {
      findings.add(Severity::warning, "seat_coordinates_invalid",
                   "seat longitude/latitude missing or out of range; a point inside the unit is used instead",
                   records.where(row, records.fields[lon ? *lat_column : *lon_column]));
      continue;
    }
    lonlat[id] = model::Point{*lon, *lat};
    extent.expand(*lonlat[id]);
  }
  if (extent.empty()) return;
  if (!units.crs.is_projected) {
    units.crs = model::CrsInfo{geometry::k_wgs84, geometry::choose_working_crs(extent), true};
    findings.add(Severity::info, "crs_working", "distances in the local equal-area CRS " + units.crs.working,
                 ErrorContext{records.file, records.layer, "", ""});
  }
  const geometry::Projector projector(geometry::k_wgs84, units.crs.working);
  for (model::UnitId id = 0; id < units.size(); ++id) {
    if (!lonlat[id]) continue;
    if (const auto point = projector.forward(*lonlat[id])) {
      units[id].seat = *point;
      units[id].seat_source = model::SeatSource::given;
    }
  }
}

void attach_seats(model::UnitTable& units, const ImportRequest& request, std::optional<util::Encoding> encoding,
                  const std::vector<std::optional<model::Point>>& interior, const std::vector<std::string>& seat_codes,
                  const std::string& units_file, Findings& findings) {
  if (!request.seats_path.empty()) read_seat_layer(units, request, encoding, findings);
  // Seat-code fields point at another unit (a township's seat is in one of its villages): that unit's
  // seat from the layer, or a point inside it.
  for (model::UnitId id = 0; id < units.size(); ++id) {
    model::Unit& unit = units[id];
    if (unit.seat || seat_codes[id].empty()) continue;
    const auto target = units.find(seat_codes[id]);
    if (!target) {
      findings.add(Severity::warning, "seat_code_unknown",
                   "seat code " + seat_codes[id] + " names no imported unit; a point inside the unit is used",
                   ErrorContext{units_file, "", unit.source_feature, "seat"});
      continue;
    }
    const model::Unit& holder = units[*target];
    const std::optional<model::Point> point =
        holder.seat_source == model::SeatSource::seat_layer ? holder.seat : interior[*target];
    if (!point) continue;
    unit.seat = point;
    unit.seat_source = model::SeatSource::given;
  }
  for (model::UnitId id = 0; id < units.size(); ++id) {
    model::Unit& unit = units[id];
    if (unit.seat) {
      if (!unit.geometry.empty() && !geometry::contains(unit.geometry, *unit.seat)) {
        const double distance_m = geometry::distance_to(unit.geometry, *unit.seat);
        findings.add(Severity::warning, "seat_outside_unit",
                     "the seat of " + unit.code + " '" + unit.name + "' (" + std::string(model::seat_source_name(unit.seat_source)) +
                         ") lies " + util::fixed(distance_m, 0) + " m outside the unit",
                     ErrorContext{units_file, "", unit.source_feature, ""});
      }
      continue;
    }
    if (interior[id]) {
      unit.seat = interior[id];
      unit.seat_source = model::SeatSource::point_on_surface;
    }
  }
}

}  // namespace quhua::service::detail
