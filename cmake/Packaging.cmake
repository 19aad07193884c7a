# Installing and packaging (issue 14): `make install` (cmake --install, DESTDIR
# and --prefix honoured) and `make deb` (CPack's Debian generator).
#   <prefix>/bin/gazelle-backfill
#   <prefix>/share/locale/fr/LC_MESSAGES/gazelle-backfill.mo  (found from the binary:
#       <its directory>/../share/locale, monitor/i18n.cc)
#   <prefix>/share/doc/gazelle-backfill/  README.md, docs/*.md
#   <prefix>/lib/systemd/system/gazelle-backfill-sync{.service,.timer,-every.service}
#   <sysconfdir>/gazelle-backfill/sync.env  (/etc under /usr, else <prefix>/etc)
# The units name the binary and the env file by their installed paths, so they
# are written at install time (cmake/InstallUnits.cmake), for the prefix of
# that install: the build's (make install) or the package's (/usr).
include(GNUInstallDirs)
# An install (and CPack) takes what is built, without building `all` first:
# the package test packages the build tree while the other tests run, and
# `make install`/`make deb` build the binary and its catalog themselves.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

install(TARGETS gazelle-backfill RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${GB_FR_MO} DESTINATION ${CMAKE_INSTALL_LOCALEDIR}/fr/LC_MESSAGES)
file(GLOB GB_DOCS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/docs/*.md)
install(FILES ${CMAKE_SOURCE_DIR}/README.md ${GB_DOCS} DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(CODE "
  set(GB_PACKAGING_DIR \"${CMAKE_SOURCE_DIR}/packaging\")
  set(GB_UNITS_WORK_DIR \"${CMAKE_BINARY_DIR}/packaging\")
  set(GB_REL_BINDIR \"${CMAKE_INSTALL_BINDIR}\")
  set(GB_REL_DOCDIR \"${CMAKE_INSTALL_DOCDIR}\")
  include(\"${CMAKE_SOURCE_DIR}/cmake/InstallUnits.cmake\")")

# The Debian package: gazelle-backfill_<version>_<arch>.deb, always for /usr
# (the env file in /etc), its library dependencies found by dpkg-shlibdeps.
set(GB_PACKAGE_MAINTAINER "gazelle-backfill maintainers <maintainers@users.noreply.r-seed-828ddcb4.example>"
    CACHE STRING "Maintainer field of the Debian package")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME gazelle-backfill)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Copies the Gazelle piano-service API into PostgreSQL or SQLite, and keeps it current")
set(CPACK_PACKAGE_DESCRIPTION
    "A resumable backfill of the Gazelle timeline and account objects (run), a sync that\nkeeps the copy current (sync, with a systemd timer), a live monitor (watch), a\nreconciliation (verify) and a faithful local simulator of the API (sim).")
set(CPACK_PACKAGE_CONTACT "${GB_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${GB_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION database)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# adduser: postinst creates the system user.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "systemd, postgresql-client")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${CMAKE_SOURCE_DIR}/packaging/debian/conffiles ${CMAKE_SOURCE_DIR}/packaging/debian/postinst
    ${CMAKE_SOURCE_DIR}/packaging/debian/prerm ${CMAKE_SOURCE_DIR}/packaging/debian/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_INSTALL_PREFIX /usr)
# Installed with DESTDIR=<staging> and the prefix /usr, so the install-time
# paths (/etc, /usr/bin in the units) are the package's own.
set(CPACK_SET_DESTDIR ON)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR}/package)
set(CPACK_OUTPUT_CONFIG_FILE ${CMAKE_BINARY_DIR}/CPackConfig.cmake)
include(CPack)
