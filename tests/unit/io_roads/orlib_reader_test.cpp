#include "quhua/io/orlib_reader.hpp"

#include "support/test_support.hpp"

#include "quhua/util/error.hpp"

#include <gtest/gtest.h>

namespace quhua::io {
namespace {

TEST(OrlibReader, LaterDuplicateEdgesOverwriteEarlierOnes) {
  test::TempDir dir;
  // 3 vertices, 3 edge lines, p = 1; the edge 1-2 appears twice: the second cost (7) counts.
  test::write_file(dir / "t.txt", " 3 3 1\n 1 2 5\n 2 3 4\n 2 1 7\n");
  const auto inst = read_orlib_p_median((dir / "t.txt").string());
  EXPECT_EQ(inst.vertex_count, 3u);
  EXPECT_EQ(inst.p, 1u);
  EXPECT_EQ(inst.overwritten_edges, 1u);
  ASSERT_EQ(inst.arcs.size(), 4u);
  EXPECT_DOUBLE_EQ(inst.arcs[0].length_m, 7);  // (0, 1) in both directions
  EXPECT_EQ(detect_orlib_kind((dir / "t.txt").string()), OrlibKind::p_median);
}

TEST(OrlibReader, ReadsCapacitatedInstances) {
  test::TempDir dir;
  test::write_file(dir / "c.txt", " 1 713\n 3 1 120\n 1 2 62 3\n 2 80 25 14\n 3 36 88 1\n");
  const auto inst = read_orlib_capacitated((dir / "c.txt").string());
  EXPECT_EQ(inst.best_known, 713);
  EXPECT_EQ(inst.p, 1u);
  EXPECT_DOUBLE_EQ(inst.capacity, 120);
  ASSERT_EQ(inst.points.size(), 3u);
  EXPECT_DOUBLE_EQ(inst.points[1].x, 80);
  EXPECT_DOUBLE_EQ(inst.demand[2], 1);
  EXPECT_EQ(detect_orlib_kind((dir / "c.txt").string()), OrlibKind::capacitated);
}

TEST(OrlibReader, NamesTheBadLine) {
  test::TempDir dir;
  test::write_file(dir / "bad.txt", " 3 2 1\n 1 2 5\n 2 9 4\n");
  try {
    read_orlib_p_median((dir / "bad.txt").string());
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.context().feature, "line 3");
  }
  EXPECT_THROW(read_orlib_p_median((dir / "missing.txt").string()), InputError);
}

}  // namespace
}  // namespace quhua::io
