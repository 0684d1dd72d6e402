# ccache in front of the compilers when it is installed (scripts/install-deps.sh installs it), set up so
# that a fresh clone in another folder hits the cache a previous build filled: paths under the clone are
# hashed relative to it (CCACHE_BASEDIR), the working directory is left out of debug builds' hash
# (CCACHE_NOHASHDIR), and precompiled headers are usable (CCACHE_SLOPPINESS). CI runs on the machine of
# the last build, so its cache is warm. -DQUHUA_CCACHE=OFF turns it off.
option(QUHUA_CCACHE "Compile through ccache when it is installed" ON)
if(QUHUA_CCACHE)
  find_program(QUHUA_CCACHE_PROGRAM ccache)
  if(QUHUA_CCACHE_PROGRAM)
    set(quhua_ccache_launcher /usr/bin/env
      CCACHE_BASEDIR=${PROJECT_SOURCE_DIR}
      CCACHE_NOHASHDIR=true
      CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
      ${QUHUA_CCACHE_PROGRAM})
    set(CMAKE_C_COMPILER_LAUNCHER ${quhua_ccache_launcher})
    set(CMAKE_CXX_COMPILER_LAUNCHER ${quhua_ccache_launcher})
  endif()
endif()
