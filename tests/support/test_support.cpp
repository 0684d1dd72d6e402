#include "support/test_support.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace quhua::test {

std::filesystem::path shared_data_dir() {
  if (const char* env = std::getenv("QUHUA_SHARED_DATA_DIR")) return env;
  return configured_shared_data_dir();
}

bool shared_data_available(const std::string& relative) { return std::filesystem::exists(shared_data(relative)); }

std::filesystem::path shared_data(const std::string& relative) { return shared_data_dir() / relative; }

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  const auto base = std::filesystem::temp_directory_path();
  for (;;) {
    m_path = base / ("quhua-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    if (std::filesystem::create_directory(m_path)) break;
  }
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(m_path, ec);
}

void write_file(const std::filesystem::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

CommandResult run_command(const std::string& command_line) {
  CommandResult result;
  FILE* pipe = ::popen((command_line + " 2>&1").c_str(), "r");
  if (!pipe) return result;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.output.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

unsigned long long test_seed(unsigned long long fallback) {
  if (const char* env = std::getenv("QUHUA_TEST_SEED")) return std::strtoull(env, nullptr, 10);
  return fallback;
}

}  // namespace quhua::test
