#include "quhua/synthetic/county_options.hpp"

#include <algorithm>
#include <cmath>

#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

namespace quhua::synthetic {

void CountyOptions::validate() const {
  const auto fail = [](const std::string& message) { throw UsageError(message); };
  if (township_count < 2) fail("townships: need at least 2 township-level units");
  if (subdistrict_count < 0 || ethnic_township_count < 0 || town_count < 1) {
    fail("township types: counts must be >= 0 (and at least 1 town, the county seat town)");
  }
  if (subdistrict_count + town_count + ethnic_township_count > township_count) {
    fail("township types: " + std::to_string(subdistrict_count) + " subdistricts + " + std::to_string(town_count) +
         " towns + " + std::to_string(ethnic_township_count) + " ethnic townships exceed " +
         std::to_string(township_count) + " townships");
  }
  if (subdistrict_count > 99) fail("subdistricts: at most 99 (NBS codes 001-099)");
  if (town_count > 99) fail("towns: at most 99 (NBS codes 101-199)");
  if (township_count - subdistrict_count - town_count > 199) fail("townships (乡): at most 199 (NBS codes 201-399)");
  if (village_count < 5 * township_count) {
    fail("villages: need at least 5 per township-level unit (" + std::to_string(5 * township_count) + ")");
  }
  if (village_count > 200000) fail("villages: at most 200,000");
  if (!(area_km2 >= 2.0 * township_count) || !std::isfinite(area_km2)) {
    fail("area: need at least 2 km² per township-level unit");
  }
  if (!(population >= 300.0 * village_count) || !std::isfinite(population)) {
    fail("population: need at least 300 residents per village");
  }
  if (county_code.size() != 6 || !util::is_digits(county_code) || county_code.substr(4) == "00") {
    fail("county code: '" + county_code + "' is not a 6-digit county code");
  }
  if (county_name.empty()) fail("county name: empty");
  if (crs.empty()) fail("crs: empty");
}

CountyOptions CountyOptions::scaled(int townships, int villages) {
  CountyOptions out;
  out.township_count = townships;
  out.village_count = villages;
  out.subdistrict_count = std::clamp(townships / 10, 1, 3);
  out.ethnic_township_count = townships >= 20 ? 2 : (townships >= 8 ? 1 : 0);
  const int rest = townships - out.subdistrict_count - out.ethnic_township_count;
  out.town_count = std::clamp(static_cast<int>(std::lround(0.6 * rest)), 1, 99);
  out.area_km2 = 5.0 * villages;
  out.population = 1000.0 * villages;
  return out;
}

}  // namespace quhua::synthetic
