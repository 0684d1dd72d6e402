#include "quhua/algorithms/registry/event_links.hpp"

#include "support/registry_fixture.hpp"

#include <gtest/gtest.h>

namespace quhua::registry {
namespace {

using model::UnitType;
using test::draft;

EventDraft split_into(std::vector<UnitDraft> pieces) {
  EventDraft e;
  e.type = EventType::split;
  e.before = {test::code12("510104101")};
  e.after = std::move(pieces);
  return e;
}

std::vector<UnitVersion> one_before() {
  return {version_of(draft("510104101", "三圣镇", UnitType::town, 20000, 30.0), test::day("2019-01-01"))};
}

TEST(EventLinks, WholeUnitsNeedNoEstimate) {
  EventDraft merged;
  merged.type = EventType::merged;
  merged.before = {test::code12("510104100"), test::code12("510104101")};
  merged.after = {draft("510104100", "牛市口镇", UnitType::town)};
  compute_links(merged, {});
  ASSERT_EQ(merged.links.size(), 2u);
  for (const auto& l : merged.links) {
    EXPECT_EQ(l.after_index, 0u);
    EXPECT_DOUBLE_EQ(l.population_share, 1.0);
    EXPECT_EQ(l.population_basis, WeightBasis::whole);
  }
  EventDraft abolished;
  abolished.type = EventType::abolished;
  abolished.before = {test::code12("510104100")};
  compute_links(abolished, {});
  EXPECT_TRUE(abolished.links.empty());
}

TEST(EventLinks, SplitUsesPopulationsThenAreasThenEqualShares) {
  auto by_figures = split_into({draft("510104101", "三圣镇", UnitType::town, 15000, 10.0),
                                draft("510104002", "三圣街道", UnitType::subdistrict, 5000, 30.0)});
  compute_links(by_figures, one_before());
  ASSERT_EQ(by_figures.links.size(), 2u);
  EXPECT_DOUBLE_EQ(by_figures.links[0].population_share, 0.75);
  EXPECT_EQ(by_figures.links[0].population_basis, WeightBasis::population);
  EXPECT_DOUBLE_EQ(by_figures.links[0].area_share, 0.25);
  EXPECT_EQ(by_figures.links[0].area_basis, WeightBasis::area);

  auto areas_only = split_into({draft("510104101", "三圣镇", UnitType::town, std::nullopt, 10.0),
                                draft("510104002", "三圣街道", UnitType::subdistrict, std::nullopt, 30.0)});
  compute_links(areas_only, one_before());
  EXPECT_DOUBLE_EQ(areas_only.links[1].population_share, 0.75);
  EXPECT_EQ(areas_only.links[1].population_basis, WeightBasis::area);

  auto nothing =
      split_into({draft("510104101", "三圣镇", UnitType::town), draft("510104002", "三圣街道", UnitType::subdistrict),
                  draft("510104003", "新街道", UnitType::subdistrict)});
  compute_links(nothing, one_before());
  ASSERT_EQ(nothing.links.size(), 3u);
  for (const auto& l : nothing.links) {
    EXPECT_DOUBLE_EQ(l.area_share, 1.0 / 3.0);
    EXPECT_EQ(l.area_basis, WeightBasis::equal);
  }
}

TEST(EventLinks, PolygonsComeFirstForAreaAndGivenSharesOverrideAll) {
  auto e = split_into({draft("510104101", "三圣镇", UnitType::town, 15000, 10.0),
                       draft("510104002", "三圣街道", UnitType::subdistrict, 5000, 30.0)});
  auto before = one_before();
  before[0].geometry = {model::Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}, {}}};
  for (auto& a : e.after) a.geometry = before[0].geometry;
  compute_links(e, before, [](std::size_t, std::size_t a) { return std::optional<double>(a == 0 ? 0.6 : 0.4); });
  EXPECT_DOUBLE_EQ(e.links[0].area_share, 0.6);
  EXPECT_EQ(e.links[0].area_basis, WeightBasis::geometry);
  EXPECT_EQ(e.links[0].population_basis, WeightBasis::population);  // people: counted figures first

  e.given_shares = {{0, 0, 0.9, std::nullopt}, {0, 1, 0.1, std::nullopt}};
  compute_links(e, before);
  ASSERT_EQ(e.links.size(), 2u);
  EXPECT_DOUBLE_EQ(e.links[0].population_share, 0.9);
  EXPECT_DOUBLE_EQ(e.links[0].area_share, 0.9);  // area falls back to the population share given
  EXPECT_EQ(e.links[0].population_basis, WeightBasis::given);
}

}  // namespace
}  // namespace quhua::registry
