#include "quhua/service/plan.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "quhua/geometry/polygon_ops.hpp"
#include "quhua/service/generate.hpp"
#include "quhua/util/csv.hpp"
#include "quhua/util/error.hpp"
#include "support/test_support.hpp"

namespace quhua::service {

namespace {

// A 3 × 2 county of 1 km squares: populations in thousands.
//   a(9,镇) b(2) c(3)
//   d(2)    e(8) f(12,镇)
const char* k_nodes =
    "id,population,x_km,y_km,type\n"
    "a,9000,0.5,1.5,镇\nb,2000,1.5,1.5,乡\nc,3000,2.5,1.5,乡\n"
    "d,2000,0.5,0.5,乡\ne,8000,1.5,0.5,乡\nf,12000,2.5,0.5,镇\n";
const char* k_edges = "a,b\na,b\nb,c\nd,e\ne,f\na,d\nb,e\nc,f\n";

struct Input {
  test::TempDir dir;
  PlanRequest request;
  Input() {
    test::write_file(dir / "nodes.csv", k_nodes);
    test::write_file(dir / "edges.csv", k_edges);
    request.nodes_path = (dir / "nodes.csv").string();
    request.edges_path = (dir / "edges.csv").string();
    request.rules.min_population = 10000;
    request.search.threads = 1;
  }
};

model::UnitTable squares() {
  model::UnitTable table;
  const char* codes[] = {"a", "b", "c", "d", "e", "f"};
  const double population[] = {9000, 2000, 3000, 2000, 8000, 12000};
  for (int i = 0; i < 6; ++i) {
    const double x0 = (i % 3) * 1000.0;
    const double y0 = i < 3 ? 1000.0 : 0.0;
    model::Unit unit;
    unit.code = codes[i];
    unit.name = std::string(codes[i]) + "乡";
    unit.type = i == 0 || i == 5 ? model::UnitType::town : model::UnitType::township;
    unit.resident_population = population[i];
    unit.area_km2 = 1.0;
    unit.geometry = {model::Polygon{{{x0, y0}, {x0 + 1000, y0}, {x0 + 1000, y0 + 1000}, {x0, y0 + 1000}, {x0, y0}}, {}}};
    unit.centroid = model::Point{x0 + 500, y0 + 500};
    table.add(std::move(unit));
  }
  return table;
}

}  // namespace

TEST(ServicePlan, WritesOneRowPerUnitAndTheSummary) {
  Input input;
  input.request.out_dir = (input.dir / "out").string();
  RunControl control;
  const auto result = plan(input.request, control);
  ASSERT_EQ(result.files.size(), 3u);
  const auto table = util::read_csv((input.dir / "out" / "plan.csv").string());
  ASSERT_EQ(table.header, (std::vector<std::string>{"code", "region", "seat_code"}));
  ASSERT_EQ(table.rows.size(), 6u);
  std::set<std::string> codes;
  for (const auto& row : table.rows) codes.insert(row[0]);
  EXPECT_EQ(codes.size(), 6u);

  const auto summary = nlohmann::json::parse(test::read_file(input.dir / "out" / "summary.json"));
  EXPECT_EQ(summary["format"], "quhua-plan-summary");
  EXPECT_EQ(summary["counts"]["units_before"], 6);
  EXPECT_TRUE(summary["hard_rules_hold"].get<bool>());
  EXPECT_EQ(summary["regions"].size(), summary["counts"]["regions_after"].get<std::size_t>());
  EXPECT_EQ(summary["outputs"]["regions_geojson"], nullptr);
  EXPECT_TRUE(summary["exact"]["attempted"].get<bool>());
  EXPECT_TRUE(summary["exact"]["tiers_optimal"].get<bool>());
  for (const auto& rule : summary["rules"]) {
    EXPECT_NE(rule["status"], "fail") << rule.dump();
  }
  // f (12,000) meets the minimum alone and stays unchanged; the others reach 10,000 in two units:
  // a+b+... around the 镇 a, c+... Every new unit holds at least 10,000.
  for (const auto& region : summary["regions"]) EXPECT_GE(region["population"].get<double>(), 10000);
}

TEST(ServicePlan, UnitsPathPlansAnImportedLayerEndToEnd) {
  // The synthetic county's township layer, as a user would pass it: imported, graph built, planned,
  // new units written as a layer.
  test::TempDir dir;
  GenerateRequest generate_request;
  generate_request.out_dir = dir / "county";
  generate_request.preview = false;
  generate(generate_request);
  PlanRequest request;
  request.units.units_path = (dir / "county" / "townships.geojson").string();
  request.rules.min_population = 10000;
  request.rules.within_parent = true;
  request.lists.lock_types = {"民族乡"};
  request.search.threads = 1;
  request.out_dir = (dir / "plan").string();
  RunControl control;
  const auto result = plan(request, control);
  EXPECT_EQ(result.input_kind, "units");
  EXPECT_TRUE(result.has_geometry);
  EXPECT_TRUE(result.report.hard_rules_hold);
  EXPECT_LT(result.report.regions_after, result.report.units_before);
  for (const char* file : {"plan.csv", "regions.csv", "summary.json", "regions.geojson"}) {
    EXPECT_TRUE(std::filesystem::exists(dir / "plan" / file)) << file;
  }
  const auto plan_csv = util::read_csv((dir / "plan" / "plan.csv").string());
  EXPECT_EQ(plan_csv.rows.size(), 30u);
  EXPECT_NE(test::read_file(dir / "plan" / "regions.geojson").find("\"FeatureCollection\""), std::string::npos);
  // Both ethnic townships are locked: each stays alone, under the minimum as a reported exception.
  std::size_t locked_exceptions = 0;
  for (const auto& e : result.report.exceptions) locked_exceptions += e.justified ? 1 : 0;
  EXPECT_EQ(locked_exceptions, 2u);
}

TEST(ServicePlan, MergersAndExceptionsAreListedByName) {
  // What `quhua plan` prints under its counts: each merger (seat first) and each exception, by name.
  const auto table = squares();
  std::vector<graph::Edge> edges{{0, 1, 1000}, {1, 2, 1000}, {3, 4, 1000}, {4, 5, 1000},
                                 {0, 3, 1000}, {1, 4, 1000}, {2, 5, 1000}};
  PlanRequest request;
  request.rules.min_population = 10000;
  request.lists.lock_codes = {"b"};  // 2,000 residents, kept alone: an exception
  request.search.threads = 1;
  RunControl control;
  const auto result = plan_units(table, graph::ContiguityGraph::from_edges(6, edges), request, control);
  const auto mergers = mergers_table(result, util::Language::zh);
  std::size_t merged_regions = 0;
  for (const auto& region : result.report.regions) merged_regions += region.units.size() > 1 ? 1 : 0;
  ASSERT_EQ(mergers.rows.size(), merged_regions);
  ASSERT_GT(merged_regions, 0u);
  double population = 0;
  for (const auto& row : mergers.rows) {
    const auto& seat = std::get<std::string>(row[1]);
    const auto& members = std::get<std::string>(row[2]);
    EXPECT_EQ(members.rfind(seat, 0), 0u) << "the seat is listed first: " << members;
    EXPECT_NE(members.find("、"), std::string::npos) << members;
    EXPECT_EQ(members.find("b乡"), std::string::npos) << "b is locked and merges with nothing";
    population += std::get<double>(row[3]);
  }
  EXPECT_GE(population, 20000.0);
  const auto exceptions = exceptions_table(result, util::Language::en);
  ASSERT_EQ(exceptions.rows.size(), result.report.exceptions.size());
  bool locked_b = false;
  for (const auto& row : exceptions.rows) locked_b = locked_b || std::get<std::string>(row[1]) == "b乡";
  EXPECT_TRUE(locked_b);
}

TEST(ServicePlan, PlansImportedUnitsAndDissolvesTheirShapes) {
  const auto table = squares();
  std::vector<graph::Edge> edges{{0, 1, 1000}, {1, 2, 1000}, {3, 4, 1000}, {4, 5, 1000},
                                 {0, 3, 1000}, {1, 4, 1000}, {2, 5, 1000}};
  PlanRequest request;
  request.rules.min_population = 10000;
  request.objective = "compact";
  request.search.threads = 1;
  RunControl control;
  const auto result = plan_units(table, graph::ContiguityGraph::from_edges(6, edges), request, control);
  EXPECT_EQ(result.input_kind, "units");
  EXPECT_TRUE(result.has_geometry);
  EXPECT_EQ(result.report.objective.compact_measure, "polsby_popper");
  const auto shapes = dissolve_regions(table, result);
  ASSERT_EQ(shapes.size(), result.plan.region_count);
  double area = 0;
  for (const auto& shape : shapes) area += geometry::area(shape);
  EXPECT_NEAR(area, 6e6, 1.0);
  for (std::size_t r = 0; r < shapes.size(); ++r) {
    EXPECT_EQ(shapes[r].size(), 1u) << "new unit " << r + 1 << " is one piece";
  }
}

TEST(ServicePlan, ContradictionsAreUsageErrors) {
  Input input;
  input.request.lists.lock_codes = {"a"};
  input.request.lists.must_merge = {{"a", "b"}};
  RunControl control;
  EXPECT_THROW(plan(input.request, control), UsageError);
  input.request.lists = {};
  input.request.lists.lock_codes = {"zz"};
  EXPECT_THROW(plan(input.request, control), UsageError);
  input.request.lists = {};
  input.request.objective = "heterogeneity:gdp";
  EXPECT_THROW(plan(input.request, control), InputError);
}

TEST(ServicePlan, ListFlagsParse) {
  EXPECT_EQ(parse_code_list("a, b，c、d"), (std::vector<std::string>{"a", "b", "c", "d"}));
  EXPECT_TRUE(parse_code_list("").empty());
  const auto pairs = parse_forbid_list("a:b，c：d");
  ASSERT_EQ(pairs.size(), 2u);
  EXPECT_EQ(pairs[1].second, "d");
  EXPECT_THROW(parse_forbid_list("a:b:c"), UsageError);
  const auto groups = parse_must_merge_list("a+b+c,d+e");
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].size(), 3u);
  EXPECT_THROW(parse_must_merge_list("a"), UsageError);
}

}  // namespace quhua::service

namespace quhua::service {

// Issue 17: a unit without population was planned as 0 ("component has total population 0").
TEST(ServicePlan, UnitsWithoutPopulationAreRefusedUnlessTheUserSaysZero) {
  auto table = squares();
  table[1].resident_population.reset();
  table[4].resident_population.reset();
  std::vector<graph::Edge> edges{{0, 1, 1000}, {1, 2, 1000}, {3, 4, 1000}, {4, 5, 1000},
                                 {0, 3, 1000}, {1, 4, 1000}, {2, 5, 1000}};
  PlanRequest request;
  request.rules.min_population = 10000;
  request.search.threads = 1;
  RunControl control;
  try {
    (void)plan_units(table, graph::ContiguityGraph::from_edges(6, edges), request, control);
    FAIL() << "planned units without population";
  } catch (const InputError& e) {
    EXPECT_EQ(exit_code(e.code()), 3);
    EXPECT_EQ(e.context().field, "population");
    const std::string message = e.what();
    EXPECT_NE(message.find("2 / 6"), std::string::npos) << message;
    EXPECT_NE(message.find("b b乡"), std::string::npos) << message;
    EXPECT_NE(message.find("--min-pop"), std::string::npos) << message;
  }
  // A target alone still weighs population (objective and seats): refused as well.
  request.rules.min_population = 0;
  request.rules.target_regions = 3;
  EXPECT_THROW((void)plan_units(table, graph::ContiguityGraph::from_edges(6, edges), request, control), InputError);
  request.missing_population = MissingPopulation::zero;
  const auto result = plan_units(table, graph::ContiguityGraph::from_edges(6, edges), request, control);
  EXPECT_EQ(result.import_findings.count_kind("population_taken_as_zero"), 1u);
  EXPECT_EQ(result.summary["options"]["missing_population"], "zero");
  EXPECT_THROW(parse_missing_population("guess"), UsageError);
}

TEST(ServicePlan, LockTypeMatchingNoUnitIsAUsageErrorListingTheTypes) {
  Input input;
  input.request.lists.lock_types = {"火星乡"};
  RunControl control;
  try {
    (void)plan(input.request, control);
    FAIL() << "a lock type matching nothing was accepted";
  } catch (const UsageError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("火星乡"), std::string::npos) << message;
    EXPECT_NE(message.find("镇"), std::string::npos) << message;
  }
}

}  // namespace quhua::service
