# libFuzzer support (-DPIPE_FUZZ=ON, clang only). Everything is compiled with coverage
# instrumentation and ASan+UBSan, so a fuzz target also explores the stages it loads.
# pipe_add_fuzzer(NAME <name> SOURCES <files...> [LIBRARIES <libs...>]) adds one target.
if(PIPE_FUZZ)
  if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "PIPE_FUZZ needs clang: configure with CC=clang")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

function(pipe_add_fuzzer)
  if(NOT PIPE_FUZZ)
    return()
  endif()
  cmake_parse_arguments(F "" "NAME" "SOURCES;LIBRARIES" ${ARGN})
  add_executable(${F_NAME} ${F_SOURCES})
  target_link_libraries(${F_NAME} PRIVATE ${F_LIBRARIES})
  target_link_options(${F_NAME} PRIVATE -fsanitize=fuzzer)
  target_compile_definitions(${F_NAME} PRIVATE PIPE_SOURCE_DIR="${CMAKE_SOURCE_DIR}"
    PIPE_BINARY_DIR="${CMAKE_BINARY_DIR}")
  set_target_properties(${F_NAME} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/fuzz)
endfunction()
