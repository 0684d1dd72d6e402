// service::diagnose: the report tables, the JSON document and the writers agree with the diagnosis.
#include "quhua/service/diagnose.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

namespace quhua::service {
namespace {

const DiagnoseResult& synthetic_townships() {
  static const DiagnoseResult result = diagnose_synthetic({});
  return result;
}

const util::ReportTable& table_named(const std::vector<util::ReportTable>& tables, const std::string& name) {
  for (const auto& t : tables) {
    if (t.name == name) return t;
  }
  throw std::runtime_error("no table " + name);
}

std::string text_of(const util::ReportTable& table) {
  std::string out;
  for (const auto& row : table.rows) {
    for (const auto& cell : row) out += util::cell_text(cell) + "\t";
    out += "\n";
  }
  return out;
}

TEST(DiagnoseService, SyntheticTownshipsOneParentWithTheGeneratorsGraph) {
  const auto& r = synthetic_townships();
  EXPECT_EQ(r.diagnosis.level, model::UnitLevel::township);
  ASSERT_EQ(r.diagnosis.parents.size(), 1u);
  EXPECT_EQ(r.diagnosis.parents[0].parent_name, "青岚县");
  EXPECT_EQ(r.diagnosis.parents[0].unit_count, 30u);
  EXPECT_TRUE(r.diagnosis.contiguity_checked);
  EXPECT_EQ(*r.diagnosis.overall.islands, 0u);
  EXPECT_EQ(r.diagnosis.findings.count(Severity::warning), 0u);
}

TEST(DiagnoseService, VillagesAreDiagnosedPerTownship) {
  DiagnoseRequest request;
  request.options.level = model::UnitLevel::village;
  const auto r = diagnose_synthetic(request);
  EXPECT_EQ(r.diagnosis.parents.size(), 30u);
  for (const auto& g : r.diagnosis.parents) EXPECT_FALSE(g.parent_name.empty()) << g.parent_code;
  EXPECT_EQ(r.diagnosis.min_population, 1000);
  const auto tables = diagnosis_tables(r, util::Language::zh);
  EXPECT_EQ(table_named(tables, "overview").rows.size(), 31u);  // 30 townships and the total
  EXPECT_NE(text_of(table_named(tables, "overview")).find("合计"), std::string::npos);
}

TEST(DiagnoseService, TablesCarryTheFiguresInEitherLanguage) {
  const auto& r = synthetic_townships();
  const auto zh = diagnosis_tables(r, util::Language::zh);
  std::vector<std::string> names;
  for (const auto& t : zh) names.push_back(t.name);
  EXPECT_EQ(names, (std::vector<std::string>{"overview", "population", "area", "seats", "below_threshold", "notes"}));
  const auto& population = table_named(zh, "population");
  ASSERT_EQ(population.rows.size(), 1u);  // one parent: no total row
  const auto median = population.column_index("median");
  EXPECT_DOUBLE_EQ(std::get<double>(population.rows[0][*median]), r.diagnosis.overall.population.median);
  const auto& listed = table_named(zh, "below_threshold");
  EXPECT_EQ(listed.rows.size(), r.diagnosis.flagged.size());
  EXPECT_NE(text_of(listed).find("人口<10000"), std::string::npos);
  const auto en = diagnosis_tables(r, util::Language::en);
  EXPECT_NE(text_of(table_named(en, "below_threshold")).find("population < 10000"), std::string::npos);
  EXPECT_NE(text_of(table_named(en, "notes")).find("synthetic (fictional) county"), std::string::npos);
}

TEST(DiagnoseService, ListingCapIsSaidInTheNotes) {
  const auto& r = synthetic_townships();
  const auto tables = diagnosis_tables(r, util::Language::en, 3);
  EXPECT_EQ(table_named(tables, "below_threshold").rows.size(), 3u);
  EXPECT_NE(text_of(table_named(tables, "notes")).find("the first 3 are listed"), std::string::npos);
}

TEST(DiagnoseService, WithoutAGraphTheReportSaysIslandsWereNotChecked) {
  const auto& synthetic = synthetic_townships();
  const auto r = diagnose_table(synthetic.units, nullptr, {});
  EXPECT_FALSE(r.diagnosis.contiguity_checked);
  const auto tables = diagnosis_tables(r, util::Language::zh);
  EXPECT_NE(text_of(table_named(tables, "notes")).find("未检查孤立单位"), std::string::npos);
  const auto& overview = table_named(tables, "overview");
  EXPECT_TRUE(std::holds_alternative<std::monostate>(overview.rows[0][*overview.column_index("islands")]));
  EXPECT_TRUE(diagnosis_json(r)["overall"]["islands"].is_null());
}

TEST(DiagnoseService, JsonDocumentShape) {
  const auto& r = synthetic_townships();
  const auto j = diagnosis_json(r);
  EXPECT_EQ(j["schema"], "quhua.diagnosis/1");
  EXPECT_EQ(j["level"], "township");
  EXPECT_EQ(j["population_kind"], "resident");
  EXPECT_EQ(j["thresholds"]["min_population"], 10000);
  EXPECT_EQ(j["contiguity_checked"], true);
  EXPECT_EQ(j["parents"].size(), 1u);
  const auto& g = j["parents"][0];
  EXPECT_EQ(g["unit_count"], 30);
  EXPECT_EQ(g["type_counts"]["town"], 15);
  EXPECT_EQ(g["type_counts"]["ethnic_township"], 2);
  EXPECT_DOUBLE_EQ(g["population"]["cv"].get<double>(), r.diagnosis.overall.population.cv);
  EXPECT_EQ(j["flagged"].size(), r.diagnosis.flagged.size());
  const auto& first = j["flagged"][0];
  for (const char* key : {"code", "name", "type", "parent_code", "population", "area_km2", "nearest_seat_in_parent_m",
                          "nearest_in_parent_code", "nearest_seat_any_m", "nearest_any_code", "under_population", "under_area",
                          "island", "multipart"}) {
    EXPECT_TRUE(first.contains(key)) << key;
  }
}

TEST(DiagnoseService, WritesJsonCsvAndXlsx) {
  const auto& r = synthetic_townships();
  test::TempDir dir;
  write_diagnosis(dir / "d.json", r, util::Language::zh);
  EXPECT_EQ(nlohmann::json::parse(test::read_file(dir / "d.json"))["schema"], "quhua.diagnosis/1");
  write_diagnosis(dir / "d.csv", r, util::Language::zh);
  EXPECT_NE(test::read_file(dir / "d.csv").find("parent_code"), std::string::npos);
  EXPECT_TRUE(std::filesystem::exists(dir / "d.below_threshold.csv"));
  write_diagnosis(dir / "d.xlsx", r, util::Language::zh);
  EXPECT_GT(std::filesystem::file_size(dir / "d.xlsx"), 1000u);
  EXPECT_THROW(write_diagnosis(dir / "d.doc", r, util::Language::zh), UsageError);
}

}  // namespace
}  // namespace quhua::service
