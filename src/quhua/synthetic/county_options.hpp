// CountyOptions: what the synthetic county generator makes. Every field has a documented default; the
// defaults give the county described in docs/synthetic-county.md (the one `quhua generate` and
// `quhua diagnose` use when no data are given).
#pragma once

#include <cstdint>
#include <string>

namespace quhua::synthetic {

/// The working CRS of the synthetic county: a transverse Mercator centred in the Sichuan basin
/// (30.5°N 104.5°E, between Chengdu and Suining), metres, GRS80 (the CGCS2000 ellipsoid).
inline constexpr const char* k_default_crs =
    "+proj=tmerc +lat_0=30.5 +lon_0=104.5 +k=1 +x_0=0 +y_0=0 +ellps=GRS80 +units=m +no_defs";

struct CountyOptions {
  /// Seed of every random draw. Same options, same seed -> byte-identical county. DEFAULT 20240611.
  std::uint64_t seed = 20240611;

  /// Township-level units (街道 + 镇 + 乡 + 民族乡). DEFAULT 30.
  int township_count = 30;
  /// 街道 around the county seat. DEFAULT 3.
  int subdistrict_count = 3;
  /// 镇, the county seat town (城关镇) included. DEFAULT 15.
  int town_count = 15;
  /// 民族乡 (in the mountains). DEFAULT 2. The rest of township_count are 乡.
  int ethnic_township_count = 2;

  /// Village-level units (行政村 + 社区). DEFAULT 400.
  int village_count = 400;
  /// Land area of the county in km². DEFAULT 2000.
  double area_km2 = 2000;
  /// Resident population (常住人口) of the county. DEFAULT 400,000.
  double population = 400000;

  /// 6-digit county code. DEFAULT "519921": fictional (prefecture 5199 does not exist in the NBS
  /// codes; county digits 21-80 are the range NBS gives to 县).
  std::string county_code = "519921";
  /// DEFAULT 青岚县 (fictional).
  std::string county_name = "青岚县";
  /// PROJ definition of the working CRS the coordinates are in. DEFAULT k_default_crs.
  std::string crs = k_default_crs;

  /// Throws UsageError naming the first option out of range.
  void validate() const;

  /// Options for `townships` township-level and `villages` village-level units with the default
  /// proportions: 街道 ~1 in 10 (1-3), 民族乡 2 from 20 townships on (1 from 8), 镇 60% of the rest (at
  /// most 99, the NBS code range);
  /// area (5 km² per village) and population (1,000 per village) scale with the village count.
  static CountyOptions scaled(int townships, int villages);
};

}  // namespace quhua::synthetic
