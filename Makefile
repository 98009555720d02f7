# Jianbao (简报站) — every target installs what it needs on a fresh Debian machine.
SWIFT ?= swift
SOURCE ?= .
BIN_RELEASE = .build/release/jianbao
APT_PKGS = libcmark-gfm-dev libcmark-gfm-extensions-dev libmimalloc-dev

.PHONY: site test deps clean serve check bench fuzz release

## deps: install the C libraries (cmark-gfm) when missing
deps:
	@bash scripts/deps.sh $(APT_PKGS)

## release: build the jianbao CLI in release mode
release: deps
	@$(SWIFT) build -c release --product jianbao 2>&1 | grep -v '^\[' || true
	@test -x $(BIN_RELEASE) || { echo "错误: 构建 jianbao 失败" >&2; exit 1; }

## site: check and build the demo archive in content/ into public/
site: release
	@$(BIN_RELEASE) check --source $(SOURCE)
	@$(BIN_RELEASE) build --source $(SOURCE)

## serve: build and preview the site with live reload on 127.0.0.1:1313
serve: release
	@$(BIN_RELEASE) serve --source $(SOURCE)

## check: validate content without writing public/
check: release
	@$(BIN_RELEASE) check --source $(SOURCE)

## test: run every test (Swift suites, then JavaScript and headless-browser tests of the built site)
test: deps
	$(SWIFT) test
	@bash scripts/browser-deps.sh
	@bash scripts/test-browser.sh

## bench: build generated corpora of 1,000 and 10,000 issues and compare with Hugo
bench: release
	@bash scripts/bench.sh

## fuzz: run the property-based fuzz harness for a bounded time (FUZZ_SECONDS, default 300)
fuzz: deps
	@bash scripts/fuzz.sh

clean:
	rm -rf .build public .public.*
