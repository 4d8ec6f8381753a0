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
find_package(Threads REQUIRED)
