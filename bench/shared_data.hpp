// Where the benchmarks find ../shared/data: QUHUA_SHARED_DATA_DIR from the environment, else the path
// configured at build time. The path is compiled into shared_data.cpp alone, so the benchmark sources
// compile the same in any clone (ccache hits).
#pragma once

namespace quhua::bench {
const char* shared_data_dir();
}  // namespace quhua::bench
