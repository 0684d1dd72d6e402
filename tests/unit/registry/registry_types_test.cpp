#include "quhua/algorithms/registry/registry_types.hpp"

#include "quhua/util/error.hpp"

#include <gtest/gtest.h>

namespace quhua::registry {

TEST(RegistryTypes, DatesAreRealDays) {
  EXPECT_EQ(Date::parse("2020-02-29").text(), "2020-02-29");
  EXPECT_THROW(Date::parse("2021-02-29"), InputError);
  EXPECT_THROW(Date::parse("2021-13-01"), InputError);
  EXPECT_THROW(Date::parse("2021/01/01"), InputError);
  EXPECT_THROW(Date::parse("20210101"), InputError);
  EXPECT_FALSE(Date::try_parse(""));
  EXPECT_LT(Date::parse("2019-12-31"), Date::parse("2020-01-01"));
}

TEST(RegistryTypes, IntervalsAreHalfOpen) {
  const auto from = Date::parse("2020-01-01");
  const std::optional<Date> to = Date::parse("2021-01-01");
  EXPECT_FALSE(in_force(from, to, Date::parse("2019-12-31")));
  EXPECT_TRUE(in_force(from, to, from));
  EXPECT_TRUE(in_force(from, to, Date::parse("2020-12-31")));
  EXPECT_FALSE(in_force(from, to, *to));
  EXPECT_TRUE(in_force(from, std::nullopt, Date::parse("2999-01-01")));
}

TEST(RegistryTypes, EventTypesRoundTripInBothLanguages) {
  for (auto type : all_event_types()) {
    EXPECT_EQ(parse_event_type(event_type_name(type)), type);
    EXPECT_EQ(parse_event_type(event_type_name_zh(type)), type);
  }
  EXPECT_EQ(parse_event_type("撤乡设镇"), EventType::upgraded);
  EXPECT_EQ(parse_event_type("划转"), EventType::transferred);
  EXPECT_FALSE(parse_event_type("moved"));
  EXPECT_EQ(all_event_types().size(), 9u);
}

TEST(RegistryTypes, WeakerBasisAndEditions) {
  EXPECT_EQ(weaker_basis(WeightBasis::whole, WeightBasis::equal), WeightBasis::equal);
  EXPECT_EQ(weaker_basis(WeightBasis::geometry, WeightBasis::population), WeightBasis::population);
  EXPECT_EQ(nbs_edition_date("2020"), Date::parse("2020-06-30"));
  EXPECT_FALSE(nbs_edition_date("2015"));
  EXPECT_EQ(display_code("510104001000"), "510104001");
  EXPECT_EQ(display_code("510104000000"), "510104");
}

}  // namespace quhua::registry
