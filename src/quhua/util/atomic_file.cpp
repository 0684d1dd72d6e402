#include "quhua/util/atomic_file.hpp"

#include "quhua/util/error.hpp"

#include <climits>

#include <cerrno>
#include <fstream>
#include <system_error>
#include <unistd.h>

namespace quhua::util {

namespace {

// The temporary file's name beside `path`: ".tmp-PID-" and the file name, whose start is cut (at a
// UTF-8 character boundary, the extension kept last for writers that choose the format from it) so
// that it never passes the file system's name limit when the final name does not.
std::filesystem::path temporary_beside(const std::filesystem::path& path) {
  const std::string prefix = ".tmp-" + std::to_string(::getpid()) + "-";
  std::string name = path.filename().string();
  const std::size_t limit = NAME_MAX;
  if (prefix.size() + name.size() > limit && name.size() > prefix.size()) {
    std::size_t cut = prefix.size() + name.size() - limit;
    while (cut < name.size() && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) ++cut;
    name.erase(0, cut);
  }
  return path.parent_path() / (prefix + name);
}

}  // namespace

void throw_write_error(const std::filesystem::path& path, int error_number) {
  const std::string reason =
      error_number != 0 ? std::generic_category().message(error_number) : std::string("the system gave no reason");
  throw StorageError("cannot write file: " + reason, ErrorContext{path.string(), "", "", ""});
}

void write_atomically(const std::filesystem::path& path,
                      const std::function<void(const std::filesystem::path& temp_path)>& write) {
  std::error_code ec;
  if (path.has_parent_path()) {
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) {
      throw StorageError("cannot create folder: " + ec.message(),
                         ErrorContext{path.parent_path().string(), "", "", ""});
    }
  }
  const auto temp = temporary_beside(path);
  try {
    write(temp);
  } catch (...) {
    std::filesystem::remove(temp, ec);
    throw;
  }
  std::filesystem::rename(temp, path, ec);
  if (ec) {
    const int reason = ec.value();  // before remove() reuses ec
    std::filesystem::remove(temp, ec);
    throw_write_error(path, reason);
  }
}

void write_text_file(const std::filesystem::path& path, const std::string& content) {
  write_atomically(path, [&](const std::filesystem::path& temp) {
    errno = 0;
    std::ofstream out(temp, std::ios::binary);
    if (!out.is_open()) throw_write_error(path, errno);
    out << content;
    out.flush();
    if (!out) throw_write_error(path, errno);
    out.close();
    if (!out) throw_write_error(path, errno);
  });
}

}  // namespace quhua::util
