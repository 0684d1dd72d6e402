// `quhua units`: import units (boundaries, codes, populations, seats) and report what was read --
// units by level and type, the CRS used, every finding -- optionally writing the units as a table
// (.csv/.json/.xlsx) or a map layer (.geojson/.gpkg).
#include "../cli.hpp"
#include "../import_options.hpp"

#include "quhua/io/table_writer.hpp"
#include "quhua/service/output_paths.hpp"
#include "quhua/service/unit_outputs.hpp"

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

namespace quhua::cli {
namespace {

struct UnitsOptions {
  service::ImportRequest request;
  std::string out;
  std::string out_crs = "working";
  std::string lang = "zh";
  bool overwrite = false;
};

void run_units(const UnitsOptions& options) {
  const util::Language language = util::parse_language(options.lang);
  service::OutputTargets targets{.files = {options.out}, .layers = {"units", "seats"}, .overwrite = options.overwrite};
  targets.add_inputs(options.request);
  service::check_outputs(targets);
  const service::ImportResult result = import_units_verbose(options.request, language);
  const bool zh = language == util::Language::zh;
  const model::UnitTable& units = result.units;
  std::cout << (zh ? "文件：" : "File: ") << result.units_file;
  if (!result.layer.empty()) std::cout << (zh ? "，图层：" : ", layer: ") << result.layer;
  std::cout << " (" << result.driver << ")\n";
  std::cout << (zh ? "读取要素：" : "Features read: ") << result.features_read << (zh ? "，导入单元：" : ", units imported: ")
            << units.size();
  if (result.features_left_out > 0) std::cout << (zh ? "，剔除：" : ", left out: ") << result.features_left_out;
  if (result.geometries_repaired > 0) std::cout << (zh ? "，修复几何：" : ", geometries repaired: ") << result.geometries_repaired;
  std::cout << '\n';
  std::cout << (zh ? "字段：" : "Fields: ") << result.fields_used << '\n';
  if (!result.encoding_note.empty()) std::cout << (zh ? "编码：" : "Encoding: ") << result.encoding_note << '\n';
  if (!units.crs.source.empty()) {
    std::cout << (zh ? "源坐标系：" : "Source CRS: ") << result.source_crs_name << " (" << units.crs.source.substr(0, 60)
              << ")\n";
  }
  if (!units.crs.working.empty()) std::cout << (zh ? "工作坐标系：" : "Working CRS: ") << units.crs.working << '\n';
  std::cout << (zh ? "代码体系：" : "Code scheme: ")
            << (units.code_scheme == model::CodeScheme::nbs ? (zh ? "国家统计局区划代码" : "NBS division codes")
                                                            : (zh ? "自由编号" : "free ids"))
            << '\n';
  std::cout << (zh ? "问题：" : "Findings: ") << result.findings.count(Severity::error) << (zh ? " 错误，" : " errors, ")
            << result.findings.count(Severity::warning) << (zh ? " 警告，" : " warnings, ")
            << result.findings.count(Severity::info) << (zh ? " 提示\n\n" : " notes\n\n");
  std::cout << io::render_text({service::units_summary_table(units)}, language);
  if (!options.out.empty()) {
    service::write_units(options.out, result, language, options.out_crs);
    std::cout << (zh ? "\n已写入 " : "\nWritten to ") << options.out << '\n';
  }
}

}  // namespace

void add_units_command(CLI::App& app) {
  auto options = std::make_shared<UnitsOptions>();
  auto* cmd = app.add_subcommand("units", "import units and report what was read 导入行政单元并报告");
  add_import_options(cmd, options->request);
  cmd->add_option("--out", options->out, "write the units: .csv .json .xlsx (tables) or .geojson .gpkg (map layer)");
  cmd->add_option("--out-crs", options->out_crs,
                  "CRS of a .gpkg output: working (default, local equal-area), source, or e.g. EPSG:4490");
  cmd->add_option("--lang", options->lang, "language of messages and headers: zh (default) or en");
  cmd->add_flag("--overwrite", options->overwrite,
                "replace an existing GeoPackage --out even when it holds layers of other data");
  cmd->callback([options] { run_units(*options); });
}

}  // namespace quhua::cli
