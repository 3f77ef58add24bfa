// Package internal holds Concord's Go code, grouped by capability; the tools
// under tools/ are thin mains over it. Imports flow one way, down this list
// (TestImportsFlowOneWay):
//
//	kit/          concord new site and upgrade: a site that imports Concord
//	checker/      aligncheck: the alignment checks and what only they use
//	endorse/      the endorsement intake service: form, mail, moderation, export
//	pdf/          the PDF tool: print build, Chromium printing, PDF metadata
//	versions/     an initiative's versions: differences, downloads, page data
//	signatories/  the signatories validator and its data model
//	quality/      the quality gates' checks (links, languages, axe, headers)
//	testharness/  what the tests share: browser harness, site fixtures
//	site/         the site as every tool reads it: configuration, content,
//	              tool messages
//	engine/       the programs Concord drives: the pinned Hugo, Chromium, the
//	              npm tools (Pagefind for the search index)
package internal
