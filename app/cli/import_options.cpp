#include "import_options.hpp"

#include <CLI/CLI.hpp>

#include <iostream>
#include <map>

#include "quhua/io/import_findings.hpp"

namespace quhua::cli {
namespace {

std::string describe_where(const ErrorContext& where, util::Language language) {
  const bool zh = language == util::Language::zh;
  std::string out;
  auto part = [&](const std::string& value, const char* label_zh, const char* label_en) {
    if (value.empty()) return;
    if (!out.empty()) out += zh ? "，" : ", ";
    out += std::string(zh ? label_zh : label_en) + value;
  };
  part(where.file, "文件 ", "");
  part(where.layer, "图层 ", "layer ");
  part(where.feature, "要素 ", "feature ");
  part(where.field, "字段 ", "field ");
  return out;
}

std::string_view severity_label(Severity severity, util::Language language) {
  if (language == util::Language::en) return severity_name(severity);
  switch (severity) {
    case Severity::error: return "错误";
    case Severity::warning: return "警告";
    case Severity::info: return "提示";
  }
  return "错误";
}

}  // namespace

void add_import_options(CLI::App* command, service::ImportRequest& request, bool units_required) {
  auto* units = command->add_option("--units", request.units_path,
                                    "units: vector file (Shapefile, GeoJSON, GeoPackage ...) or CSV/XLSX table 单元数据");
  if (units_required) units->required();
  command->add_option("--layer", request.layer, "layer (or sheet) to read; default the first");
  command->add_option("--fields", request.fields,
                      "field mapping: code=F,name=F,population=F,registered=F,parent=F,type=F,level=F,area=F,seat=F");
  command->add_option("--mapping", request.mapping_path, "field mapping file (TOML: [fields], [indicators])");
  command->add_option("--indicators", request.indicators,
                      "only these numeric fields become indicators: FIELD or NAME=FIELD, comma-separated");
  command->add_option("--attributes", request.attributes_path, "attribute table (CSV/XLSX) joined onto the units");
  command->add_option("--attributes-sheet", request.attributes_sheet, "sheet of an XLSX attribute table");
  command->add_option_function<std::string>(
      "--join-on",
      [&request](const std::string& text) {
        const auto on = io::parse_join_on(text);
        if (!on) throw CLI::ValidationError("--join-on", "use code or name");
        request.join_on = *on;
      },
      "join the attribute table on code (default) or on name within the parent");
  command->add_option("--seats", request.seats_path, "point layer of seats (驻地), joined on code");
  command->add_option("--seat-layer", request.seats_layer, "layer of the seat file; default the first");
  command->add_option("--seat-code-field", request.seat_code_field, "field of the seat layer holding the unit code");
  command->add_option("--encoding", request.encoding, "text encoding of Shapefiles/tables without one: GBK or UTF-8");
  command->add_option("--crs", request.crs, "CRS of the units when the file has none (or to override it), e.g. EPSG:4490");
  command->add_option_function<std::string>(
      "--code-scheme",
      [&request](const std::string& text) {
        if (text == "nbs") {
          request.code_scheme = model::CodeScheme::nbs;
        } else if (text == "free") {
          request.code_scheme = model::CodeScheme::free;
        } else {
          throw CLI::ValidationError("--code-scheme", "use nbs or free");
        }
      },
      "nbs (12-digit division codes) or free ids; default: detected");
  command->add_flag("--keep-going", request.keep_going, "leave out bad features (reported) instead of stopping");
}

void print_findings(const Findings& findings, util::Language language, std::ostream& out, std::size_t per_kind) {
  std::map<std::string, std::size_t> shown;
  std::map<std::string, std::size_t> hidden;
  for (const Severity severity : {Severity::error, Severity::warning, Severity::info}) {
    for (const Finding& f : findings.items()) {
      if (f.severity != severity) continue;
      if (shown[f.kind]++ >= per_kind) {
        ++hidden[f.kind];
        continue;
      }
      out << severity_label(f.severity, language) << " [" << f.kind << "] " << io::finding_title(f.kind, language);
      const std::string where = describe_where(f.where, language);
      if (!where.empty()) out << (language == util::Language::zh ? "（" : " (") << where
                              << (language == util::Language::zh ? "）" : ")");
      out << (language == util::Language::zh ? "：" : ": ") << f.message << '\n';
    }
  }
  for (const auto& [kind, count] : hidden) {
    out << (language == util::Language::zh ? "…… 另有 " : "... and ") << count
        << (language == util::Language::zh ? " 条 " : " more ") << kind
        << (language == util::Language::zh ? "（写入 --out 文件可看全部）\n" : " (write --out to see them all)\n");
  }
}

service::ImportResult import_units_verbose(const service::ImportRequest& request, util::Language language) {
  // A failed import propagates as ImportFailed; cli::run prints all its findings.
  service::ImportResult result = service::import_units(request);
  print_findings(result.findings, language, std::cerr);
  return result;
}

}  // namespace quhua::cli
