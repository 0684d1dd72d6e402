#include "quhua/algorithms/facility/class_size.hpp"

#include "quhua/util/error.hpp"

#include <algorithm>
#include <cmath>

namespace quhua::algorithms::facility {

int standard_class_size(SchoolLevel level) { return level == SchoolLevel::primary ? 45 : 50; }

std::string_view class_size_band_key(ClassSizeBand band) {
  switch (band) {
    case ClassSizeBand::within_standard:
      return "within_standard";
    case ClassSizeBand::above_standard:
      return "above_standard";
    case ClassSizeBand::large:
      return "large";
    case ClassSizeBand::very_large:
      return "very_large";
  }
  return "within_standard";
}

std::string_view class_size_band_zh(ClassSizeBand band) {
  switch (band) {
    case ClassSizeBand::within_standard:
      return "符合标准";
    case ClassSizeBand::above_standard:
      return "偏大";
    case ClassSizeBand::large:
      return "大班额";
    case ClassSizeBand::very_large:
      return "超大班额";
  }
  return "符合标准";
}

ClassSizeBand classify_class_size(int pupils, SchoolLevel level) {
  if (pupils >= 66) return ClassSizeBand::very_large;
  if (pupils >= 56) return ClassSizeBand::large;
  if (pupils > standard_class_size(level)) return ClassSizeBand::above_standard;
  return ClassSizeBand::within_standard;
}

ClassSizeCheck check_class_size(double pupils, int classes, SchoolLevel level) {
  if (!(pupils >= 0) || !std::isfinite(pupils) || classes < 0) {
    throw UsageError("class size: pupils and classes must be non-negative");
  }
  ClassSizeCheck check;
  check.pupils = pupils;
  check.classes = classes;
  const double whole = std::ceil(pupils - 1e-9);
  const int standard = standard_class_size(level);
  check.classes_needed = static_cast<int>(std::ceil(whole / standard - 1e-12));
  // No classes but pupils: as if they sat in one class (the data need fixing; the band says so).
  const int rooms = std::max(classes, 1);
  check.mean_class = whole / rooms;
  check.largest_class = static_cast<int>(std::ceil(whole / rooms - 1e-12));
  check.band = classify_class_size(check.largest_class, level);
  return check;
}

double standard_places(int classes, SchoolLevel level) {
  return static_cast<double>(classes) * standard_class_size(level);
}

}  // namespace quhua::algorithms::facility
