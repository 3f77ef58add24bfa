package align

import (
	"strings"

	"github.com/concord-initiative/concord/internal/checker/sentence"
)

// History gives earlier versions of a file, newest first, so a stale
// translation can be shown what changed in its source. The command uses git;
// tests use a map.
type History interface {
	Versions(file string) ([][]byte, error)
}

// sentenceDiff lists the sentences removed ("- …") and added ("+ …")
// between two texts, by longest common subsequence. Clauses are a handful of
// sentences, so the quadratic table is small; long inputs are cut to keep it
// so.
func sentenceDiff(old, cur string) []string {
	a, b := splitAll(old), splitAll(cur)
	const limit = 400
	if len(a) > limit {
		a = a[:limit]
	}
	if len(b) > limit {
		b = b[:limit]
	}
	n, m := len(a), len(b)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []string
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i] == b[j]:
			i++
			j++
		case j < m && (i == n || lcs[i][j+1] >= lcs[i+1][j]):
			out = append(out, "+ "+b[j])
			j++
		default:
			out = append(out, "- "+a[i])
			i++
		}
	}
	return out
}

func splitAll(text string) []string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		out = append(out, sentence.Split(para)...)
	}
	return out
}
