// The geometric steps of service::import_units (see import_steps.hpp).
#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

#include "quhua/geometry/polygon_ops.hpp"
#include "quhua/geometry/projection.hpp"
#include "quhua/geometry/unit_shape.hpp"
#include "quhua/io/import_findings.hpp"
#include "quhua/service/import_steps.hpp"
#include "quhua/util/strings.hpp"

namespace quhua::service::detail {
namespace {

using io::GeometryState;

// Longitude/latitude box of China with a margin: a layer without a CRS whose coordinates fall inside is
// taken as lon/lat (EPSG:4326); anything else needs --crs.
constexpr model::BBox k_china_lonlat{70.0, 0.0, 140.0, 56.0};
constexpr double k_area_tolerance = 0.05;
// A polygon whose area as given is below this share of its box's squared diagonal is a collapsed ring,
// its points on one line up to rounding: refused, not imported as a unit of 0 km2. Measured in the source
// CRS, because projecting bends a line of points along a parallel into a sliver of some area. A 10 km
// strip 10 m wide is 1e-3; a ring 1e-10 degree off a line 0.1 degree long, 5e-10.
constexpr double k_min_area_share = 1e-9;

/// True when `shape`'s area as given is no area at all (see k_min_area_share). A bowtie's halves cancel
/// in the shoelace sum: a shape that looks collapsed is measured again once repaired (rare, so the
/// repair's cost is paid only there).
bool collapsed(const model::MultiPolygon& shape) {
  const model::BBox box = model::bbox_of(shape);
  const double floor = k_min_area_share * (box.width() * box.width() + box.height() * box.height());
  if (std::abs(geometry::area(shape)) > floor) return false;
  // Only rings of three distinct points or more can enclose anything (and GEOS takes no other), closed.
  model::MultiPolygon rings;
  for (const auto& polygon : shape) {
    std::set<std::pair<double, double>> distinct;
    for (const auto& p : polygon.outer) distinct.emplace(p.x, p.y);
    if (distinct.size() < 3) continue;
    model::Polygon outer{polygon.outer, {}};
    if (!(outer.outer.front() == outer.outer.back())) outer.outer.push_back(outer.outer.front());
    rings.push_back(std::move(outer));
  }
  return rings.empty() || !(geometry::make_valid(rings).area_after > floor);
}

std::string km2(double area_m2) { return util::fixed(area_m2 / 1e6, area_m2 < 1e7 ? 4 : 2) + " km2"; }

bool inside(const model::BBox& outer, const model::BBox& inner) {
  return !inner.empty() && inner.min_x >= outer.min_x && inner.max_x <= outer.max_x && inner.min_y >= outer.min_y &&
         inner.max_y <= outer.max_y;
}

bool finite_bbox(const model::BBox& b) {
  return std::isfinite(b.min_x) && std::isfinite(b.max_x) && std::isfinite(b.min_y) && std::isfinite(b.max_y);
}

bool lonlat_in_range(const model::BBox& b) {
  return finite_bbox(b) && b.min_x >= -180.0 && b.max_x <= 180.0 && b.min_y >= -90.0 && b.max_y <= 90.0;
}

/// A CRS description; an unknown definition is fatal (crs_invalid) with `where` in the finding.
geometry::CrsDescription describe(const std::string& definition, const ErrorContext& where, Findings& findings) {
  try {
    return geometry::describe_crs(definition);
  } catch (const InputError& e) {
    io::fail(findings, "crs_invalid", e.bare_message(), where);
  }
}

/// The source CRS of a layer: --crs, else the layer's own, else lon/lat assumed when the extent fits China.
std::string source_crs_of(const std::string& layer_crs, const std::string& requested_crs, const model::BBox& extent,
                          const ErrorContext& where, Findings& findings) {
  if (!requested_crs.empty()) {
    if (!layer_crs.empty()) {
      bool same = false;
      try {
        same = geometry::same_crs(layer_crs, requested_crs);
      } catch (const InputError&) {
        same = false;  // the file's CRS is not one PROJ reads: --crs replaces it, as asked
      }
      if (!same) {
        std::string declared = layer_crs.size() > 60 ? layer_crs.substr(0, 60) + "..." : layer_crs;
        try {
          declared = geometry::describe_crs(layer_crs).name;
        } catch (const InputError&) {
          // keep the definition itself
        }
        findings.add(Severity::warning, "crs_overridden",
                     "the file declares " + declared + "; using --crs " + requested_crs + " instead", where);
      }
    }
    return requested_crs;
  }
  if (!layer_crs.empty()) return layer_crs;
  if (inside(k_china_lonlat, extent)) {
    findings.add(Severity::warning, "crs_assumed",
                 "the file declares no coordinate reference system; its coordinates look like longitude/latitude in "
                 "China, so EPSG:4326 (WGS 84) is assumed -- pass --crs EPSG:4490 for CGCS2000 (the same to within "
                 "centimetres) or the right code if this is wrong",
                 where);
    return geometry::k_wgs84;
  }
  io::fail(findings, "crs_missing",
           "the file declares no coordinate reference system and its coordinates (x " + util::fixed(extent.min_x, 2) +
               ".." + util::fixed(extent.max_x, 2) + ", y " + util::fixed(extent.min_y, 2) + ".." +
               util::fixed(extent.max_y, 2) +
               ") are not longitude/latitude in China; pass --crs EPSG:XXXX (e.g. EPSG:4490 CGCS2000 lon/lat, "
               "EPSG:4513..4554 CGCS2000 3-degree Gauss-Kruger)",
           where);
}

void check_state(io::RecordSet& records, std::size_t row, const io::FeatureGeometry& g, Findings& findings) {
  switch (g.state) {
    case GeometryState::polygonal: return;
    case GeometryState::missing:
      findings.add(Severity::error, "geometry_missing", "the feature has no geometry", records.where(row));
      break;
    case GeometryState::empty:
      findings.add(Severity::error, "geometry_empty", "the feature's geometry (" + g.type_name + ") is empty",
                   records.where(row));
      break;
    case GeometryState::point:
    case GeometryState::other:
      findings.add(Severity::error, "geometry_not_polygon",
                   "a " + g.type_name + " where a unit needs a polygon or multipolygon", records.where(row));
      break;
    case GeometryState::damaged:
      findings.add(
          Severity::error, "geometry_damaged",
          "the feature's geometry is damaged and cannot be read (" + g.damage + "); repair or re-export the file",
          records.where(row));
      break;
  }
  records.mark_bad(row);
}

/// The CRS for messages: its name, or for one PROJ calls "unknown" what it is defined as.
std::string crs_label(const geometry::CrsDescription& description) {
  if (!description.name.empty() && description.name != "unknown") return "the CRS " + description.name;
  return "the layer's unnamed CRS";
}

std::string unit_label(const io::UnitRecord& record) {
  if (record.unit.code.empty()) return record.unit.name.empty() ? "" : " '" + record.unit.name + "'";
  return " (" + record.unit.code + (record.unit.name.empty() ? "" : " " + record.unit.name) + ")";
}

}  // namespace

ProjectedUnits project_units(io::RecordSet& records, std::vector<io::FeatureGeometry>& geometries,
                             std::vector<io::UnitRecord>& units, const std::string& layer_crs,
                             const std::string& requested_crs, Findings& findings) {
  ProjectedUnits out;
  out.interior.resize(records.size());
  const ErrorContext where{records.file, records.layer, "", ""};
  model::BBox extent;
  std::vector<bool> usable(records.size(), false);
  for (std::size_t row = 0; row < records.size(); ++row) {
    check_state(records, row, geometries[row], findings);
    if (geometries[row].state != GeometryState::polygonal) continue;
    usable[row] = true;
    const model::BBox box = model::bbox_of(geometries[row].shape);
    if (finite_bbox(box)) extent.expand(box);
  }
  const std::string source = source_crs_of(layer_crs, requested_crs, extent, where, findings);
  const geometry::CrsDescription description = describe(source, where, findings);
  out.source_name = description.name;
  if (description.approximate_datum) {
    findings.add(Severity::warning, "crs_datum_approximate",
                 description.name + " (ellipsoid " + description.ellipsoid +
                     ") is converted without a datum shift (no official parameters exist); positions may be off by "
                     "up to about 100 m, areas and adjacency are not affected",
                 where);
  }
  // Each feature's box in lon/lat: a feature whose coordinates are not lon/lat (or not in the CRS's
  // domain) is reported on its own instead of spoiling the extent the working CRS is chosen from.
  std::optional<geometry::Projector> to_lonlat;
  if (!description.geographic) to_lonlat.emplace(source, geometry::k_wgs84);
  model::BBox lonlat;
  for (std::size_t row = 0; row < records.size(); ++row) {
    if (!usable[row]) continue;
    model::BBox box = model::bbox_of(geometries[row].shape);
    if (to_lonlat && finite_bbox(box)) {
      std::vector<model::Point> corners{{box.min_x, box.min_y}, {box.max_x, box.min_y}, {box.min_x, box.max_y},
                                        {box.max_x, box.max_y}};
      const bool ok = to_lonlat->forward(corners);
      box = model::BBox{};
      if (ok) {
        for (const auto& p : corners) box.expand(p);
      }
    }
    if (!lonlat_in_range(box)) {
      findings.add(Severity::error, description.geographic ? "coordinates_out_of_range" : "coordinates_not_projectable",
                   description.geographic
                       ? "coordinates are not longitude/latitude (beyond +-180/+-90); is the CRS right?"
                       : "coordinates fall outside the domain of " + crs_label(description) + "; is the CRS right?",
                   records.where(row));
      records.mark_bad(row);
      usable[row] = false;
      continue;
    }
    lonlat.expand(box);
  }
  if (lonlat.empty()) {
    // Nothing usable: every feature has an error finding already, and the import will stop on them.
    out.crs = model::CrsInfo{source, "", false};
    return out;
  }
  const std::string working = geometry::choose_working_crs(lonlat);
  out.crs = model::CrsInfo{source, working, true};
  findings.add(Severity::info, "crs_working",
               "source " + description.name + " (" + (source.size() > 40 ? source.substr(0, 40) + "..." : source) +
                   "); areas and distances in the local equal-area CRS " + working,
               where);
  // Gauss-Kruger and other projected inputs are re-projected too: they are conformal, so areas in them
  // are off by the square of the scale factor (up to ~0.3% at a 3-degree zone's edge, far more in
  // foreign or web-mercator data), while the local Albers keeps areas exact and distances within ~0.2%.
  const geometry::Projector projector(source, working);
  for (std::size_t row = 0; row < records.size(); ++row) {
    if (!usable[row]) continue;
    model::MultiPolygon shape = std::move(geometries[row].shape);
    if (collapsed(shape)) {
      findings.add(Severity::error, "geometry_zero_area",
                   "the polygon" + unit_label(units[row]) + " has no area: its rings are collapsed, their points on " +
                       "one line (area " + util::general(geometry::area(shape)) + " in the source CRS's units)",
                   records.where(row));
      records.mark_bad(row);
      continue;
    }
    if (!projector.forward(shape)) {
      findings.add(Severity::error, "coordinates_not_projectable",
                   "some coordinates cannot be projected from " + description.name, records.where(row));
      records.mark_bad(row);
      continue;
    }
    geometry::PreparedShape prepared = geometry::prepare_shape(std::move(shape));
    io::UnitRecord& record = units[row];
    if (prepared.shape.empty()) {
      findings.add(Severity::error, "geometry_unrepairable",
                   "the polygon" + unit_label(record) + " is invalid (" + prepared.invalid_reason +
                       ") and nothing polygonal is left after repair (area " + km2(prepared.area_before_m2) + ")",
                   records.where(row));
      records.mark_bad(row);
      continue;
    }
    if (prepared.repaired) {
      ++out.repaired;
      std::string message = "invalid polygon" + unit_label(record) + " repaired: " + prepared.invalid_reason;
      if (prepared.invalid_location) {
        if (const auto at = projector.inverse(*prepared.invalid_location)) {
          message += " at " + util::fixed(at->x, 6) + " " + util::fixed(at->y, 6);
        }
      }
      message += "; area " + km2(prepared.area_before_m2) + " before, " + km2(prepared.area_m2) + " after";
      if (prepared.dropped_parts) message += "; lines or points left by the repair were dropped";
      findings.add(Severity::warning, "geometry_repaired", message, records.where(row));
    }
    record.unit.area_km2 = prepared.area_m2 / 1e6;
    record.unit.centroid = prepared.centroid;
    out.interior[row] = prepared.interior_point;
    record.unit.geometry = std::move(prepared.shape);
  }
  return out;
}

void compare_areas(model::UnitTable& units, const std::vector<std::optional<double>>& given_area,
                   const std::string& area_field, const std::string& file, Findings& findings) {
  const ErrorContext where{file, "", "", area_field};
  std::vector<double> ratios;
  bool any_without_geometry = false;
  for (model::UnitId id = 0; id < units.size(); ++id) {
    model::Unit& unit = units[id];
    if (!given_area[id]) continue;
    if (unit.geometry.empty()) {
      // No polygon to measure: the given area is all there is (read as km2, the unit of official tables).
      unit.area_km2 = *given_area[id];
      any_without_geometry = true;
      continue;
    }
    if (*given_area[id] > 0 && unit.area_km2 && *unit.area_km2 > 0) ratios.push_back(*given_area[id] / *unit.area_km2);
  }
  if (any_without_geometry) {
    findings.add(Severity::info, "area_unit", "units without geometry take their area from this field, read as km2",
                 where);
  }
  if (ratios.empty()) return;
  std::nth_element(ratios.begin(), ratios.begin() + static_cast<std::ptrdiff_t>(ratios.size() / 2), ratios.end());
  const double median = ratios[ratios.size() / 2];
  struct Scale {
    double per_km2;
    const char* name;
  };
  constexpr Scale k_scales[] = {{1.0, "km2"}, {1e6, "m2"}, {100.0, "hectares (公顷)"}, {1500.0, "mu (亩)"}};
  const Scale* best = &k_scales[0];
  for (const Scale& s : k_scales) {
    if (std::abs(std::log(median / s.per_km2)) < std::abs(std::log(median / best->per_km2))) best = &s;
  }
  if (std::abs(std::log(median / best->per_km2)) > std::log(1.25)) {
    findings.add(Severity::info, "area_unit",
                 "the area field matches no common unit (median ratio to the geometry's km2: " + util::fixed(median, 4) +
                     "); kept as an indicator, not compared",
                 where);
    return;
  }
  findings.add(Severity::info, "area_unit",
               std::string("read as ") + best->name + " (median ratio to the geometry's area " +
                   util::fixed(median / best->per_km2, 4) + "); kept as an indicator",
               where);
  for (model::UnitId id = 0; id < units.size(); ++id) {
    const model::Unit& unit = units[id];
    if (!given_area[id] || unit.geometry.empty() || !unit.area_km2 || *unit.area_km2 <= 0) continue;
    const double given_km2 = *given_area[id] / best->per_km2;
    const double gap = std::abs(given_km2 - *unit.area_km2) / *unit.area_km2;
    if (gap > k_area_tolerance) {
      findings.add(Severity::warning, "area_mismatch",
                   unit.code + " '" + unit.name + "': given " + util::fixed(given_km2, 3) + " km2, geometry " +
                       util::fixed(*unit.area_km2, 3) + " km2 (" + util::fixed(gap * 100, 1) + "% apart)",
                   ErrorContext{file, "", unit.source_feature, area_field});
    }
  }
}

}  // namespace quhua::service::detail
