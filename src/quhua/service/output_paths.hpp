// The one check every command makes before it works: no output may be one of its inputs, and no
// existing GeoPackage holding layers the command does not write is replaced without --overwrite.
// `evaluate --plan p.csv --out p.csv`, `plan --units pd/regions.geojson --out pd` and
// `units --units c.gpkg --out c.gpkg` used to destroy their input.
#pragma once

#include "quhua/service/import_units.hpp"

#include <string>
#include <utility>
#include <vector>

namespace quhua::service {

/// What one command reads and writes.
struct OutputTargets {
  std::vector<std::string> inputs;  ///< every file or folder read; empty entries are ignored
  std::vector<std::string> files;   ///< every file written; empty entries are ignored
  /// Folders written into, each with the names of the files written there.
  std::vector<std::pair<std::string, std::vector<std::string>>> folders;
  /// The layers a GeoPackage output will hold: an existing one holding any other layer is not replaced
  /// without `overwrite` (re-running a command over its own output needs no flag).
  std::vector<std::string> layers;
  bool overwrite = false;  ///< --overwrite: an existing GeoPackage with other layers may be replaced

  /// Adds the files an import request reads (units, attribute table, seats, mapping file).
  void add_inputs(const ImportRequest& request);
};

/// Throws UsageError (exit 2), naming both paths, when an output file (or a file an output folder
/// receives) is an input -- the same file by any path: canonical paths, symbolic and hard links --, lies
/// inside an input folder, or an output folder is an input; and when an output is an existing
/// GeoPackage holding a layer not in `layers` (several layers of the user's, or another one) and
/// `overwrite` is false -- writing replaces the whole file. Reads nothing but the file system.
void check_outputs(const OutputTargets& targets);

}  // namespace quhua::service
