"""The corpus report of one supplier (issue 21): a cross-question PDF and workbook.

The corpus is made of the fictional datasets of tests/fixtures/datasets, copied and renamed in
tmp_path so that one fictional supplier, "Studiebureau Verzinsel", appears in three questions of
two ministers, on two VAT bases:

- nr. 907 (2023-2024, minister Jan Fictief), the studies: rows A03, A04, B04 and B05 of
  "Studiebureau Verzinsel", amounts incl. VAT (35.937,00, 36.058,00, 35.695,00 and 36.239,50
  euro), that is 29.700, 29.800, 29.500 and 29.950 euro excl. VAT at 21 %, each just under the
  30.000 euro limit of the accepted invoice;
- nr. 319 (2018-2019, minister Jan Fictief), a copy of the campaigns question in which
  "Reclamebureau Verzinsel bv" is "Studiebureau Verzinsel B.V.": rows C03 and C04, 28.500,00 and
  29.000,00 euro excl. VAT in 2018, also just under 30.000 euro;
- nr. 320 (2018-2019, minister Els Bedacht), another copy where only C04 (29.000,00 euro excl.
  VAT) is "Studiebureau Verzinsel bv", and "Klankbord Proefstudio bvba" is "Studiebureau Verzinsel
  Oost bvba": a name that looks alike, and is not taken;
- nr. 318, the campaigns question as it is (minister Mia Verzonnen): "Reclamebureau Verzinsel bv"
  is another firm.

Expected, from the CSV files by hand: incl. VAT 35.937,00 + 36.058,00 + 35.695,00 + 36.239,50 =
143.929,50 (Jan Fictief, nr. 907, 2022); excl. VAT 28.500,00 + 29.000,00 = 57.500,00 (Jan
Fictief, nr. 319) and 29.000,00 (Els Bedacht, nr. 320): 86.500,00 in 2018. One signal: Jan Fictief,
six awards just under the accepted-invoice limit across two answers; Els Bedacht's one award is no
signal.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import pytest

pytest.importorskip("duckdb")

from sebrief.corpus.report import CorpusReport, supplier_report
from sebrief.corpus.report_rows import Row
from sebrief.corpus.report_signals import just_below
from sebrief.corpus.store import connect
from sebrief.dataset.load import load_dataset
from sebrief.engine.money import kind_sums
from sebrief.render.corpus.html import render_html
from sebrief.render.corpus.workbook import render_workbook
from sebrief.resources import templates_dir
from tests.test_corpus import _run, copy_campaigns
from tests.test_corpus import db as corpus_db

FIXTURES = Path(__file__).parent / "fixtures" / "datasets"
STUDIES = "fictional-studies-2021-2023"
CAMPAIGNS = "fictional-campaigns-2018-2019"
JAN = "fictional-campaigns-jan-2018-2019"
ELS = "fictional-campaigns-els-2018-2019"
SUPPLIER = "Studiebureau Verzinsel"
# By hand from the fixtures' CSV files (see the module's docstring).
INCL_907 = Decimal("35937.00") + Decimal("36058.00") + Decimal("35695.00") + Decimal("36239.50")
EXCL_319 = Decimal("28500.00") + Decimal("29000.00")
EXCL_320 = Decimal("29000.00")
# Every amount of nr. 907 (incl. VAT) and of the campaigns (excl. VAT): each minister's total.
ALL_907 = sum(
    Decimal(value)
    for value in (
        "72600.00", "24200.00", "35937.00", "36058.00", "48400.00", "1200000.00", "60500.00", "18150.00",
        "9680.00", "35695.00", "36239.50", "96800.00", "145200.00", "29040.00",
    )
)  # fmt: skip
ALL_CAMPAIGNS = Decimal("48000.00") + Decimal("28500.00") + Decimal("29000.00") + Decimal("12400.00")


@pytest.fixture
def datasets(tmp_path: Path) -> Path:
    folder = tmp_path / "datasets"
    folder.mkdir()
    for name in (STUDIES, CAMPAIGNS):
        shutil.copytree(FIXTURES / name, folder / name)
    copy_campaigns(folder / "jan", JAN, 319, [("Reclamebureau", "Studiebureau"),
                                              ("Verzinsel bv", "Verzinsel B.V.")], ("Jan", "Fictief"))  # fmt: skip
    copy_campaigns(
        folder / "els",
        ELS,
        320,
        [
            ("C04,campaign,Affichecampagne Voorbeeldweek,,,,,,awarded,Reclamebureau",
             "C04,campaign,Affichecampagne Voorbeeldweek,,,,,,awarded,Studiebureau"),
            ("Voorbeeldweek\n\nReclamebureau", "Voorbeeldweek\n\nStudiebureau"),
            ("Klankbord Proefstudio", "Studiebureau Verzinsel Oost"),
        ],
        ("Els", "Bedacht"),
    )  # fmt: skip
    return folder


# The corpus of this module's ``datasets``, added as tests/test_corpus.py adds its own.
db = corpus_db


@pytest.fixture
def report(db: Path) -> CorpusReport:
    connection = connect(db, read_only=True)
    try:
        return supplier_report(connection, [SUPPLIER])
    finally:
        connection.close()


def test_the_fixture_corpus(report: CorpusReport) -> None:
    assert report.taken == ((SUPPLIER, 4), (SUPPLIER + " B.V.", 2), (SUPPLIER + " bv", 1))
    assert report.similar == ((SUPPLIER + " Oost bvba", 1),)
    assert [question.number for question in report.questions] == [319, 320, 907]
    assert [row.ref for row in report.rows] == [
        (JAN, "C03"), (JAN, "C04"), (ELS, "C04"),
        (STUDIES, "A03"), (STUDIES, "A04"), (STUDIES, "B04"), (STUDIES, "B05"),
    ]  # fmt: skip


def _sums(report_totals: tuple[object, ...]) -> dict[tuple[object, str], Decimal | None]:
    return {(total.group, total.vat_basis): total.amount for total in report_totals}  # type: ignore[attr-defined]


def test_totals_per_question_minister_and_year_to_the_cent(report: CorpusReport) -> None:
    assert _sums(report.totals) == {(None, "excl_vat"): EXCL_319 + EXCL_320, (None, "incl_vat"): INCL_907}
    assert _sums(report.by["question"]) == {
        (JAN, "excl_vat"): EXCL_319,
        (ELS, "excl_vat"): EXCL_320,
        (STUDIES, "incl_vat"): INCL_907,
    }
    assert _sums(report.by["minister"]) == {
        ("Els Bedacht", "excl_vat"): EXCL_320,
        ("Jan Fictief", "excl_vat"): EXCL_319,
        ("Jan Fictief", "incl_vat"): INCL_907,
    }
    assert _sums(report.by["year"]) == {(2018, "excl_vat"): EXCL_319 + EXCL_320, (2022, "incl_vat"): INCL_907}
    assert Decimal("230429.50") not in {total.amount for total in report.totals}  # never across bases


def test_totals_equal_the_datasets_own_analyses(report: CorpusReport, datasets: Path) -> None:
    """Per question and basis, the sums of each dataset's own analysis (the engine's kind sums) of
    the rows of the names taken."""
    names = {name for name, _ in report.taken}
    own: dict[tuple[str, str], Decimal] = {}
    for folder in datasets.iterdir():
        dataset = load_dataset(folder)
        rows = tuple(row for row in dataset.rows if row.beneficiary in names)
        for kind in kind_sums(dataset, rows, Decimal("0.21")):
            for basis, amount in kind.stated:
                key = (dataset.id, basis.value)
                own[key] = own.get(key, Decimal("0")) + amount
    assert _sums(report.by["question"]) == own


def test_signals_where_expected_and_not_elsewhere(report: CorpusReport) -> None:
    (signal,) = report.below
    assert signal.minister == "Jan Fictief" and signal.rule_id == "accepted-invoice"
    assert signal.questions == (JAN, STUDIES)
    assert [(row.ref, row.excl_vat, row.converted) for row in signal.rows] == [
        ((JAN, "C03"), Decimal("28500.00"), False),
        ((JAN, "C04"), Decimal("29000.00"), False),
        ((STUDIES, "A03"), Decimal("29700.00"), True),
        ((STUDIES, "A04"), Decimal("29800.00"), True),
        ((STUDIES, "B04"), Decimal("29500.00"), True),
        ((STUDIES, "B05"), Decimal("29950.00"), True),
    ]
    assert {threshold.amount for threshold in signal.thresholds} == {Decimal("30000.00")}
    assert report.unchecked == ()


def test_shares_of_each_ministers_total_on_the_same_basis(report: CorpusReport) -> None:
    found = {(share.minister, share.vat_basis): (share.amount, share.total) for share in report.shares}
    assert found == {
        ("Els Bedacht", "excl_vat"): (EXCL_320, ALL_CAMPAIGNS),
        ("Jan Fictief", "excl_vat"): (EXCL_319, ALL_CAMPAIGNS),
        ("Jan Fictief", "incl_vat"): (INCL_907, ALL_907),
    }


# The report as the user gets it: the command, the PDF's text, the workbook's figures.

TIMESTAMP = dt.datetime(2024, 2, 14, tzinfo=dt.UTC)


def _plain(text: str) -> str:
    return text.replace("\xa0", " ").replace("\u202f", " ")


def test_the_html_puts_each_amount_beside_its_question_and_source_line(report: CorpusReport) -> None:
    html = _plain(render_html(report, "nl", "corpus.duckdb"))
    rows = html.split('id="rows"')[1]
    b05 = rows.split('id="r7"')[1].split("</tr>")[0]
    assert "nr. 907 (2023-2024)" in b05 and "B05" in b05 and "€ 36.239,50" in b05 and "incl. btw" in b05
    assert "Antwoord 2, tabel B, rij 5" in b05 and "Jan Fictief" in b05
    assert "€ 143.929,50" in html and "€ 86.500,00" in html and "€ 57.500,00" in html
    assert "€ 230.429,50" not in html  # incl. and excl. VAT never added up
    signals = html.split('id="signals"')[1].split('id="rows"')[0]
    assert "Jan Fictief: 6 gunningen aan Studiebureau Verzinsel net onder de drempel" in signals
    assert "Els Bedacht: " not in signals.split("Aandeel in het totaal")[0]
    assert "Afgeleid door sebrief" in signals and "Na te gaan" in signals
    assert "48,8 %" in signals and "€ 117.900,00" in signals
    assert "Studiebureau Verzinsel Oost bvba" in html.split('id="names"')[1].split("Ook gelijkaardig")[1]
    english = _plain(render_html(report, "en", "corpus.duckdb"))
    assert "€143,929.50" in english and "just under the threshold" in english and "Stated in the answers" in english


def _cached(data: bytes) -> dict[str, list[list[object]]]:
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), data_only=True)
    return {sheet.title: [list(line) for line in sheet.iter_rows(values_only=True)] for sheet in book.worksheets}


def _totals_lines(sheet: Sequence[Sequence[object]]) -> dict[tuple[object, object], tuple[object, object]]:
    """(group, basis) -> (rows, amount) of the totals sheet's lines (those with a count)."""
    out: dict[tuple[object, object], tuple[object, object]] = {}
    for line in sheet:
        if isinstance(line[3], int) and line[2] in {"excl. btw", "incl. btw", "btw niet vermeld"}:
            group = line[1] or line[0]
            out[(group, line[2])] = (line[3], Decimal(str(line[4])))
    return out


def _expected_totals(report: CorpusReport) -> dict[tuple[object, object], tuple[object, object]]:
    vat = {"excl_vat": "excl. btw", "incl_vat": "incl. btw"}
    out: dict[tuple[object, object], tuple[object, object]] = {}
    for items in (report.totals, *report.by.values()):
        for total in items:
            group = "alle vragen" if total.group is None and items is report.totals else total.group
            out[(group, vat[total.vat_basis])] = (total.rows, total.amount)
    return out


def test_the_workbooks_cached_values_are_the_reports(report: CorpusReport) -> None:
    sheets = _cached(render_workbook(report, "nl", TIMESTAMP))
    assert list(sheets) == ["Rijen", "Totalen", "Aandachtspunten", "Namen"]
    assert _totals_lines(sheets["Totalen"]) == _expected_totals(report)
    assert _totals_lines(sheets["Totalen"])[("Jan Fictief", "incl. btw")] == (4, INCL_907)
    rows = sheets["Rijen"]
    assert rows[0][9] == "Bedrag" and [line[9] for line in rows[1:]] == [row.amount for row in report.rows]
    assert [line[13] for line in rows[1:]] == [row.source_ref for row in report.rows]
    signals = [line for line in sheets["Aandachtspunten"] if line[0] == 1]
    assert [(line[3], Decimal(str(line[7])), line[10]) for line in signals] == [
        (row.ref[1], row.excl_vat, True) for row in report.below[0].rows
    ]


def test_no_such_supplier_writes_nothing(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, stdout, err = _run("corpus", "report", db, "--supplier", "Niemand Anders bv", "--out-dir", out)
    assert code == 2 and not out.exists() and stdout == ""
    assert "geen enkele rij van het corpus" in err and "Niemand Anders bv" in err and "Traceback" not in err
    code, _, err = _run("corpus", "report", db, "--supplier", "Studiebureau", "--out-dir", out)
    assert code == 2 and not out.exists()
    assert "gelijkaardige namen" in err and '"Studiebureau Verzinsel Oost bvba"' in err


@pytest.mark.slow
def test_the_command_writes_the_pdf_and_workbook_the_same_bytes_each_time(db: Path, tmp_path: Path) -> None:
    outputs = []
    for run in ("one", "two"):
        out = tmp_path / run
        code, stdout, err = _run("corpus", "report", db, "--supplier", SUPPLIER, "--out-dir", out)
        assert code == 0, err
        pdf, xlsx = out / "corpus-studiebureau-verzinsel.pdf", out / "corpus-studiebureau-verzinsel.xlsx"
        assert stdout.splitlines() == [f"{pdf} geschreven", f"{xlsx} geschreven"]
        outputs.append((pdf.read_bytes(), xlsx.read_bytes()))
    assert outputs[0] == outputs[1]
    assert outputs[0][0].startswith(b"%PDF")
    try:
        import pypdfium2  # type: ignore[import-untyped]
    except ImportError:  # a reader of the PDF's attachments, if there is one
        pass
    else:
        document = pypdfium2.PdfDocument(outputs[0][0])
        attached = [document.get_attachment(index) for index in range(document.count_attachments())]
        assert [(item.get_name(), bytes(item.get_data())) for item in attached] == [
            ("corpus-studiebureau-verzinsel.xlsx", outputs[0][1])
        ]
    code, _, err = _run("corpus", "report", db, "--supplier", SUPPLIER, "--out-dir", tmp_path / "en", "--lang", "en")
    assert code == 0, err
    assert _cached((tmp_path / "en" / "corpus-studiebureau-verzinsel.xlsx").read_bytes())["Totals"][0][0] == (
        "Totals per VAT basis"
    )


@pytest.mark.slow
def test_libreoffice_recalculates_the_workbook_to_the_same_figures(report: CorpusReport, tmp_path: Path) -> None:
    from tests.recalc import recalculated_all, with_wrong_cached_values

    data = render_workbook(report, "nl", TIMESTAMP)
    wrong, changed = with_wrong_cached_values(data)
    assert changed == len(report.totals) * 2 + sum(len(items) for items in report.by.values()) * 2 + 6 * 3 + 3 * 2
    books = recalculated_all({"right": data, "wrong": wrong}, tmp_path)
    expected = _expected_totals(report)
    for name in ("right", "wrong"):
        sheet = [[int(cell) if cell.isdigit() else cell for cell in line] for line in books[name]["Totalen"]]
        assert _totals_lines(sheet) == expected, name
        signals = [line for line in books[name]["Aandachtspunten"] if line[0] == "1"]
        assert [(Decimal(line[7]), Decimal(line[9]), line[10]) for line in signals] == [
            (row.excl_vat, row.low, "TRUE") for row in report.below[0].rows
        ], name
        shares = {line[0] + "/" + line[1]: line[2] for line in books[name]["Aandachtspunten"] if line[1] in {
            "excl. btw", "incl. btw"} and line[0] in report.ministers}  # fmt: skip
        assert {key: Decimal(value) for key, value in shares.items()} == {
            f"{share.minister}/{'excl. btw' if share.vat_basis == 'excl_vat' else 'incl. btw'}": share.amount
            for share in report.shares
        }, name


def _award(row_id: str, amount: str, basis: str, start: dt.date | None, minister: str = "Jan Fictief",
           kind_procurement: bool = True, status: str = "awarded") -> Row:  # fmt: skip
    return Row(
        dataset_id="q", row_id=row_id, name=SUPPLIER, kind="k", kind_label_nl=None, kind_label_en=None,
        procurement=kind_procurement, description=None, status=status, vat_basis=basis, amount=Decimal(amount),
        amount_text=None, period_start=start, period_end=start, period_text=None, procedure=None,
        source_ref=f"line {row_id}", minister=minister, year=None if start is None else start.year,
    )  # fmt: skip


def test_just_under_a_threshold_at_its_edges_and_across_its_values() -> None:
    """The band is [threshold x (1 - band), threshold): 27.000,00 is in it, 30.000,00 is not; the
    value in force on the start date counts (8.500 euro before 30 June 2017, 30.000 after)."""
    from sebrief.reference import procurement_rules

    old, new = dt.date(2016, 5, 1), dt.date(2019, 5, 1)
    rows = [
        _award("R1", "27000.00", "excl_vat", new),  # at the band's lower end: in
        _award("R2", "30000.00", "excl_vat", new),  # at the threshold: not under it
        _award("R3", "26999.99", "excl_vat", new),  # just below the band: out
        _award("R4", "8400.00", "excl_vat", old),  # under the old value, 8.500
        _award("R5", "29000.00", "not_stated", new),  # no VAT statement: not compared
        _award("R6", "29000.00", "excl_vat", None),  # no period: not compared
        _award("R7", "29000.00", "excl_vat", new, kind_procurement=False),  # a subsidy: no threshold
        _award("R8", "29000.00", "excl_vat", new, status="in_procedure"),  # not awarded
        _award("R9", "29500.00", "excl_vat", new, minister="Els Bedacht"),  # one alone: no signal
        _award("R10", "142000.00", "excl_vat", new),  # under the negotiated-procedure ceiling (144.000)
    ]
    signals, unchecked = just_below(rows, procurement_rules())
    assert [(s.minister, s.rule_id, [row.ref[1] for row in s.rows]) for s in signals] == [
        ("Jan Fictief", "accepted-invoice", ["R1", "R4"])
    ]
    assert [rule.amount for rule in signals[0].thresholds] == [Decimal("8500.00"), Decimal("30000.00")]
    assert [(item.ref[1], item.reason) for item in unchecked] == [("R5", "not_stated"), ("R6", "no_period")]
    # a second award under the ceiling makes a signal of its own
    rows.append(_award("R11", "130000.00", "excl_vat", new))
    signals, _ = just_below(rows, procurement_rules())
    assert [(s.rule_id, [row.ref[1] for row in s.rows]) for s in signals] == [
        ("accepted-invoice", ["R1", "R4"]),
        ("negotiated-without-publication", ["R10", "R11"]),
    ]


def test_a_name_whose_rows_have_no_amount(db: Path) -> None:
    """C02 and C05 of the three campaigns questions, done in house (no amount): counted, nothing added,
    no share, no signal; both outputs made."""
    connection = connect(db, read_only=True)
    try:
        found = supplier_report(connection, ["Communicatieteam departement"])
    finally:
        connection.close()
    assert len(found.rows) == 6 and found.shares == () and found.below == () and found.unchecked == ()
    assert [(total.vat_basis, total.rows, total.amount) for total in found.totals] == [("not_stated", 6, None)]
    html = _plain(render_html(found, "nl", "corpus.duckdb"))
    assert "Aandeel in het totaal" not in html and "Geen enkele minister heeft meerdere gunningen" in html
    sheets = _cached(render_workbook(found, "nl", TIMESTAMP))
    assert _totals_lines(sheets["Totalen"])[("alle vragen", "btw niet vermeld")] == (6, Decimal("0"))


def test_a_house_style(report: CorpusReport) -> None:
    from sebrief.brand import load_brand

    brand = load_brand(Path(__file__).parent / "fixtures" / "brand" / "brand.yaml")
    html = render_html(report, "nl", "corpus.duckdb", brand=brand)
    assert 'class="brand-name">Studiedienst Voorbeeld (fictief)<' in html and "--primary: #0b5d4b" in html
    assert "Studiedienst Voorbeeld (fictief) · voorbeeld.invalid" in html and "data:image/svg+xml" in html
    sheets = _cached(render_workbook(report, "nl", TIMESTAMP, brand))
    assert _totals_lines(sheets["Totalen"]) == _expected_totals(report)


def _own_templates(folder: Path, template: str) -> Path:
    """A user's template folder whose corpus_report.html is ``template``."""
    folder.mkdir()
    (folder / "corpus_report.html").write_text(template, encoding="utf-8")
    return folder


OWN_LINE = "Opgesteld door de studiedienst van de fractie"


def test_a_template_of_the_users_own_for_the_report(report: CorpusReport, tmp_path: Path) -> None:
    built_in = (templates_dir() / "corpus_report.html").read_text(encoding="utf-8")
    own = built_in.replace('<h1 id="top">{{ heading }}</h1>', f'<h1 id="top">{{{{ heading }}}}</h1>\n<p>{OWN_LINE}</p>')
    assert own != built_in
    templates = _own_templates(tmp_path / "templates", own)
    page = render_html(report, "nl", "corpus.duckdb", template_dir=templates)
    assert page == render_html(report, "nl", "corpus.duckdb").replace("</h1>\n", f"</h1>\n<p>{OWN_LINE}</p>\n", 1)


def test_a_broken_template_of_the_users_own_is_said_and_nothing_is_written(db: Path, tmp_path: Path) -> None:
    templates = _own_templates(tmp_path / "templates", "<html>\n<body>\n{% if %}\n</body>\n</html>\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / "corpus-studiebureau-verzinsel.pdf").write_bytes(b"an earlier report")
    code, stdout, err = _run(
        "corpus", "report", db, "--supplier", SUPPLIER, "--out-dir", out, "--template-dir", templates
    )
    assert code == 2 and stdout == "" and "Traceback" not in err
    assert "corpus_report.html, line 3" in err and "fix the template" in err
    assert [path.name for path in out.iterdir()] == ["corpus-studiebureau-verzinsel.pdf"]
    assert (out / "corpus-studiebureau-verzinsel.pdf").read_bytes() == b"an earlier report"


@pytest.mark.slow
def test_the_command_lays_out_the_users_own_template(db: Path, tmp_path: Path) -> None:
    built_in = (templates_dir() / "corpus_report.html").read_text(encoding="utf-8")
    own = built_in.replace('<h1 id="top">{{ heading }}</h1>', f'<h1 id="top">{{{{ heading }}}}</h1>\n<p>{OWN_LINE}</p>')
    templates = _own_templates(tmp_path / "templates", own)
    out = tmp_path / "out"
    code, _, err = _run("corpus", "report", db, "--supplier", SUPPLIER, "--out-dir", out, "--template-dir", templates)
    assert code == 0, err
    pdf = out / "corpus-studiebureau-verzinsel.pdf"
    first = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    assert OWN_LINE in " ".join(first.stdout.split())
