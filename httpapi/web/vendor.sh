#!/bin/sh
# vendor.sh installs the web page's third-party files from npm, pinned by
# package-lock.json, and copies the ones the page loads into
# ../static/vendor/ (gitignored), where `//go:embed static` picks them up.
# Run it through `go generate ./httpapi`; it needs node and npm.
set -eu
cd "$(dirname "$0")"
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
out=../static/vendor
rm -rf "$out"
mkdir -p "$out/leaflet/images" "$out/world-atlas"
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css "$out/leaflet/"
cp node_modules/leaflet/dist/images/*.png "$out/leaflet/images/"
cp node_modules/leaflet/LICENSE "$out/leaflet/LICENSE.txt"
cp node_modules/world-atlas/countries-50m.json "$out/world-atlas/"
cp node_modules/world-atlas/LICENSE "$out/world-atlas/LICENSE.txt"
echo "vendor.sh: copied leaflet and world-atlas into static/vendor/"
