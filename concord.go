// Package concord holds the kit's own files that its tools need at run
// time, embedded so that `concord new site` and `concord config` work from
// the module cache alone (tools/concord, docs/adopting.md).
package concord

import _ "embed"

// HugoTOML is Concord's hugo.toml: this repository's site and the source of
// the settings every Concord site shares (KitKeys in internal/kit/scaffold).
//
//go:embed hugo.toml
var HugoTOML []byte

// GoSum is Concord's go.sum, the checksums a new site starts from, so that
// its first `go get` needs no checksum database.
//
//go:embed go.sum
var GoSum []byte
