package align

import (
	"slices"
	"strings"

	"github.com/concord-initiative/concord/internal/checker/script"
	"github.com/concord-initiative/concord/internal/site/contentsite"
)

// scriptChecks: script and typography, one version at a time.
type scriptChecks struct{ noHooks }

func (scriptChecks) codes() []string {
	return []string{CodeHanInAlpha, CodeLatinInHan, CodeWidePunct, CodeMissingSpace}
}

func (scriptChecks) version(x *initiativeCtx, v version) { x.singleText(v.c) }

// singleText runs the checks that need only one version: script and
// typography.
func (x *initiativeCtx) singleText(c *contentsite.Clause) {
	class := classOf(x.site, c.Lang)
	type piece struct {
		text string
		line int
	}
	pieces := []piece{{c.Title, c.Line("title")}}
	for _, b := range c.Blocks {
		pieces = append(pieces, piece{b.Text, b.Line})
	}
	if class == script.Alphabetic {
		reported := 0
		var wide []string
		wideLine := 0
		var spaces []string
		spaceLine, spaceCount := 0, 0
		for _, p := range pieces {
			for _, r := range script.HanRuns(p.text) {
				if reported < 5 {
					x.add(CodeHanInAlpha, c.ID, c.Lang, "", c.File, p.line, r.Text, map[string]any{"text": r.Text}, msgHanInAlpha, map[string]any{"Text": Quoted(r.Text), "Lang": Lang(c.Lang)})
				}
				reported++
			}
			for _, r := range script.CJKPunct(p.text) {
				if wideLine == 0 {
					wideLine = p.line
				}
				wide = append(wide, r.Text)
			}
			for _, r := range script.MissingSpaces(p.text) {
				if spaceLine == 0 {
					spaceLine = p.line
				}
				if !slices.Contains(spaces, r.Text) {
					spaces = append(spaces, r.Text)
				}
				spaceCount++
			}
		}
		if len(wide) > 0 {
			x.add(CodeWidePunct, c.ID, c.Lang, "", c.File, wideLine, "", map[string]any{"marks": wide}, msgWidePunct, map[string]any{"Count": len(wide), "Lang": Lang(c.Lang), "Marks": strings.Join(firstN(wide, 8), " ")})
		}
		if len(spaces) > 0 {
			x.add(CodeMissingSpace, c.ID, c.Lang, "", c.File, spaceLine, "", map[string]any{"count": spaceCount, "examples": firstN(spaces, 5)}, msgMissingSpace, map[string]any{"Count": spaceCount, "Examples": quotedList(c.Lang, firstN(spaces, 3))})
		}
		return
	}
	for _, p := range pieces {
		for _, r := range script.LatinRuns(p.text, 2) {
			x.add(CodeLatinInHan, c.ID, c.Lang, "", c.File, p.line, r.Text, map[string]any{"text": r.Text}, msgLatinInHan, map[string]any{"Text": Quoted(r.Text), "Lang": Lang(c.Lang)})
		}
	}
}
