# The French interface (gettext). Part of the default build:
#   po/fr.po -> <build>/locale/fr/LC_MESSAGES/gazelle-backfill.mo (where the binary looks first).
# `cmake --build <dir> --target pot` regenerates po/gazelle-backfill.pot from the sources
# (Tr/TrFormat/TrNoop in src/monitor and src/cli, {{…}} in web/index.html, t("…") in web/app.js);
# `--target po-update` merges it into po/fr.po. The ctest `i18n_catalog_complete` fails when a
# msgid of the sources is missing from fr.po, untranslated or fuzzy.
find_program(GB_MSGFMT msgfmt REQUIRED)
find_program(GB_XGETTEXT xgettext REQUIRED)
find_program(GB_MSGCMP msgcmp REQUIRED)
find_program(GB_MSGMERGE msgmerge REQUIRED)
find_program(GB_MSGCAT msgcat REQUIRED)

set(GB_LOCALE_DIR ${CMAKE_BINARY_DIR}/locale)
set(GB_FR_MO ${GB_LOCALE_DIR}/fr/LC_MESSAGES/gazelle-backfill.mo)
add_custom_command(
  OUTPUT ${GB_FR_MO}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${GB_LOCALE_DIR}/fr/LC_MESSAGES
  COMMAND ${GB_MSGFMT} --check -o ${GB_FR_MO} ${CMAKE_SOURCE_DIR}/po/fr.po
  DEPENDS ${CMAKE_SOURCE_DIR}/po/fr.po
  COMMENT "Compiling the French catalog")
add_custom_target(gb_locale ALL DEPENDS ${GB_FR_MO})
# Tests run the binary and expect it to speak French under a French locale.
add_dependencies(gazelle-backfill gb_locale)

set(GB_POT_ARGS -DSOURCE_DIR=${CMAKE_SOURCE_DIR} -DWORK_DIR=${CMAKE_BINARY_DIR}/po
                -DVERSION=${PROJECT_VERSION} -DXGETTEXT=${GB_XGETTEXT} -DMSGCAT=${GB_MSGCAT}
                -DMSGCMP=${GB_MSGCMP})
add_custom_target(pot
  COMMAND ${CMAKE_COMMAND} ${GB_POT_ARGS} -DOUT=${CMAKE_SOURCE_DIR}/po/gazelle-backfill.pot
          -P ${CMAKE_SOURCE_DIR}/cmake/GettextPot.cmake
  COMMENT "Extracting the messages into po/gazelle-backfill.pot")
add_custom_target(po-update
  COMMAND ${GB_MSGMERGE} --update --backup=none --no-fuzzy-matching ${CMAKE_SOURCE_DIR}/po/fr.po
          ${CMAKE_SOURCE_DIR}/po/gazelle-backfill.pot
  DEPENDS pot)
if(GB_TESTS)
  add_test(NAME i18n_catalog_complete
           COMMAND ${CMAKE_COMMAND} ${GB_POT_ARGS} -DOUT=${CMAKE_BINARY_DIR}/po/check.pot
                   -DCHECK_PO=${CMAKE_SOURCE_DIR}/po/fr.po
                   -P ${CMAKE_SOURCE_DIR}/cmake/GettextPot.cmake)
endif()
