// `quhua access`: travel-time matrices (`access matrix`) and accessibility with its equity before and
// after a plan (`access measure`).
#include "quhua/service/access.hpp"

#include "../cli.hpp"
#include "routing_flags.hpp"

#include "quhua/service/output_paths.hpp"
#include "quhua/util/strings.hpp"

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

namespace quhua::cli {
namespace {

struct MatrixFlags {
  RoutingFlags routing;
  std::string from, to, from_layer, to_layer;
  std::string out;
  std::string lang = "zh";
};

struct MeasureFlags {
  RoutingFlags routing;
  std::string demand, supply, supply_after, demand_layer, supply_layer, supply_after_layer;
  std::string population_field, supply_field, group_field;
  std::string method = "2sfca";
  double catchment = 30, threshold = 30, beta = 1.5;
  std::string out;
  std::string format = "text";
  std::string lang = "zh";
};

void run_matrix(MatrixFlags& f) {
  f.routing.finish();
  service::MatrixRequest request;
  request.network = f.routing.network;
  request.routing = f.routing.routing;
  request.from = f.routing.points_at(f.from, f.from_layer);
  request.to = f.routing.points_at(f.to, f.to_layer);
  service::check_outputs(
      {.inputs = {f.from, f.to, request.network.path, request.network.speeds_file}, .files = {f.out}});
  RunControl control;
  const auto result = service::compute_travel_matrix(request, control);
  print_findings(result.findings);
  service::write_matrix(f.out, result, util::parse_language(f.lang));
  std::cout << result.from.ids.size() << " x " << result.to.ids.size() << " "
            << (result.metric == graph::Metric::travel_time ? "travel times" : "distances") << " written to " << f.out;
  if (result.network_used) {
    std::cout << " (network: " << result.network_nodes << " junctions, " << util::fixed(result.network_length_km, 1)
              << " km of road, CRS " << result.crs << ")";
  }
  std::cout << " in " << util::fixed(result.seconds, 2) << " s\n";
}

void run_measure(MeasureFlags& f) {
  f.routing.finish();
  service::AccessRequest request;
  request.network = f.routing.network;
  request.routing = f.routing.routing;
  request.demand = f.routing.points_at(f.demand, f.demand_layer);
  request.supply = f.routing.points_at(f.supply, f.supply_layer);
  if (!f.supply_after.empty()) request.supply_after = f.routing.points_at(f.supply_after, f.supply_after_layer);
  request.population_field = f.population_field;
  request.supply_field = f.supply_field;
  request.group_field = f.group_field;
  request.method = service::parse_access_method(f.method);
  request.catchment = f.catchment;
  request.threshold = f.threshold;
  request.beta = f.beta;
  service::check_outputs(
      {.inputs = {f.demand, f.supply, f.supply_after, request.network.path, request.network.speeds_file},
       .files = {f.out}});
  RunControl control;
  const auto result = service::measure_access(request, control);
  print_findings(result.findings);
  show_tables(service::access_tables(result), f.out, f.format, f.lang);
}

}  // namespace

void add_access_command(CLI::App& app) {
  auto* access = app.add_subcommand("access", "travel-time matrices and accessibility (可达性) of facilities");
  access->require_subcommand(1);

  auto matrix_flags = std::make_shared<MatrixFlags>();
  auto* matrix = access->add_subcommand("matrix", "origin x destination travel times (or distances) to CSV/XLSX/JSON");
  matrix_flags->routing.add_to(*matrix);
  matrix
      ->add_option("--from", matrix_flags->from, "origins: CSV/XLSX with id and lon,lat or x,y, or a point layer")
      ->required();
  matrix->add_option("--to", matrix_flags->to, "destinations (same formats)")->required();
  matrix->add_option("--from-layer", matrix_flags->from_layer, "layer (or sheet) of --from (default: the first)");
  matrix->add_option("--to-layer", matrix_flags->to_layer, "layer (or sheet) of --to (default: the first)");
  matrix->add_option("--out", matrix_flags->out, "output: .csv (long: from_id,to_id,minutes), .xlsx, .json")
      ->required();
  matrix->add_option("--lang", matrix_flags->lang, "zh or en (headers of XLSX)");
  matrix->callback([matrix_flags] { run_matrix(*matrix_flags); });

  auto measure_flags = std::make_shared<MeasureFlags>();
  auto* measure =
      access->add_subcommand("measure", "2SFCA / E2SFCA / gravity accessibility, Gini and Theil, before vs after");
  measure_flags->routing.add_to(*measure);
  measure->add_option("--demand", measure_flags->demand, "villages (points with population)")->required();
  measure->add_option("--supply", measure_flags->supply, "facilities now")->required();
  measure->add_option("--supply-after", measure_flags->supply_after, "facilities after the plan (for before vs after)");
  measure->add_option("--demand-layer", measure_flags->demand_layer, "layer (or sheet) of --demand");
  measure->add_option("--supply-layer", measure_flags->supply_layer, "layer (or sheet) of --supply");
  measure->add_option("--supply-after-layer", measure_flags->supply_after_layer, "layer (or sheet) of --supply-after");
  measure->add_option("--population-field", measure_flags->population_field,
                      "population column of the villages (default: 1 each)");
  measure->add_option("--supply-field", measure_flags->supply_field,
                      "capacity column of the facilities (doctors, beds, places; default 1)");
  measure->add_option("--group-field", measure_flags->group_field,
                      "township column: splits Theil into between and within townships");
  measure->add_option("--method", measure_flags->method, "2sfca, e2sfca, g2sfca (Gaussian) or gravity");
  measure->add_option("--catchment", measure_flags->catchment,
                      "catchment in minutes (or km with --metric distance), default 30");
  measure->add_option("--threshold", measure_flags->threshold,
                      "share of people within this many minutes/km, default 30");
  measure->add_option("--beta", measure_flags->beta, "gravity: distance-decay power, default 1.5");
  measure->add_option("--out", measure_flags->out, "write all tables: .csv, .json, .xlsx");
  measure->add_option("--format", measure_flags->format, "terminal output: text, csv or json")
      ->check(CLI::IsMember({"text", "csv", "json"}));
  measure->add_option("--lang", measure_flags->lang, "zh or en");
  measure->callback([measure_flags] { run_measure(*measure_flags); });
}

}  // namespace quhua::cli
