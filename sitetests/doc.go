// Package sitetests builds the real Concord site with the pinned Hugo and
// checks what readers get: the HTML of every page type (layout_test.go), the
// interface strings (i18n_test.go), the pages in a real browser
// (browser_test.go) and the build's speed and weight (bench_test.go).
package sitetests
