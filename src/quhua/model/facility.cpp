#include "quhua/model/facility.hpp"

#include <array>

namespace quhua::model {
namespace {

struct FacilityEntry {
  FacilityType type;
  std::string_view key;
  std::string_view zh;
  std::string_view unit;
  std::string_view unit_zh;
};

constexpr std::array<FacilityEntry, 6> k_types{{
    {FacilityType::middle_school, "middle_school", "中学", "seats", "学位"},
    {FacilityType::primary_school, "primary_school", "小学", "seats", "学位"},
    {FacilityType::health_center, "health_center", "卫生院", "beds", "床位"},
    {FacilityType::village_clinic, "village_clinic", "村卫生室", "doctors", "村医"},
    {FacilityType::elderly_home, "elderly_home", "养老院", "beds", "床位"},
    {FacilityType::service_center, "service_center", "便民服务中心", "windows", "窗口"},
}};

const FacilityEntry& entry(FacilityType type) {
  for (const auto& e : k_types) {
    if (e.type == type) return e;
  }
  return k_types[0];
}

}  // namespace

std::string_view facility_type_name(FacilityType type) { return entry(type).key; }
std::string_view facility_type_name_zh(FacilityType type) { return entry(type).zh; }
std::string_view capacity_unit(FacilityType type) { return entry(type).unit; }
std::string_view capacity_unit_zh(FacilityType type) { return entry(type).unit_zh; }

std::optional<FacilityType> parse_facility_type(std::string_view text) {
  for (const auto& e : k_types) {
    if (text == e.key || text == e.zh) return e.type;
  }
  if (text == "敬老院") return FacilityType::elderly_home;
  if (text == "乡镇卫生院" || text == "社区卫生服务中心") return FacilityType::health_center;
  if (text == "初中" || text == "初级中学") return FacilityType::middle_school;
  return std::nullopt;
}

}  // namespace quhua::model
