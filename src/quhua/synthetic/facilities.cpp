#include "quhua/synthetic/facilities.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "quhua/synthetic/ring_math.hpp"
#include "quhua/util/random.hpp"

namespace quhua::synthetic::detail {
namespace {

using model::FacilityType;
using model::UnitType;

constexpr double k_pi = 3.14159265358979323846;
// Pupils per resident by school age band (6 grades of primary, 3 of lower middle school).
constexpr double k_primary_share = 0.065;
constexpr double k_middle_share = 0.034;

bool is_urban(const TownshipPlan& town, std::size_t index) { return index == 0 || town.type == UnitType::subdistrict; }

class Builder {
 public:
  Builder(const CountyPlan& plan, std::uint64_t seed) : m_plan(plan), m_rng(seed) {}

  /// A facility near village v's seat (within its cell), or exactly at the seat when no spot is found.
  void add(std::uint32_t v, FacilityType type, std::string name, std::optional<double> capacity, std::optional<double> in_use) {
    const model::Point site = m_plan.settlements.sites[v];
    const auto& ring = m_plan.cells.cells[v].front().outer;
    model::Point at = site;
    for (int attempt = 0; attempt < 12; ++attempt) {
      const double angle = m_rng.uniform(0, 2 * k_pi), r = m_rng.uniform(60, 350);
      const model::Point p{site.x + r * std::cos(angle), site.y + r * std::sin(angle)};
      if (point_in_ring(ring, p)) {
        at = p;
        break;
      }
    }
    char id[24];
    std::snprintf(id, sizeof id, "F%04zu", m_out.size() + 1);
    m_out.push_back({id, std::move(name), type, at, m_plan.villages[v].code, capacity, in_use});
  }

  Rng& rng() { return m_rng; }
  std::vector<model::Facility> take() { return std::move(m_out); }

 private:
  const CountyPlan& m_plan;
  Rng m_rng;
  std::vector<model::Facility> m_out;
};

double round_to(double value, double step) { return std::max(step, std::round(value / step) * step); }

}  // namespace

std::vector<model::Facility> build_facilities(const CountyOptions& options, const CountyPlan& plan, std::uint64_t seed) {
  Builder b(plan, seed);
  Rng& rng = b.rng();
  const auto& towns = plan.townships;
  const auto& villages = plan.villages;
  const auto& sites = plan.settlements.sites;
  std::string county = options.county_name;

  // Urban neighbourhoods of the county seat, largest first: where the county-level schools stand.
  std::vector<std::uint32_t> urban;
  double urban_population = 0;
  for (std::size_t t = 0; t < towns.size(); ++t) {
    if (!is_urban(towns[t], t)) continue;
    for (const auto v : towns[t].villages) {
      if (villages[v].community) {
        urban.push_back(v);
        urban_population += villages[v].resident;
      }
    }
  }
  std::stable_sort(urban.begin(), urban.end(), [&](auto x, auto y) { return villages[x].resident > villages[y].resident; });
  const auto urban_site = [&](std::size_t k) { return urban[k % urban.size()]; };

  // Every township seat: a service centre and a health centre.
  for (std::size_t t = 0; t < towns.size(); ++t) {
    const auto& town = towns[t];
    b.add(town.seat_site, FacilityType::service_center, town.name + "便民服务中心", std::clamp(std::round(4 + town.resident / 5000), 4.0, 16.0), std::nullopt);
    const bool subdistrict = town.type == UnitType::subdistrict;
    const double beds = subdistrict ? std::round(rng.uniform(20, 40)) : std::max(10.0, std::round(town.resident * rng.uniform(0.9, 1.4) / 1000));
    const std::string name = subdistrict ? town.name + "社区卫生服务中心" : (t == 0 ? town.name + "中心卫生院" : town.name + "卫生院");
    b.add(town.seat_site, FacilityType::health_center, name, beds, std::round(beds * rng.uniform(0.45, 0.9)));
  }

  // Primary schools. County seat: too few seats for the children who move in (大班额).
  const int urban_primary = 2 + options.subdistrict_count;
  const char* urban_primary_names[] = {"实验小学", "第一小学", "第二小学", "第三小学", "第四小学", "第五小学"};
  for (int k = 0; k < urban_primary && !urban.empty(); ++k) {
    const double pupils = std::round(urban_population * k_primary_share * 1.15 / urban_primary * rng.uniform(0.8, 1.2));
    const double seats = round_to(pupils * rng.uniform(0.72, 0.92), 45);
    const std::string name = k < 6 ? county + urban_primary_names[k] : county + "第" + std::to_string(k) + "小学";
    b.add(urban_site(static_cast<std::size_t>(k)), FacilityType::primary_school, name, seats, pupils);
  }
  // Countryside: a central school at each seat, village schools (村小) in big villages far from it.
  for (std::size_t t = 0; t < towns.size(); ++t) {
    const auto& town = towns[t];
    if (is_urban(town, t)) continue;
    double catchment = town.resident;
    for (const auto v : town.villages) {
      const auto& village = villages[v];
      if (village.community || v == town.seat_site) continue;
      if (village.resident < 1500 || model::distance(sites[v], sites[town.seat_site]) < 4000) continue;
      catchment -= village.resident;
      const double pupils = std::round(village.resident * k_primary_share * rng.uniform(0.6, 0.85));
      b.add(v, FacilityType::primary_school, village.name + "小学", village.resident < 2000 ? 90.0 : 180.0, pupils);
    }
    // Families who can send children to the county seat do: rural schools fill to 60-100%.
    const double pupils = std::round(catchment * k_primary_share * rng.uniform(0.6, 0.85));
    const double streams = std::max(1.0, std::round(pupils * (town.resident > 30000 ? rng.uniform(0.8, 1.0) : rng.uniform(1.1, 1.6)) / 270));
    b.add(town.seat_site, FacilityType::primary_school, town.name + "中心小学", streams * 6 * 45, pupils);
  }

  // Middle schools: the county seat's, and one in every town of 12,000 residents or more; every other
  // township sends its pupils to the nearest.
  std::vector<std::size_t> middle_towns;
  for (std::size_t t = 1; t < towns.size(); ++t) {
    if (towns[t].type == UnitType::town && towns[t].resident >= 12000) middle_towns.push_back(t);
  }
  std::vector<double> catchment(towns.size(), 0);
  double county_catchment = urban_population;
  for (std::size_t t = 0; t < towns.size(); ++t) {
    if (is_urban(towns[t], t)) continue;
    std::size_t nearest = 0;  // 0: the county seat
    double best = model::distance(sites[towns[t].seat_site], sites[towns[0].seat_site]);
    for (const auto m : middle_towns) {
      const double d = model::distance(sites[towns[t].seat_site], sites[towns[m].seat_site]);
      if (d < best) {
        best = d;
        nearest = m;
      }
    }
    if (nearest == 0) county_catchment += towns[t].resident; else catchment[nearest] += towns[t].resident;
  }
  const int urban_middle = options.subdistrict_count >= 2 ? 3 : 2;
  const char* urban_middle_names[] = {"第一中学", "第二中学", "第三中学"};
  for (int k = 0; k < urban_middle && !urban.empty(); ++k) {
    const double pupils = std::round(county_catchment * k_middle_share / urban_middle * rng.uniform(0.85, 1.15));
    const double seats = round_to(pupils * rng.uniform(0.75, 0.95), 50);
    b.add(urban_site(static_cast<std::size_t>(urban_primary + k)), FacilityType::middle_school, county + urban_middle_names[k], seats, pupils);
  }
  for (const auto m : middle_towns) {
    const double pupils = std::round(catchment[m] * k_middle_share * rng.uniform(0.7, 0.9));
    const double streams = std::max(2.0, std::round(pupils * rng.uniform(1.0, 1.4) / 150));
    b.add(towns[m].seat_site, FacilityType::middle_school, towns[m].name + "中学", streams * 3 * 50, pupils);
  }

  // Nursing homes: the county welfare home in the seat; rural 敬老院 in most townships, half empty.
  if (!urban.empty()) {
    b.add(urban_site(static_cast<std::size_t>(urban_primary + urban_middle)), FacilityType::elderly_home, county + "社会福利院", 200.0,
          std::round(200 * rng.uniform(0.85, 0.98)));
  }
  for (std::size_t t = 0; t < towns.size(); ++t) {
    if (is_urban(towns[t], t) || rng.uniform() > 0.65) continue;
    const double beds = std::clamp(std::round(20 + towns[t].resident / 600), 20.0, 120.0);
    b.add(towns[t].seat_site, FacilityType::elderly_home, towns[t].name + "敬老院", beds, std::round(beds * rng.uniform(0.35, 0.85)));
  }

  // Village clinics: nearly every administrative village has one.
  for (std::size_t t = 0; t < towns.size(); ++t) {
    for (const auto v : towns[t].villages) {
      const auto& village = villages[v];
      if (village.community || rng.uniform() > 0.93) continue;
      const double doctors = 1 + (village.resident > 1500 ? 1 : 0) + (village.resident > 3000 ? 1 : 0);
      b.add(v, FacilityType::village_clinic, village.name + "卫生室", doctors, std::nullopt);
    }
  }
  return b.take();
}

}  // namespace quhua::synthetic::detail
