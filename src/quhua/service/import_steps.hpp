// Internal to service/import_units: the geometric steps of an import -- choosing the source and working
// CRS, projecting and repairing unit polygons, comparing given areas with computed ones, and placing
// seats -- apart from the attribute steps in import_units.cpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "quhua/io/unit_records.hpp"
#include "quhua/io/vector_reader.hpp"
#include "quhua/model/unit.hpp"
#include "quhua/service/import_units.hpp"
#include "quhua/util/encoding.hpp"
#include "quhua/util/findings.hpp"

namespace quhua::service::detail {

struct ProjectedUnits {
  model::CrsInfo crs;
  std::string source_name;     ///< PROJ's name of the source CRS
  std::size_t repaired = 0;    ///< geometries repaired
  std::vector<std::optional<model::Point>> interior;  ///< per row: a point inside the (repaired) shape
};

/// Checks each feature's geometry (missing, empty, not polygonal -> error), decides the source CRS
/// (`requested_crs`, else the layer's, else EPSG:4326 assumed for lon/lat in China), chooses the working
/// CRS from the data's extent, projects, repairs invalid polygons and fills each record's geometry,
/// area_km2 and centroid. Bad features are error findings and marked bad. Fatal when no CRS can be had.
ProjectedUnits project_units(io::RecordSet& records, std::vector<io::FeatureGeometry>& geometries,
                             std::vector<io::UnitRecord>& units, const std::string& layer_crs,
                             const std::string& requested_crs, Findings& findings);

/// Given areas (any of km², m², hectares, mu: the unit is found from the median ratio to the computed
/// areas) are compared with the geometry's: more than 5% apart is a warning. Units without geometry take
/// the given area as km².
void compare_areas(model::UnitTable& units, const std::vector<std::optional<double>>& given_area,
                   const std::string& area_field, const std::string& file, Findings& findings);

/// Seats, in order of preference: the seat layer (joined on code), the seat-code field (the seat of, or a
/// point inside, the unit it names), a point inside the unit. `interior` and `seat_codes` are indexed by
/// UnitId. A seat outside its unit is a warning. Units without a working CRS (tables) get one from the
/// seat layer's extent.
/// Seats given as longitude/latitude columns (seat_lon/seat_lat or 驻地经度/驻地纬度, WGS84 -- what quhua's
/// own unit outputs carry), for units whose row has both. Kept as SeatSource::given. A table without
/// geometry gets its working CRS from these points. Rows with one value, or values outside lon/lat
/// range, are warnings naming the row and field.
void seats_from_coordinates(model::UnitTable& units, const io::RecordSet& records,
                            const std::vector<std::size_t>& unit_rows, Findings& findings);

void attach_seats(model::UnitTable& units, const ImportRequest& request, std::optional<util::Encoding> encoding,
                  const std::vector<std::optional<model::Point>>& interior, const std::vector<std::string>& seat_codes,
                  const std::string& units_file, Findings& findings);

}  // namespace quhua::service::detail
