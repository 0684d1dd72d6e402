#include "quhua/util/atomic_folder.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <stdexcept>
#include <string>

namespace quhua::util {
namespace {

namespace fs = std::filesystem;

struct Folder {
  Folder() : path(fs::temp_directory_path() / ("quhua-atomic-folder-" + std::to_string(std::random_device{}()))) {
    fs::create_directories(path);
  }
  ~Folder() { fs::remove_all(path); }
  fs::path path;
};

void write(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }
std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
std::size_t entries(const fs::path& path) {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(path), fs::directory_iterator()));
}

TEST(WriteFolderAtomically, MovesEveryFileInAndLeavesOtherFilesAlone) {
  Folder root;
  const auto out = root.path / "plan";
  fs::create_directories(out);
  write(out / "plan.csv", "old");
  write(out / "notes.txt", "mine");
  const auto files = write_folder_atomically(out, [](const fs::path& stage) {
    write(stage / "plan.csv", "new plan");
    write(stage / "summary.json", "{}");
  });
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0], out / "plan.csv");
  EXPECT_EQ(read(out / "plan.csv"), "new plan");
  EXPECT_EQ(read(out / "summary.json"), "{}");
  EXPECT_EQ(read(out / "notes.txt"), "mine");
  EXPECT_EQ(entries(root.path), 1u);  // no temporary folder left beside it
}

// Issue 18: a failed multi-file output leaves nothing half-written.
TEST(WriteFolderAtomically, AFailureHalfwayLeavesTheFolderAsItWas) {
  Folder root;
  const auto out = root.path / "plan";
  fs::create_directories(out);
  write(out / "plan.csv", "old plan");
  EXPECT_THROW(write_folder_atomically(out,
                                       [](const fs::path& stage) {
                                         write(stage / "plan.csv", "new plan");
                                         write(stage / "regions.csv", "new regions");
                                         throw std::runtime_error("disk full while writing summary.json");
                                       }),
               std::runtime_error);
  EXPECT_EQ(read(out / "plan.csv"), "old plan");
  EXPECT_FALSE(fs::exists(out / "regions.csv"));
  EXPECT_EQ(entries(root.path), 1u);
  // A folder that did not exist is not created by a failed run.
  EXPECT_THROW(write_folder_atomically(root.path / "fresh", [](const fs::path&) { throw std::runtime_error("no"); }),
               std::runtime_error);
  EXPECT_FALSE(fs::exists(root.path / "fresh"));
}

}  // namespace
}  // namespace quhua::util
