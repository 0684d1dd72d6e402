// Helpers shared by test suites: where data lives, temporary folders, running the quhua binary.
#pragma once

#include <filesystem>
#include <string>

namespace quhua::test {

/// ../shared/data, as configured at build time (QUHUA_SHARED_DATA_DIR env var overrides).
std::filesystem::path shared_data_dir();
/// The built `quhua` executable and the source tree's tests/data. Build-specific paths are compiled
/// into test_paths.cpp alone, so every other test file compiles the same in any clone (ccache hits);
/// the suites' QUHUA_BINARY and QUHUA_TEST_DATA_DIR macros call these.
const char* quhua_binary();
const char* test_data_dir();
const char* configured_shared_data_dir();
/// True when a file or folder under ../shared/data exists; tests GTEST_SKIP with a message otherwise.
bool shared_data_available(const std::string& relative);
std::filesystem::path shared_data(const std::string& relative);

/// A fresh empty folder under the system temp dir, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }
  std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

 private:
  std::filesystem::path m_path;
};

/// Writes text to a file (binary, exactly the bytes given).
void write_file(const std::filesystem::path& path, const std::string& content);
std::string read_file(const std::filesystem::path& path);

struct CommandResult {
  int exit_code = -1;
  std::string output;  ///< stdout and stderr together
};
/// Runs a shell command line and captures its output and exit status.
CommandResult run_command(const std::string& command_line);

/// Seed for randomised tests: QUHUA_TEST_SEED from the environment, else `fallback`.
unsigned long long test_seed(unsigned long long fallback = 20261125);

}  // namespace quhua::test
