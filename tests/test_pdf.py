"""The PDF brief: its HTML (snapshot, escaping, templates), and the PDF read back as a reader would.

The PDF tests (marked slow) render the brief with WeasyPrint and read the result with poppler
and qpdf: the text layer, the embedded files, the fonts, the bookmarks, PDF/A metadata and
byte-for-byte reproducibility. HTML snapshot: ``SEBRIEF_UPDATE_SNAPSHOTS=1 pytest tests/test_pdf.py``.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import json
import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner

from sebrief.analysis import analyse
from sebrief.brief import Brief
from sebrief.cli import main
from sebrief.i18n import Translator
from sebrief.model import Dataset
from sebrief.render import Attachment
from sebrief.render.pdf import TemplateError, render_html, render_pdf
from sebrief.render.pdf.charts import beneficiary_chart, timeline_chart
from sebrief.render.pdf.context import counter_parts
from sebrief.render.pdf.labels import labels
from sebrief.resources import templates_dir

# WeasyPrint warns on import when the HarfBuzz subsetter library is missing (it then subsets
# fonts with fontTools, which is slower); that is about the machine, not about sebrief. WeasyPrint
# is imported only inside the tests (sebrief imports it lazily), so this filter covers it.
pytestmark = pytest.mark.filterwarnings("ignore:HarfBuzz-Subset will be required:DeprecationWarning")

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT = ROOT / "tests" / "snapshots" / "brief.nl.html"
CATALOG = ROOT / "src" / "sebrief" / "locale" / "nl" / "LC_MESSAGES" / "pdf.po"
TIMESTAMP = dt.datetime(2018, 1, 19, tzinfo=dt.UTC)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HOSTILE = (
    "<script>alert('x')</script> <img src=file:///etc/passwd> "
    "<link rel=attachment href=file:///etc/passwd> <a rel=attachment href=file:///etc/hostname>x</a>"
)
# WeasyPrint warns once per font when the HarfBuzz subsetter is missing and fontTools is used;
# that depends on the machine, not on the brief.
HARMLESS_LOG = ("Using fontTools instead of HarfBuzz-Subset",)


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (apt-get install poppler-utils qpdf)")
    return path


def run(*args: str, stdin: bytes | None = None) -> str:
    result = subprocess.run([tool(args[0]), *args[1:]], input=stdin, capture_output=True, check=False, timeout=300)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    return result.stdout.decode("utf-8", errors="replace")


def flat(text: str) -> str:
    return " ".join(text.split())


def attachments() -> tuple[Attachment, ...]:
    return (
        Attachment("sv-221-2017-2018.xlsx", b"PK\x03\x04" + bytes(range(256)) * 4, "Workbook", XLSX),
        Attachment("sv-221-2017-2018.json", '{"id": "sv-221", "naam": "ë"}\n'.encode(), "Dataset", "application/json",
                   relationship="Source"),
    )  # fmt: skip


def hostile_brief(brief: Brief) -> Brief:
    rows = tuple(dataclasses.replace(row, description=HOSTILE) if row.id == "R03" else row for row in brief.rows)
    return dataclasses.replace(brief, rows=rows)


def without_chart_data(html: str) -> str:
    """The HTML with the charts' SVG payloads left out: they are checked on their own."""
    return re.sub(r"data:image/svg\+xml;base64,[A-Za-z0-9+/=]+", "data:image/svg+xml;base64,…", html)


@pytest.fixture(scope="module")
def briefs(dataset: Dataset) -> dict[str, Brief]:
    return {lang: analyse(dataset, lang) for lang in ("nl", "en")}


@pytest.fixture(scope="module")
def brief(briefs: dict[str, Brief]) -> Brief:
    return briefs["nl"]


@pytest.fixture
def user_templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "_footer.html").write_text('<p class="running-footer-note">Eigen voettekst van de dienst</p>\n')
    return folder


# --- HTML ----------------------------------------------------------------------------------


def test_html_snapshot(brief: Brief) -> None:
    html = without_chart_data(render_html(brief))
    if os.environ.get("SEBRIEF_UPDATE_SNAPSHOTS"):
        SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
        SNAPSHOT.write_text(html, encoding="utf-8")
    assert SNAPSHOT.exists(), "no snapshot yet: run with SEBRIEF_UPDATE_SNAPSHOTS=1"
    assert html == SNAPSHOT.read_text(encoding="utf-8"), "HTML changed: review, then SEBRIEF_UPDATE_SNAPSHOTS=1"


def test_html_is_dutch_with_metadata(brief: Brief) -> None:
    html = render_html(brief)
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="nl">' in html
    for name in ("description", "author", "keywords", "generator"):
        assert f'<meta name="{name}"' in html
    assert "dcterms.created" not in html  # only the PDF carries a date
    assert '>pagina <span class="counter-page"></span> van <span class="counter-pages">' in html
    assert "Vraag 1: " in html and "Kernpunten" in html
    assert Translator("nl").money(Decimal("275342.98")) in html and "19 januari 2018" in html


def test_english_labels(briefs: dict[str, Brief]) -> None:
    html = render_html(briefs["en"])
    assert '<html lang="en">' in html
    assert "Question 1: " in html and "Sources and method" in html
    assert '>page <span class="counter-page"></span> of <span class="counter-pages">' in html
    assert "Vraag 1: " not in html and "Bronnen en methode" not in html
    # quotes from the source stay Dutch and say so
    assert '<blockquote lang="nl">' in html


def test_text_from_the_dataset_is_escaped(brief: Brief) -> None:
    html = render_html(hostile_brief(brief))
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "<script" not in html and "<img src=file" not in html and "<link rel=attachment" not in html


def test_every_section_is_in_the_html(brief: Brief) -> None:
    html = render_html(brief)
    for anchor in ("key-points", "question-1", "question-2", "signals", "follow-up", "method", "matrix", "timeline"):
        assert f'id="{anchor}"' in html and f'href="#{anchor}"' in html
    for group in brief.question1.groups:
        assert f'id="group-{group.group_id}"' in html
    for row in brief.rows:
        assert f'id="row-{row.id}"' in html
    assert html.count('<li value="') >= len(brief.follow_up)


def test_user_template_is_searched_first(brief: Brief, user_templates: Path) -> None:
    (user_templates / "brief.css").write_text("body { color: #123456; }\n")
    html = render_html(brief, template_dir=user_templates)
    assert "Eigen voettekst van de dienst" in html
    assert "#123456" in html and "@page" not in html  # the user's stylesheet replaces the built-in one
    assert "Kernpunten" in html  # the other partials still come from the built-ins


def test_broken_user_template_is_a_clear_error(brief: Brief, user_templates: Path) -> None:
    (user_templates / "_title.html").write_text("{% if %}\n")
    with pytest.raises(TemplateError, match=r"_title\.html, line 1"):
        render_html(brief, template_dir=user_templates)
    (user_templates / "_title.html").write_text("{{ no_such_value }}\n")
    with pytest.raises(TemplateError, match="no_such_value"):
        render_html(brief, template_dir=user_templates)


def test_page_number_parts() -> None:
    assert counter_parts("pagina {page} van {pages}") == (
        ("text", "pagina "), ("counter", "page"), ("text", " van "), ("counter", "pages"))  # fmt: skip
    assert counter_parts("{page}/{pages}") == (("counter", "page"), ("text", "/"), ("counter", "pages"))


def test_charts_are_deterministic_vector_graphics(brief: Brief) -> None:
    t = Translator("nl")
    text = labels(brief, t)
    first = (
        beneficiary_chart(brief.totals.per_beneficiary, t, text),
        timeline_chart(brief.rows, brief.timeline, t, text),
    )
    second = (
        beneficiary_chart(brief.totals.per_beneficiary, t, text),
        timeline_chart(brief.rows, brief.timeline, t, text),
    )
    assert first == second

    svg = base64.b64decode(first[0].split(",", 1)[1]).decode()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "<dc:date>" not in svg
    assert "275.342,98" in svg and "DejaVu Sans" in svg  # text stays text, in the font matplotlib measured


def test_every_pdf_label_is_translated() -> None:
    with CATALOG.open("rb") as handle:
        catalog = read_po(handle)
    messages = [message for message in catalog if message.id]
    assert messages
    for message in messages:
        assert message.string, f"untranslated: {message.id!r}"
        placeholders = set(re.findall(r"\{\w+\}", str(message.id)))
        assert set(re.findall(r"\{\w+\}", str(message.string))) == placeholders, message.id


# --- the fetcher: templates and data: URIs only --------------------------------------------


def test_fetcher_serves_template_files_and_data_uris(tmp_path: Path, user_templates: Path) -> None:
    from sebrief.render.pdf.fetcher import TemplateFetcher

    fetcher = TemplateFetcher([user_templates, templates_dir()])
    assert fetcher.fetch(fetcher.base_url + "_footer.html").read().startswith(b"<p")
    css = fetcher.fetch(fetcher.base_url + "brief.css")  # not in the user's folder: the built-in one
    assert css.content_type == "text/css" and b"@page" in css.read()
    assert fetcher.fetch("data:text/plain;base64,aGFsbG8=").read() == b"hallo"


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "http://example.invalid/x.css", "https://example.invalid/", "ftp://example.invalid/x",
     "{base}../../etc/passwd", "{base}missing.css", "{base}link/secret.txt"],
)  # fmt: skip
def test_fetcher_refuses_everything_else(url: str, tmp_path: Path, user_templates: Path) -> None:
    from sebrief.render.pdf.fetcher import ResourceRefused, TemplateFetcher

    (tmp_path / "secret.txt").write_text("secret")
    (user_templates / "link").symlink_to(tmp_path)
    fetcher = TemplateFetcher([user_templates])
    with pytest.raises(ResourceRefused):
        fetcher.fetch(url.format(base=fetcher.base_url))


# --- the PDF -------------------------------------------------------------------------------


class Recorder(logging.Handler):
    def __init__(self, level: int) -> None:
        super().__init__(level)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(scope="module")
def weasyprint_log() -> Iterator[list[logging.LogRecord]]:
    """Everything WeasyPrint logs at WARNING or above while the module's PDFs are made."""
    handler = Recorder(logging.WARNING)
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    yield handler.records
    logger.removeHandler(handler)


@pytest.fixture(scope="module")
def pdfs(briefs: dict[str, Brief], weasyprint_log: list[logging.LogRecord]) -> dict[str, bytes]:
    return {lang: render_pdf(brief, attachments=attachments(), timestamp=TIMESTAMP) for lang, brief in briefs.items()}


@pytest.fixture(scope="module")
def pdf(pdfs: dict[str, bytes]) -> bytes:
    return pdfs["nl"]


@pytest.fixture(scope="module")
def pdf_path(pdf: bytes, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "brief.pdf"
    path.write_bytes(pdf)
    return path


@pytest.fixture(scope="module")
def pages(pdf_path: Path) -> list[str]:
    """The text layer, page by page."""
    return run("pdftotext", "-layout", str(pdf_path), "-").split("\f")[:-1]


@pytest.mark.slow
def test_text_layer_answers_every_part(pages: list[str], brief: Brief) -> None:
    text = flat(" ".join(pages))
    for group in brief.question1.groups:
        assert flat(group.title) in text
        for sub in group.sub_actions:
            assert sub.sub_action_id in text
    assert "Vraag 2: de oproepen en overheidsopdrachten" in text
    for marker in ("(2a)", "(2b)", "(2c)", "(2d)"):
        assert marker in text
    for part in brief.coverage:
        assert re.search(rf"\b{part.part_id}\b", text)


@pytest.mark.slow
def test_text_layer_has_every_awarded_amount_the_belgian_way(pages: list[str], brief: Brief) -> None:
    text = " ".join(pages)
    t = Translator("nl")
    amounts = [row.amount for row in brief.rows if row.amount is not None]
    assert len(amounts) == 15
    for amount in amounts:
        assert t.number(amount) in text, amount
    for figure in ("275.342,98", "29.440,00", "9.835,60", "6.835,00", "350.371,57"):
        assert figure in text
    assert "19 januari 2018" in text


@pytest.mark.slow
def test_page_x_of_y_and_running_header(pages: list[str], brief: Brief) -> None:
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        assert f"pagina {number} van {total}" in page
        if number > 1:
            assert brief.header.reference in page


@pytest.mark.slow
def test_table_of_contents_gives_the_right_pages(pages: list[str]) -> None:
    contents = next(page for page in pages if "Inhoud" in page and "...." in page)
    for title in ("Vraag 2: de oproepen en overheidsopdrachten", "Aandachtspunten", "Bronnen en methode"):
        match = re.search(re.escape(title) + r"\s*\.+\s*(\d+)", contents)
        assert match, title
        top_of_page = "\n".join(pages[int(match.group(1)) - 1].splitlines()[:6])
        assert title in top_of_page, title


@pytest.mark.slow
def test_attachments_come_back_byte_for_byte(pdf_path: Path, tmp_path: Path) -> None:
    listing = run("pdfdetach", "-list", str(pdf_path))
    assert listing.splitlines()[0] == "2 embedded files"
    run("pdfdetach", "-saveall", "-o", str(tmp_path), str(pdf_path))
    for attachment in attachments():
        assert (tmp_path / attachment.filename).read_bytes() == attachment.data


@pytest.mark.slow
def test_qpdf_check_passes(pdf_path: Path) -> None:
    assert "No syntax or stream encoding errors found" in run("qpdf", "--check", str(pdf_path))


@pytest.mark.slow
def test_every_font_is_embedded(pdf_path: Path) -> None:
    rows = run("pdffonts", str(pdf_path)).splitlines()[2:]
    assert rows
    for row in rows:
        emb = re.search(r"\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", row)
        assert emb and emb.group(1) == "yes", row


@pytest.mark.slow
def test_pdfa_metadata_and_tags(pdf_path: Path, brief: Brief) -> None:
    info = run("pdfinfo", str(pdf_path))
    assert re.search(r"Title:\s+Schriftelijke vraag nr. 221 \(2017-2018\): Sociale economie", info)
    assert re.search(r"Subject:\s+Beleidsnota", info)
    assert re.search(r"Author:\s+sebrief", info)
    assert re.search(r"Keywords:\s+.*Rob Beenders", info)
    assert re.search(r"Tagged:\s+yes", info)
    assert re.search(r"Page size:\s+595.\d+ x 841.\d+ pts \(A4\)", info)
    assert re.search(r"CreationDate:\s+Fri Jan 19 00:00:00 2018 UTC", info)
    meta = run("pdfinfo", "-meta", str(pdf_path))
    assert 'pdfaid:part="3"' in meta and 'pdfaid:conformance="A"' in meta
    assert "<xmp:CreateDate>2018-01-19T00:00:00Z</xmp:CreateDate>" in meta


@pytest.mark.slow
def test_tagged_structure_follows_the_html(pdf_path: Path) -> None:
    """PDF/A-3a needs a logical structure: real headings, lists, tables with header cells, figures."""
    tags = {
        line.split()[0].rstrip(":") for line in run("pdfinfo", "-struct", str(pdf_path)).splitlines() if line.strip()
    }
    assert {
        "Document",
        "H2",
        "H3",
        "P",
        "L",
        "LI",
        "Table",
        "THead",
        "TH",
        "TD",
        "Figure",
        "BlockQuote",
        "Link",
    } <= tags


@pytest.mark.slow
def test_bookmarks_follow_the_headings(pdf_path: Path, brief: Brief) -> None:
    outlines = json.loads(run("qpdf", "--json", "--json-key=outlines", str(pdf_path)))["outlines"]
    titles = [item["title"] for item in outlines]
    assert titles[:2] == ["Kernpunten", "Inhoud"]
    assert "Vervolgvragen" in titles and "Bronnen en methode" in titles
    question1 = next(item for item in outlines if item["title"].startswith("Vraag 1"))
    assert [kid["title"] for kid in question1["kids"]][:5] == [group.title for group in brief.question1.groups]


@pytest.mark.slow
def test_same_brief_gives_the_same_bytes(pdf: bytes, brief: Brief) -> None:
    assert render_pdf(brief, attachments=attachments(), timestamp=TIMESTAMP) == pdf


@pytest.mark.slow
def test_english_pdf(pdfs: dict[str, bytes], tmp_path: Path) -> None:
    path = tmp_path / "brief.en.pdf"
    path.write_bytes(pdfs["en"])
    text = run("pdftotext", "-layout", str(path), "-")
    assert "page 1 of " in text and "Question 2: the calls and public contracts" in text
    assert "pagina 1 van" not in text


@pytest.mark.slow
def test_hostile_text_prints_as_text_and_embeds_nothing(brief: Brief, tmp_path: Path) -> None:
    path = tmp_path / "hostile.pdf"
    path.write_bytes(render_pdf(hostile_brief(brief), attachments=attachments(), timestamp=TIMESTAMP))
    text = flat(run("pdftotext", "-raw", str(path), "-"))
    assert "<script>alert('x')</script>" in text
    assert "file:///etc/passwd" in text
    assert run("pdfdetach", "-list", str(path)).splitlines() == [
        "2 embedded files", "1: sv-221-2017-2018.json", "2: sv-221-2017-2018.xlsx"]  # fmt: skip


@pytest.mark.slow
def test_user_footer_in_the_pdf(brief: Brief, user_templates: Path, tmp_path: Path) -> None:
    path = tmp_path / "custom.pdf"
    path.write_bytes(render_pdf(brief, attachments=(), timestamp=TIMESTAMP, template_dir=user_templates))
    text = run("pdftotext", "-layout", str(path), "-")
    assert text.count("Eigen voettekst van de dienst") == text.count("\f")
    assert "Analyse gemaakt met sebrief" not in text


@pytest.mark.slow
def test_weasyprint_logged_no_problem(pdfs: dict[str, bytes], weasyprint_log: list[logging.LogRecord]) -> None:
    problems = [r.getMessage() for r in weasyprint_log if not r.getMessage().startswith(HARMLESS_LOG)]
    assert problems == []


# --- the commands --------------------------------------------------------------------------


def test_html_command(tmp_path: Path) -> None:
    target = tmp_path / "brief.html"
    result = CliRunner().invoke(main, ["html", "-o", str(target), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {target}\n"
    assert '<html lang="en">' in target.read_text(encoding="utf-8")


def test_html_command_reports_a_broken_template(tmp_path: Path, user_templates: Path) -> None:
    (user_templates / "brief.html").write_text("{% endif %}")
    result = CliRunner().invoke(main, ["html", "-o", str(tmp_path / "x.html"), "--template-dir", str(user_templates)])
    assert result.exit_code == 2
    assert "brief.html, line 1" in result.output
    assert not (tmp_path / "x.html").exists()


@pytest.mark.slow
def test_pdf_command_end_to_end(tmp_path: Path) -> None:
    """`sebrief pdf` twice in separate processes: same bytes, with the workbook and dataset inside."""
    pytest.importorskip("sebrief.render.xlsx")
    pytest.importorskip("sebrief.export.tabular")
    from sebrief.export.tabular import dataset_json_bytes
    from sebrief.load import load_dataset
    from sebrief.resources import bundled_dataset

    outputs = []
    for seed in ("1", "2"):
        target = tmp_path / f"brief-{seed}.pdf"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        env.pop("SOURCE_DATE_EPOCH", None)
        result = subprocess.run([sys.executable, "-m", "sebrief", "pdf", "-o", str(target)], env=env,
                                capture_output=True, text=True, timeout=600, check=False)  # fmt: skip
        assert result.returncode == 0, result.stderr
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
    run("pdfdetach", "-saveall", "-o", str(tmp_path), str(tmp_path / "brief-1.pdf"))
    assert (tmp_path / "sv-221-2017-2018.json").read_bytes() == dataset_json_bytes(load_dataset(bundled_dataset()))
    assert (tmp_path / "sv-221-2017-2018.xlsx").read_bytes()[:2] == b"PK"
