#!/usr/bin/env bash
# Search tests outside Swift: the JavaScript tokenizer/ranking tests (node's built-in runner) and the
# browser test (pytest + selenium + headless Chromium) against the mini fixture.
# Installs what is missing: chromium and chromium-driver (apt, as root), selenium and pytest (pip).
set -euo pipefail
cd "$(dirname "$0")/.."

command -v node >/dev/null || { echo "错误: 需要 node（20 或更高版本）" >&2; exit 1; }
echo "== JavaScript 测试 (node --test tests/js)"
node --test tests/js/

# Chromium and its driver.
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  bash scripts/deps.sh chromium chromium-driver
fi

# Python packages.
PY=${PYTHON:-python3}
export PYTHONDONTWRITEBYTECODE=1
if ! "$PY" -c 'import selenium, pytest' 2>/dev/null; then
  echo "安装 Python 包: selenium pytest" >&2
  "$PY" -m pip install -q selenium pytest 2>/dev/null \
    || "$PY" -m pip install -q --break-system-packages selenium pytest
fi

# The jianbao binary the browser test builds the site with.
if [ -z "${JIANBAO_BIN:-}" ]; then
  swift build --product jianbao 2>&1 | grep -E "error|warning: unre" || true
  JIANBAO_BIN="$(swift build --show-bin-path)/jianbao"
fi
[ -x "$JIANBAO_BIN" ] || { echo "错误: 找不到 jianbao 可执行文件: $JIANBAO_BIN" >&2; exit 1; }
export JIANBAO_BIN

echo "== 浏览器测试 (pytest tests/browser)"
"$PY" -m pytest -q -p no:cacheprovider tests/browser
