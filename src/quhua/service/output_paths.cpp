#include "quhua/service/output_paths.hpp"

#include "quhua/io/layer_writer.hpp"
#include "quhua/io/vector_reader.hpp"
#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace quhua::service {

namespace fs = std::filesystem;

namespace {

bool path_exists(const fs::path& path) {
  std::error_code ec;
  return fs::exists(path, ec);
}

/// The path with symbolic links and dot segments resolved as far as it exists.
fs::path resolved(const fs::path& path) {
  std::error_code ec;
  auto out = fs::weakly_canonical(fs::absolute(path, ec), ec);
  return ec ? fs::absolute(path).lexically_normal() : out;
}

bool same_file(const fs::path& a, const fs::path& b) {
  std::error_code ec;
  if (path_exists(a) && path_exists(b)) return fs::equivalent(a, b, ec) && !ec;
  return resolved(a) == resolved(b);
}

/// `inner` is `outer` or lies somewhere below it.
bool inside(const fs::path& inner, const fs::path& outer) {
  const auto in = resolved(inner);
  const auto out = resolved(outer);
  auto i = in.begin();
  for (auto o = out.begin(); o != out.end(); ++o, ++i) {
    if (o->empty()) continue;  // a trailing separator
    if (i == in.end() || *i != *o) return false;
  }
  return true;
}

[[noreturn]] void refuse(const std::string& output, const std::string& input, const std::string& zh,
                         const std::string& en) {
  throw UsageError("--out " + output + "：" + zh + "（输入 " + input + "），请换一个输出位置 / " + en + " (input " +
                   input + "): choose another output");
}

void check_one(const fs::path& output, const std::vector<fs::path>& inputs, const std::string& named,
               const OutputTargets& targets) {
  for (const auto& input : inputs) {
    std::error_code ec;
    if (fs::is_directory(input, ec)) {
      if (inside(output, input)) {
        refuse(named, input.string(), "会写进作为输入的文件夹", "would write into a folder that is an input");
      }
    } else if (same_file(output, input)) {
      refuse(named, input.string(), "会覆盖输入文件", "would overwrite an input");
    }
  }
  if (!targets.overwrite && path_exists(output) && io::layer_format_from(output) == io::LayerFormat::gpkg) {
    std::vector<std::string> layers;
    try {
      layers = io::list_layers(output.string());
    } catch (const Error&) {
      return;  // not a readable GeoPackage: no layers of the user's to lose
    }
    const bool own = std::all_of(layers.begin(), layers.end(), [&](const std::string& layer) {
      return std::find(targets.layers.begin(), targets.layers.end(), layer) != targets.layers.end();
    });
    if (!own) {
      throw UsageError("--out " + named + "：该 GeoPackage 已有 " + std::to_string(layers.size()) + " 个图层（" +
                       util::join(layers, "、") +
                       "），写出会整个替换它；请换一个文件，或加 --overwrite / the GeoPackage holds " +
                       std::to_string(layers.size()) + " layers (" + util::join(layers, ", ") +
                       ") and writing replaces the whole file: choose another file, or give --overwrite");
    }
  }
}

}  // namespace

void OutputTargets::add_inputs(const ImportRequest& request) {
  for (const auto* path : {&request.units_path, &request.attributes_path, &request.seats_path, &request.mapping_path}) {
    if (!path->empty()) inputs.push_back(*path);
  }
}

void check_outputs(const OutputTargets& targets) {
  std::vector<fs::path> inputs;
  for (const auto& input : targets.inputs) {
    if (!input.empty()) inputs.emplace_back(input);
  }
  for (const auto& file : targets.files) {
    if (!file.empty()) check_one(file, inputs, file, targets);
  }
  for (const auto& [folder, names] : targets.folders) {
    if (folder.empty()) continue;
    for (const auto& input : inputs) {
      if (same_file(folder, input))
        refuse(folder, input.string(), "输出文件夹就是输入", "the output folder is an input");
    }
    for (const auto& name : names) check_one(fs::path(folder) / name, inputs, folder, targets);
  }
}

}  // namespace quhua::service
