# gb_embed_files(target namespace header files...): generates a header with one
# `inline constexpr std::string_view kName` per file, named after the file
# (create_table.sql -> kCreateTable).
function(gb_embed_files target ns header)
  add_custom_command(
    OUTPUT ${header}
    COMMAND ${CMAKE_COMMAND} -DNS=${ns} -DOUT=${header} "-DFILES=${ARGN}"
            -P ${CMAKE_SOURCE_DIR}/cmake/EmbedFilesScript.cmake
    DEPENDS ${ARGN} ${CMAKE_SOURCE_DIR}/cmake/EmbedFilesScript.cmake
    COMMENT "Embedding ${ns}"
    VERBATIM)
  add_custom_target(${target} DEPENDS ${header})
endfunction()
