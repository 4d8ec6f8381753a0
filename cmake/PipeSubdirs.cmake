# pipe_add_subdirectories(): add every folder beside the calling CMakeLists.txt that has a
# CMakeLists.txt of its own, in sorted order, so a new stage, test set or benchmark needs no edit here.
function(pipe_add_subdirectories)
  file(GLOB _dirs LIST_DIRECTORIES true ${CMAKE_CURRENT_SOURCE_DIR}/*)
  list(SORT _dirs)
  foreach(_dir IN LISTS _dirs)
    if(IS_DIRECTORY ${_dir} AND EXISTS ${_dir}/CMakeLists.txt)
      add_subdirectory(${_dir})
    endif()
  endforeach()
endfunction()
