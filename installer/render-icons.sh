#!/usr/bin/env bash
# Regenerates the PNG icons from resources/desktop/net.ivcap.Desktop.svg. The PNGs are committed
# so that building the package needs no SVG renderer; run this after changing the SVG
# (needs rsvg-convert from Debian's librsvg2-bin).
set -euo pipefail
cd "$(dirname "$0")/../resources/desktop"
for size in 16 22 24 32 48 64 128 256; do
    mkdir -p "icons/${size}x${size}"
    rsvg-convert -w "$size" -h "$size" net.ivcap.Desktop.svg -o "icons/${size}x${size}/net.ivcap.Desktop.png"
done
