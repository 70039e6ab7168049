"""The PDF brief: its HTML (snapshot, sections, links, escaping, templates), and the PDF read back as a
reader would, for the bundled question and for each fictional dataset of another shape.

The PDF tests (marked slow) lay each brief out once with WeasyPrint (module-scoped fixtures) and read
the result with poppler and qpdf: the text layer, the embedded files, the fonts, the bookmarks, PDF/A
metadata and byte-for-byte reproducibility; the layout itself is checked for headings left at the foot
of a page, table rows split across pages and table headers not repeated.
HTML snapshot: ``SEBRIEF_UPDATE_SNAPSHOTS=1 pytest tests/test_pdf.py``.
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
from typing import Any

import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner

from sebrief.cli import main
from sebrief.engine.aggregates import other_groups
from sebrief.engine.brief import Brief, ChangeLine, Changes, FigureDelta, FiguresView, Label, TableView, TextView
from sebrief.i18n import Translator
from sebrief.pipeline import Prepared, attachments, prepare
from sebrief.reference import layout_rules
from sebrief.render import Attachment
from sebrief.render.pdf import TemplateError, render_html, render_pdf
from sebrief.render.pdf.charts import (
    beneficiary_drawings,
    charted_figures,
    data_uris,
    figures_drawings,
    timeline_drawings,
)
from sebrief.render.pdf.context import colours, counter_parts
from sebrief.render.pdf.html import html_for, template_folders
from sebrief.render.pdf.labels import labels
from sebrief.resources import templates_dir

# WeasyPrint warns on import when the HarfBuzz subsetter library is missing (it then subsets
# fonts with fontTools, which is slower); that is about the machine, not about sebrief.
pytestmark = pytest.mark.filterwarnings("ignore:HarfBuzz-Subset will be required:DeprecationWarning")

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data" / "sv-221-2017-2018"
FIXTURES = ROOT / "tests" / "fixtures" / "datasets"
STUDIES = FIXTURES / "fictional-studies-2021-2023"
TEXT_ONLY = FIXTURES / "fictional-text-only-2019-2020"
MATRIX = FIXTURES / "fictional-matrix-2022-2023"
DATASETS = (BUNDLED, STUDIES, TEXT_ONLY, MATRIX)
SNAPSHOT = ROOT / "tests" / "snapshots" / "brief.nl.html"
CATALOG = ROOT / "src" / "sebrief" / "locale" / "nl" / "LC_MESSAGES" / "pdf.po"
WORKBOOK = b"PK\x03\x04" + bytes(range(256)) * 4  # stands in for the workbook: the PDF only carries it
HOSTILE = (
    "<script>alert('x')</script> <img src=file:///etc/passwd> "
    "<link rel=attachment href=file:///etc/passwd> <a rel=attachment href=file:///etc/hostname>x</a>"
)
HARMLESS_LOG = ("Using fontTools instead of HarfBuzz-Subset",)

ANSWERED, PARTLY, NOT_ANSWERED = "Beantwoord", "Gedeeltelijk beantwoord", "Niet uitdrukkelijk beantwoord"
STATED, INFERRED, NOT_ADDRESSED = "Vermeld in het antwoord", "Afgeleid uit het antwoord", "Niet behandeld"
# Every part and subpart with its status and basis, as the source documents have them.
STATUSES = {
    BUNDLED.name: {
        "1": (PARTLY, INFERRED), "1a": (NOT_ANSWERED, INFERRED), "1b": (PARTLY, INFERRED),
        "1c": (NOT_ANSWERED, NOT_ADDRESSED), "2": (PARTLY, STATED), "2a": (ANSWERED, STATED),
        "2b": (PARTLY, STATED), "2c": (ANSWERED, STATED), "2d": (ANSWERED, STATED),
    },
    STUDIES.name: {
        "1": (ANSWERED, STATED), "2": (ANSWERED, STATED), **{f"2{x}": (ANSWERED, STATED) for x in "abcde"},
        "3": (NOT_ANSWERED, STATED), "4": (NOT_ANSWERED, NOT_ADDRESSED),
    },
    TEXT_ONLY.name: {"1": (NOT_ANSWERED, STATED), "2": (PARTLY, STATED), "3": (ANSWERED, STATED)},
    MATRIX.name: {"1": (ANSWERED, STATED), "2": (PARTLY, STATED)},
}  # fmt: skip
# Figures computed by hand from each source text, written the Belgian way.
FIGURES = {
    BUNDLED.name: ("315.342,98", "350.371,57", "275.342,98", "40.000,00", "29.440,00", "9.835,60", "6.835,00",
                   "423.949,60", "117.760,00", "19 januari 2018"),
    STUDIES.name: ("1.417.195,00", "431.304,50", "185.130,00", "289.129,50", "1.374.240,00", "1.200.000,00",
                   "35.695,00", "29.700,00", "29.800,00", "29.500,00", "29.950,00", "118.950,00", "14 februari 2024"),
    TEXT_ONLY.name: ("14,5", "4 december 2019"),
    MATRIX.name: ("412.350,00", "455.120,50", "281.460,00", "1.518.500,00", "1.625.471,50", "1.734.305,50",
                  "4.878.277,00", "1.204", "1.317", "1.389", "9 februari 2023"),
}  # fmt: skip
# Sums across kinds or VAT bases that the brief must never print.
NEVER = {
    BUNDLED.name: ("665.714,55",),  # subsidy calls (VAT not stated) + public contracts (excl. VAT)
    STUDIES.name: ("1.848.499,50",),  # the two kinds of study added up
}


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


def without_chart_data(html: str) -> str:
    """The HTML with the charts' SVG payloads left out: they are checked on their own."""
    return re.sub(r"data:image/svg\+xml;base64,[A-Za-z0-9+/=]+", "data:image/svg+xml;base64,…", html)


def hostile(brief: Brief) -> Brief:
    """The brief with dataset text that looks like markup: the summary of the first text passage."""
    block = next(b for b in brief.blocks if isinstance(b, TextView))
    points = (dataclasses.replace(block.points[0], summary=HOSTILE), *block.points[1:])
    changed = dataclasses.replace(block, points=points)
    return dataclasses.replace(brief, blocks=tuple(changed if b.id == block.id else b for b in brief.blocks))


@pytest.fixture(scope="module")
def prepared() -> dict[str, Prepared]:
    return {path.name: prepare(path) for path in DATASETS}


@pytest.fixture(scope="module")
def bundled(prepared: dict[str, Prepared]) -> Brief:
    return prepared[BUNDLED.name].brief


@pytest.fixture(scope="module")
def english() -> Prepared:
    return prepare(BUNDLED, "en")


@pytest.fixture(scope="module")
def html(prepared: dict[str, Prepared]) -> dict[str, str]:
    return {name: render_html(p.brief) for name, p in prepared.items()}


@pytest.fixture
def user_templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "_footer.html").write_text('<p class="running-footer-note">Eigen voettekst van de dienst</p>\n')
    return folder


# --- HTML ----------------------------------------------------------------------------------


def test_html_snapshot(html: dict[str, str]) -> None:
    page = without_chart_data(html[BUNDLED.name])
    if os.environ.get("SEBRIEF_UPDATE_SNAPSHOTS"):
        SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
        SNAPSHOT.write_text(page, encoding="utf-8")
    assert SNAPSHOT.exists(), "no snapshot yet: run with SEBRIEF_UPDATE_SNAPSHOTS=1"
    assert page == SNAPSHOT.read_text(encoding="utf-8"), "HTML changed: review, then SEBRIEF_UPDATE_SNAPSHOTS=1"


def test_html_is_dutch_with_metadata(html: dict[str, str]) -> None:
    page = html[BUNDLED.name]
    assert page.startswith("<!DOCTYPE html>") and '<html lang="nl">' in page
    for name in ("description", "author", "keywords", "generator"):
        assert f'<meta name="{name}"' in page
    assert "dcterms.created" not in page  # only the PDF carries a date
    assert '>pagina <span class="counter-page"></span> van <span class="counter-pages">' in page
    assert ">Vraag 1</h2>" in page and "Kernpunten" in page and "Inleiding van de vraag" in page
    assert "€\xa0315.342,98" in page and "19 januari 2018" in page


def test_english_labels(english: Prepared) -> None:
    page = render_html(english.brief)
    assert '<html lang="en">' in page
    assert ">Question 1</h2>" in page and "Sources and method" in page and "Partly answered" in page
    assert '>page <span class="counter-page"></span> of <span class="counter-pages">' in page
    assert ">Vraag 1</h2>" not in page and "Bronnen en methode" not in page
    # quotes from the source stay in its language and say so
    assert '<blockquote class="question-text" lang="nl">' in page and "(Dutch)" in page


@pytest.mark.parametrize("folder", DATASETS, ids=lambda p: p.name)
def test_one_section_per_part_in_the_questions_order(folder: Path, prepared: dict[str, Prepared]) -> None:
    brief = prepared[folder.name].brief
    page = render_html(brief)
    parts = [part.part_id for part in brief.parts]
    found = re.findall(r'<section class="part[^"]*" id="part-([^"]+)">', page)
    assert found == parts == [p for p in STATUSES[folder.name] if len(p) == 1]
    for part in brief.parts:
        section = page.split(f'id="part-{part.part_id}">', 1)[1].split('<section class="part', 1)[0]
        assert part.question in section  # the question verbatim
        for sub in part.subparts:
            assert f'id="part-{sub.part_id}"' in section and f"“{sub.question}”" in section
    for block in brief.blocks:
        assert page.count(f'id="block-{block.id}"') == 1  # every block once, under the first part naming it


@pytest.mark.parametrize("folder", DATASETS, ids=lambda p: p.name)
def test_every_link_in_the_brief_has_its_target(folder: Path, prepared: dict[str, Prepared]) -> None:
    page = render_html(prepared[folder.name].brief)
    targets = set(re.findall(r'\bid="([^"]+)"', page))
    links = set(re.findall(r'href="#([^"]+)"', page))
    assert links and links <= targets, sorted(links - targets)


def test_follow_up_questions_link_to_what_they_follow_up_on(html: dict[str, str], bundled: Brief) -> None:
    page = html[BUNDLED.name]
    follow_up = page.split('id="follow-up"', 1)[1].split('id="method"', 1)[0]
    assert follow_up.count('<li value="') == len(bundled.follow_up) == 14
    for target in ('href="#part-1a"', 'href="#part-2b"', 'href="#item-C-TASKS-A1.1"', 'href="#row-R08"',
                   'href="#signal-S-BELOW-30000"'):  # fmt: skip
        assert target in follow_up, target


def test_a_subpart_links_to_the_category_that_answers_it(html: dict[str, str]) -> None:
    page = html[BUNDLED.name]
    subpart = page.split('id="part-1b"', 1)[1].split("</article>", 1)[0]
    assert 'href="#category-C-TASKS-public_contract"' in subpart
    assert 'id="category-C-TASKS-public_contract"' in page


def test_passages_two_tables_share_are_quoted_once(html: dict[str, str]) -> None:
    page = html[STUDIES.name]
    first = page.split('id="block-T-POLICY"', 1)[1].split("<table", 1)[0]
    second = page.split('id="block-T-EVALUATION"', 1)[1].split("<table", 1)[0]
    assert first.count("<blockquote") == 2 and "Alle bedragen zijn inclusief btw" in first
    assert "<blockquote" not in second and 'href="#block-T-POLICY"' in second


def test_text_only_answer_has_no_table_and_no_timeline(html: dict[str, str]) -> None:
    page = html[TEXT_ONLY.name]
    assert '<table class="rows-table' not in page and '<table class="totals-table' not in page
    assert 'id="timeline"' not in page and 'id="block-' in page
    assert "Totalen per soort" not in page and "Tijdlijn van de rijen" not in page
    assert "Deze cijfers worden niet centraal bijgehouden." in page  # the refusal, quoted


def test_amounts_are_never_added_across_kinds_or_vat_bases(html: dict[str, str]) -> None:
    for name, sums in NEVER.items():
        for total in sums:
            assert total not in html[name], (name, total)


def test_the_answers_date_is_printed_when_the_source_gives_it(bundled: Brief) -> None:
    title = render_html(bundled).split("</header>", 1)[0]
    assert "Datum van het antwoord" in title and "niet vermeld in de bron" in title  # SV 221 gives no date
    dated = dataclasses.replace(bundled, header=dataclasses.replace(bundled.header, date_answered=dt.date(2018, 2, 15)))
    title = render_html(dated).split("</header>", 1)[0]
    assert "15 februari 2018" in title and "niet vermeld in de bron" not in title


def test_changes_since_the_previous_version_have_a_section(bundled: Brief) -> None:
    changes = Changes(
        previous_id="sv-221-2017-2018",
        summary="1 wijziging sinds de vorige versie.",
        lines=(ChangeLine(Label("rows", "Rijen"), "R08", Label("awarded", "Toegewezen"), "R08 is toegewezen."),),
        figures=(FigureDelta("total", "Overheidsopdrachten", Decimal("350371.57"), Decimal("380371.57"),
                             Decimal("30000.00"), True),),
    )  # fmt: skip
    page = render_html(dataclasses.replace(bundled, changes=changes))
    assert 'id="changes"' in page and 'href="#changes"' in page
    section = page.split('id="changes"', 1)[1].split("</section>", 1)[0]
    assert "€\xa0350.371,57" in section and "€\xa0380.371,57" in section and "+€\xa030.000,00" in section
    assert "R08 is toegewezen." in section
    assert 'id="changes"' not in render_html(bundled)


def test_text_from_the_dataset_is_escaped(prepared: dict[str, Prepared]) -> None:
    page = render_html(hostile(prepared[TEXT_ONLY.name].brief))
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    assert "<script" not in page and "<img src=file" not in page and "<link rel=attachment" not in page


def test_user_template_is_searched_first(bundled: Brief, user_templates: Path) -> None:
    (user_templates / "brief.css").write_text("body { color: #123456; }\n")
    page = render_html(bundled, template_dir=user_templates)
    assert "Eigen voettekst van de dienst" in page
    assert "#123456" in page and "@page" not in page  # the user's stylesheet replaces the built-in one
    assert "Kernpunten" in page  # the other partials still come from the built-ins


def test_broken_user_template_is_a_clear_error(bundled: Brief, user_templates: Path) -> None:
    (user_templates / "_title.html").write_text("{% if %}\n")
    with pytest.raises(TemplateError, match=r"_title\.html, line 1"):
        render_html(bundled, template_dir=user_templates)
    (user_templates / "_title.html").write_text("{{ no_such_value }}\n")
    with pytest.raises(TemplateError, match="no_such_value"):
        render_html(bundled, template_dir=user_templates)


def test_page_number_parts() -> None:
    assert counter_parts("pagina {page} van {pages}") == (
        ("text", "pagina "), ("counter", "page"), ("text", " van "), ("counter", "pages"))  # fmt: skip
    assert counter_parts("{page}/{pages}") == (("counter", "page"), ("text", "/"), ("counter", "pages"))


# What the PDF is laid out from, written by a process of its own: the HTML WeasyPrint lays out (with the
# charts as SVG) and the files embedded in the PDF (the workbook, the dataset as JSON).
LAYOUT_INPUTS = """
import sys
from pathlib import Path
from sebrief.pipeline import attachments, html_text, prepare, workbook_bytes
out = Path(sys.argv[1])
out.mkdir(parents=True)
for folder in map(Path, sys.argv[2:]):
    for lang in ("nl", "en"):
        prepared = prepare(folder, lang)
        files = attachments(prepared, workbook_bytes(prepared))
        (out / f"{folder.name}.{lang}.html").write_text(html_text(prepared, attachments=files), encoding="utf-8")
        for file in files:
            (out / f"{lang}.{file.filename}").write_bytes(file.content())
"""


def test_what_the_pdf_is_laid_out_from_is_the_same_whatever_the_hash_seed(tmp_path: Path) -> None:
    """The HTML of every dataset's brief and the files embedded in its PDF, in processes with different hash
    seeds (a set or a dict keyed by text may iterate in another order): the same bytes. Three seeds
    (0: no randomisation), as two random seeds put two texts in the same order half of the time. The PDF
    itself is compared across processes in test_pdf_command_end_to_end (slow)."""
    runs = []
    for seed in ("0", "1", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        env.pop("SOURCE_DATE_EPOCH", None)
        out = tmp_path / seed
        subprocess.run([sys.executable, "-c", LAYOUT_INPUTS, str(out), *map(str, DATASETS)], env=env,
                       check=True, capture_output=True, timeout=300)  # fmt: skip
        runs.append({path.name: path.read_bytes() for path in sorted(out.iterdir())})
    assert len(runs[0]) == 3 * len(DATASETS) * 2  # per dataset and language: HTML, workbook, dataset JSON
    for run in runs[1:]:
        assert run.keys() == runs[0].keys()
        assert [name for name in run if run[name] != runs[0][name]] == []


def svg(uri: str) -> str:
    return base64.b64decode(uri.split(",", 1)[1]).decode()


def test_charts_are_deterministic_vector_graphics(bundled: Brief) -> None:
    t = Translator("nl")
    text = labels(bundled, t)
    assert bundled.totals is not None and bundled.timeline is not None
    table = next(block for block in bundled.blocks if isinstance(block, TableView))
    palette = colours(bundled.totals)
    kinds = {"subsidy_call": ("#d58a1c", "Subsidieoproepen"), "public_contract": ("#1f4e79", "Overheidsopdrachten")}

    def draw() -> tuple[str, ...]:
        return (
            *data_uris(beneficiary_drawings(table.totals.per_beneficiary, table.totals.columns, palette, t)),
            *data_uris(timeline_drawings(bundled.rows, bundled.timeline, kinds, t, text)),  # type: ignore[arg-type]
        )

    first = draw()
    assert len(first) == 2 and first == draw()
    bars = svg(first[0])
    assert bars.lstrip().startswith("<?xml") and "<svg" in bars and "<dc:date>" not in bars
    assert "275.342,98" in bars and "117.760,00" in bars and "DejaVu Sans" in bars  # text stays text
    # one bar per kind and VAT basis, in two colours: the bases are never stacked into one bar
    assert "Subsidieoproepen (btw niet vermeld)" in bars and "Overheidsopdrachten (excl. btw)" in bars


def test_a_matrix_of_figures_is_charted_by_its_cells(prepared: dict[str, Prepared]) -> None:
    brief = prepared[MATRIX.name].brief
    paid = next(b for b in brief.blocks if isinstance(b, FiguresView) and len(b.figures) > 10)
    cells = charted_figures(paid.figures)
    assert len(paid.figures) == 19 and len(cells) == 15  # 5 provinces x 3 years; the totals stay in the table
    (drawing,) = (svg(chart) for chart in data_uris(figures_drawings(paid.figures, Translator("nl"))))
    assert "412.350,00" in drawing and "Antwerpen" in drawing and "2022" in drawing
    assert "4.878.277,00" not in drawing and "1.518.500,00" not in drawing


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
    ["{secret}", "http://example.invalid/x.css", "https://example.invalid/", "ftp://example.invalid/x",
     "{base}../secret.txt", "{base}missing.css", "{base}link/secret.txt"],
)  # fmt: skip
def test_fetcher_refuses_everything_else(url: str, tmp_path: Path, user_templates: Path) -> None:
    """A file outside the template folders (a stand-in in the test's folder, never a system file), by its
    own URL, by climbing out of the folder or through a link, the network, a missing file."""
    from sebrief.render.pdf.fetcher import ResourceRefused, TemplateFetcher

    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    (user_templates / "link").symlink_to(tmp_path)
    fetcher = TemplateFetcher([user_templates])
    with pytest.raises(ResourceRefused):
        fetcher.fetch(url.format(base=fetcher.base_url, secret=secret.as_uri()))


# --- the PDF, laid out once per dataset ----------------------------------------------------


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


@dataclasses.dataclass(frozen=True)
class Built:
    name: str
    prepared: Prepared
    files: tuple[Attachment, ...]
    layout: Any  # weasyprint.document.Document
    pdf: bytes
    path: Path
    pages: list[str]  # the text layer, page by page (pdftotext -layout)
    text: str  # the whole text layer, white space made single


class Builds(dict[str, Built]):
    """Each dataset's brief, laid out on first use and written as PDF."""

    def __init__(self, prepared: dict[str, Prepared], folder: Path) -> None:
        super().__init__()
        self.prepared = prepared
        self.folder = folder

    def __missing__(self, name: str) -> Built:
        from sebrief.render.pdf.document import lay_out, write_document

        p = self.prepared[name]
        files = attachments(p, WORKBOOK)
        page = html_for(p.brief, attachments=files, timestamp=p.timestamp)
        layout = lay_out(page, folders=template_folders())
        pdf = write_document(layout, folders=template_folders(), attachments=files, timestamp=p.timestamp)
        path = self.folder / f"{name}.pdf"
        path.write_bytes(pdf)
        pages = run("pdftotext", "-layout", str(path), "-").split("\f")[:-1]
        self[name] = Built(name, p, files, layout, pdf, path, pages, flat(run("pdftotext", str(path), "-")))
        return self[name]


@pytest.fixture(scope="module")
def built(
    prepared: dict[str, Prepared], weasyprint_log: list[logging.LogRecord], tmp_path_factory: pytest.TempPathFactory
) -> Builds:
    return Builds(prepared, tmp_path_factory.mktemp("pdf"))


@pytest.fixture(params=DATASETS, ids=lambda p: p.name)
def each(request: pytest.FixtureRequest, built: dict[str, Built]) -> Built:
    return built[request.param.name]


@pytest.mark.slow
def test_every_part_shows_its_status_and_basis(each: Built) -> None:
    brief = each.prepared.brief
    for part in brief.parts:
        status, basis = STATUSES[each.name][part.part_id]
        head = re.search(rf"Vraag {part.part_id} De vraag \({part.part_id}\) (.{{0,900}}?){status} {basis}", each.text)
        assert head, (part.part_id, status, basis)
        for sub in part.subparts:
            status, basis = STATUSES[each.name][sub.part_id]
            assert re.search(rf"\b{sub.part_id} “[^”]{{1,400}}” {status} {basis}", each.text), sub.part_id
    assert {p.part_id for p in brief.coverage} == set(STATUSES[each.name])


@pytest.mark.slow
def test_figures_the_belgian_way(each: Built) -> None:
    for figure in FIGURES[each.name]:
        assert figure in each.text, figure
    for total in NEVER.get(each.name, ()):
        assert total not in each.text, total
    t = Translator("nl")
    for row in each.prepared.brief.rows:
        if row.amount is not None:
            assert t.number(row.amount) in each.text, row.id


@pytest.mark.slow
def test_qpdf_check_passes(each: Built) -> None:
    assert "No syntax or stream encoding errors found" in run("qpdf", "--check", str(each.path))


@pytest.mark.slow
def test_every_font_is_embedded(each: Built) -> None:
    rows = run("pdffonts", str(each.path)).splitlines()[2:]
    assert rows and any("DejaVu" in row for row in rows)
    for row in rows:
        emb = re.search(r"\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", row)
        assert emb and emb.group(1) == "yes", row


@pytest.mark.slow
def test_pdfa_3a_markers(each: Built) -> None:
    meta = run("pdfinfo", "-meta", str(each.path))
    assert 'pdfaid:part="3"' in meta and 'pdfaid:conformance="A"' in meta
    info = run("pdfinfo", str(each.path))
    assert re.search(r"Tagged:\s+yes", info) and re.search(r"Page size:\s+595.\d+ x 841.\d+ pts \(A4\)", info)


@pytest.mark.slow
def test_workbook_and_dataset_are_attached(each: Built, tmp_path: Path) -> None:
    listing = run("pdfdetach", "-list", str(each.path)).splitlines()
    assert listing == ["2 embedded files", f"1: {each.name}.json", f"2: {each.name}.xlsx"]
    run("pdfdetach", "-saveall", "-o", str(tmp_path), str(each.path))
    for attachment in each.files:
        assert (tmp_path / attachment.filename).read_bytes() == attachment.content()
    assert json.loads((tmp_path / f"{each.name}.json").read_bytes())  # the dataset, as JSON


@pytest.mark.slow
def test_page_x_of_y_and_running_header(each: Built) -> None:
    total = len(each.pages)
    for number, page in enumerate(each.pages, start=1):
        assert f"pagina {number} van {total}" in page
        if number > 1:
            assert each.prepared.brief.header.reference in page


def flow_boxes(page: Any) -> Iterator[tuple[Any, tuple[Any, ...]]]:
    """The boxes of a laid-out page's content, each with its ancestors (outermost first)."""

    def walk(box: Any, ancestors: tuple[Any, ...]) -> Iterator[tuple[Any, tuple[Any, ...]]]:
        yield box, ancestors
        for child in getattr(box, "children", ()):
            yield from walk(child, (*ancestors, box))

    root = next(box for box in page._page_box.children if box.element_tag == "html")
    yield from walk(root, ())


HEADINGS = {"h1", "h2", "h3", "h4", "h5"}


@pytest.mark.slow
def test_no_page_ends_with_a_heading(each: Built) -> None:
    for number, page in enumerate(each.layout.pages[:-1], start=1):
        content = [
            (box, ancestors)
            for box, ancestors in flow_boxes(page)
            if (type(box).__name__ == "TextBox" and box.text.strip()) or box.element_tag == "img"
        ]
        last, ancestors = content[-1]
        headings = [a.element_tag for a in ancestors if a.element_tag in HEADINGS]
        assert not headings, f"page {number} ends with the heading {getattr(last, 'text', '')!r}"


@pytest.mark.slow
def test_table_rows_stay_whole_and_headers_repeat(each: Built) -> None:
    heads: list[set[int]] = []  # per page: the tables whose header row is on it
    bodies: list[set[int]] = []  # per page: the tables with body rows on it
    pages_of: dict[int, set[int]] = {}  # body row -> the pages it is on
    for number, page in enumerate(each.layout.pages):
        heads.append(set())
        bodies.append(set())
        for box, ancestors in flow_boxes(page):
            if type(box).__name__ != "TableRowBox":
                continue
            table = id(next(a for a in reversed(ancestors) if type(a).__name__ == "TableBox").element)
            if ancestors[-1].element_tag == "thead":
                heads[-1].add(table)
            else:
                bodies[-1].add(table)
                pages_of.setdefault(id(box.element), set()).add(number)
    headed = set().union(*heads)
    for number, (head, body) in enumerate(zip(heads, bodies, strict=True), start=1):
        assert body & headed <= head, f"page {number}: a table continues without its header row"
    assert [row for row, pages in pages_of.items() if len(pages) > 1] == [], "a table row split across pages"


def long_brief(brief: Brief, copies: int = 8) -> Brief:
    """The brief with every row ``copies`` times (new ids and beneficiaries): tables over many pages and
    charts too long for one page."""
    rows = tuple(
        dataclasses.replace(row, id=f"{row.id}{'' if n == 0 else f'-{n}'}", number=n * 100 + row.number,
                            beneficiary=f"{row.beneficiary} {n}" if row.beneficiary else None)
        for n in range(copies) for row in brief.rows
    )  # fmt: skip
    blocks = []
    for block in brief.blocks:
        if isinstance(block, TableView):
            beneficiaries = tuple(
                dataclasses.replace(group, label=f"{group.label} {n}")
                for n in range(copies)
                for group in block.totals.per_beneficiary
            )
            # The others after the largest, added up by the engine as for a brief it analyses.
            whole = block.totals.beneficiary_total.procurement_excl_vat
            others = other_groups(beneficiaries, layout_rules().listed_groups, block.totals.columns, whole,
                                  Translator(brief.header.lang))  # fmt: skip
            # The rows of each kind, as the engine lists them for the table.
            kinds = tuple(
                dataclasses.replace(kind, row_ids=tuple(
                    row.id for row in rows if row.table_id == block.id and row.kind.code == kind.kind.code))
                for kind in block.totals.per_kind
            )  # fmt: skip
            totals = dataclasses.replace(
                block.totals, per_kind=kinds, per_beneficiary=beneficiaries, beneficiary_others=others
            )
            block = dataclasses.replace(
                block, row_ids=tuple(row.id for row in rows if row.table_id == block.id), totals=totals
            )
        blocks.append(block)
    timeline = brief.timeline and dataclasses.replace(
        brief.timeline, undated=sum(1 for row in rows if row.start is None)
    )
    return dataclasses.replace(brief, rows=rows, blocks=tuple(blocks), timeline=timeline)


def test_long_charts_are_drawn_in_pieces_that_fit_a_page(prepared: dict[str, Prepared]) -> None:
    page = render_html(long_brief(prepared[STUDIES.name].brief, copies=4))
    timeline = page.split('id="timeline"', 1)[1].split("</section>", 1)[0]
    assert timeline.count("<img ") == 2  # 60 rows, at most 30 a chart


def test_charts_of_many_rows_aggregate_and_say_so(prepared: dict[str, Prepared]) -> None:
    """Above the detailed threshold the timeline counts rows per month and the beneficiaries beyond the
    largest 15 are one bar: the captions say so, and nothing is dropped (the others are counted)."""
    brief = long_brief(prepared[STUDIES.name].brief)  # 120 rows, 40 beneficiaries
    page = render_html(brief)
    timeline = page.split('id="timeline"', 1)[1].split("</section>", 1)[0]
    assert timeline.count("<img ") == 1 and "De 120 rijen geteld per maand, per soort" in timeline
    assert "8 rijen zonder looptijd zijn niet meegeteld." in timeline  # A07, in procedure, 8 times
    tables = [b for b in brief.blocks if isinstance(b, TableView)]
    for table in tables:
        section = page.split(f'id="beneficiaries-{table.id}"', 1)[1].split("</section>", 1)[0]
        others = len(table.totals.per_beneficiary) - 15
        if len(table.row_ids) > 60 and others > 1:
            assert f"De 15 begunstigden met de grootste toegekende bedragen; de {others} andere staan samen" in section
            assert f"overige ({others} begunstigden)" in section
        else:
            assert "overige (" not in section and "De 15 begunstigden" not in section
    assert any(len(t.row_ids) > 60 and len(t.totals.per_beneficiary) > 16 for t in tables)


@pytest.mark.slow
def test_long_tables_and_charts_lay_out_cleanly(prepared: dict[str, Prepared]) -> None:
    from sebrief.render.pdf.document import lay_out

    brief = long_brief(prepared[STUDIES.name].brief)
    layout = lay_out(html_for(brief), folders=template_folders())
    long = Built("long", prepared[STUDIES.name], (), layout, b"", Path(), [], "")
    test_no_page_ends_with_a_heading(long)
    test_table_rows_stay_whole_and_headers_repeat(long)
    for number, page in enumerate(layout.pages, start=1):
        bottom = page._page_box.content_box_y() + page._page_box.height
        for box, _ in flow_boxes(page):
            if box.element_tag == "img":
                assert box.position_y + box.height <= bottom + 0.5, f"page {number}: a chart runs off the page"


@pytest.mark.slow
def test_text_only_pdf_has_no_table_section_and_no_timeline(built: dict[str, Built]) -> None:
    text = built[TEXT_ONLY.name].text
    assert "Totalen per soort" not in text and "Tijdlijn van de rijen" not in text and "Omschrijving" not in text
    assert "Vraag 1" in text and "Deze cijfers worden niet centraal bijgehouden." in text


@pytest.mark.slow
def test_table_of_contents_gives_the_right_pages(built: dict[str, Built]) -> None:
    pages = built[BUNDLED.name].pages
    contents = next(page for page in pages if "Inhoud" in page and "...." in page)
    for title in ("Vraag 1", "Vraag 2", "Tijdlijn van de rijen", "Aandachtspunten", "Vervolgvragen",
                  "Bronnen en methode"):  # fmt: skip
        match = re.search(re.escape(title) + r"\s*\.+\s*(\d+)", contents)
        assert match, title
        assert title in pages[int(match.group(1)) - 1], title


@pytest.mark.slow
def test_bookmarks_follow_the_parts_and_their_blocks(built: dict[str, Built]) -> None:
    brief = built[BUNDLED.name].prepared.brief
    outlines = json.loads(run("qpdf", "--json", "--json-key=outlines", str(built[BUNDLED.name].path)))["outlines"]
    titles = [item["title"] for item in outlines]
    assert titles[:2] == ["Kernpunten", "Inhoud"]
    assert titles.index("Vraag 1") < titles.index("Vraag 2") < titles.index("Aandachtspunten")
    assert titles[-2:] == ["Vervolgvragen", "Bronnen en methode"]
    for section in brief.parts:
        kids = [kid["title"] for kid in next(i for i in outlines if i["title"] == f"Vraag {section.part_id}")["kids"]]
        blocks = [
            brief.block(b).title for b in (*section.block_ids, *(b for s in section.subparts for b in s.block_ids))
        ]
        assert [kid for kid in kids if kid in blocks] == blocks


@pytest.mark.slow
def test_tagged_structure_follows_the_html(built: dict[str, Built]) -> None:
    """PDF/A-3a needs a logical structure: real headings, lists, tables with header cells, figures."""
    struct = run("pdfinfo", "-struct", str(built[BUNDLED.name].path))
    tags = {line.split()[0].rstrip(":") for line in struct.splitlines() if line.strip()}
    assert {"Document", "H2", "H3", "P", "L", "LI", "Table", "THead", "TH", "TD", "Figure", "BlockQuote",
            "Link"} <= tags  # fmt: skip


@pytest.mark.slow
def test_pdfa_metadata(built: dict[str, Built]) -> None:
    path = built[BUNDLED.name].path
    info = run("pdfinfo", str(path))
    assert re.search(r"Title:\s+Schriftelijke vraag nr. 221 \(2017-2018\): Sociale economie", info)
    assert re.search(r"Subject:\s+Beleidsnota", info) and re.search(r"Author:\s+sebrief", info)
    assert re.search(r"Keywords:\s+.*Rob Beenders", info)
    assert re.search(r"CreationDate:\s+Fri Jan 19 00:00:00 2018 UTC", info)
    assert "<xmp:CreateDate>2018-01-19T00:00:00Z</xmp:CreateDate>" in run("pdfinfo", "-meta", str(path))


@pytest.mark.slow
def test_same_brief_gives_the_same_bytes(built: dict[str, Built]) -> None:
    b = built[BUNDLED.name]
    assert render_pdf(b.prepared.brief, attachments=b.files, timestamp=b.prepared.timestamp) == b.pdf


@pytest.mark.slow
def test_english_pdf(english: Prepared, tmp_path: Path) -> None:
    path = tmp_path / "brief.en.pdf"
    path.write_bytes(render_pdf(english.brief, attachments=(), timestamp=english.timestamp))
    text = flat(run("pdftotext", str(path), "-"))
    assert "page 1 of " in text and "Question 2" in text and "Partly answered" in text
    assert "€315,342.98" in text and "€350,371.57" in text
    assert "pagina 1 van" not in text


@pytest.mark.slow
def test_hostile_text_prints_as_text_and_embeds_nothing(prepared: dict[str, Prepared], tmp_path: Path) -> None:
    p = prepared[TEXT_ONLY.name]
    path = tmp_path / "hostile.pdf"
    path.write_bytes(render_pdf(hostile(p.brief), attachments=attachments(p, WORKBOOK), timestamp=p.timestamp))
    text = flat(run("pdftotext", "-raw", str(path), "-"))
    assert "<script>alert('x')</script>" in text and "file:///etc/passwd" in text
    assert run("pdfdetach", "-list", str(path)).splitlines() == [
        "2 embedded files", f"1: {TEXT_ONLY.name}.json", f"2: {TEXT_ONLY.name}.xlsx"]  # fmt: skip


@pytest.mark.slow
def test_user_footer_in_the_pdf(prepared: dict[str, Prepared], user_templates: Path, tmp_path: Path) -> None:
    p = prepared[TEXT_ONLY.name]
    path = tmp_path / "custom.pdf"
    path.write_bytes(render_pdf(p.brief, attachments=(), timestamp=p.timestamp, template_dir=user_templates))
    text = run("pdftotext", "-layout", str(path), "-")
    assert text.count("Eigen voettekst van de dienst") == text.count("\f")
    assert "Analyse gemaakt met sebrief" not in text


@pytest.mark.slow
def test_weasyprint_logged_no_problem(built: dict[str, Built], weasyprint_log: list[logging.LogRecord]) -> None:
    for path in DATASETS:
        assert built[path.name].pdf
    problems = [r.getMessage() for r in weasyprint_log if not r.getMessage().startswith(HARMLESS_LOG)]
    assert problems == []


# --- the commands --------------------------------------------------------------------------


def test_html_command(tmp_path: Path) -> None:
    target = tmp_path / "brief.html"
    result = CliRunner().invoke(main, ["html", str(STUDIES), "-o", str(target), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {target}\n"
    page = target.read_text(encoding="utf-8")
    assert '<html lang="en">' in page and ">Question 4</h2>" in page and "Studiebureau Verzinsel" in page


def test_html_command_reports_a_broken_template(tmp_path: Path, user_templates: Path) -> None:
    (user_templates / "brief.html").write_text("{% endif %}")
    result = CliRunner().invoke(main, ["html", "-o", str(tmp_path / "x.html"), "--template-dir", str(user_templates)])
    assert result.exit_code == 2
    assert "brief.html, line 1" in result.output
    assert not (tmp_path / "x.html").exists()


@pytest.mark.slow
def test_pdf_command_end_to_end(tmp_path: Path) -> None:
    """`sebrief pdf` twice in separate processes: same bytes, with the workbook and dataset inside."""
    from sebrief.dataset.load import load_dataset
    from sebrief.export.tabular import dataset_json_bytes

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
    assert (tmp_path / "sv-221-2017-2018.json").read_bytes() == dataset_json_bytes(load_dataset(BUNDLED))
    assert (tmp_path / "sv-221-2017-2018.xlsx").read_bytes()[:2] == b"PK"


# --- a layout that scales: detailed, listed a line a row, or totals with the rows in the workbook ----


def grow(rows: int, folder: Path) -> Path:
    """The bundled dataset grown to ``rows`` rows, with matching source text (benchmarks/grow.py)."""
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "grow.py"), str(rows), str(folder)],
                   check=True, capture_output=True, timeout=300)  # fmt: skip
    return folder


@pytest.fixture(scope="module")
def grown_folders(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    return {rows: grow(rows, tmp_path_factory.mktemp(f"grown-{rows}")) for rows in (300, 2500)}


@pytest.fixture(scope="module")
def grown(grown_folders: dict[int, Path]) -> dict[int, Prepared]:
    return {rows: prepare(folder) for rows, folder in grown_folders.items()}


def grown_html(p: Prepared, full_listing: bool = False) -> str:
    return html_for(p.brief, attachments=attachments(p, WORKBOOK), timestamp=p.timestamp, full_listing=full_listing)


def listed_ids(page: str) -> list[str]:
    return re.findall(r'<tr id="row-([^"]+)"', page)


def by_kind(brief: Brief) -> list[str]:
    """Every row id, as the brief lists them: under their kind, kinds in the dataset's order."""
    kinds = list(dict.fromkeys(row.kind.code for row in brief.rows))
    assert brief.totals is not None
    order = [k.kind.code for k in brief.totals.per_kind] or kinds
    return [row.id for kind in order for row in brief.rows if row.kind.code == kind]


def test_a_short_table_keeps_the_detailed_layout(html: dict[str, str], bundled: Brief) -> None:
    page = html[BUNDLED.name]
    assert listed_ids(page) == [row.id for row in bundled.rows]
    assert 'class="rows-table compact-table"' not in page and 'class="rows-elsewhere"' not in page
    assert "Rijen per startjaar" not in page
    assert "Rijen die in de maand lopen" not in page  # the timeline draws each row


def test_a_long_table_lists_every_row_on_a_line_in_page_sized_tables(grown: dict[int, Prepared]) -> None:
    p = grown[300]
    page = grown_html(p)
    assert listed_ids(page) == by_kind(p.brief)
    tables = re.findall(r'<table class="rows-table compact-table".*?</table>', page, re.S)
    assert len(tables) == 8  # 300 rows, 40 a table, each with its header row
    for table in tables:
        assert table.count("<thead>") == 1 and table.count('<tr id="row-') <= 40
    assert "…" in page and "volledig in de werkmap" in page  # a description cut short says where it is in full
    assert "De 300 rijen geteld per maand" in page  # the timeline counts rows per month, and says so


def test_the_compact_listing_names_each_rows_vat_basis_in_its_heading(grown: dict[int, Prepared]) -> None:
    # One line a row: the VAT basis is said once, in the heading of the rows on that basis (a kind that
    # mixes bases gets one heading per run), and each row's amount is its own, to the cent.
    p = grown[300]
    page = grown_html(p)
    t = Translator("nl")
    piece = r'<tbody class="kind-[^"]+">\n<tr class="group-row"><th[^>]*>(.*?)</th></tr>(.*?)</tbody>'
    pieces = re.findall(piece, page, re.S)
    assert pieces
    seen = []
    for heading, body in pieces:
        for row_id, amount in re.findall(r'<tr id="row-([^"]+)"[^>]*>.*?<td>([^<]*)</td></tr>', body):
            row = p.brief.row(row_id)
            if row.amount is not None:  # a row without an amount (in procedure) has no basis to say
                assert heading.endswith(f"bedragen {row.vat_basis.label}"), (row_id, heading)
            assert amount == (t.money(row.amount) if row.amount is not None else "–"), row_id
            seen.append(row_id)
    assert seen == by_kind(p.brief)
    assert {p.brief.row(i).vat_basis.code for i in seen if p.brief.row(i).amount is not None} >= {
        "excl_vat",
        "not_stated",
    }


def test_a_kind_that_mixes_vat_bases_says_the_basis_of_each_amount(grown: dict[int, Prepared]) -> None:
    # Amounts of one kind on different bases in one table of the listing: the heading cannot name one,
    # so each amount names its own (and a run on one basis still says it once, in its heading).
    from sebrief.render.pdf.tables import listing_chunks

    brief = grown[300].brief
    t = Translator("nl")
    (table,) = (b for b in brief.blocks if isinstance(b, TableView))
    kind = next(k for k in table.totals.per_kind if k.procurement)
    rows = tuple(brief.row(i) for i in table.row_ids if brief.row(i).kind.code == kind.kind.code)[:6]
    incl = Label("incl_vat", "incl. btw")
    mixed = tuple(dataclasses.replace(row, vat_basis=incl) if n % 2 else row for n, row in enumerate(rows))
    rules = layout_rules().model_copy(update={"chunk_rows": 3})
    chunks = listing_chunks(((kind, mixed),), rules, t)
    assert len(chunks) == 2
    (piece,) = chunks[0]
    assert piece.vat_basis is None
    assert [line.amount for line in piece.rows] == [
        f"{t.money(row.amount)} {row.vat_basis.label}" for row in mixed[:3] if row.amount is not None
    ]
    uniform = listing_chunks(((kind, rows),), rules, t)[0][0]
    assert uniform.vat_basis == rows[0].vat_basis
    assert all(line.amount == t.money(line.row.amount) for line in uniform.rows if line.row.amount is not None)
    # In the brief, the amount column of such a listing is wide enough for the basis after the amount.
    changed = {row.id: row for row in mixed}
    brief = dataclasses.replace(brief, rows=tuple(changed.get(row.id, row) for row in brief.rows))
    page = render_html(brief)
    tables = re.findall(r'<table class="rows-table compact-table([^"]*)"', page)
    assert len(tables) == 8 and set(tables) == {" mixed-bases"}  # 300 rows, 40 a table
    assert f"<td>{t.money(mixed[1].amount)} incl. btw</td>" in page
    assert set(re.findall(r'<table class="rows-table compact-table([^"]*)"', grown_html(grown[300]))) == {""}


def test_the_compact_listing_marks_the_sources_language_only_where_it_differs(
    grown: dict[int, Prepared], grown_folders: dict[int, Path]
) -> None:
    # A screen reader reads a Dutch description in Dutch: in an English brief the quoted cells carry
    # lang="nl"; in a Dutch brief of a Dutch answer nothing needs saying (and 1,000 rows stay lean).
    dutch = grown_html(grown[300])
    english_prepared = prepare(grown_folders[300], "en")
    english = grown_html(english_prepared)
    row = english_prepared.brief.rows[5]
    line = re.search(rf'<tr id="row-{row.id}"[^>]*>(.*?)</tr>', english, re.S)
    assert line is not None
    cells = re.findall(r"<td([^>]*)>", line.group(1))
    assert cells == [' lang="nl"', "", ' lang="nl"', ""]  # description, period, beneficiary, amount
    assert "amounts" in english and "bedragen" in dutch
    assert re.search(r'<tr id="row-[^"]+"[^>]*>.*?<td lang=', dutch) is None


def test_a_very_long_table_leads_with_totals_that_add_up_and_names_the_workbook(grown: dict[int, Prepared]) -> None:
    from sebrief.render.pdf.context import template_context

    p = grown[2500]
    page = grown_html(p)
    assert listed_ids(page) == []
    assert "De tabel van het antwoord heeft 2.500 rijen" in page
    assert "in de werkmap sv-221-2017-2018.xlsx die bij deze pdf gevoegd is" in page
    assert "--full-listing" in page
    for link in re.findall(r'href="#([^"]+)"', page):
        assert f'id="{link}"' in page, link  # a row not listed is named, not linked
    # Of the many groups of overlapping awards, the twelve largest are printed, the others counted.
    clusters = [s for s in p.brief.signals if s.kind.code == "same_supplier_cluster"]
    assert len(clusters) > 12
    printed = re.findall(r'<article class="signal" id="signal-(S-CLUSTER-[^"]+)"', page)
    largest = sorted(clusters, key=lambda s: (-(s.amount or 0), s.id))[:12]
    assert set(printed) == {s.id for s in largest}
    assert f"Nog {len(clusters) - 12} groepen van overlappende gunningen" in page
    (table,) = (b for b in p.brief.blocks if isinstance(b, TableView))
    layout = template_context(p.brief)["tables"][table.id]
    assert layout.mode == "aggregated"
    # per year of start: every row once, and per money column the table's total to the cent
    assert sum(year.rows for year in layout.years) == len(table.row_ids) == layout.year_total.rows
    column_totals = tuple(
        next(a.amount for k in table.totals.per_kind for a in k.amounts if a.column == column)
        for column in table.totals.columns
    )
    assert layout.year_total.amounts == column_totals
    # per beneficiary: the largest 15 and the others together add up to every beneficiary
    shown, total = layout.beneficiaries, table.totals.beneficiary_total
    if len(table.totals.per_beneficiary) > 16:
        assert len(shown) == 16 and shown[:15] == table.totals.per_beneficiary[:15]
        assert layout.other_beneficiaries == len(table.totals.per_beneficiary) - 15
    else:
        assert shown == table.totals.per_beneficiary and layout.other_beneficiaries == 0
    assert sum(g.rows for g in shown) == total.rows
    for index, amount in enumerate(total.amounts):
        assert sum(g.amounts[index] for g in shown) == amount
    t = Translator("nl")
    for year in layout.years:
        assert f'<th scope="row">{year.label}</th><td class="num">{year.rows}</td>' in page
    for amount in column_totals:
        assert t.money(amount) in page


def test_full_listing_lists_every_row_whatever_the_size(
    grown: dict[int, Prepared], grown_folders: dict[int, Path], tmp_path: Path
) -> None:
    p = grown[2500]
    page = grown_html(p, full_listing=True)
    assert listed_ids(page) == by_kind(p.brief)
    assert 'class="rows-elsewhere"' not in page
    target = tmp_path / "full.html"
    result = CliRunner().invoke(main, ["html", str(grown_folders[2500]), "-o", str(target), "--full-listing"])
    assert result.exit_code == 0, result.output
    assert len(listed_ids(target.read_text(encoding="utf-8"))) == 2500


@pytest.mark.slow
@pytest.mark.parametrize("rows", (300, 2500))
def test_long_and_very_long_briefs_lay_out_cleanly(rows: int, grown: dict[int, Prepared], tmp_path: Path) -> None:
    """The PDF of a grown dataset: no page ends with a heading, rows stay whole, headers repeat; the compact
    listing holds every row (read back from the PDF), the aggregated brief names the workbook instead."""
    from sebrief.render.pdf.document import lay_out, write_document

    p = grown[rows]
    files = attachments(p, WORKBOOK)
    layout = lay_out(grown_html(p), folders=template_folders())
    path = tmp_path / f"grown-{rows}.pdf"
    path.write_bytes(write_document(layout, folders=template_folders(), attachments=files, timestamp=p.timestamp))
    built = Built(f"grown-{rows}", p, files, layout, b"", path, [], flat(run("pdftotext", str(path), "-")))
    test_no_page_ends_with_a_heading(built)
    test_table_rows_stay_whole_and_headers_repeat(built)
    ids = set(re.findall(r"\bR\d{2,}\b", built.text))
    if rows <= layout_rules().listed_rows:
        assert ids >= {row.id for row in p.brief.rows}
    else:
        # the rows are not listed (a point of attention may still name them): the workbook has them
        assert not any(flat(row.description)[:40] in built.text for row in p.brief.rows[100::50])
        assert "werkmap sv-221-2017-2018.xlsx" in built.text
    assert len(layout.pages) < 60
