// MemoryFile: bytes held in memory under a GDAL /vsimem/ path, so that data that never touched the disk
// (an HTTP upload, a fuzzer's input) can be read by every GDAL-based reader of io/ like a file.
#pragma once

#include <string>
#include <string_view>

namespace quhua::io {

class MemoryFile {
 public:
  /// Copies `bytes` to /vsimem/quhua/<unique>/<name>; `name`'s extension tells readers the format.
  MemoryFile(const std::string& name, std::string_view bytes);
  ~MemoryFile();
  MemoryFile(const MemoryFile&) = delete;
  MemoryFile& operator=(const MemoryFile&) = delete;

  const std::string& path() const noexcept { return m_path; }

 private:
  std::string m_path;
};

}  // namespace quhua::io
