# quhua_warnings: the warning flags every quhua target links.
add_library(quhua_warnings INTERFACE)
target_compile_options(quhua_warnings INTERFACE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
if(QUHUA_WERROR)
  target_compile_options(quhua_warnings INTERFACE -Werror)
endif()
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(quhua_warnings INTERFACE -Wshadow=local)
  # GCC 12 at -O2/-O3 reports false positives inside libstdc++'s std::string (GCC bugs 105329, 105651, 107138).
  target_compile_options(quhua_warnings INTERFACE -Wno-restrict -Wno-stringop-overflow -Wno-array-bounds -Wno-maybe-uninitialized)
endif()
if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  # clang spells GCC's -Wshadow=local this way (the fuzz build uses clang).
  target_compile_options(quhua_warnings INTERFACE -Wshadow-uncaptured-local)
endif()
