// Output files: a failed write is a storage error (exit 4) naming the file and the system's own reason,
// never an input error, never "Success", never a guess such as "disk full or no permission".
#include "quhua/util/atomic_file.hpp"

#include "support/test_support.hpp"

#include "quhua/util/error.hpp"

#include <gtest/gtest.h>

#include <cerrno>
#include <filesystem>

namespace quhua::util {
namespace {

namespace fs = std::filesystem;

// The error write_text_file throws for `path` (fails the test when it throws none).
StorageError write_error(const fs::path& path) {
  try {
    write_text_file(path, "a,b\n1,2\n");
  } catch (const StorageError& e) {
    return e;
  }
  ADD_FAILURE() << "no StorageError for " << path;
  return StorageError("none");
}

TEST(AtomicFile, WritesAndLeavesNoTemporaryFile) {
  test::TempDir dir;
  write_text_file(dir / "sub" / "out.csv", "x\n");
  EXPECT_EQ(test::read_file(dir / "sub" / "out.csv"), "x\n");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir / "sub"), fs::directory_iterator()), 1);
}

TEST(AtomicFile, AFileNameTooLongIsSaidSo) {
  test::TempDir dir;
  const auto path = dir / (std::string(300, 'a') + ".csv");
  const auto e = write_error(path);
  EXPECT_EQ(e.code(), ErrorCode::storage);
  EXPECT_EQ(exit_code(e.code()), 4);
  EXPECT_EQ(e.context().file, path.string());
  EXPECT_NE(std::string(e.what()).find("File name too long"), std::string::npos) << e.what();
  EXPECT_EQ(std::string(e.what()).find("disk full"), std::string::npos) << e.what();
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 0);
}

TEST(AtomicFile, ANameJustUnderTheLimitIsWritten) {
  // The temporary name beside it is longer; it is shortened rather than refused.
  test::TempDir dir;
  const auto path = dir / (std::string(243, 'b') + "名.csv");
  ASSERT_EQ(path.filename().string().size(), 250u);
  write_text_file(path, "x\n");
  EXPECT_EQ(test::read_file(path), "x\n");
}

TEST(AtomicFile, AFailedRenameGivesItsReasonNotSuccess) {
  test::TempDir dir;
  fs::create_directories(dir / "taken" / "inside");  // a non-empty folder where the file should go
  const auto e = write_error(dir / "taken");
  EXPECT_EQ(e.code(), ErrorCode::storage);
  const std::string what = e.what();
  EXPECT_EQ(what.find("Success"), std::string::npos) << what;
  EXPECT_NE(what.find("Is a directory"), std::string::npos) << what;
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1);  // no temporary left
}

TEST(AtomicFile, AFolderThatCannotBeCreatedIsAStorageError) {
  test::TempDir dir;
  test::write_file(dir / "plain", "a file, not a folder");
  const auto e = write_error(dir / "plain" / "out.csv");
  EXPECT_EQ(e.code(), ErrorCode::storage);
  EXPECT_NE(std::string(e.what()).find("Not a directory"), std::string::npos) << e.what();
}

TEST(AtomicFile, WriteErrorsCarryTheErrnoText) {
  try {
    throw_write_error("/x/out.csv", ENOSPC);
  } catch (const StorageError& e) {
    EXPECT_NE(std::string(e.what()).find("No space left on device"), std::string::npos) << e.what();
    EXPECT_EQ(e.context().file, "/x/out.csv");
  }
  EXPECT_THROW(throw_write_error("/x/out.csv", 0), StorageError);
}

}  // namespace
}  // namespace quhua::util
