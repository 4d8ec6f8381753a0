# Finds the Debian-packaged libraries pipe builds on and exposes them as imported targets.
find_package(PkgConfig REQUIRED)

# libltdl ships no pkg-config file: find its header and library directly.
find_path(LTDL_INCLUDE_DIR ltdl.h REQUIRED)
find_library(LTDL_LIBRARY NAMES ltdl REQUIRED)
add_library(pipe_ltdl INTERFACE)
target_include_directories(pipe_ltdl INTERFACE ${LTDL_INCLUDE_DIR})
target_link_libraries(pipe_ltdl INTERFACE ${LTDL_LIBRARY} ${CMAKE_DL_LIBS})

pkg_check_modules(LIBCONFIG REQUIRED IMPORTED_TARGET libconfig)
pkg_check_modules(JANSSON REQUIRED IMPORTED_TARGET jansson)
find_package(ZLIB REQUIRED)
# Archives are deflated by libdeflate when it is there (twice zlib's speed); zlib still reads them.
if(NOT PIPE_DEFLATE_ZLIB)
  pkg_check_modules(LIBDEFLATE IMPORTED_TARGET libdeflate)
endif()
if(LIBDEFLATE_FOUND)
  message(STATUS "Archives compressed with libdeflate ${LIBDEFLATE_VERSION}")
else()
  message(STATUS "Archives compressed with zlib (libdeflate not used)")
endif()
find_package(Threads REQUIRED)
