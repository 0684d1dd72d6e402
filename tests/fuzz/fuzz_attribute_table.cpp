// Fuzz target: arbitrary bytes as a table of units or an attribute table (CSV or XLSX) joined onto
// units, through service::import_units. The first byte chooses: bits 0-1 the role (units table,
// attributes joined on code, attributes joined on name), bit 2 CSV or XLSX, bit 3 --keep-going.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "quhua/service/import_units.hpp"

namespace {

/// A folder of this process's own for the inputs (read_table reads real files).
const std::filesystem::path& work_dir() {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() / ("quhua-fuzz-table-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    std::ofstream(d / "units.csv") << "代码,名称,上级代码,常住人口\n510104001,城关镇,510104,100\n510104002,龙泉乡,510104,\n"
                                      "510104003,新华乡,510104,5\n";
    return d;
  }();
  return dir;
}

void write(const std::filesystem::path& path, const std::uint8_t* data, std::size_t size) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t options = data[0];
  const int role = options & 3;
  const bool xlsx = (options & 4) != 0;
  const auto input = work_dir() / (xlsx ? "input.xlsx" : "input.csv");
  write(input, data + 1, size - 1);
  quhua::service::ImportRequest request;
  request.keep_going = (options & 8) != 0;
  if (role == 0) {
    request.units_path = input.string();
  } else {
    request.units_path = (work_dir() / "units.csv").string();
    request.attributes_path = input.string();
    request.join_on = role == 2 ? quhua::service::JoinOn::name : quhua::service::JoinOn::code;
  }
  try {
    (void)quhua::service::import_units(request);
  } catch (const quhua::Error&) {
    // Expected for bad input.
  }
  return 0;
}
