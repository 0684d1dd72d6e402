# Every outside library quhua uses, found from Debian's packages (scripts/install-deps.sh installs them).
# Nothing is downloaded at configure or build time.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(GEOS 3.11 REQUIRED CONFIG)          # GEOS::geos_c
find_package(PROJ 9 REQUIRED CONFIG)             # PROJ::proj
find_package(GDAL 3.6 REQUIRED CONFIG)           # GDAL::GDAL
find_package(SQLite3 REQUIRED)                   # SQLite::SQLite3
find_package(nlohmann_json 3.11 REQUIRED)        # nlohmann_json::nlohmann_json
find_package(CLI11 2.1 REQUIRED CONFIG)          # CLI11::CLI11
find_package(fmt 9 REQUIRED CONFIG)              # fmt::fmt
find_package(tomlplusplus 3 REQUIRED CONFIG)     # tomlplusplus::tomlplusplus
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)
pkg_check_modules(CBC REQUIRED IMPORTED_TARGET cbc osi-cbc osi-clp)
if(QUHUA_TESTS)
  find_package(GTest REQUIRED CONFIG)            # GTest::gtest_main
endif()
if(QUHUA_BENCH)
  find_package(benchmark REQUIRED CONFIG)        # benchmark::benchmark
endif()
