package numerals

// Comparable returns the figures of two versions of one text that can
// fairly be compared. When both languages' number words were read, that is
// all of them. When one was not (a language without a grammar), a figure
// the other version has in digits may be written there in words the
// checker cannot read, so:
//
//   - figures in words count only where they match a figure of the other
//     side (three ↔ 3), and never in the language that was not read;
//   - each value counts once (a count may differ by a word unread);
//   - digits the other side lacks are left out when that side was not read,
//     unless it has digits of its own that match nothing: a changed figure
//     whatever the words say (3 ↔ 4).
//
// So an unsupported language never has a number finding it does not
// deserve, and a changed digit is still caught.
func Comparable(a, b Numbers) (Numbers, Numbers) {
	if a.WordsRead && b.WordsRead {
		return a, b
	}
	va, vb := valueSet(a), valueSet(b)
	return comparable(a, va, b, vb), comparable(b, vb, a, va)
}

// comparable keeps the figures of n that the other version (of values ov)
// can be held to.
func comparable(n Numbers, own map[string]bool, o Numbers, ov map[string]bool) Numbers {
	// The other version's own digits that match nothing here: a changed
	// figure, which makes this side's unmatched digits evidence too.
	otherChanged := false
	for _, x := range o.List {
		if !x.Words && !own[x.Value] {
			otherChanged = true
		}
	}
	out := Numbers{Ones: n.Ones, WordsRead: n.WordsRead}
	seen := map[string]bool{}
	for _, x := range n.List {
		if seen[x.Value] {
			continue
		}
		matched := ov[x.Value]
		switch {
		case x.Words && !matched:
			continue // the other side may say it in words
		case !x.Words && !matched && !o.WordsRead && !otherChanged:
			continue
		}
		seen[x.Value] = true
		out.List = append(out.List, x)
	}
	return out
}

// valueSet holds the values a version can match: its digits, and its words
// where they were read.
func valueSet(n Numbers) map[string]bool {
	m := map[string]bool{}
	for _, x := range n.List {
		if !x.Words || n.WordsRead {
			m[x.Value] = true
		}
	}
	return m
}
