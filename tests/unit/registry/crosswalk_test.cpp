// Crosswalks: weights along chains of events, per-source sums of 1, conversions that keep totals
// (a hand-made chain, then random chains of mergers, splits, abolitions and renames).
#include "quhua/algorithms/registry/crosswalk.hpp"

#include "support/registry_fixture.hpp"
#include "support/test_support.hpp"

#include "quhua/util/random.hpp"

#include <gtest/gtest.h>

#include <map>

namespace quhua::registry {
namespace {

UnitVersion unit(std::int64_t id, const std::string& code, const std::string& name) {
  UnitVersion u;
  u.id = id;
  u.code = test::code12(code);
  u.name = name;
  u.level = model::UnitLevel::township;
  return u;
}

Event event(std::int64_t id, const char* day, EventType type, std::vector<std::int64_t> before,
            std::vector<std::int64_t> after, std::vector<EventLink> links) {
  Event e;
  e.id = id;
  e.effective = test::day(day);
  e.type = type;
  e.before_units = std::move(before);
  e.after_units = std::move(after);
  e.links = std::move(links);
  return e;
}

EventLink whole(std::int64_t from, std::int64_t to) {
  return {from, to, 1.0, WeightBasis::whole, 1.0, WeightBasis::whole};
}

std::map<std::string, double> sums(const Crosswalk& cw, bool population) {
  std::map<std::string, double> out;
  for (const auto& row : cw.rows) out[row.old_code] += population ? row.population_weight : row.area_weight;
  return out;
}

TEST(Crosswalk, FollowsMergersSplitsAndAbolitions) {
  const std::vector<UnitVersion> sources{unit(1, "510104200", "甲乡"), unit(2, "510104201", "乙乡"),
                                         unit(3, "510104202", "丙乡"), unit(4, "510104100", "丁镇")};
  const std::vector<Event> events{
      event(1, "2020-01-01", EventType::merged, {1, 2}, {5}, {whole(1, 5), whole(2, 5)}),
      event(2, "2020-06-01", EventType::split, {5}, {6, 7},
            {{5, 6, 0.7, WeightBasis::population, 0.6, WeightBasis::geometry},
             {5, 7, 0.3, WeightBasis::population, 0.4, WeightBasis::geometry}}),
      event(3, "2020-07-01", EventType::abolished, {3}, {}, {}),
      event(4, "2020-08-01", EventType::renamed, {4}, {8}, {whole(4, 8)}),
  };
  const std::vector<UnitVersion> targets{unit(6, "510104101", "甲镇"), unit(7, "510104001", "乙街道"),
                                         unit(8, "510104100", "丁新镇"), unit(9, "510104002", "新街道")};
  const auto cw = build_crosswalk(test::day("2019-12-31"), test::day("2020-12-31"), sources, events, targets);
  ASSERT_EQ(cw.rows.size(), 6u);
  for (const auto& [code, sum] : sums(cw, true)) EXPECT_NEAR(sum, 1.0, 1e-12) << code;
  for (const auto& [code, sum] : sums(cw, false)) EXPECT_NEAR(sum, 1.0, 1e-12) << code;
  const auto& a_to_p = cw.rows[4];  // sorted by old code: 510104100, 200 (x2), 201 (x2), 202
  EXPECT_EQ(cw.rows[0].old_name, "丁镇");
  EXPECT_EQ(cw.rows[0].new_name, "丁新镇");
  EXPECT_EQ(cw.rows[0].population_basis, WeightBasis::whole);
  EXPECT_EQ(cw.rows[1].old_name, "甲乡");
  EXPECT_EQ(cw.rows[1].new_name, "乙街道");
  EXPECT_DOUBLE_EQ(cw.rows[1].population_weight, 0.3);
  EXPECT_DOUBLE_EQ(cw.rows[1].area_weight, 0.4);
  EXPECT_EQ(cw.rows[1].area_basis, WeightBasis::geometry);
  EXPECT_EQ(cw.rows[1].events, 2);
  EXPECT_EQ(a_to_p.old_name, "乙乡");
  EXPECT_TRUE(cw.rows[5].new_code.empty());  // 丙乡: abolished, no successor recorded
  ASSERT_EQ(cw.new_without_predecessor.size(), 1u);
  EXPECT_EQ(cw.new_without_predecessor[0].name, "新街道");

  const std::map<std::string, double> values{{test::code12("510104200"), 100},
                                             {test::code12("510104201"), 50},
                                             {test::code12("510104202"), 10},
                                             {test::code12("510104100"), 5}};
  const auto by_population = convert(cw, values, ConvertBy::population);
  EXPECT_DOUBLE_EQ(by_population.source_total, 165);
  EXPECT_DOUBLE_EQ(by_population.unallocated, 10);
  EXPECT_NEAR(by_population.converted_total + by_population.unallocated, by_population.source_total, 1e-9);
  ASSERT_EQ(by_population.values.size(), 4u);
  EXPECT_EQ(by_population.values[0].new_name, "乙街道");
  EXPECT_NEAR(by_population.values[0].value, 45, 1e-9);
  EXPECT_NEAR(by_population.values[1].value, 5, 1e-9);
  EXPECT_NEAR(by_population.values[2].value, 105, 1e-9);
  const auto by_area = convert(cw, values, ConvertBy::area);
  EXPECT_NEAR(by_area.values[2].value, 90, 1e-9);
}

TEST(Crosswalk, ReportsValuesThatDoNotMatch) {
  const std::vector<UnitVersion> sources{unit(1, "510104200", "甲乡"), unit(2, "510104201", "乙乡")};
  const auto cw = build_crosswalk(test::day("2019-12-31"), test::day("2020-12-31"), sources, {}, sources);
  const auto c = convert(cw, {{test::code12("510104200"), 3}, {test::code12("510105200"), 4}}, ConvertBy::population);
  EXPECT_EQ(c.sources_without_value, std::vector<std::string>{test::code12("510104201")});
  EXPECT_EQ(c.values_not_in_crosswalk, std::vector<std::string>{test::code12("510105200")});
  EXPECT_DOUBLE_EQ(c.converted_total, 3);
}

// Random chains: units are merged, split (random shares), abolished and renamed for many rounds.
TEST(Crosswalk, WeightsSumToOneAndTotalsHoldOnRandomChains) {
  Rng rng(test::test_seed());
  for (int trial = 0; trial < 20; ++trial) {
    std::int64_t next_id = 1;
    std::vector<UnitVersion> sources;
    std::vector<std::int64_t> alive;
    std::map<std::int64_t, UnitVersion> all;
    for (int i = 0; i < 30; ++i) {
      auto u = unit(next_id++, "510104" + std::to_string(200 + i), "乡" + std::to_string(i));
      sources.push_back(u);
      alive.push_back(u.id);
      all[u.id] = u;
    }
    std::vector<Event> events;
    auto fresh = [&]() {
      auto u = unit(next_id, "510105" + std::to_string(100 + next_id % 800), "新" + std::to_string(next_id));
      ++next_id;
      all[u.id] = u;
      return u.id;
    };
    auto take = [&]() {
      const auto k = static_cast<std::size_t>(rng.below(alive.size()));
      const auto id = alive[k];
      alive.erase(alive.begin() + static_cast<std::ptrdiff_t>(k));
      return id;
    };
    for (int step = 0; step < 60 && alive.size() > 2; ++step) {
      const auto kind = rng.below(4);
      const std::int64_t eid = static_cast<std::int64_t>(events.size()) + 1;
      if (kind == 0) {
        const auto a = take(), b = take(), m = fresh();
        events.push_back(event(eid, "2020-01-01", EventType::merged, {a, b}, {m}, {whole(a, m), whole(b, m)}));
        alive.push_back(m);
      } else if (kind == 1) {
        const auto a = take(), p = fresh(), q = fresh();
        const double s = rng.uniform(), t = rng.uniform();
        events.push_back(event(eid, "2020-01-01", EventType::split, {a}, {p, q},
                               {{a, p, s, WeightBasis::population, t, WeightBasis::area},
                                {a, q, 1 - s, WeightBasis::population, 1 - t, WeightBasis::area}}));
        alive.push_back(p);
        alive.push_back(q);
      } else if (kind == 2 && rng.below(3) == 0) {
        const auto a = take();
        events.push_back(event(eid, "2020-01-01", EventType::abolished, {a}, {}, {}));
      } else {
        const auto a = take(), r = fresh();
        events.push_back(event(eid, "2020-01-01", EventType::renamed, {a}, {r}, {whole(a, r)}));
        alive.push_back(r);
      }
    }
    std::vector<UnitVersion> targets;
    for (auto id : alive) targets.push_back(all[id]);
    const auto cw = build_crosswalk(test::day("2019-12-31"), test::day("2020-12-31"), sources, events, targets);
    EXPECT_TRUE(cw.findings.empty());
    for (const auto& [code, sum] : sums(cw, true)) EXPECT_NEAR(sum, 1.0, 1e-9) << "trial " << trial << " " << code;
    for (const auto& [code, sum] : sums(cw, false)) EXPECT_NEAR(sum, 1.0, 1e-9) << "trial " << trial << " " << code;
    EXPECT_EQ(sums(cw, true).size(), sources.size());
    std::map<std::string, double> values;
    double total = 0;
    for (const auto& s : sources) {
      values[s.code] = std::floor(rng.uniform(0, 100000));
      total += values[s.code];
    }
    for (auto by : {ConvertBy::population, ConvertBy::area}) {
      const auto c = convert(cw, values, by);
      EXPECT_DOUBLE_EQ(c.source_total, total);
      EXPECT_NEAR(c.converted_total + c.unallocated, total, 1e-6 * total);
    }
  }
}

}  // namespace
}  // namespace quhua::registry
