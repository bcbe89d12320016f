#!/usr/bin/env bash
# Packages an existing build, installs the .deb as a user would, runs the installed programs
# from /usr/bin, and removes the package again, checking that nothing is left behind.
#
#   installer/ci-package.sh [BUILD_DIR]        (default: build; run as root, as CI does)
#
# The package is removed on every exit path, so a failed check does not leave it installed.
set -euo pipefail

cd "$(dirname "$0")/.."
build_dir=$(realpath "${1:-build}")
package=ivcap-desktop
passed=0
failed=0

say() { echo "ci-package: $*"; }
check() {
    local what=$1
    shift
    if "$@"; then
        passed=$((passed + 1))
        say "ok: $what"
    else
        failed=$((failed + 1))
        say "FAILED: $what"
    fi
}

# As a CTest test (label `package`) it runs only on CI, where installing a package is wanted;
# elsewhere it reports itself skipped (77) rather than touching the system.
if [ "${IVCAP_PACKAGE_TEST:-}" = "ctest" ] && { [ "${CI:-}" != "true" ] || [ "$(id -u)" -ne 0 ]; }; then
    say "skipped: installs a package system-wide, so it runs only on CI (CI=true, as root)"
    exit 77
fi
if [ "$(id -u)" -ne 0 ]; then
    say "must run as root: it installs and removes $package with apt-get" >&2
    exit 2
fi
if [ ! -f "$build_dir/CPackConfig.cmake" ]; then
    say "no CPack configuration in $build_dir: configure and build first" >&2
    exit 2
fi
if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    if [ "${CI:-}" != "true" ]; then
        say "$package is already installed here; remove it first (or set CI=true)" >&2
        exit 2
    fi
    say "removing a previously installed $package"
    DEBIAN_FRONTEND=noninteractive apt-get remove -y "$package"
fi

# dpkg-shlibdeps (for the computed dependencies) comes with dpkg-dev.
dpkg-query -W -f='${Status}' dpkg-dev 2>/dev/null | grep -q "install ok installed" ||
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends dpkg-dev

version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build_dir/CPackConfig.cmake")
arch=$(dpkg --print-architecture)
deb="$build_dir/${package}_${version}_${arch}.deb"
rm -f "$deb"
say "building $deb"
(cd "$build_dir" && cpack -G DEB)
[ -f "$deb" ] || { say "cpack did not produce $deb" >&2; exit 1; }
dpkg-deb --field "$deb"

if command -v lintian >/dev/null; then
    # Tags that remain are explained in installer/README.md; errors fail the run.
    check "lintian finds no errors" lintian --fail-on error --tag-display-limit 0 "$deb"
fi

mapfile -t contents < <(dpkg-deb --fsys-tarfile "$deb" | tar -t | sed -n 's|^\./|/|p' | grep -v '/$')
cleanup() {
    if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "installed"; then
        DEBIAN_FRONTEND=noninteractive apt-get remove -y "$package" >/dev/null || true
    fi
    rm -rf "$scratch"
}
scratch=$(mktemp -d)
trap cleanup EXIT

say "installing"
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$deb"

# The installed programs run with a clean home and a PATH without the build tree, so they can
# only find what the package put in place.
run() {
    env -i PATH=/usr/bin:/bin HOME="$scratch/home" XDG_RUNTIME_DIR="$scratch/run" \
        QT_QPA_PLATFORM=offscreen LANG=C.UTF-8 "$@"
}
mkdir -p "$scratch/home" "$scratch/run"
chmod 700 "$scratch/run"

says_version() { run "$1" --version | grep -qx "$(basename "$1") $version"; }
help_mentions() { run "$1" --help | grep -q -- "$2"; }
check "ivcap-desktop --version says $version" says_version /usr/bin/ivcap-desktop
check "ivcap-sandbox --version says $version" says_version /usr/bin/ivcap-sandbox
check "ivcap-desktop --help lists --sandbox" help_mentions /usr/bin/ivcap-desktop --sandbox
check "ivcap-sandbox --help lists --data" help_mentions /usr/bin/ivcap-sandbox --data
check "man pages, desktop entry, metainfo and icons are installed" test -f /usr/share/man/man1/ivcap-desktop.1.gz -a \
    -f /usr/share/man/man1/ivcap-sandbox.1.gz -a -f /usr/share/applications/net.ivcap.Desktop.desktop -a \
    -f /usr/share/metainfo/net.ivcap.Desktop.metainfo.xml -a \
    -f /usr/share/icons/hicolor/scalable/apps/net.ivcap.Desktop.svg -a \
    -f /usr/share/icons/hicolor/48x48/apps/net.ivcap.Desktop.png

png="$scratch/services.png"
say "taking a screenshot with the installed ivcap-desktop on its own sandbox"
if run timeout 180 /usr/bin/ivcap-desktop --sandbox --view services --screenshot "$png"; then
    shot=ok
else
    shot=failed
fi
check "the installed app wrote a screenshot" test "$shot" = ok -a -s "$png"
png_is_valid() {
    # The PNG signature, then an IHDR whose width and height are those of a real window.
    [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] || return 1
    local width height
    width=$(od -An -j16 -N4 -tu1 "$1" | awk '{print $1*16777216 + $2*65536 + $3*256 + $4}')
    height=$(od -An -j20 -N4 -tu1 "$1" | awk '{print $1*16777216 + $2*65536 + $3*256 + $4}')
    say "screenshot is ${width}x${height}, $(stat -c %s "$1") bytes"
    [ "$width" -ge 400 ] && [ "$height" -ge 300 ] && [ "$(stat -c %s "$1")" -gt 10000 ]
}
check "the screenshot is a PNG of a whole window" png_is_valid "$png"

say "removing"
DEBIAN_FRONTEND=noninteractive apt-get remove -y "$package"
not_installed() { ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q ' installed'; }
check "dpkg no longer lists $package as installed" not_installed
left=()
for file in "${contents[@]}"; do
    [ -e "$file" ] && left+=("$file")
done
check "no file of the package is left (${left[*]:-none})" test ${#left[@]} -eq 0
no_ivcap_in_bin() { ! compgen -G "/usr/bin/ivcap-*" >/dev/null; }
check "nothing named ivcap-* is left in /usr/bin" no_ivcap_in_bin

echo "package: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
