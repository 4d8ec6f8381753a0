# What `cmake --install` puts where: programs, stages, SDK, pkg-config and CMake packages,
# configs and data, the plugin template, the man pages, shell completion and the output schema.
include(CMakePackageConfigHelpers)

file(STRINGS ${CMAKE_SOURCE_DIR}/core/include/pipe/plugin.h _abi REGEX "#define PIPE_ABI_M[AI][JN]OR ")
string(REGEX REPLACE ".*PIPE_ABI_MAJOR ([0-9]+).*" "\\1" PIPE_ABI_MAJOR "${_abi}")
string(REGEX REPLACE ".*PIPE_ABI_MINOR ([0-9]+).*" "\\1" PIPE_ABI_MINOR "${_abi}")
# The SDK's version in both packages (CMake and pkg-config) is the plugin ABI, not pipe's release:
# a stage needs a pipe of the same ABI major, which is what the loader checks.
set(PIPE_SDK_VERSION ${PIPE_ABI_MAJOR}.${PIPE_ABI_MINOR})
set(PIPE_PLUGIN_INSTALL_DIR ${CMAKE_INSTALL_LIBDIR}/pipe/plugins)
set(_cmakedir ${CMAKE_INSTALL_LIBDIR}/cmake/pipe)

set_target_properties(pipe_sdk PROPERTIES EXPORT_NAME plugin)
install(TARGETS pipe_sdk pipe_testing EXPORT pipeTargets LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(EXPORT pipeTargets NAMESPACE pipe:: DESTINATION ${_cmakedir})
configure_package_config_file(${CMAKE_SOURCE_DIR}/cmake/pipeConfig.cmake.in
  ${CMAKE_BINARY_DIR}/pipeConfig.cmake INSTALL_DESTINATION ${_cmakedir}
  PATH_VARS PIPE_PLUGIN_INSTALL_DIR)
# The package version is the plugin ABI (find_package(pipe 2)): SameMajorVersion is the loader's rule.
write_basic_package_version_file(${CMAKE_BINARY_DIR}/pipeConfigVersion.cmake
  VERSION ${PIPE_SDK_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${CMAKE_BINARY_DIR}/pipeConfig.cmake ${CMAKE_BINARY_DIR}/pipeConfigVersion.cmake
  ${CMAKE_SOURCE_DIR}/cmake/PipeAddPlugin.cmake DESTINATION ${_cmakedir})

file(RELATIVE_PATH PIPE_PC_TO_PREFIX /p/${CMAKE_INSTALL_LIBDIR}/pkgconfig /p)
configure_file(${CMAKE_SOURCE_DIR}/cmake/pipe-plugin.pc.in ${CMAKE_BINARY_DIR}/pipe-plugin.pc @ONLY)
configure_file(${CMAKE_SOURCE_DIR}/cmake/pipe-testing.pc.in ${CMAKE_BINARY_DIR}/pipe-testing.pc @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/pipe-plugin.pc ${CMAKE_BINARY_DIR}/pipe-testing.pc
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# Pipelines and the word lists stages read: found beside the pipeline file.
install(DIRECTORY ${CMAKE_SOURCE_DIR}/conf/ DESTINATION ${CMAKE_INSTALL_DATADIR}/pipe)
install(FILES ${CMAKE_SOURCE_DIR}/samples/huawei-no-spy.txt DESTINATION ${CMAKE_INSTALL_DATADIR}/pipe/samples)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/plugins/example/ DESTINATION ${CMAKE_INSTALL_DATADIR}/pipe/plugin-template)

# The man pages are written by hand (docs/man); tests/docs/test_man.sh keeps them in step with
# `pipe --help`, `pipe-archive --help` and the keys the pipeline file accepts.
install(FILES ${CMAKE_SOURCE_DIR}/docs/man/pipe.1 ${CMAKE_SOURCE_DIR}/docs/man/pipe-archive.1
  DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${CMAKE_SOURCE_DIR}/docs/man/pipe.conf.5 DESTINATION ${CMAKE_INSTALL_MANDIR}/man5)
install(FILES ${CMAKE_SOURCE_DIR}/docs/man/pipe-plugin.7 DESTINATION ${CMAKE_INSTALL_MANDIR}/man7)

# bash completion, where bash-completion loads it on first use of the command.
install(FILES ${CMAKE_SOURCE_DIR}/completion/pipe.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
  RENAME pipe)
install(FILES ${CMAKE_SOURCE_DIR}/completion/pipe-archive.bash
  DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME pipe-archive)

# The JSON Schema of the output, beside the pipelines that produce it.
install(FILES ${CMAKE_SOURCE_DIR}/docs/pipe-output.schema.json DESTINATION ${CMAKE_INSTALL_DATADIR}/pipe)
