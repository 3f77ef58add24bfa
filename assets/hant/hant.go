// Package hant holds the traditional → simplified Han character table that
// both the signatories validator (internal/signatories, its duplicate check)
// and the site's search script (assets/js/signatories.js, bundled by Hugo)
// fold names with. It lives under assets/ so that Hugo, and every copy of the
// site a test builds, has the one file the Go code embeds.
//
// hant.json is generated from OpenCC's dictionary (TSCharacters.txt) by
// `go test ./internal/signatories -run TestHantTableIsOpenCC -update`; do not
// edit it by hand.
package hant

import _ "embed"

// JSON is hant.json: {"source": "…", "pairs": "業业東东…"}, each traditional
// character followed by its simplified form.
//
//go:embed hant.json
var JSON []byte
