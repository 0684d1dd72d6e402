// Public facilities (公共服务设施): schools, clinics, nursing homes, service centres as points with a
// capacity and its current use. Pure data; the unit a facility serves from is named by its code.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "quhua/model/geometry.hpp"

namespace quhua::model {

enum class FacilityType {
  middle_school,   // 中学 (初级中学)
  primary_school,  // 小学 (中心小学、村小)
  health_center,   // 卫生院 (乡镇卫生院; 街道的社区卫生服务中心)
  village_clinic,  // 村卫生室
  elderly_home,    // 养老院 (敬老院)
  service_center,  // 便民服务中心
};

std::string_view facility_type_name(FacilityType type);     ///< stable key, e.g. "primary_school"
std::string_view facility_type_name_zh(FacilityType type);  ///< 小学
/// From a key or a Chinese name ("primary_school", "小学" ...). Unknown -> nullopt.
std::optional<FacilityType> parse_facility_type(std::string_view text);

/// What `Facility::capacity` and `Facility::in_use` count for a type: schools count pupils' seats
/// (学位) and enrolled pupils, health centres and nursing homes beds (床位) and occupied beds,
/// village clinics village doctors (乡村医生), service centres service windows (服务窗口).
std::string_view capacity_unit(FacilityType type);     ///< "seats", "beds", "doctors", "windows"
std::string_view capacity_unit_zh(FacilityType type);  ///< 学位, 床位, 村医, 窗口

struct Facility {
  std::string id;    ///< unique within its set, e.g. "F0007"
  std::string name;  ///< UTF-8, e.g. 石桥镇中心小学
  FacilityType type = FacilityType::primary_school;
  Point location;          ///< working CRS (metres)
  std::string unit_code;   ///< code of the smallest unit containing it (a village or community)
  std::optional<double> capacity;  ///< in capacity_unit(type)
  std::optional<double> in_use;    ///< same unit; may exceed capacity (大班额, overcrowded wards)

  /// in_use / capacity, when both are known and capacity > 0.
  std::optional<double> utilisation() const {
    if (!capacity || !in_use || *capacity <= 0) return std::nullopt;
    return *in_use / *capacity;
  }
};

}  // namespace quhua::model
