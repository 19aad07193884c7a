# Run at install time (cmake --install, CPack): writes the systemd units for
# the prefix of this install and installs them with the env file they read.
# In: CMAKE_INSTALL_PREFIX (this install's), GB_PACKAGING_DIR, GB_UNITS_WORK_DIR,
# GB_REL_BINDIR, GB_REL_DOCDIR (set by cmake/Packaging.cmake).
set(prefix "${CMAKE_INSTALL_PREFIX}")
# GNUInstallDirs' rule: /usr's configuration lives in /etc.
if(prefix STREQUAL "/usr")
  set(GB_SYSCONFDIR "/etc")
else()
  set(GB_SYSCONFDIR "${prefix}/etc")
endif()
set(GB_BINDIR "${prefix}/${GB_REL_BINDIR}")
set(GB_DOCDIR "${prefix}/${GB_REL_DOCDIR}")

set(work "${GB_UNITS_WORK_DIR}/units")
file(MAKE_DIRECTORY "${work}")
set(units)
foreach(name gazelle-backfill-sync.service gazelle-backfill-sync-every.service)
  configure_file("${GB_PACKAGING_DIR}/systemd/${name}.in" "${work}/${name}" @ONLY)
  list(APPEND units "${work}/${name}")
endforeach()
list(APPEND units "${GB_PACKAGING_DIR}/systemd/gazelle-backfill-sync.timer")
file(INSTALL ${units} DESTINATION "${prefix}/lib/systemd/system"
     FILE_PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)

# The env file holds secrets once edited: 0600, and never overwritten by a
# later `make install` (the package's copy is a dpkg conffile).
set(env "${GB_SYSCONFDIR}/gazelle-backfill/sync.env")
if(EXISTS "$ENV{DESTDIR}${env}")
  message(STATUS "Kept (already there): $ENV{DESTDIR}${env}")
else()
  file(INSTALL "${GB_PACKAGING_DIR}/sync.env" DESTINATION "${GB_SYSCONFDIR}/gazelle-backfill"
       FILE_PERMISSIONS OWNER_READ OWNER_WRITE)
endif()
