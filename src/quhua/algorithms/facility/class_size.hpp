// Class sizes (班额) of primary and junior secondary schools: the standard sizes and the Ministry of
// Education's bands, so a school plan can be checked for 大班额 and 超大班额 and school capacities set
// in places (学位) that keep classes at the standard.
//
// Sources, as used here:
//  - standard class size: 45 pupils in primary school, 50 in junior secondary school
//    (《农村普通中小学校建设标准》建标109-2008 and 《城市普通中小学校校舍建设标准》建标102-2002; the
//    same figures in 国发〔2016〕40号, 《关于统筹推进县域内城乡义务教育一体化改革发展的若干意见》);
//  - bands in the Ministry of Education's statistics: 36-45 normal, 46-55 偏大, 56-65 大班额 (large),
//    66 and more 超大班额 (very large); 国发〔2016〕40号 set the goals "基本消除66人以上超大班额"
//    (by 2018) and "基本消除56人以上大班额" (by 2020).
#pragma once

#include <string_view>

namespace quhua::algorithms::facility {

enum class SchoolLevel { primary, junior };  ///< 小学, 初中

/// Standard pupils per class: 45 (primary), 50 (junior).
int standard_class_size(SchoolLevel level);

enum class ClassSizeBand {
  within_standard,  ///< at or below the level's standard size
  above_standard,   ///< above the standard, at most 55 (偏大)
  large,            ///< 56-65 pupils: 大班额
  very_large,       ///< 66 or more: 超大班额
};
std::string_view class_size_band_key(ClassSizeBand band);  ///< "within_standard", "large", ...
std::string_view class_size_band_zh(ClassSizeBand band);   ///< "符合标准", "偏大", "大班额", "超大班额"

/// Band of a class of `pupils` at `level`.
ClassSizeBand classify_class_size(int pupils, SchoolLevel level);

struct ClassSizeCheck {
  double pupils = 0;
  int classes = 0;
  int largest_class = 0;  ///< pupils in the largest class when classes are filled evenly: ceil(pupils / classes)
  double mean_class = 0;  ///< pupils / classes
  ClassSizeBand band = ClassSizeBand::within_standard;  ///< band of the largest class
  int classes_needed = 0;  ///< classes that keep every class at the standard: ceil(pupils / standard)
};

/// Checks a school with `pupils` in `classes` classes (pupils rounded up to whole pupils). Pupils in
/// zero classes count as one class of them all. Throws UsageError for negative input.
ClassSizeCheck check_class_size(double pupils, int classes, SchoolLevel level);

/// Places that keep every class at the standard: classes x standard size.
double standard_places(int classes, SchoolLevel level);

}  // namespace quhua::algorithms::facility
