package align

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/concord-initiative/concord/internal/site/contentsite"
)

// FingerprintPrefix starts every provenance.sourceFingerprint value.
const FingerprintPrefix = "sha256:"

// NormalizedText is what a source fingerprint covers: the clause's number,
// title and text, NFC-normalised with whitespace collapsed, and without
// Markdown markup, so re-wrapping or re-emphasising a source clause does not
// make its translations stale but any change of wording does.
func NormalizedText(c *contentsite.Clause) string {
	var b strings.Builder
	b.WriteString(collapse(c.Number))
	b.WriteString("\n")
	b.WriteString(collapse(c.Title))
	b.WriteString("\n")
	for _, bl := range c.Blocks {
		b.WriteString("\n")
		b.WriteString(collapse(bl.Text))
	}
	return norm.NFC.String(b.String())
}

func collapse(s string) string {
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// Fingerprint is the provenance.sourceFingerprint value for a source clause.
func Fingerprint(c *contentsite.Clause) string {
	sum := sha256.Sum256([]byte(NormalizedText(c)))
	return FingerprintPrefix + hex.EncodeToString(sum[:])
}

// ValidFingerprint reports whether s has the form sha256:<64 hex digits>.
func ValidFingerprint(s string) bool {
	h, ok := strings.CutPrefix(s, FingerprintPrefix)
	if !ok || len(h) != 64 {
		return false
	}
	_, err := hex.DecodeString(h)
	return err == nil && strings.ToLower(h) == h
}
