# Concord: `make serve` to read the site locally, `make test` for everything CI
# checks. Every Hugo call goes through `go tool hugo`, the version pinned in
# go.mod. Targets that need Debian packages install them when missing (as
# root) or stop with the one command to run.

SHELL       := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
GO          ?= go
# Hugo allocates heavily and a site build is short-lived: collecting garbage
# less often than Go's default (GOGC=100) saves CPU, at the price of peak
# memory that is mostly garbage. On the generated 100-initiative site
# (issue 11) GOGC=200 takes about a tenth more user CPU than 400 and about
# 40% less peak memory (8 languages: 3.8 GB against 5.6 GB; 100: 2.6 GB and
# a fifth more CPU). internal/engine/hugobuild.GOGC is the same value.
HUGO        := GOGC=200 $(GO) tool hugo
HUGO_FLAGS  := --gc --minify --panicOnWarning --printI18nWarnings --printPathWarnings
PUBLIC      := public
# Debian packages the browser tests need: Chromium, and fonts with Han
# characters so screenshots show text rather than boxes.
BROWSER_DEBS := chromium fonts-noto-cjk
# Debian's nginx serves the built site in a test of docs/embedding.md's
# configuration (sitetests/nginx_test.go).
SERVER_DEBS  := nginx-light
# Debian packages `make pdf` needs: Chromium prints, TrueType fonts for Han
# and Latin text (Noto CJK would embed as Type 3), poppler-utils checks the
# result; Amiri is the Arabic of the right-to-left test fixture's printFonts
# (sitetests/pdf_languages_test.go). docs/pdf.md.
PDF_DEBS     := chromium fonts-arphic-gbsn00lp fonts-wqy-microhei fonts-liberation fonts-hosny-amiri poppler-utils
PDF_OUT      := build/pdf
# The quality gates' npm tools (axe-core, html-validate, Lighthouse) are
# pinned in package-lock.json. Node comes from Debian when `node`/`npm` are
# missing: the check is for the commands, so a Node installed otherwise is kept.
NODE_DEBS    := nodejs npm
# Debian's PostgreSQL: the endorsement store's tests run against it too, each
# on a throw-away cluster on loopback (internal/endorse/pgcluster).
POSTGRES_DEBS := postgresql
NODE_STAMP   := node_modules/.package-lock.json

.PHONY: serve build test kit bench clean browser-deps server-deps node-deps audit pdf pdf-deps endorse postgres-deps search-serve-index

# Pagefind (npm, pinned in package-lock.json) indexes the built pages for the
# search pages (docs/search.md). PAGEFIND_FLAGS are internal/engine/searchindex.Flags
# (sitetests keep them equal).
PAGEFIND       := node_modules/.bin/pagefind
PAGEFIND_FLAGS := --exclude-selectors .provenance --glob '{initiatives,*/initiatives}/*/{*,v*/*}/index.html'
# make serve's index: a build made once at start, indexed into a second
# static folder that hugo.toml mounts (build/search/static).
SEARCH_SERVE   := build/search
# A copy of the site without package.json (the serve test's) serves without search.
SEARCH_SERVE_ON := $(if $(wildcard package.json),yes)

# make serve SERVE_PORT=… picks another port (the serve test does).
SERVE_PORT  ?= 1313

# Hugo's fast render re-renders the pages a browser shows, so an edit is on
# screen within a second; aligncheck --watch keeps the status data current
# beside it (Hugo watches build/data as data) and stops with the server.
# --noHTTPCache: a page written twice in one second (the edit's rebuild, then
# the status data's) keeps its Last-Modified, so a browser reloading it was
# answered 304 and showed the first version (issue 11).
serve: signatories translation-status versions $(if $(SEARCH_SERVE_ON),search-serve-index) ## Build and serve the site on http://127.0.0.1:1313/ with live reload
	$(GO) build -o build/bin/aligncheck ./tools/aligncheck
	@build/bin/aligncheck --watch --format json --fail-on none -o $(STATUS_JSON) . & watcher=$$!; \
	  trap 'kill $$watcher 2>/dev/null || true' EXIT; \
	  $(HUGO) server --noHTTPCache --bind 127.0.0.1 --port $(SERVE_PORT) --panicOnWarning --printI18nWarnings --printPathWarnings

# The search index make serve serves: the pages are Hugo's server's (live),
# the index is of the site as it was when serve started. An edit is not
# re-indexed live: run this target again beside the server (Hugo then
# serves the new index) or restart make serve.
search-serve-index: node-deps
	$(HUGO) --quiet --panicOnWarning --cleanDestinationDir --destination $(CURDIR)/$(SEARCH_SERVE)/site
	rm -rf $(SEARCH_SERVE)/static/pagefind
	$(PAGEFIND) --site $(SEARCH_SERVE)/site --output-path $(SEARCH_SERVE)/static/pagefind --silent $(PAGEFIND_FLAGS)

# --cleanDestinationDir: public/ holds exactly this build, so a PDF (or page)
# removed since the last build is not published on.
# The search index comes after Hugo, whose --cleanDestinationDir would
# remove it (docs/search.md).
build: signatories translation-status versions pdf node-deps ## Production build into public/, with the PDFs and the search index
	$(HUGO) $(HUGO_FLAGS) --cleanDestinationDir --destination $(PUBLIC)
	rm -rf $(PUBLIC)/pagefind
	$(PAGEFIND) --site $(PUBLIC) --output-path $(PUBLIC)/pagefind --silent $(PAGEFIND_FLAGS)

pdf: pdf-deps ## The A4 handouts of every initiative into build/pdf/ (docs/pdf.md)
	$(GO) run ./tools/pdf -out $(PDF_OUT)

# -timeout 30m: the site tests build several sites (the generated
# 6,000-clause one for the search budget among them), and on a loaded
# 2-core machine they outgrow go test's default 10 minutes.
test: signatories translation-status versions browser-deps server-deps node-deps postgres-deps pdf ## Everything CI checks, on the site as `make build` makes it (PDFs included)
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt would change:"; gofmt -l .; exit 1; }
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 30m ./...
	@echo "screenshots of the browser tests: test-output/browser/"

# The kit as an adopter gets it (docs/adopting.md): concord new site from this
# checkout into a temporary folder, its make test offline, its side-by-side
# page in Chromium. Also part of `make test`.
kit: browser-deps ## A new site made with tools/concord, built offline and opened in the browser
	$(GO) test -count=1 -run 'TestNewSite|TestScript' ./tools/concord/

bench: ## Build times, page weight, the search index's size and time; endorsement intake on one core
	$(GO) test -run '^$$' -bench . -benchtime 5x ./sitetests/
	GOMAXPROCS=1 $(GO) test -run '^$$' -bench BenchmarkConfirmedSubmissions -benchtime 3000x ./internal/endorse/

# The endorsement service for local use (docs/endorsements.md): SQLite in
# build/endorse.db, each email an .eml file in build/mail/ (listed at
# /dev/outbox/), the signing key in build/endorse.key. The site shows the
# form when built with the endpoint: HUGO_PARAMS_ENDORSE_ENDPOINT=http://127.0.0.1:8470 make serve
ENDORSE_PORT ?= 8470
endorse: ## The endorsement service on http://127.0.0.1:8470/ (SQLite and mail folder in build/)
	$(GO) run ./tools/endorse serve --addr 127.0.0.1:$(ENDORSE_PORT) --db sqlite:build/endorse.db \
	  --mail-dir build/mail --key-file build/endorse.key --site . --site-url http://127.0.0.1:$(SERVE_PORT)

.PHONY: check translation-status

check: ## Translation alignment of every clause in every language (docs/aligncheck.md)
	$(GO) run ./tools/aligncheck .

# Generated into build/ (ignored by git), which hugo.toml mounts as data: a
# build never rewrites a tracked file.
STATUS_JSON := build/data/translation/status.json

translation-status: ## build/data/translation/status.json, the checker's report the site's status pages read
	$(GO) run ./tools/aligncheck --format json --fail-on none -o $(STATUS_JSON) .

.PHONY: versions

# Generated into build/ like the translation status: the version pages' data
# (build/data/versions/, mounted as data) and the downloads (build/versions/,
# mounted as static). docs/authoring.md, "Versions".
versions: ## Every initiative's versions: differences, downloads and the data of the version pages
	$(GO) run ./tools/versions .

.PHONY: signatories

signatories: ## Check data/signatories/*.toml; build, serve and test stop on a problem (docs/authoring.md, "Signatories")
	$(GO) run ./tools/signatories validate .

clean: ## Remove everything the build and the tests wrote
	rm -rf $(PUBLIC) resources/_gen .hugo_build.lock test-output $(PDF_OUT) build/data build/versions $(SEARCH_SERVE)

browser-deps:
	@scripts/ensure-debian-packages $(BROWSER_DEBS)

server-deps:
	@scripts/ensure-debian-packages $(SERVER_DEBS)

pdf-deps:
	@scripts/ensure-debian-packages $(PDF_DEBS)

postgres-deps:
	@scripts/ensure-debian-packages $(POSTGRES_DEBS)

node-deps: $(NODE_STAMP)

# npm ci writes node_modules/.package-lock.json, so this reruns only when
# node_modules is missing or older than the lockfile. --ignore-scripts: no
# package may download anything (Lighthouse uses Debian's Chromium through
# CHROME_PATH; none of the pinned packages needs an install script).
$(NODE_STAMP): package-lock.json package.json
	@command -v node >/dev/null && command -v npm >/dev/null || scripts/ensure-debian-packages $(NODE_DEBS)
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

audit: browser-deps node-deps ## Every quality gate on the built site, one summary line per gate
	@mkdir -p test-output
	@rm -f test-output/audit-summary.txt
	@status=0; AUDIT_SUMMARY=$(CURDIR)/test-output/audit-summary.txt $(GO) test -count=1 -timeout 20m ./qualitygates/ >test-output/audit.log 2>&1 || status=$$?; \
	  if [ $$status -ne 0 ]; then cat test-output/audit.log; echo; fi; \
	  cat test-output/audit-summary.txt 2>/dev/null || echo "audit: no summary written (the gates did not run; see test-output/audit.log)"; \
	  exit $$status
