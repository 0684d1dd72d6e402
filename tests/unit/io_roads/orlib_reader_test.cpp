#include "quhua/io/orlib_reader.hpp"

#include "support/test_support.hpp"

#include "quhua/util/error.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

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

/// The InputError `read` throws for `file` (fails the test when none).
template <typename Read>
InputError read_error(const std::filesystem::path& file, Read&& read) {
  try {
    read(file.string());
  } catch (const InputError& e) {
    return e;
  }
  ADD_FAILURE() << "expected an InputError for " << file;
  return InputError(ErrorCode::internal, "none");
}

InputError read_error(const std::filesystem::path& file) { return read_error(file, read_orlib_p_median); }

TEST(OrlibReader, RefusesAHostileVertexCountBeforeSizingAnythingByIt) {
  test::TempDir dir;
  // Two lines announcing 100,000 and 10^9 vertices: one edge cannot connect them. These used to reach
  // an n x n matrix (std::bad_alloc, or memory growing without end).
  for (const char* n : {"100000", "1000000000"}) {
    test::write_file(dir / "big.txt", std::string(" ") + n + " 1 5\n 1 2 3\n");
    const auto e = read_error(dir / "big.txt");
    EXPECT_EQ(e.code(), ErrorCode::input_value);
    EXPECT_NE(std::string(e.what()).find("announces " + std::string(n) + " vertices but only 1 edges"),
              std::string::npos)
        << e.what();
  }
}

TEST(OrlibReader, RefusesADisconnectedGraphNamingTheUnreachableVertices) {
  test::TempDir dir;
  // Two triangles: 1-2-3 and 4-5-6; vertex 1 cannot reach 4, 5, 6.
  test::write_file(dir / "two.txt", " 6 6 2\n 1 2 1\n 2 3 1\n 1 3 1\n 4 5 1\n 5 6 1\n 4 6 1\n");
  const auto e = read_error(dir / "two.txt");
  EXPECT_EQ(e.code(), ErrorCode::input_value);
  EXPECT_NE(std::string(e.what()).find("3 of 6 vertices cannot be reached from vertex 1"), std::string::npos)
      << e.what();
}

TEST(OrlibReader, RefusesEdgeCostsWhoseSumOverflows) {
  test::TempDir dir;
  test::write_file(dir / "huge.txt", " 3 2 1\n 1 2 1e308\n 2 3 1e308\n");
  const auto e = read_error(dir / "huge.txt");
  EXPECT_NE(std::string(e.what()).find("sum to more than 1e300"), std::string::npos) << e.what();
}

TEST(OrlibReader, RefusesCapacitatedCoordinatesWhoseDistancesOverflow) {
  test::TempDir dir;
  test::write_file(dir / "c.txt", " 1 0\n 2 1 120\n 1 2 1e300 3\n 2 80 25 14\n");
  EXPECT_EQ(read_error(dir / "c.txt", read_orlib_capacitated).context().feature, "line 3");
}

}  // namespace
}  // namespace quhua::io
