"""sebrief serve in a real browser: Debian's Chromium driven by Playwright (never `playwright
install`). The server runs in a thread on 127.0.0.1 and a free port, on a copy of a dataset."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import BUNDLED

pytestmark = pytest.mark.slow
playwright_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    pytest.skip("Chromium is not installed (scripts/install-test-deps.sh installs it)", allow_module_level=True)

import uvicorn  # noqa: E402

from sebrief.serve.app import Server, create_app  # noqa: E402

TOKEN = "browser-test-token"
DRAFT_SOURCE = Path(__file__).parent / "fixtures" / "draft" / "no-table-refusal.txt"
STUDIES_HTML = Path(__file__).parent / "fixtures" / "draft" / "studies-2019-2021.html"


@dataclass
class Running:
    url: str
    server: Server


@contextlib.contextmanager
def start(server: Server) -> Iterator[Running]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(server, TOKEN, {f"127.0.0.1:{port}"})
    runner = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=runner.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not runner.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield Running(f"http://127.0.0.1:{port}/?token={TOKEN}", server)
    finally:
        runner.should_exit = True
        thread.join(timeout=20)
        server.close()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "sv-221-2017-2018"
    shutil.copytree(BUNDLED, target)
    return target


@pytest.fixture
def running(folder: Path) -> Iterator[Running]:
    server = Server(folder.parent)
    server.open(folder)
    with start(server) as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


def page_of(browser: object, size: tuple[int, int] = (1366, 768)) -> object:
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, accept_downloads=True)  # type: ignore[attr-defined]
    return context.new_page()


def preview_text(page: object) -> str:
    return page.frame_locator("#preview").locator("body").inner_text()  # type: ignore[attr-defined,no-any-return]


def test_a_field_changed_shows_its_problem_beside_it_then_the_preview_follows(
    browser: object, running: Running, folder: Path, tmp_path: Path
) -> None:
    page = page_of(browser)
    page.goto(running.url)
    status = page.locator("#status")
    playwright_api.expect(status).to_have_text("Geldig: klaar om te bouwen", timeout=15000)
    assert "token=" not in page.url  # the token left the address bar for a cookie
    title = page.locator("[data-key='metadata.title'] input")
    title.fill("Sociale economie - Ondersteuning")  # not in the source: a problem
    title.press("Tab")
    problem = page.locator("[data-key='metadata.title'] .field-problems")
    playwright_api.expect(problem).to_contain_text(
        "staat niet letterlijk in de brontekst; kopieer het exact", timeout=15000
    )
    playwright_api.expect(status).to_have_text("1 probleem")
    page.screenshot(path=str(tmp_path / "problem-1366.png"))

    title.fill("Sociale economie - Collectieve ondersteuning")
    title.press("Tab")
    playwright_api.expect(problem).to_have_text("", timeout=15000)
    plural = page.locator("[data-key='kinds[0].plural.nl'] input")
    page.locator("details.section[data-key='kinds'] > summary").click()
    plural.fill("Oproepen tot subsidie")
    plural.press("Tab")
    page.wait_for_function(
        "() => document.querySelector('#preview').contentDocument?.body?.innerText?.includes('Oproepen tot subsidie')",
        timeout=15000,
    )
    assert "plural:\n    nl: Oproepen tot subsidie" in (folder / "dataset.yaml").read_text(encoding="utf-8")


def test_a_range_pasted_from_excel_fills_the_cells(browser: object, running: Running, folder: Path) -> None:
    page = page_of(browser)
    page.goto(running.url)
    page.locator("button[data-tab=tables]").click()
    cell = page.locator("table.grid input[data-row='1'][data-column='note_nl']")
    cell.click()
    # What Excel puts on the clipboard for two rows of two cells
    page.evaluate(
        """() => {
        const data = new DataTransfer();
        data.setData('text/plain', 'Nagekeken.\\tChecked.\\r\\nNagekeken, twee.\\tChecked, two.\\r\\n');
        const paste = new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true});
        document.activeElement.dispatchEvent(paste);
    }"""
    )
    second = page.locator("table.grid input[data-row='2'][data-column='note_en']")
    playwright_api.expect(second).to_have_value("Checked, two.", timeout=15000)
    lines = (folder / "rows.csv").read_text(encoding="utf-8").splitlines()
    assert lines[2].startswith("R02,") and lines[2].endswith(",Nagekeken.,Checked.")
    assert lines[3].startswith("R03,") and lines[3].endswith(',"Nagekeken, twee.","Checked, two."')
    playwright_api.expect(page.locator("#status")).to_have_text("Geldig: klaar om te bouwen", timeout=15000)


def test_the_workbook_downloads_with_the_figures_of_the_answer(browser: object, running: Running) -> None:
    import openpyxl

    page = page_of(browser)
    page.goto(running.url)
    with page.expect_download(timeout=60000) as download:
        page.locator("#download-xlsx").click()
    data = Path(download.value.path()).read_bytes()
    assert download.value.suggested_filename == "sv-221-2017-2018.xlsx"
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    values = {cell.value for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row}
    # source.txt, lines 150-151: "275.342,98 euro" (the innovation call); line 311: "Pantarein 6.835 €"
    assert 275342.98 in values and 6835 in values


def test_an_edit_on_disk_is_followed_by_the_preview_and_the_form(
    browser: object, running: Running, folder: Path, tmp_path: Path
) -> None:
    for size in ((1366, 768), (1920, 1080)):
        page = page_of(browser, size)
        page.goto(running.url)
        playwright_api.expect(page.locator("#status")).to_have_text("Geldig: klaar om te bouwen", timeout=15000)
        page.screenshot(path=str(tmp_path / f"editor-{size[0]}.png"))
    path = folder / "dataset.yaml"
    text = path.read_text(encoding="utf-8")
    assert "    nl: Subsidieoproepen\n" in text
    path.write_text(text.replace("    nl: Subsidieoproepen\n", "    nl: Subsidierondes\n"), encoding="utf-8")
    page.wait_for_function(
        "() => document.querySelector('#preview').contentDocument?.body?.innerText?.includes('Subsidierondes')",
        timeout=15000,
    )
    playwright_api.expect(page.locator("[data-key='kinds[0].plural.nl'] input")).to_have_value(
        "Subsidierondes", timeout=15000
    )
    if os.environ.get("SEBRIEF_SCREENSHOTS"):
        for shot in tmp_path.glob("*.png"):
            shutil.copy(shot, os.environ["SEBRIEF_SCREENSHOTS"])


def test_a_published_question_is_drafted_and_opened(browser: object, tmp_path: Path) -> None:
    base = tmp_path / "work"
    base.mkdir()
    with start(Server(base)) as running:
        page = page_of(browser)
        page.goto(running.url)
        playwright_api.expect(page.locator("h1")).to_have_text("Maak een beleidsnota van een gepubliceerde vraag")
        page.screenshot(path=str(tmp_path / "start-1366.png"))
        page.locator("#draft-file").set_input_files(str(DRAFT_SOURCE))
        page.locator("#draft-folder").fill("mijn-vraag")
        page.locator("#draft-form button[type=submit]").click()
        playwright_api.expect(page.locator(".dataset-name")).to_have_text("mijn-vraag", timeout=30000)
        assert sorted(p.name for p in (base / "mijn-vraag").iterdir()) == ["dataset.yaml", "source.txt"]
        # what the draft leaves open is listed, as `sebrief validate` lists it
        playwright_api.expect(page.locator("#problem-list li").first).to_contain_text(
            "dataset.yaml, regel", timeout=15000
        )


def test_a_drafted_question_is_completed_and_built_in_the_browser(browser: object, tmp_path: Path) -> None:
    """The whole workflow: draft a published question, fill in what the draft leaves open, build."""
    import pdfplumber

    base = tmp_path / "work"
    base.mkdir()
    with start(Server(base)) as running:
        page = page_of(browser, (1920, 1080))
        page.goto(running.url)
        page.locator("#draft-file").set_input_files(str(DRAFT_SOURCE))
        page.locator("#draft-form button[type=submit]").click()
        status = page.locator("#status")
        playwright_api.expect(status).to_have_text("8 problemen", timeout=30000)

        def fill(key: str, value: str) -> None:
            field = page.locator(f"[data-key='{key}'] input, [data-key='{key}'] textarea, [data-key='{key}'] select")
            if field.first.evaluate("el => el.tagName") == "SELECT":
                field.first.select_option(value)
            else:
                field.first.fill(value)
                field.first.press("Tab")
            page.wait_for_function("() => !document.querySelector('#status').classList.contains('busy')")

        # Parts 3a and 3b: the draft leaves open whether X-3, which quotes answer 3, answers them too, as
        # the hint beside each says; it does (source: "a) Een afzonderlijke richtlijn is niet gepland",
        # "b) Er wordt geen bijkomend budget vrijgemaakt")
        hint = page.locator("[data-key='question.parts[2].subparts[0].answered_by'] .hint")
        playwright_api.expect(hint).to_contain_text("of schrijf [] als het antwoord erover zwijgt")  # in Dutch
        for key in ("parts[2].subparts[0]", "parts[2].subparts[1]"):
            fill(f"question.{key}.answered_by", "X-3")
        playwright_api.expect(status).to_have_text("6 problemen", timeout=15000)
        # Parts 1 and 2: the drafted text block X-1-2 holds the minister's refusal (source: "Ik kan haar
        # geen cijfers opvragen"); its status and basis are for a person, with a reason as it is not answered.
        # What the draft leaves open is shown open; the form offers a reason the draft did not write.
        playwright_api.expect(page.locator("[data-key='answer.blocks[0].id'] input")).to_have_value(
            "X-1-2", timeout=15000
        )
        playwright_api.expect(page.locator("[data-key='answer.blocks[0].answers[1].basis'] input")).to_be_visible()
        fill("answer.blocks[0].title.nl", "Cijfers over klachten")
        fill("answer.blocks[0].title.en", "Figures on complaints")
        for index in (0, 1):
            for key, value in (
                ("status", "not_answered"),
                ("basis", "stated"),
                ("reason.nl", "De minister vraagt de ombudsdienst geen cijfers."),
                ("reason.en", "The minister does not ask the ombudsman for figures."),
            ):
                fill(f"answer.blocks[0].answers[{index}].{key}", value)
        playwright_api.expect(status).to_have_text("2 problemen", timeout=15000)
        # Part 3: the drafted text block X-3 quotes the minister's measures, in the answer's words
        fill("answer.blocks[1].answers[0].status", "answered")
        fill("answer.blocks[1].answers[0].basis", "stated")
        playwright_api.expect(status).to_have_text("Geldig: klaar om te bouwen", timeout=15000)
        shown = "document.querySelector('#preview').contentDocument?.body?.innerText"
        page.wait_for_function(f"() => {shown}?.includes('Cijfers over klachten')", timeout=15000)
        page.screenshot(path=str(tmp_path / "completed-1920.png"))
        with page.expect_download(timeout=120000) as download:
            page.locator("#download-pdf").click()
        with pdfplumber.open(download.value.path()) as pdf:
            text = " ".join(sheet.extract_text() or "" for sheet in pdf.pages)
        assert "De minister vraagt de ombudsdienst geen cijfers." in " ".join(text.split())
        if os.environ.get("SEBRIEF_SCREENSHOTS"):
            shutil.copy(tmp_path / "completed-1920.png", os.environ["SEBRIEF_SCREENSHOTS"])


def test_text_selected_in_the_source_fills_the_verbatim_field(
    browser: object, running: Running, folder: Path, tmp_path: Path
) -> None:
    page = page_of(browser)
    page.goto(running.url)
    title = page.locator("[data-key='metadata.title'] input")
    title.click()
    page.locator("button[data-tab=source]").click()
    quoted = page.locator(".src-line.quoted").first
    playwright_api.expect(quoted).to_be_visible(timeout=15000)
    page.screenshot(path=str(tmp_path / "source-1366.png"))
    # source.txt, line 12: the title as the document prints it
    line = page.locator(".src-line", has=page.locator(".ln", has_text="12")).first
    assert line.locator(".tx").inner_text().startswith("Sociale economie")
    page.evaluate(
        """() => {
        const lines = [...document.querySelectorAll('.src-line')];
        const text = lines.find((l) => l.querySelector('.ln').textContent === '12');
        const range = document.createRange();
        range.selectNodeContents(text.querySelector('.tx'));
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        document.getElementById('source-holder').dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
    }"""
    )
    # the source writes two spaces around the dash: the field takes the text as selected, one line
    playwright_api.expect(title).to_have_value("Sociale economie  -  Collectieve ondersteuning", timeout=15000)
    saved = "title: Sociale economie  -  Collectieve ondersteuning"
    deadline = time.monotonic() + 15  # the dataset was valid before: wait for the save, not the status
    while saved not in (folder / "dataset.yaml").read_text(encoding="utf-8") and time.monotonic() < deadline:
        time.sleep(0.1)
    assert saved in (folder / "dataset.yaml").read_text(encoding="utf-8")
    page.wait_for_function("() => !document.querySelector('#status').classList.contains('busy')")
    playwright_api.expect(page.locator("#status")).to_have_text("Geldig: klaar om te bouwen", timeout=15000)
    # a quoted line leads to its field
    page.evaluate("window.getSelection().removeAllRanges()")
    line.click()
    playwright_api.expect(page.locator("#tab-form")).to_be_visible()
    playwright_api.expect(title).to_be_focused()


def test_a_quoted_line_of_a_table_leads_to_its_cell(browser: object, running: Running) -> None:
    page = page_of(browser)
    page.goto(running.url)
    page.locator("button[data-tab=source]").click()
    # source.txt, line 311: "Pantarein 6.835 €", the beneficiary and amount of the table's 16th row
    line = page.locator(".src-line.quoted", has=page.locator(".ln", has_text="311")).first
    playwright_api.expect(line).to_be_visible(timeout=15000)
    line.click()
    playwright_api.expect(page.locator("#tab-tables")).to_be_visible()
    focused = page.evaluate("[document.activeElement.dataset.row, document.activeElement.dataset.column]")
    assert focused[0] == "15" and focused[1] in ("beneficiary", "amount_text")


def test_a_published_pdf_is_drafted_completed_and_built_in_the_browser(browser: object, tmp_path: Path) -> None:
    """The issue's whole workflow on a fictional PDF with two tables: draft it, fill in what the
    draft leaves open (the kinds, in the form; the kind of each row, pasted as a column from
    Excel), watch the preview, download the workbook and the PDF and check their figures."""
    import openpyxl
    import pdfplumber
    from weasyprint import HTML

    source = tmp_path / "vraag.pdf"
    HTML(string=STUDIES_HTML.read_text(encoding="utf-8")).write_pdf(source)
    base = tmp_path / "work"
    base.mkdir()
    with start(Server(base)) as running:
        page = page_of(browser, (1920, 1080))
        page.goto(running.url)
        page.locator("#draft-file").set_input_files(str(source))
        page.locator("#draft-folder").fill("studies")
        page.locator("#draft-form button[type=submit]").click()
        status = page.locator("#status")
        playwright_api.expect(status).to_have_text("18 problemen", timeout=60000)

        def fill(key: str, value: str) -> None:
            field = page.locator(f"[data-key='{key}'] input, [data-key='{key}'] textarea, [data-key='{key}'] select")
            if field.first.evaluate("el => el.tagName") == "SELECT":
                field.first.select_option(value)
            else:
                field.first.fill(value)
                field.first.press("Tab")
            page.wait_for_function("() => !document.querySelector('#status').classList.contains('busy')")

        kinds = (
            ("study", "Studie", "Study", "Studies", "Studies"),
            ("research", "Onderzoeksopdracht", "Research assignment", "Onderzoeksopdrachten", "Research assignments"),
        )
        for index, (ident, nl, en, nl_plural, en_plural) in enumerate(kinds):
            for key, value in (
                ("id", ident),
                ("label.nl", nl),
                ("label.en", en),
                ("plural.nl", nl_plural),
                ("plural.en", en_plural),
                ("procurement", "true"),
            ):
                fill(f"kinds[{index}].{key}", value)
        fill("answer.blocks[0].title.en", "Policy studies")
        fill("answer.blocks[1].title.en", "Scientific research")
        # Parts 1 and 3: the drafted text blocks X-1 and X-3 quote the answer, in full (source: "In 2019 liet
        # het departement vijf studies uitvoeren"; "Verder worden er geen nieuwe studies voorbereid")
        for block in (2, 3):
            fill(f"answer.blocks[{block}].answers[0].status", "answered")
            fill(f"answer.blocks[{block}].answers[0].basis", "stated")
        # dataset.yaml is complete: now each row whose kind is empty is listed
        playwright_api.expect(page.locator("#problem-list")).to_contain_text("table-1.csv, regel 2", timeout=15000)
        page.locator("button[data-tab=tables]").click()
        for file, kind, rows in (("table-1.csv", "study", 6), ("table-2.csv", "research", 5)):
            page.locator(f"table.grid[data-file='{file}'] input[data-row='0'][data-column='kind']").click()
            page.evaluate(
                """(text) => {
                const data = new DataTransfer();
                data.setData('text/plain', text);
                const paste = new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true});
                document.activeElement.dispatchEvent(paste);
            }""",
                "\r\n".join([kind] * rows) + "\r\n",
            )
            last = page.locator(f"table.grid[data-file='{file}'] input[data-row='{rows - 1}'][data-column='kind']")
            playwright_api.expect(last).to_have_value(kind, timeout=15000)
        playwright_api.expect(status).to_have_text("Geldig: klaar om te bouwen", timeout=15000)
        shown = "document.querySelector('#preview').contentDocument?.body?.innerText"
        page.wait_for_function(f"() => {shown}?.includes('Onderzoeksopdrachten')", timeout=15000)
        page.screenshot(path=str(tmp_path / "studies-1920.png"))

        with page.expect_download(timeout=60000) as download:
            page.locator("#download-xlsx").click()
        workbook = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
        values = {cell.value for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row}
        # the source: "48.279,50 euro" (line 60) and "Universiteit Hasselt 181.500 euro" (line 172)
        assert 48279.5 in values and 181500 in values
        with page.expect_download(timeout=180000) as download:
            page.locator("#download-pdf").click()
        with pdfplumber.open(download.value.path()) as pdf:
            text = " ".join(sheet.extract_text() or "" for sheet in pdf.pages)
        assert "48.279,50" in text and "181.500,00" in text
    if os.environ.get("SEBRIEF_SCREENSHOTS"):
        shutil.copy(tmp_path / "studies-1920.png", os.environ["SEBRIEF_SCREENSHOTS"])


def test_enter_in_the_grid_goes_down_as_in_excel(browser: object, running: Running, folder: Path) -> None:
    page = page_of(browser)
    page.goto(running.url)
    page.locator("button[data-tab=tables]").click()
    cell = page.locator("table.grid input[data-row='0'][data-column='note_nl']")
    cell.click()
    page.keyboard.press("Enter")
    below = page.evaluate("[document.activeElement.dataset.row, document.activeElement.dataset.column]")
    assert below == ["1", "note_nl"]
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.dataset.row") == "0"
