# What `cmake --install` puts where: programs, stages, SDK, pkg-config and CMake packages,
# configs and data, the plugin template, and the man page.
include(CMakePackageConfigHelpers)

file(STRINGS ${CMAKE_SOURCE_DIR}/core/include/pipe/plugin.h _abi REGEX "#define PIPE_ABI_M[AI][JN]OR ")
string(REGEX REPLACE ".*PIPE_ABI_MAJOR ([0-9]+).*" "\\1" PIPE_ABI_MAJOR "${_abi}")
string(REGEX REPLACE ".*PIPE_ABI_MINOR ([0-9]+).*" "\\1" PIPE_ABI_MINOR "${_abi}")
set(PIPE_PLUGIN_INSTALL_DIR ${CMAKE_INSTALL_LIBDIR}/pipe/plugins)
set(_cmakedir ${CMAKE_INSTALL_LIBDIR}/cmake/pipe)

set_target_properties(pipe_sdk PROPERTIES EXPORT_NAME plugin)
install(TARGETS pipe_sdk EXPORT pipeTargets)
install(EXPORT pipeTargets NAMESPACE pipe:: DESTINATION ${_cmakedir})
configure_package_config_file(${CMAKE_SOURCE_DIR}/cmake/pipeConfig.cmake.in
  ${CMAKE_BINARY_DIR}/pipeConfig.cmake INSTALL_DESTINATION ${_cmakedir}
  PATH_VARS PIPE_PLUGIN_INSTALL_DIR)
# The package version is the plugin ABI (find_package(pipe 1)): SameMajorVersion is the loader's rule.
write_basic_package_version_file(${CMAKE_BINARY_DIR}/pipeConfigVersion.cmake
  VERSION ${PIPE_ABI_MAJOR}.${PIPE_ABI_MINOR} COMPATIBILITY SameMajorVersion)
install(FILES ${CMAKE_BINARY_DIR}/pipeConfig.cmake ${CMAKE_BINARY_DIR}/pipeConfigVersion.cmake
  ${CMAKE_SOURCE_DIR}/cmake/PipeAddPlugin.cmake DESTINATION ${_cmakedir})

file(RELATIVE_PATH PIPE_PC_TO_PREFIX /p/${CMAKE_INSTALL_LIBDIR}/pkgconfig /p)
configure_file(${CMAKE_SOURCE_DIR}/cmake/pipe-plugin.pc.in ${CMAKE_BINARY_DIR}/pipe-plugin.pc @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/pipe-plugin.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# Pipelines and the word lists stages read: found beside the pipeline file.
install(DIRECTORY ${CMAKE_SOURCE_DIR}/conf/ DESTINATION ${CMAKE_INSTALL_DATADIR}/pipe)
install(FILES ${CMAKE_SOURCE_DIR}/samples/huawei-no-spy.txt DESTINATION ${CMAKE_INSTALL_DATADIR}/pipe/samples)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/plugins/example/ DESTINATION ${CMAKE_INSTALL_DATADIR}/pipe/plugin-template)

# pipe(1) is generated from `pipe --help`, the one source of the option list.
find_program(HELP2MAN help2man)
if(HELP2MAN)
  add_custom_command(OUTPUT ${CMAKE_BINARY_DIR}/pipe.1
    COMMAND ${HELP2MAN} --no-info --name "run news articles through a pipeline of plugin stages"
            --output ${CMAKE_BINARY_DIR}/pipe.1 $<TARGET_FILE:pipe>
    DEPENDS pipe VERBATIM)
  add_custom_target(manpage ALL DEPENDS ${CMAKE_BINARY_DIR}/pipe.1)
  install(FILES ${CMAKE_BINARY_DIR}/pipe.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
  message(STATUS "help2man not found: the pipe(1) man page is not built")
endif()
