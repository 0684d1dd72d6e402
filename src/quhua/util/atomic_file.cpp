#include "quhua/util/atomic_file.hpp"

#include <unistd.h>

#include <fstream>

#include "quhua/util/error.hpp"

namespace quhua::util {

void write_atomically(const std::filesystem::path& path,
                      const std::function<void(const std::filesystem::path& temp_path)>& write) {
  std::error_code ec;
  if (path.has_parent_path()) {
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) {
      throw InputError(ErrorCode::input_missing, "cannot create folder: " + ec.message(),
                       ErrorContext{path.parent_path().string(), "", "", ""});
    }
  }
  // Keep the real extension last: some writers (GDAL) choose the format from it.
  const auto temp = path.parent_path() / (".tmp-" + std::to_string(::getpid()) + "-" + path.filename().string());
  try {
    write(temp);
  } catch (...) {
    std::filesystem::remove(temp, ec);
    throw;
  }
  std::filesystem::rename(temp, path, ec);
  if (ec) {
    std::filesystem::remove(temp, ec);
    throw InputError(ErrorCode::input_missing, "cannot write file: " + ec.message(), ErrorContext{path.string(), "", "", ""});
  }
}

void write_text_file(const std::filesystem::path& path, const std::string& content) {
  write_atomically(path, [&](const std::filesystem::path& temp) {
    std::ofstream out(temp, std::ios::binary);
    out << content;
    out.close();
    if (!out) {
      throw InputError(ErrorCode::input_missing, "cannot write file (disk full or no permission)",
                       ErrorContext{path.string(), "", "", ""});
    }
  });
}

}  // namespace quhua::util
