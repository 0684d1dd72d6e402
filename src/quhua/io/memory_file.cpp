#include "quhua/io/memory_file.hpp"

#include <cpl_vsi.h>

#include <atomic>
#include <cstring>

#include "quhua/util/error.hpp"

namespace quhua::io {

MemoryFile::MemoryFile(const std::string& name, std::string_view bytes) {
  static std::atomic<unsigned long> counter{0};
  m_path = "/vsimem/quhua/" + std::to_string(counter++) + "/" + name;
  // GDAL reads the buffer in place: give it a copy it owns and frees when the file is unlinked.
  auto* copy = static_cast<GByte*>(VSIMalloc(bytes.size() + 1));
  if (!copy) throw InternalError("out of memory for an in-memory file of " + std::to_string(bytes.size()) + " bytes");
  if (!bytes.empty()) std::memcpy(copy, bytes.data(), bytes.size());
  VSILFILE* file = VSIFileFromMemBuffer(m_path.c_str(), copy, static_cast<vsi_l_offset>(bytes.size()), TRUE);
  if (!file) {
    VSIFree(copy);
    throw InternalError("GDAL cannot create the in-memory file " + m_path);
  }
  VSIFCloseL(file);
}

MemoryFile::~MemoryFile() { VSIUnlink(m_path.c_str()); }

}  // namespace quhua::io
