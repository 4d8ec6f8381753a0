# pipe_add_plugin(NAME <name> SOURCES <files...> [LIBRARIES <libs...>] [INSTALL_DIR <dir>] [NO_INSTALL])
# Builds a stage as a MODULE library named <name>.so (no "lib" prefix, because libltdl
# derives the <name>_LTX_ symbol prefix from the file name), exporting only the entry
# symbol and refusing undefined symbols so a stage can never depend on the core.
# C and C++ sources alike. Every target made here is listed in the global property
# PIPE_PLUGIN_TARGETS (tests check each one's exported symbols).
# Works in pipe's own tree (target pipe_sdk) and out of tree after find_package(pipe)
# (target pipe::plugin).
include(GNUInstallDirs)

function(pipe_add_plugin)
  cmake_parse_arguments(P "NO_INSTALL" "NAME;INSTALL_DIR" "SOURCES;LIBRARIES" ${ARGN})
  add_library(${P_NAME} MODULE ${P_SOURCES})
  if(TARGET pipe_sdk)
    target_link_libraries(${P_NAME} PRIVATE pipe_sdk ${P_LIBRARIES})
  else()
    target_link_libraries(${P_NAME} PRIVATE pipe::plugin ${P_LIBRARIES})
  endif()
  set_target_properties(${P_NAME} PROPERTIES PREFIX "" C_VISIBILITY_PRESET hidden CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  # Visibility alone leaves the symbols of static libraries a stage links (quotes had 26 of
  # them) and of C++ runtime templates; a version script keeps the entry point and hides the rest.
  # The C++-mangled spelling of the entry stays visible only so the loader can name that mistake.
  if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
    string(LENGTH "${P_NAME}_LTX_pipe_plugin_entry" _len)
    set(_map ${CMAKE_CURRENT_BINARY_DIR}/${P_NAME}.exports)
    file(CONFIGURE OUTPUT ${_map} CONTENT
      "{\n  global: ${P_NAME}_LTX_pipe_plugin_entry; _Z${_len}${P_NAME}_LTX_pipe_plugin_entryv;\n  local: *;\n};\n")
    target_link_options(${P_NAME} PRIVATE -Wl,--version-script=${_map})
    set_property(TARGET ${P_NAME} APPEND PROPERTY LINK_DEPENDS ${_map})
  endif()
  set_property(GLOBAL APPEND PROPERTY PIPE_PLUGIN_TARGETS ${P_NAME})
  if(DEFINED PIPE_BUILD_PLUGIN_DIR)
    set_target_properties(${P_NAME} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${PIPE_BUILD_PLUGIN_DIR})
  endif()
  # Sanitizer runtimes live in the executable, so their symbols are undefined in the module.
  if(NOT PIPE_SANITIZE AND NOT PIPE_FUZZ)
    target_link_options(${P_NAME} PRIVATE -Wl,-z,defs)
  endif()
  # pipe's own plugin folder unless told otherwise: after find_package(pipe) that is the installed
  # pipe's folder (PIPE_PLUGIN_INSTALL_DIR, the same as `pkg-config --variable=plugindir pipe-plugin`).
  if(P_INSTALL_DIR)
    set(_dest ${P_INSTALL_DIR})
  elseif(PIPE_PLUGIN_INSTALL_DIR)
    set(_dest ${PIPE_PLUGIN_INSTALL_DIR})
  else()
    set(_dest ${CMAKE_INSTALL_LIBDIR}/pipe/plugins)
  endif()
  if(NOT P_NO_INSTALL)
    install(TARGETS ${P_NAME} LIBRARY DESTINATION ${_dest})
  endif()
endfunction()
