// Fuzz target: arbitrary bytes as a plan file (`code,region[,seat_code][,name]`, CSV or XLSX) for four
// townships, through io::read_plan as `quhua evaluate --plan` reads it. The first byte chooses CSV (even)
// or XLSX (odd).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "quhua/io/plan_io.hpp"
#include "quhua/model/division_code.hpp"
#include "quhua/util/error.hpp"

namespace {

const quhua::model::UnitTable& towns() {
  static const quhua::model::UnitTable units = [] {
    quhua::model::UnitTable t;
    t.code_scheme = quhua::model::CodeScheme::nbs;
    for (const char* code : {"510104101", "510104102", "510104201", "510104202"}) {
      quhua::model::Unit u;
      u.code = quhua::model::pad_code(code);
      u.name = std::string("镇") + code;
      t.add(u);
    }
    return t;
  }();
  return units;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const bool xlsx = (data[0] & 1) != 0;
  const auto file = std::filesystem::temp_directory_path() /
                    ("quhua-fuzz-plan-" + std::to_string(::getpid()) + (xlsx ? ".xlsx" : ".csv"));
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data + 1), static_cast<std::streamsize>(size - 1));
  }
  try {
    (void)quhua::io::read_plan(file.string(), towns());
  } catch (const quhua::Error&) {
    // Expected for bad input.
  }
  return 0;
}
