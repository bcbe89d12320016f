# Installed layout and the CPack packages (.deb for Debian 12, .tar.gz). Included at the end of
# the top-level CMakeLists.txt, so every target exists here.
#
#   cmake --build build && (cd build && cpack)      -> build/ivcap-desktop_<version>_<arch>.deb
#                                                       build/ivcap-desktop-<version>-Linux.tar.gz
# installer/README.md explains the choices and the remaining lintian tags.

include(GNUInstallDirs)

set(IVCAP_PACKAGE_MAINTAINER "IVCAP Desktop maintainers <ivcap-desktop@csiro.au>"
    CACHE STRING "Maintainer field of the .deb and its changelog: Name <address>")
set(IVCAP_SCREENSHOT_BASE_URL
    "https://raw.githubusercontent.com/ivcap-works/ivcap-desktop/main/docs/screenshots"
    CACHE STRING "Public URL of docs/screenshots, referenced from the AppStream metainfo")

set(_desktop ${PROJECT_SOURCE_DIR}/resources/desktop)
set(_staged ${CMAKE_BINARY_DIR}/installer)
set(_app_id net.ivcap.Desktop)

# ivcap-desktop installs itself (app/CMakeLists.txt). The sandbox goes beside it because the
# app looks for it next to its own executable before PATH; its demo catalogue and OpenAPI
# document are compiled in (resources/sandbox/sandbox.qrc), so it needs no data files.
install(TARGETS ivcap-sandbox RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

install(FILES ${_desktop}/${_app_id}.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
configure_file(${_desktop}/${_app_id}.metainfo.xml.in ${_staged}/${_app_id}.metainfo.xml @ONLY)
install(FILES ${_staged}/${_app_id}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${_desktop}/${_app_id}.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
foreach(size 16 22 24 32 48 64 128 256)
    install(FILES ${_desktop}/icons/${size}x${size}/${_app_id}.png
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
endforeach()

# Debian policy wants man pages and changelogs compressed with gzip -9n (-n keeps the
# timestamp out, so the package is reproducible). This runs at configure time so that cpack
# needs nothing beyond the two executables to be built.
set(CPACK_PACKAGE_CONTACT "${IVCAP_PACKAGE_MAINTAINER}")
configure_file(${CMAKE_CURRENT_LIST_DIR}/changelog.in ${_staged}/changelog @ONLY)
function(ivcap_gzip source target)
    execute_process(COMMAND gzip -9n -c ${source} OUTPUT_FILE ${target}
                    RESULT_VARIABLE result)
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "gzip ${source} failed: ${result}")
    endif()
    set_property(DIRECTORY ${PROJECT_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${source})
endfunction()
foreach(page ivcap-desktop.1 ivcap-sandbox.1)
    ivcap_gzip(${CMAKE_CURRENT_LIST_DIR}/man/${page} ${_staged}/${page}.gz)
    install(FILES ${_staged}/${page}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
endforeach()
ivcap_gzip(${_staged}/changelog ${_staged}/changelog.gz)
install(FILES ${_staged}/changelog.gz ${CMAKE_CURRENT_LIST_DIR}/copyright
        DESTINATION ${CMAKE_INSTALL_DOCDIR})

# The version lives in project(); the changelog and the metainfo each need an entry for it.
foreach(file ${CMAKE_CURRENT_LIST_DIR}/changelog.in ${_desktop}/${_app_id}.metainfo.xml.in)
    file(READ ${file} content)
    string(FIND "${content}" "${PROJECT_VERSION}" found)
    if(found EQUAL -1)
        message(WARNING "${file} has no entry for version ${PROJECT_VERSION}")
    endif()
endforeach()

set(CPACK_PACKAGE_NAME ivcap-desktop)
set(CPACK_PACKAGE_VENDOR "CSIRO")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "desktop client for IVCAP analytics deployments")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://ivcap.net")
set(CPACK_GENERATOR DEB TGZ)
set(CPACK_SOURCE_GENERATOR "")
set(CPACK_STRIP_FILES ON)
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
set(CPACK_PACKAGE_FILE_NAME "${CPACK_PACKAGE_NAME}-${PROJECT_VERSION}-${CMAKE_SYSTEM_NAME}")

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The extended description; CPack puts the summary above it and indents every line.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "IVCAP Desktop is a native Qt client for IVCAP, CSIRO's platform where
providers offer analytics services and consumers order products from them.
It browses the services, orders, artifacts and metadata of a deployment,
fills in order forms built from a service's parameters, follows orders and
uploads files as artifacts with resumable uploads.

The package also contains ivcap-sandbox, a local IVCAP deployment with
demo services that the application starts when no deployment is configured.")
# Shared-library dependencies are computed by dpkg-shlibdeps. Qt loads plugins with dlopen,
# which dpkg-shlibdeps cannot see: the sandbox cannot run without the SQLite driver; the
# Wayland platform plugin and the SVG, TIFF and WebP readers of the artifact preview (the
# demo services make SVG products) are wanted on nearly every desktop.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-qpa-plugins, libqt6svg6, qt6-image-formats-plugins")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

include(CPack)
