"""sebrief serve's corpus page in a real browser (Debian's Chromium driven by Playwright): from
the editor of a dataset, through the navigation, a name typed and its rows across questions."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
pytest.importorskip("duckdb")

from sebrief.serve.app import Server  # noqa: E402
from tests.test_serve_browser import CHROMIUM, playwright_api, start  # noqa: E402
from tests.test_serve_corpus import STUDIES, make_corpus  # noqa: E402


def test_a_name_typed_shows_its_rows_across_questions(tmp_path: Path) -> None:
    make_corpus(tmp_path)
    server = Server(tmp_path / "datasets")
    server.corpus = tmp_path / "corpus.duckdb"
    server.open(tmp_path / "datasets" / STUDIES)
    with playwright_api.sync_playwright() as playwright, start(server) as running:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(running.url)
        playwright_api.expect(page.locator("#status")).to_have_text("Geldig: klaar om te bouwen", timeout=15000)
        page.screenshot(path=str(tmp_path / "editor-nav-1366.png"))
        box = page.locator("#download-xlsx").bounding_box()
        assert box is not None and box["x"] + box["width"] <= 1366  # the navigation leaves room for the rest
        page.locator("#nav-corpus").click()
        playwright_api.expect(page.locator("h1")).to_have_text("Een naam opzoeken in alle antwoorden")
        page.locator("#corpus-name").fill("fictief advies")
        page.locator("#corpus-name").press("Enter")
        rows = page.locator("#corpus-rows tbody tr")
        playwright_api.expect(rows).to_have_count(3, timeout=15000)
        playwright_api.expect(rows.nth(0)).to_contain_text("nr. 319 (2018-2019)")  # asked first
        playwright_api.expect(page.locator("#corpus-rows")).to_contain_text("€\xa096.800,00")
        playwright_api.expect(page.locator("#corpus-totals")).to_contain_text("€\xa048.000,00")
        page.screenshot(path=str(tmp_path / "corpus-1366.png"))
        page.locator("#corpus-rows").scroll_into_view_if_needed()
        page.screenshot(path=str(tmp_path / "corpus-rows-1366.png"))
        page.screenshot(path=str(tmp_path / "corpus-full-1366.png"), full_page=True)
        page.locator("#corpus-name").fill("Fictief Media")
        page.locator("#corpus-name").press("Enter")
        page.locator("#corpus-names a.add").first.click()  # a similar name added to the search
        playwright_api.expect(page.locator("#corpus-names .chip")).to_have_count(2, timeout=15000)
        playwright_api.expect(rows).to_have_count(4)  # 1 + 2 (its key takes both spellings) + 1
        browser.close()
    assert errors == []
    if os.environ.get("SEBRIEF_SCREENSHOTS"):
        for shot in tmp_path.glob("*.png"):
            shutil.copy(shot, os.environ["SEBRIEF_SCREENSHOTS"])
