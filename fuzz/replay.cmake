# Every fuzz target's corpus (fuzz/corpus/<target>/), replayed once by a plain
# executable in every build (normal and sanitizer): ctest fuzz_corpus_<target>.
# The libFuzzer builds themselves are in fuzz/CMakeLists.txt (clang, GB_FUZZ=ON).
set(GB_FUZZ_TARGETS graphql_parser_fuzz response_parser_fuzz measurement_fuzz)
# The library each target exercises, and the sources the libFuzzer build
# compiles itself (clang 14 does not build every subsystem: the fuzzers take
# only the files under test).
set(GB_FUZZ_LIB_graphql_parser_fuzz gb_graphql)
set(GB_FUZZ_SRC_graphql_parser_fuzz src/graphql/lexer.cc src/graphql/parser.cc)
# The contract probes seed the GraphQL parser too (fuzz/run.sh passes them as well).
set(GB_FUZZ_SEEDS_graphql_parser_fuzz ${CMAKE_SOURCE_DIR}/tests/contract/probes)
set(GB_FUZZ_LIB_response_parser_fuzz gb_source)
set(GB_FUZZ_SRC_response_parser_fuzz)
set(GB_FUZZ_LIB_measurement_fuzz gb_engine)
set(GB_FUZZ_SRC_measurement_fuzz src/engine/measurement_extractor.cc src/engine/text_repair.cc
                                 src/engine/utf8.cc)

if(NOT GB_FUZZ)
  foreach(name ${GB_FUZZ_TARGETS})
    add_executable(${name}_replay ${CMAKE_SOURCE_DIR}/fuzz/${name}.cc
                                  ${CMAKE_SOURCE_DIR}/fuzz/replay_main.cc)
    target_link_libraries(${name}_replay PRIVATE ${GB_FUZZ_LIB_${name}})
    target_compile_options(${name}_replay PRIVATE ${GB_SANITIZE_OPTIONS})
    add_test(NAME fuzz_corpus_${name}
             COMMAND ${name}_replay ${CMAKE_SOURCE_DIR}/fuzz/corpus/${name} ${GB_FUZZ_SEEDS_${name}})
  endforeach()
endif()
