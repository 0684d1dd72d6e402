// Fuzz target: arbitrary bytes as an OR-Library file (pmed or pmedcap), through io::detect_orlib_kind and
// the reader the first line chooses; a pmed graph read is also built (graph::RoadGraph), as
// `quhua facilities --orlib` does before sizing its matrices. A file announcing more vertices or points
// than it holds must be refused without allocating for them: libFuzzer's -rss_limit_mb catches one that
// is not.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "quhua/graph/road_graph.hpp"
#include "quhua/io/orlib_reader.hpp"
#include "quhua/util/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::filesystem::path file =
      std::filesystem::temp_directory_path() / ("quhua-fuzz-orlib-" + std::to_string(::getpid()) + ".txt");
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  try {
    if (quhua::io::detect_orlib_kind(file.string()) == quhua::io::OrlibKind::p_median) {
      const auto instance = quhua::io::read_orlib_p_median(file.string());
      (void)quhua::graph::RoadGraph::from_arcs(instance.vertex_count, instance.arcs);
    } else {
      (void)quhua::io::read_orlib_capacitated(file.string());
    }
  } catch (const quhua::Error&) {
    // Expected for bad input.
  }
  return 0;
}
