// Package qualitygates holds the checks every published Concord site must
// pass, run on a fresh production build of the repository (the same flags
// as `make build`) by `make test` and, with one summary line per gate, by
// `make audit`:
//
//   - links: every internal href, src and #fragment resolves in the build
//     (links_test.go); external links are listed, never fetched;
//   - html: every HTML file passes html-validate (html_test.go);
//   - accessibility: axe-core at WCAG 2.2 AA on every page in both languages
//     at 1280 and 375 px and in the dark scheme, the right lang on every
//     text, clause rows announced as named regions (a11y_test.go);
//   - keyboard: focus is visible and the view toggle and copy controls work
//     from the keyboard (keyboard_test.go);
//   - csp: the _headers policy is served and no page reports a violation
//     (csp_test.go);
//   - lighthouse: performance, accessibility, best practices and SEO of the
//     initiative page (lighthouse_test.go);
//   - budgets: page weight, no request to another site, no web font
//     (budget_test.go);
//   - tools: every Go tool under tools/ fails cleanly on bad input
//     (tools_test.go).
//
// docs/quality-gates.md says what each gate checks and how to fix a failure.
package qualitygates
