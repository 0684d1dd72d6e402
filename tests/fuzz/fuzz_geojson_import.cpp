// Fuzz target: arbitrary bytes as a GeoJSON units layer, imported by service::import_units from a GDAL
// /vsimem/ file. Bad input must end in a quhua::Error (or findings), never a crash, a hang, a leak or
// another exception. The first byte chooses the options.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "quhua/io/memory_file.hpp"
#include "quhua/service/import_units.hpp"
#include "quhua/service/unit_outputs.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t options = data[0];
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  const quhua::io::MemoryFile file("units.geojson", bytes);
  quhua::service::ImportRequest request;
  request.units_path = file.path();
  request.keep_going = (options & 1) != 0;
  if (options & 2) request.fields = "code=code,name=name,population=POP";
  if (options & 4) request.encoding = "GBK";
  if (options & 8) request.crs = "EPSG:4490";
  try {
    const quhua::service::ImportResult result = quhua::service::import_units(request);
    // What comes out must be presentable too.
    (void)quhua::service::units_table(result.units);
    (void)quhua::service::units_layer(result.units);
  } catch (const quhua::Error&) {
    // Expected for bad input: the import named what was wrong.
  }
  return 0;
}
