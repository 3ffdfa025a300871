package httpapi

// The page's third-party files (Leaflet, world-atlas) come from npm and
// are not committed: this copies them into static/vendor/ before a build
// that should ship them. Without them the binary still builds, and the
// page says the map library is missing.
//
//go:generate sh web/vendor.sh
