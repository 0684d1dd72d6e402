// Helpers shared by the service import tests: GeoJSON units drawn in a line, running an import that
// must fail, finding a finding.
#pragma once

#include <geodesic.h>
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "quhua/service/import_units.hpp"
#include "support/gdal_fixtures.hpp"
#include "support/test_support.hpp"

namespace quhua::service::testing {

/// A GeoJSON feature with code, name and POP (empty `pop`: property absent; "null": JSON null).
inline std::string unit(const std::string& code, const std::string& name, const std::string& pop,
                        const std::string& geometry) {
  std::string properties = R"({"code":")" + code + R"(","name":")" + name + "\"";
  if (!pop.empty()) properties += R"(,"POP":)" + pop;
  properties += "}";
  return test::geojson_feature(properties, geometry);
}

/// Writes a GeoJSON of `features` and returns its path.
inline std::string write_units(const test::TempDir& dir, const std::vector<std::string>& features,
                               const std::string& name = "units.geojson") {
  test::write_file(dir / name, test::geojson_collection(features));
  return (dir / name).string();
}

/// Runs an import that must fail and returns the failure.
inline ImportFailed import_failure(const ImportRequest& request) {
  try {
    import_units(request);
  } catch (const ImportFailed& e) {
    return e;
  }
  ADD_FAILURE() << "the import did not fail";
  return ImportFailed(ErrorCode::internal, "", {}, {});
}

inline const Finding* find(const Findings& findings, std::string_view kind) {
  for (const auto& f : findings.items()) {
    if (f.kind == kind) return &f;
  }
  return nullptr;
}

/// Ellipsoidal area (GRS80) of a lon/lat ring, km², by GeographicLib's algorithm shipped with PROJ.
inline double geodesic_km2(const std::vector<std::pair<double, double>>& lonlat_ring) {
  geod_geodesic g;
  geod_init(&g, 6378137.0, 1 / 298.257222101);
  std::vector<double> lats, lons;
  for (const auto& [lon, lat] : lonlat_ring) {
    lons.push_back(lon);
    lats.push_back(lat);
  }
  double area = 0, perimeter = 0;
  geod_polygonarea(&g, lats.data(), lons.data(), static_cast<int>(lats.size()), &area, &perimeter);
  return std::abs(area) / 1e6;
}

inline double square_km2(double lon, double lat, double size) {
  return geodesic_km2({{lon, lat}, {lon + size, lat}, {lon + size, lat + size}, {lon, lat + size}});
}

}  // namespace quhua::service::testing
