// service::demo -- the main job on the embedded default data, end to end, as a county would run it:
// generate the synthetic county (青岚县), keep its divisions in the SQLite registry, diagnose the
// current layout, plan the township mergers under the reform's rules, evaluate the plan (tables, maps,
// report), measure villagers' travel to the one-stop service centres before and after the abolished
// seats' centres close, and record the approved plan as change events in the registry.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "quhua/metrics/plan_evaluation.hpp"
#include "quhua/synthetic/county_options.hpp"
#include "quhua/util/report_table.hpp"

namespace quhua::service {

struct DemoRequest {
  std::filesystem::path out_dir = "demo-output";
  synthetic::CountyOptions county;     ///< DEFAULT: the generator's default county and seed
  double min_population = 10000;       ///< the reform's minimum for a township (人口下限)
  std::uint64_t plan_seed = 1;
  util::Language language = util::Language::zh;
};

struct DemoStep {
  std::string name_zh, name_en;
  std::string outcome_zh, outcome_en;  ///< one line: what came out
};

struct DemoResult {
  std::vector<DemoStep> steps;
  std::vector<std::filesystem::path> files;  ///< every file written
  bool rules_hold = false;                   ///< the plan keeps every hard rule
  std::size_t townships_before = 0, townships_after = 0, events_recorded = 0;
  /// Share of villagers within 15 minutes by road of a one-stop service centre, before and after the
  /// abolished seats' centres close.
  double service_share_before = 0, service_share_after = 0;
};

/// Runs every step; throws the first failure (nothing is left half-written: each file is atomic and
/// the registry writes are transactions).
DemoResult run_demo(const DemoRequest& request);

/// The steps as a terminal table in `language`.
util::ReportTable demo_table(const DemoResult& result, util::Language language);

}  // namespace quhua::service
