# Concord: `make serve` to read the site locally, `make test` for everything CI
# checks. Every Hugo call goes through `go tool hugo`, the version pinned in
# go.mod. Targets that need Debian packages install them when missing (as
# root) or stop with the one command to run.

SHELL       := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
GO          ?= go
HUGO        := $(GO) tool hugo
HUGO_FLAGS  := --gc --minify --panicOnWarning --printI18nWarnings --printPathWarnings
PUBLIC      := public
# Debian packages the browser tests need: Chromium, and fonts with Han
# characters so screenshots show text rather than boxes.
BROWSER_DEBS := chromium fonts-noto-cjk

.PHONY: serve build test bench clean browser-deps

serve: ## Build and serve the site on http://127.0.0.1:1313/ with live reload
	$(HUGO) server --bind 127.0.0.1 --port 1313 --panicOnWarning --printI18nWarnings --printPathWarnings --disableFastRender

build: ## Production build into public/
	$(HUGO) $(HUGO_FLAGS) --destination $(PUBLIC)

test: browser-deps ## Everything CI checks
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt would change:"; gofmt -l .; exit 1; }
	$(GO) vet ./...
	$(GO) test -count=1 ./...
	@echo "screenshots of the browser tests: test-output/browser/"

bench: ## Build times and page weight
	$(GO) test -run '^$$' -bench . -benchtime 5x ./sitetests/

clean: ## Remove everything the build and the tests wrote
	rm -rf $(PUBLIC) resources/_gen .hugo_build.lock test-output

browser-deps:
	@scripts/ensure-debian-packages $(BROWSER_DEBS)
