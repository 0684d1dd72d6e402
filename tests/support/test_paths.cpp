// The build-specific paths the suites need, compiled into this file alone (see test_support.hpp).
#include "support/test_support.hpp"

#ifndef QUHUA_BUILD_BINARY
#define QUHUA_BUILD_BINARY "quhua"
#endif
#ifndef QUHUA_BUILD_TEST_DATA_DIR
#define QUHUA_BUILD_TEST_DATA_DIR "tests/data"
#endif
#ifndef QUHUA_BUILD_SHARED_DATA_DIR
#define QUHUA_BUILD_SHARED_DATA_DIR "../shared/data"
#endif

namespace quhua::test {

const char* quhua_binary() { return QUHUA_BUILD_BINARY; }
const char* test_data_dir() { return QUHUA_BUILD_TEST_DATA_DIR; }
const char* configured_shared_data_dir() { return QUHUA_BUILD_SHARED_DATA_DIR; }

}  // namespace quhua::test
