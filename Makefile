# Concord: `make serve` to read the site locally, `make test` for everything CI
# checks. Every Hugo call goes through `go tool hugo`, the version pinned in
# go.mod. Targets that need Debian packages install them when missing (as
# root) or stop with the one command to run.

SHELL       := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
GO          ?= go
# Hugo allocates heavily and a site build is short-lived: collecting garbage
# less often (GOGC=400, about 1.4 GB at 6,000 clauses) cuts a fifth of its CPU.
HUGO        := GOGC=400 $(GO) tool hugo
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
NODE_STAMP   := node_modules/.package-lock.json

.PHONY: serve build test bench clean browser-deps server-deps node-deps audit pdf pdf-deps

# make serve SERVE_PORT=… picks another port (the serve test does).
SERVE_PORT  ?= 1313

# Hugo's fast render re-renders the pages a browser shows, so an edit is on
# screen within a second; aligncheck --watch keeps the status data current
# beside it (Hugo watches build/data as data) and stops with the server.
serve: signatories translation-status versions ## Build and serve the site on http://127.0.0.1:1313/ with live reload
	$(GO) build -o build/bin/aligncheck ./tools/aligncheck
	@build/bin/aligncheck --watch --format json --fail-on none -o $(STATUS_JSON) . & watcher=$$!; \
	  trap 'kill $$watcher 2>/dev/null || true' EXIT; \
	  $(HUGO) server --bind 127.0.0.1 --port $(SERVE_PORT) --panicOnWarning --printI18nWarnings --printPathWarnings

# --cleanDestinationDir: public/ holds exactly this build, so a PDF (or page)
# removed since the last build is not published on.
build: signatories translation-status versions pdf ## Production build into public/, with the PDFs
	$(HUGO) $(HUGO_FLAGS) --cleanDestinationDir --destination $(PUBLIC)

pdf: pdf-deps ## The A4 handouts of every initiative into build/pdf/ (docs/pdf.md)
	$(GO) run ./tools/pdf -out $(PDF_OUT)

test: signatories translation-status versions browser-deps server-deps node-deps pdf ## Everything CI checks, on the site as `make build` makes it (PDFs included)
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt would change:"; gofmt -l .; exit 1; }
	$(GO) vet ./...
	$(GO) test -count=1 ./...
	@echo "screenshots of the browser tests: test-output/browser/"

bench: ## Build times and page weight
	$(GO) test -run '^$$' -bench . -benchtime 5x ./sitetests/

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
	rm -rf $(PUBLIC) resources/_gen .hugo_build.lock test-output $(PDF_OUT) build/data build/versions

browser-deps:
	@scripts/ensure-debian-packages $(BROWSER_DEBS)

server-deps:
	@scripts/ensure-debian-packages $(SERVER_DEBS)

pdf-deps:
	@scripts/ensure-debian-packages $(PDF_DEBS)

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
