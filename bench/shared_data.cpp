#include "shared_data.hpp"

#include <cstdlib>

#ifndef QUHUA_BUILD_SHARED_DATA_DIR
#define QUHUA_BUILD_SHARED_DATA_DIR "../shared/data"
#endif

namespace quhua::bench {
const char* shared_data_dir() {
  if (const char* env = std::getenv("QUHUA_SHARED_DATA_DIR")) return env;
  return QUHUA_BUILD_SHARED_DATA_DIR;
}
}  // namespace quhua::bench
