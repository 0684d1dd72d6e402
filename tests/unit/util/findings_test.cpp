#include "quhua/util/findings.hpp"

#include <gtest/gtest.h>

#include <string>

namespace quhua {
namespace {

TEST(Findings, SummaryLinesShowTheFirstFewOfEachKindThenACount) {
  // A plan of 100,000 repeated rows: one refusal each used to be printed, 200 MB of them at scale.
  Findings findings;
  for (int row = 0; row < 100000; ++row) {
    findings.add(Severity::error, "plan_duplicate_code", "township 1 is listed twice",
                 ErrorContext{"plan.csv", "", "row " + std::to_string(row + 2), ""});
  }
  findings.add(Severity::warning, "plan_name_mismatch", "names differ");
  findings.add(Severity::info, "note", "for the log");
  const auto lines = summary_lines(findings);
  ASSERT_EQ(lines.size(), 20u + 1 + 1 + 1);
  EXPECT_NE(lines[0].find("row 2"), std::string::npos) << lines[0];
  EXPECT_NE(lines[19].find("row 21"), std::string::npos) << lines[19];
  EXPECT_NE(lines[20].find("plan_name_mismatch"), std::string::npos);
  EXPECT_EQ(lines.back(), "... and 99980 more plan_duplicate_code");
  // Without info, and with a smaller cut.
  const auto short_lines = summary_lines(findings, 2, false);
  ASSERT_EQ(short_lines.size(), 2u + 1 + 1);
  EXPECT_EQ(short_lines.back(), "... and 99998 more plan_duplicate_code");
}

}  // namespace
}  // namespace quhua
