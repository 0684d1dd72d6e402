// `quhua facilities`: where to put, keep, close or upgrade public facilities (p-median, p-center,
// MCLP, LSCP, capacitated p-median, post-merger re-layout), and `--orlib FILE` to solve an OR-Library
// test instance, printing `objective: VALUE` last.
#include "quhua/service/facilities.hpp"

#include "../cli.hpp"
#include "routing_flags.hpp"

#include "quhua/service/output_paths.hpp"
#include "quhua/util/error.hpp"

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

namespace quhua::cli {
namespace {

struct FacilitiesFlags {
  RoutingFlags routing;
  std::string orlib;
  bool real_distances = false;
  std::string model = "pmedian";
  std::string demand, candidates, demand_layer, candidates_layer;
  std::string weight_field, demand_field, capacity_field, classes_field, level;
  std::size_t p = 0;
  double radius = 0;
  std::size_t min_open = 0, max_open = 0;
  double budget = -1, cost_weight = 0;
  std::uint64_t seed = 1;
  double time_limit = 0;
  bool exact = false;
  std::string out;
  std::string format = "text";
  std::string lang = "zh";
};

void show(const std::vector<util::ReportTable>& tables, const FacilitiesFlags& f) {
  show_tables(tables, f.out, f.format, f.lang);
}

void run(FacilitiesFlags& f) {
  RunControl control;
  service::check_outputs(
      {.inputs = {f.orlib, f.demand, f.candidates, f.routing.network.path, f.routing.network.speeds_file},
       .files = {f.out}});
  if (!f.orlib.empty()) {
    service::OrlibRequest request;
    request.path = f.orlib;
    if (f.p > 0) request.p = f.p;
    request.seed = f.seed;
    request.exact = f.exact;
    request.time_limit_s = f.time_limit;
    request.truncate_distances = !f.real_distances;
    request.threads = f.routing.routing.threads;
    const auto result = service::solve_orlib(request, control);
    show(service::orlib_tables(result), f);
    std::cout << "objective: " << util::cell_text(util::number_cell(result.result.objective)) << '\n';
    return;
  }
  if (f.demand.empty() || f.candidates.empty()) {
    throw UsageError("give --demand and --candidates (or --orlib FILE)");
  }
  f.routing.finish();
  service::FacilitiesRequest request;
  request.model = service::parse_facility_model(f.model);
  request.network = f.routing.network;
  request.routing = f.routing.routing;
  request.demand = f.routing.points_at(f.demand, f.demand_layer);
  request.candidates = f.routing.points_at(f.candidates, f.candidates_layer);
  request.weight_field = f.weight_field;
  request.demand_field = f.demand_field;
  request.capacity_field = f.capacity_field;
  request.classes_field = f.classes_field;
  if (f.level == "primary" || f.level == "小学") request.level = algorithms::facility::SchoolLevel::primary;
  if (f.level == "junior" || f.level == "初中") request.level = algorithms::facility::SchoolLevel::junior;
  if (!f.level.empty() && !request.level) throw UsageError("--level wants primary (小学) or junior (初中)");
  request.p = f.p;
  request.radius = f.radius;
  request.min_open = f.min_open;
  if (f.max_open > 0) request.max_open = f.max_open;
  if (f.budget >= 0) request.budget = f.budget;
  request.cost_weight = f.cost_weight;
  request.seed = f.seed;
  request.time_limit_s = f.time_limit;
  request.exact = f.exact;
  const auto result = service::solve_facilities(request, control);
  print_findings(result.findings);
  show(service::facilities_tables(result), f);
  std::cout << "objective: " << util::cell_text(util::number_cell(result.location.objective)) << '\n';
}

}  // namespace

void add_facilities_command(CLI::App& app) {
  auto flags = std::make_shared<FacilitiesFlags>();
  auto* cmd = app.add_subcommand(
      "facilities", "location-allocation of public facilities (设施布局): p-median, MCLP, LSCP, re-layout ...");
  cmd->add_option("--orlib", flags->orlib, "solve an OR-Library pmed or pmedcap file instead");
  cmd->add_flag("--real-distances", flags->real_distances,
                "pmedcap: real Euclidean distances (default: truncated, as published)");
  // The service's parser decides (it also takes p-median, cpmp, re-layout ...).
  cmd->add_option("--model", flags->model, "pmedian, pcenter, mclp, lscp, capacitated or relayout");
  flags->routing.add_to(*cmd);
  cmd->add_option("--demand", flags->demand, "villages: CSV/XLSX with id and lon,lat or x,y, or a point layer");
  cmd->add_option("--demand-layer", flags->demand_layer, "layer (or sheet) of --demand (default: the first)");
  cmd->add_option("--candidates-layer", flags->candidates_layer, "layer (or sheet) of --candidates (default: the first)");
  cmd->add_option("--candidates", flags->candidates,
                  "existing facilities and possible sites (status column: existing/new/fixed/closed)");
  cmd->add_option("--weight-field", flags->weight_field, "people per village (default 1)");
  cmd->add_option("--demand-field", flags->demand_field,
                  "places each village needs (capacitated; default: the weight)");
  cmd->add_option("--capacity-field", flags->capacity_field, "places per site");
  cmd->add_option("--classes-field", flags->classes_field, "classes per school (capacity = classes x 45 or 50)");
  cmd->add_option("--level", flags->level, "schools: primary (小学, 45 per class) or junior (初中, 50)");
  cmd->add_option("--p", flags->p, "facilities to open (default for --orlib: the file's)");
  cmd->add_option("--radius", flags->radius, "service radius, minutes (or km with --metric distance)");
  cmd->add_option("--min-open", flags->min_open, "re-layout: fewest sites open");
  cmd->add_option("--max-open", flags->max_open, "re-layout: most sites open");
  cmd->add_option("--budget", flags->budget, "re-layout: limit on site costs, yuan");
  cmd->add_option("--cost-weight", flags->cost_weight, "re-layout: person-minutes (or person-km) a yuan is worth");
  cmd->add_option("--seed", flags->seed, "random seed (default 1)");
  cmd->add_option("--time-limit", flags->time_limit, "seconds (0: none)");
  cmd->add_flag("--exact", flags->exact, "solve the exact MIP with CBC (small instances)");
  cmd->add_option("--out", flags->out, "write all tables: .csv, .json, .xlsx");
  cmd->add_option("--format", flags->format, "terminal output: text, csv or json")
      ->check(CLI::IsMember({"text", "csv", "json"}));
  cmd->add_option("--lang", flags->lang, "zh or en");
  cmd->callback([flags] { run(*flags); });
}

}  // namespace quhua::cli
