// service facilities: the location-allocation jobs -- where to put (or keep, close, upgrade) schools,
// health centres, elderly-care and service centres after townships merge -- on travel times over a
// road network (or straight-line fallback), and the OR-Library test instances that check the solvers
// against published optima.
#pragma once

#include "quhua/algorithms/facility/class_size.hpp"
#include "quhua/algorithms/facility/location_problem.hpp"
#include "quhua/io/orlib_reader.hpp"
#include "quhua/service/routing.hpp"

#include <optional>
#include <string>
#include <vector>

namespace quhua::service {

enum class FacilityModel { p_median, p_center, max_covering, set_covering, capacitated, relayout };
/// "pmedian", "pcenter", "mclp", "lscp", "capacitated", "relayout"; throws UsageError otherwise.
FacilityModel parse_facility_model(const std::string& name);
std::string_view facility_model_name(FacilityModel model);

/// Candidate columns (fixed names, see docs/facilities.md): status (existing / new / fixed /
/// closed, also 现有 / 新建 / 保留 / 撤并), capacity or classes, and for the re-layout model
/// keep_cost, close_cost, upgrade_cost, upgrade_capacity or upgrade_classes, build_cost,
/// build_capacity or build_classes.
struct FacilitiesRequest {
  FacilityModel model = FacilityModel::p_median;
  NetworkSpec network;
  RoutingOptions routing;
  PointsSpec demand;           ///< villages
  std::string weight_field;    ///< people (objective weight); empty: 1 each
  std::string demand_field;    ///< places used (capacitated models); empty: the weight
  PointsSpec candidates;       ///< existing facilities and possible new sites
  std::string capacity_field;  ///< places per candidate; empty: from classes, else unlimited
  std::string classes_field;   ///< classes (班数) per school; capacity = classes x standard size
  std::optional<algorithms::facility::SchoolLevel> level;  ///< schools: primary (45) or junior (50)
  std::size_t p = 0;         ///< facilities to open (p-median, p-center, MCLP, capacitated)
  double radius = 0;         ///< service radius in minutes or km (MCLP, LSCP; also reported)
  std::size_t min_open = 0;  ///< re-layout
  std::optional<std::size_t> max_open;
  std::optional<double> budget;  ///< re-layout, yuan
  double cost_weight = 0;        ///< re-layout: objective units (person-minutes or person-km) per yuan
  std::uint64_t seed = 1;
  double time_limit_s = 0;  ///< 0: none
  bool exact = false;       ///< solve the MIP with CBC instead of the heuristic
};

struct FacilitiesResult {
  FacilitiesRequest request;
  LocatedPoints demand;
  LocatedPoints candidates;
  std::vector<double> weight, demand_amount, capacity;
  std::vector<std::string> status;  ///< per candidate: existing / new / fixed / closed
  algorithms::facility::LocationResult location;
  std::vector<std::string> option;  ///< per candidate: keep / upgrade / build / close / open / closed
  std::vector<double> load;         ///< per candidate
  std::vector<int> classes;         ///< per candidate after the plan (schools), -1 unknown
  graph::Matrix costs;              ///< demand x candidate, minutes or km
  std::string unit;                 ///< "min" or "km"
  double travel_cost = 0;           ///< sum of weight x cost over assigned demands
  double site_cost = 0;             ///< re-layout: yuan
  bool feasible = true;
  std::string infeasibility;
  double seconds = 0;
  Findings findings;
};

FacilitiesResult solve_facilities(const FacilitiesRequest& request, RunControl& control);

/// Tables: summary, sites (open/closed, option, load, capacity, class sizes), assignment.
std::vector<util::ReportTable> facilities_tables(const FacilitiesResult& result);

struct OrlibRequest {
  std::string path;
  std::optional<std::size_t> p;  ///< default: the file's own
  std::uint64_t seed = 1;
  bool exact = false;  ///< CBC instead of the heuristic
  double time_limit_s = 0;
  /// pmedcap: distances truncated to integers, the convention of the published optima (with real
  /// distances the proven optimum of pmedcap1-2 is 758.23, above the published 740).
  bool truncate_distances = true;
  int threads = 0;
};

struct OrlibResult {
  io::OrlibKind kind = io::OrlibKind::p_median;
  std::size_t vertices = 0;
  std::size_t p = 0;
  double capacity = 0;
  std::optional<double> best_known;  ///< from a pmedcap file
  algorithms::facility::LocationResult result;
  double matrix_seconds = 0;
  double solve_seconds = 0;
};

OrlibResult solve_orlib(const OrlibRequest& request, RunControl& control);
std::vector<util::ReportTable> orlib_tables(const OrlibResult& result);

}  // namespace quhua::service
