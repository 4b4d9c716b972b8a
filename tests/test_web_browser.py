"""The web pages in a real browser: Debian's chromium driven by selenium, against the app
served by uvicorn on a free local port. Skipped where chromium or chromedriver is missing,
failed instead under CHRONIST_REQUIRE_BROWSER=1 (as in CI, whose .ci/run installs them).

Screenshots of the main pages go to $CHRONIST_SCREENSHOTS (default: the test's temporary
folder) and are checked to have rendered (not blank)."""

from __future__ import annotations

import csv
import io
import os
import shutil
import socket
import threading
import time
import urllib.request
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")
webdriver = pytest.importorskip("selenium.webdriver")

from chronist.web import create_app  # noqa: E402

from .web_fixtures import build_store  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")


def _browser_missing(reason: str) -> None:
    if os.environ.get("CHRONIST_REQUIRE_BROWSER") == "1":
        pytest.fail(f"a browser is required (CHRONIST_REQUIRE_BROWSER=1) but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, analysed_records: list[dict]) -> Iterator[str]:
    import uvicorn

    folder = tmp_path_factory.mktemp("browser")
    db = str(folder / "web.db")
    build_store(db, analysed_records, folder)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline:
            pytest.fail("the server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM or not DRIVER:
        _browser_missing("chromium or chromedriver is not installed")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--window-size=1400,1000", "--disable-gpu"):  # fmt: skip
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    try:
        driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    except Exception as exc:  # a driver that cannot start is a missing browser
        _browser_missing(f"chromium could not start ({type(exc).__name__}: {exc})")
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def _console_errors(driver: object) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def _by(kind: str) -> str:
    from selenium.webdriver.common.by import By

    return getattr(By, kind)


def test_search_to_article_to_an_events_evidence(server: str, browser: object) -> None:
    d = browser
    d.get(f"{server}/search")
    box = d.find_element(_by("ID"), "q")
    box.send_keys("Aleppo Syria cooperation")
    box.submit()
    hits = d.find_elements(_by("CSS_SELECTOR"), "a.hit-title")
    assert hits, "no results"
    assert d.find_elements(_by("CSS_SELECTOR"), ".snippet mark")
    hits[0].click()
    assert "/articles/" in d.current_url
    trigger = d.find_element(_by("CSS_SELECTOR"), ".body a.hl.event")
    anchor = trigger.get_attribute("href").split("#", 1)[1]
    record = d.find_element(_by("ID"), anchor)
    assert not record.is_displayed()  # records open on demand
    trigger.click()
    assert record.is_displayed()
    assert "Sentence" in record.text and "Reported by" in record.text
    assert not _console_errors(d)


def test_a_facet_narrows_the_results(server: str, browser: object) -> None:
    d = browser
    d.get(f"{server}/search")
    before = int(d.find_element(_by("ID"), "results-h").text.split()[0].replace(",", ""))
    facet = d.find_element(_by("CSS_SELECTOR"), 'section[data-facet="outlet"] li a')
    expected = int(facet.find_element(_by("XPATH"), "..").find_element(
        _by("CSS_SELECTOR"), ".count").text)  # fmt: skip
    facet.click()
    after = int(d.find_element(_by("ID"), "results-h").text.split()[0].replace(",", ""))
    assert after == expected < before
    assert "outlet=" in d.current_url


def test_a_download_returns_the_filtered_rows(server: str, browser: object) -> None:
    d = browser
    d.get(f"{server}/events?type=AGREE")
    link = d.find_element(_by("LINK_TEXT"), "CSV").get_attribute("href")
    with urllib.request.urlopen(link, timeout=30) as answer:
        assert answer.headers["Content-Disposition"].startswith("attachment")
        rows = list(csv.DictReader(io.StringIO(answer.read().decode("utf-8"))))
    shown = int(d.find_element(_by("TAG_NAME"), "h2").text.split()[0].replace(",", ""))
    assert len(rows) == shown >= 1
    assert {r["type"] for r in rows} == {"AGREE"}


def test_keyboard_reaches_every_control(server: str, browser: object) -> None:
    from selenium.webdriver.common.keys import Keys

    d = browser
    for page in ("/search?q=Aleppo", "/events"):
        d.get(server + page)
        controls = d.execute_script(
            "return Array.from(document.querySelectorAll("
            "'a[href], input:not([type=hidden]), select, button'))"
            ".filter(e => e.offsetParent !== null);"
        )
        reached = set()
        body = d.find_element(_by("TAG_NAME"), "body")
        body.send_keys(Keys.TAB)
        for _ in range(len(controls) + 5):
            reached.add(d.switch_to.active_element.id)
            d.switch_to.active_element.send_keys(Keys.TAB)
        missing = [c.get_attribute("outerHTML")[:80] for c in controls if c.id not in reached]
        assert not missing, (page, missing)


def test_main_pages_render_without_console_errors(
    server: str, browser: object, tmp_path: Path
) -> None:
    d = browser
    out = Path(os.environ.get("CHRONIST_SCREENSHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    d.get(f"{server}/api/stories")
    seeds = [s for s in _json(d)["items"] if "Sputnik" in s["by_outlet"]][0]["id"]
    d.get(f"{server}/api/articles?q=Aleppo+cooperation")
    article = _json(d)["items"][0]["id"]
    pages = {
        "overview": "/?q1=Aleppo&q2=Kerry&dyad=USA-RUS&by=month",
        "search": "/search?q=Aleppo",
        "article": f"/articles/{article}#ev-E2",
        "events": "/events",
        "actor": "/actor?name=John+Kerry",
        "story": f"/stories/{seeds}",
        "docs": "/docs",
    }
    for name, page in pages.items():
        d.get(server + page)
        assert d.find_element(_by("TAG_NAME"), "h1").text.strip(), name
        assert not _console_errors(d), (name, _console_errors(d))
        png = d.get_screenshot_as_png()
        (out / f"{name}.png").write_bytes(png)
        assert _colours(png) > 8, f"{name} rendered blank"


def _json(driver: object) -> dict:
    import json

    return json.loads(driver.find_element(_by("TAG_NAME"), "body").text)


def _colours(png: bytes) -> int:
    """How many distinct pixel values the first rows of a PNG hold (a blank page: one)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, data, width = 8, b"", 0
    while pos < len(png):
        length = int.from_bytes(png[pos : pos + 4], "big")
        kind = png[pos + 4 : pos + 8]
        chunk = png[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width = int.from_bytes(chunk[:4], "big")
            channels = {2: 3, 6: 4}.get(chunk[9], 3)
        elif kind == b"IDAT":
            data += chunk
        pos += 12 + length
    raw = zlib.decompress(data)
    stride = width * channels + 1
    rows = raw[: stride * 400]
    # filter bytes make exact pixels hard to read back; distinct byte triples still tell a
    # blank page (a few values) from a rendered one (many)
    return len({rows[i : i + 3] for i in range(0, len(rows) - 3, 3)})
