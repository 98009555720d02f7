#!/usr/bin/env bash
# The tests that need a browser or node: JavaScript unit tests (node --test) and the pytest suites
# in tests/browser (HTML validity, accessibility, search), against the debug jianbao binary.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .build/debug/jianbao ] || swift build --product jianbao
if ls tests/js/*.test.mjs >/dev/null 2>&1; then node --test tests/js/; fi
export JIANBAO_BIN="${JIANBAO_BIN:-$(pwd)/.build/debug/jianbao}"
export PYTHONDONTWRITEBYTECODE=1
python3 -m pytest -q -p no:cacheprovider tests/browser
