#include "quhua/io/plan_io.hpp"

#include <gtest/gtest.h>

#include "quhua/util/error.hpp"
#include "support/test_support.hpp"

namespace quhua::io {
namespace {

model::UnitTable three_towns() {
  model::UnitTable units;
  for (const char* code : {"510104101", "510104102", "510104201"}) {
    model::Unit u;
    u.code = model::pad_code(code);
    u.name = std::string("镇") + code;
    units.add(u);
  }
  return units;
}

}  // namespace

TEST(PlanIo, ReadsShortCodesAndSeats) {
  test::TempDir dir;
  test::write_file(dir / "plan.csv", "code,region,seat_code\n510104101,A,510104101\n510104102,A,\n510104201,B,510104201\n");
  const auto result = read_plan((dir / "plan.csv").string(), three_towns());
  ASSERT_EQ(result.plan.region_count(), 2u);
  EXPECT_EQ(result.plan.region_of[1], 0u);
  EXPECT_EQ(result.plan.seat_of[0], 0u);
  EXPECT_EQ(result.plan.region_ids[1], "B");
}

TEST(PlanIo, ChineseHeadersFromExcelAreAccepted) {
  test::TempDir dir;
  test::write_file(dir / "plan.csv", "代码,调整后单位,驻地代码,调整后名称\n510104101,甲,510104101,新甲镇\n510104102,甲,,\n510104201,乙,,\n");
  const auto result = read_plan((dir / "plan.csv").string(), three_towns());
  EXPECT_EQ(result.plan.region_names[0], "新甲镇");
}

TEST(PlanIo, EveryProblemIsAnInputErrorNamingTheRow) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"code,region\n510104101,A\n510104102,A\n", "not in the plan"},
      {"code,region\n510104101,A\n510104102,A\n510104201,B\n999999999,B\n", "not among the units"},
      {"code,region\n510104101,A\n510104101,B\n510104102,A\n510104201,B\n", "listed twice"},
      {"code,region,seat_code\n510104101,A,510104102\n510104102,B,\n510104201,B,\n", "not one of its members"},
      {"code,region,seat_code\n510104101,A,510104101\n510104102,A,510104102\n510104201,B,\n", "two seats"},
      {"region\nA\n", "no code column"},
  };
  for (const auto& [csv, expected] : cases) {
    test::TempDir dir;
    test::write_file(dir / "plan.csv", csv);
    try {
      read_plan((dir / "plan.csv").string(), three_towns());
      ADD_FAILURE() << "accepted: " << csv;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("plan.csv"), std::string::npos) << e.what();
    }
  }
}

TEST(PlanIo, WriteThenReadRoundTrips) {
  test::TempDir dir;
  const auto units = three_towns();
  model::Plan plan;
  plan.region_ids = {"R1", "R2"};
  plan.region_of = {0, 0, 1};
  plan.seat_of = {1u, 2u};
  plan.region_names = {"新镇", ""};
  write_plan_csv((dir / "p.csv").string(), units, plan);
  const auto back = read_plan((dir / "p.csv").string(), units).plan;
  EXPECT_EQ(back.region_of, plan.region_of);
  EXPECT_EQ(back.seat_of, plan.seat_of);
  EXPECT_EQ(back.region_names[0], "新镇");
}

}  // namespace quhua::io
