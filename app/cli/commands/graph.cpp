// `quhua graph`: the contiguity graph of a polygon layer as an edge list (a_code,b_code,shared_border_m),
// with islands, exclaves and point-only contacts reported.
#include "../cli.hpp"
#include "../import_options.hpp"

#include "quhua/io/table_writer.hpp"
#include "quhua/service/output_paths.hpp"
#include "quhua/service/unit_graph.hpp"
#include "quhua/util/error.hpp"

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

namespace quhua::cli {

void add_graph_command(CLI::App& app) {
  struct Flags {
    service::GraphRequest request;
    std::string contiguity = "rook";
    std::string out;
    std::string lang = "zh";
  };
  auto flags = std::make_shared<Flags>();
  auto* cmd = app.add_subcommand("graph", "contiguity graph of a polygon layer (相邻关系): edges with shared border length");
  add_import_options(cmd, flags->request.units);
  cmd->add_option("--contiguity", flags->contiguity, "rook (shared border, default) or queen (any contact)");
  cmd->add_option("--snap-m", flags->request.contiguity.snap_tolerance_m,
                  "gaps and overlaps up to this many metres count as touching (default 1)");
  cmd->add_option("--out", flags->out, "edge list: .csv (a_code,b_code,shared_border_m), .json or .xlsx")->required();
  cmd->add_option("--lang", flags->lang, "zh (default) or en");
  cmd->callback([flags] {
    const auto language = util::parse_language(flags->lang);
    if (flags->contiguity == "rook") {
      flags->request.contiguity.contiguity = geometry::Contiguity::rook;
    } else if (flags->contiguity == "queen") {
      flags->request.contiguity.contiguity = geometry::Contiguity::queen;
    } else {
      throw UsageError("--contiguity: expected rook or queen, got '" + flags->contiguity + "'");
    }
    service::OutputTargets targets{.files = {flags->out}};
    targets.add_inputs(flags->request.units);
    service::check_outputs(targets);
    const auto result = service::build_graph(flags->request);
    print_findings(result.import.findings, language, std::cerr);
    const auto& units = result.import.units;
    const auto edges = service::edge_table(units, result.contiguity.graph);
    io::write_tables(flags->out, {edges}, language);
    const auto report = service::contiguity_report_table(units, result.contiguity.report);
    if (!report.rows.empty()) std::cout << io::render_text({report}, language);
    std::cout << (language == util::Language::zh ? "单位 " : "units ") << units.size()
              << (language == util::Language::zh ? "，相邻关系 " : ", edges ") << edges.rows.size()
              << (language == util::Language::zh ? "，孤立单位 " : ", islands ") << result.contiguity.report.islands.size()
              << (language == util::Language::zh ? "，连通分量 " : ", components ")
              << result.contiguity.report.components.count() << '\n';
  });
}

}  // namespace quhua::cli
