#!/usr/bin/env python3
"""Takes the screenshots shown in the README: an issue page on a desktop, on a phone, and page 1 of
its print-to-PDF; a department page. Needs chromium, chromium-driver, selenium, poppler-utils
(pdftoppm) and a CJK font (fonts-noto-cjk). Usage: scripts/screenshots.py [BIN]"""
import base64, functools, http.server, pathlib, shutil, subprocess, sys, tempfile, threading
from selenium import webdriver

ROOT = pathlib.Path(__file__).resolve().parents[1]
BIN = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / ".build" / "release" / "jianbao")
DOCS = ROOT / "docs" / "screenshots"
DOCS.mkdir(parents=True, exist_ok=True)

tmp = pathlib.Path(tempfile.mkdtemp())
subprocess.run([BIN, "build", "--source", str(ROOT), "--output", str(tmp / "www" / "jianbao")], check=True)
# The test fixture has a department with measures in two issues, and every chart kind in issue 149.
fixture = tmp / "fixture"
shutil.copytree(ROOT / "Tests" / "JianbaoCoreTests" / "Fixtures" / "mini", fixture)
shutil.copytree(ROOT / "templates", fixture / "templates")
subprocess.run([BIN, "build", "--source", str(fixture), "--output", str(tmp / "www" / "fixture" / "jianbao")], check=True)
handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp / "www"))
handler.log_message = lambda *a, **k: None
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
base = f"http://127.0.0.1:{server.server_address[1]}/jianbao/"

options = webdriver.ChromeOptions()
for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1"]:
    options.add_argument(arg)
options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
d = webdriver.Chrome(options=options, service=webdriver.ChromeService(shutil.which("chromedriver")))


def shot(url, name, width, height):
    d.set_window_size(width, height)
    d.get(url)
    full = d.execute_script("return document.documentElement.scrollHeight")
    d.set_window_size(width, min(full, height))
    d.save_screenshot(str(DOCS / name))
    print("wrote", DOCS / name)


shot(base + "ganzhou/2022/151/", "issue-desktop.png", 1280, 2200)
shot(base + "ganzhou/2022/151/", "issue-phone.png", 360, 1600)
shot(base.replace("/jianbao/", "/fixture/jianbao/") + "departments/shi-si-fa-ju/", "chart-department.png", 1280, 1600)
shot(base.replace("/jianbao/", "/fixture/jianbao/") + "ganzhou/2022/149/", "chart-issue.png", 1280, 3600)
shot(base, "home.png", 1280, 1400)
d.set_window_size(1280, 1000)
d.get(base + "ganzhou/2022/151/")
pdf = base64.b64decode(d.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})["data"])
(tmp / "issue.pdf").write_bytes(pdf)
subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(tmp / "issue.pdf"), str(DOCS / "issue-print")], check=True)
print("wrote", DOCS / "issue-print.png")
d.quit()
server.shutdown()
shutil.rmtree(tmp, ignore_errors=True)
