// Fuzz target: arbitrary bytes as an official division list read into a registry snapshot, through
// service::read_snapshot_source as `quhua registry import-nbs` reads an edition. The first byte chooses
// the layout: bits 0-1 which file of an NBS edition folder the input replaces (provinces.csv,
// cities.csv, areas.csv, streets.csv; the others are small valid files), bit 2 one table file instead
// (CSV or, with bit 3, XLSX).
#include <unistd.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "quhua/service/registry_sources.hpp"
#include "quhua/util/error.hpp"

namespace {

const std::filesystem::path& work_dir() {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() / ("quhua-fuzz-edition-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d / "edition");
    return d;
  }();
  return dir;
}

constexpr std::array<const char*, 4> k_files{"provinces.csv", "cities.csv", "areas.csv", "streets.csv"};
constexpr std::array<const char*, 4> k_valid{
    "code,name\n51,四川省\n",
    "code,name,provinceCode\n5101,成都市,51\n",
    "code,name,cityCode,provinceCode\n510104,锦江区,5101,51\n",
    "code,name,areaCode,provinceCode,cityCode\n510104020,春熙路街道,510104,51,5101\n510104021,书院街街道,510104,51,"
    "5101\n",
};

void write(const std::filesystem::path& path, const char* bytes, std::size_t size) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes, static_cast<std::streamsize>(size));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t options = data[0];
  const char* input = reinterpret_cast<const char*>(data + 1);
  std::filesystem::path source;
  if ((options & 4) != 0) {
    source = work_dir() / ((options & 8) != 0 ? "table.xlsx" : "table.csv");
    write(source, input, size - 1);
  } else {
    source = work_dir() / "edition";
    for (std::size_t f = 0; f < k_files.size(); ++f) {
      if (f == (options & 3u)) {
        write(source / k_files[f], input, size - 1);
      } else {
        write(source / k_files[f], k_valid[f], std::char_traits<char>::length(k_valid[f]));
      }
    }
  }
  try {
    (void)quhua::service::read_snapshot_source(source, "fuzz", quhua::registry::Date::parse("2024-01-01"));
  } catch (const quhua::Error&) {
    // Expected for bad input.
  }
  return 0;
}
