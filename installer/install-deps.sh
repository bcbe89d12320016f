#!/usr/bin/env bash
# Installs everything needed to build, run and test IVCAP Desktop on Debian 12.
# Idempotent: packages already present are left alone, and apt is only asked when something is missing.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config git curl
    qt6-base-dev qt6-base-dev-tools qt6-httpserver-dev qt6-websockets-dev libxkbcommon-dev
    libqt6sql6-sqlite qt6-svg-dev qt6-tools-dev qt6-l10n-tools qt6-translations-l10n
    qtkeychain-qt6-dev libvalijson-dev libyaml-cpp-dev libqrencode-dev
    json-schema-test-suite clang libclang-rt-dev
    dbus-daemon
    nginx openssl python3
    libcurl4-openssl-dev
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages present"
    exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
