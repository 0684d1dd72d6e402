// Fuzz target: arbitrary text as a --fields list, an --indicators list and a TOML mapping file, each
// parsed and (when it parses) resolved against a small layer's fields. Bad text must end in a
// quhua::Error, never a crash or another exception.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "quhua/io/field_mapping.hpp"

namespace {

quhua::io::RecordSet sample_records() {
  quhua::io::RecordSet r;
  r.file = "fuzz.shp";
  r.fields = {"XZQDM", "名称", "常住人口", "GDP", "code", "TYPE"};
  r.numeric = {false, false, true, true, false, false};
  r.rows = {{std::string("510104001"), std::string("城关镇"), std::int64_t{100}, 1.5, std::string("x"), std::string("镇")}};
  r.row_ids = {"0"};
  r.row_bad = {0};
  return r;
}

void resolve(const quhua::io::FieldMapping& mapping) {
  static const quhua::io::RecordSet records = sample_records();
  quhua::Findings findings;
  (void)quhua::io::resolve_mapping(mapping, records, findings);
  (void)quhua::io::resolve_mapping(mapping, records, findings, false);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    resolve(quhua::io::parse_field_list(text));
  } catch (const quhua::Error&) {
  }
  try {
    quhua::io::FieldMapping mapping;
    mapping.indicators = quhua::io::parse_indicator_list(text);
    resolve(mapping);
  } catch (const quhua::Error&) {
  }
  try {
    resolve(quhua::io::parse_mapping_toml(text, "fuzz.toml"));
  } catch (const quhua::Error&) {
  }
  return 0;
}
