# Script mode (cmake -P): extracts every msgid into OUT; with CHECK_PO, then fails
# unless CHECK_PO translates each of them (msgcmp: missing, untranslated and fuzzy
# entries are errors). Inputs: SOURCE_DIR, WORK_DIR, VERSION, XGETTEXT, MSGCAT, MSGCMP, OUT [, CHECK_PO].
# WORK_DIR holds the intermediate files (the page's messages as C++).
get_filename_component(out_dir ${OUT} DIRECTORY)
file(MAKE_DIRECTORY ${out_dir} ${WORK_DIR})

function(gb_run)
  execute_process(COMMAND ${ARGN} WORKING_DIRECTORY ${SOURCE_DIR} RESULT_VARIABLE rc
                  ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${ARGV0} failed (${rc}): ${err}")
  endif()
endfunction()

# The C++ sources, relative so the .pot's "#:" comments are stable.
file(GLOB_RECURSE sources RELATIVE ${SOURCE_DIR} ${SOURCE_DIR}/src/monitor/*.cc
     ${SOURCE_DIR}/src/monitor/*.h ${SOURCE_DIR}/src/cli/*.cc ${SOURCE_DIR}/src/cli/*.h)
list(SORT sources)
gb_run(${XGETTEXT} --from-code=UTF-8 --language=C++ --keyword=Tr --keyword=TrFormat
       --keyword=TrNoop --package-name=gazelle-backfill --package-version=${VERSION}
       --msgid-bugs-address= --sort-by-file -o ${OUT} ${sources})

# The page: {{message}} placeholders of web/index.html ({{@…}} are not messages),
# written as Tr("…") calls for xgettext.
file(READ ${SOURCE_DIR}/web/index.html html)
string(REGEX MATCHALL "{{[^@}][^}]*}}" placeholders "${html}")
set(calls "")
foreach(p IN LISTS placeholders)
  string(REGEX REPLACE "^{{(.*)}}$" "\\1" msg "${p}")
  string(REPLACE "\\" "\\\\" msg "${msg}")
  string(REPLACE "\"" "\\\"" msg "${msg}")
  string(APPEND calls "// TRANSLATORS: web/index.html\nTr(\"${msg}\");\n")
endforeach()
file(WRITE ${WORK_DIR}/index.html.cc "${calls}")
gb_run(${XGETTEXT} --from-code=UTF-8 --language=C++ --keyword=Tr --no-location
       --add-comments=TRANSLATORS: -o ${WORK_DIR}/index.html.pot ${WORK_DIR}/index.html.cc)
gb_run(${MSGCAT} --use-first -o ${OUT} ${OUT} ${WORK_DIR}/index.html.pot)
# The script: t("…") in web/app.js, served translated by /i18n.json.
gb_run(${XGETTEXT} --from-code=UTF-8 --language=JavaScript --keyword=t --join-existing
       --package-name=gazelle-backfill --package-version=${VERSION}
       -o ${OUT} web/app.js)

if(CHECK_PO)
  execute_process(COMMAND ${MSGCMP} ${CHECK_PO} ${OUT} RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${CHECK_PO} does not translate every message of the sources:\n${err}")
  endif()
  message(STATUS "${CHECK_PO} translates every message of the sources")
endif()
