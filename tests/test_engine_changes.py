"""``--previous``: the brief, the workbook and the PDF say what changed since an earlier version.

The later versions are built here from the bundled dataset (R08 moved to awarded, with values that
stand verbatim elsewhere in the source) and from the fictional studies dataset; they are test
fixtures, not facts.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from sebrief.cli import main
from sebrief.dataset.load import load_dataset
from sebrief.engine.analyse import analyse
from sebrief.pipeline import prepare
from tests.test_diff import STUDIES, edit_rows

D = Decimal
BUNDLED = Path(__file__).resolve().parents[1] / "data" / "sv-221-2017-2018"
E = "€\u00a0"
R08_LINE = f"Tabelrij R08 toegewezen: {E}29.800,00 (excl. btw) aan KULeuven (HIVA), 1 januari 2018 – 30 juni 2018."


@pytest.fixture
def later_version(dataset_copy: Path) -> Path:
    award = {
        "period_start": "2018-01-01", "period_end": "2018-06-30", "period_precision": "day",
        "period_text": "1 januari 2018 – 30 juni 2018", "status": "awarded", "beneficiary": "KULeuven (HIVA)",
        "amount": "29800.00", "amount_text": "29.800 euro", "vat_basis": "excl_vat", "vat_text": "(excl. BTW)",
    }  # fmt: skip
    edit_rows(dataset_copy, {"R08": award})
    return dataset_copy


def test_the_brief_says_what_changed(later_version: Path) -> None:
    brief = analyse(load_dataset(later_version), "nl", previous=load_dataset(BUNDLED))
    changes = brief.changes
    assert changes is not None
    assert (changes.previous_id, changes.summary) == (
        "sv-221-2017-2018",
        "1 wijziging sinds versie sv-221-2017-2018.",
    )
    assert [(line.section.code, line.subject, line.kind.label, line.text) for line in changes.lines] == [
        ("row", "R08", "toegewezen", R08_LINE)
    ]
    figures = {f.label: (f.previous, f.current, f.delta, f.is_money) for f in changes.figures}
    assert figures == {
        "Subsidieoproepen (rijen)": (D(2), D(2), D(0), False),
        "Subsidieoproepen (btw niet vermeld)": (D("315342.98"), D("315342.98"), D(0), True),
        "Overheidsopdrachten (rijen)": (D(15), D(15), D(0), False),
        "Overheidsopdrachten (excl. btw)": (D("350371.57"), D("380171.57"), D("29800.00"), True),  # + 29.800,00
        "Rijen in procedure": (D(2), D(1), D(-1), False),
    }


def test_the_brief_in_english_and_without_changes(later_version: Path) -> None:
    later = load_dataset(later_version)
    english = analyse(later, "en", previous=load_dataset(BUNDLED)).changes
    assert english is not None
    assert english.lines[0].text == (
        "Table row R08 awarded: €29,800.00 (excl. VAT) to KULeuven (HIVA), 1 January 2018 – 30 June 2018."
    )
    assert [f.label for f in english.figures if f.delta] == ["Public contracts (excl. VAT)", "Rows in procedure"]
    same = analyse(later, "nl", previous=later).changes
    assert same is not None
    assert (same.summary, same.lines) == ("Geen wijzigingen sinds versie sv-221-2017-2018.", ())
    assert analyse(later, "nl").changes is None


def test_changes_of_a_fictional_dataset(tmp_path: Path) -> None:
    folder = tmp_path / STUDIES.name
    shutil.copytree(STUDIES, folder)
    edit_rows(folder, {"B05": {"amount": "36058.00", "amount_text": "36.058,00 €"}}, file="evaluation.csv")
    changes = analyse(load_dataset(folder), "nl", previous=load_dataset(STUDIES)).changes
    assert changes is not None
    assert [line.text for line in changes.lines] == [
        f"Tabelrij B05: bedrag gewijzigd van {E}36.239,50 naar {E}36.058,00."
    ]
    moved = [(f.name, f.label, f.delta) for f in changes.figures if f.delta]
    assert moved == [("total.study_evaluation.incl_vat", "Evaluatiestudies (incl. btw)", D("-181.50"))]


def test_pipeline_reads_the_previous_version(later_version: Path) -> None:
    prepared = prepare(later_version, "nl", previous=BUNDLED)
    assert prepared.brief.changes is not None
    assert [line.text for line in prepared.brief.changes.lines] == [R08_LINE]


def test_an_invalid_previous_version_is_exit_3(later_version: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(BUNDLED, broken)
    edit_rows(broken, {"R03": {"amount": "1"}})  # no longer the amount its text says
    out = tmp_path / "v2.xlsx"
    result = CliRunner().invoke(
        main, ["xlsx", str(later_version), "--previous", str(broken), "-o", str(out), "--lang", "en"]
    )
    assert result.exit_code == 3 and "amount 1 does not match amount_text" in result.stderr
    assert "Traceback" not in result.output and not out.exists()


# --- the renderers (slow) -------------------------------------------------------------------


@pytest.mark.slow
def test_workbook_has_a_changes_sheet(later_version: Path, tmp_path: Path) -> None:
    out = tmp_path / "v2.xlsx"
    result = CliRunner().invoke(main, ["xlsx", str(later_version), "--previous", str(BUNDLED), "-o", str(out)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(io.BytesIO(out.read_bytes()))
    assert book.sheetnames[1] == "Wijzigingen"
    values = [[c for c in row if c is not None] for row in book["Wijzigingen"].iter_rows(values_only=True)]
    flat = [str(v) for row in values for v in row]
    assert R08_LINE in flat
    moved = next(row for row in values if row and row[0] == "Overheidsopdrachten (excl. btw)")
    assert moved[1:3] == [350371.57, 380171.57]  # 350.371,57 + 29.800,00


@pytest.mark.slow
def test_without_previous_no_changes_sheet(tmp_path: Path) -> None:
    out = tmp_path / "v1.xlsx"
    assert CliRunner().invoke(main, ["xlsx", "-o", str(out)]).exit_code == 0
    assert "Wijzigingen" not in openpyxl.load_workbook(out).sheetnames


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_brief_has_a_changes_section(later_version: Path, tmp_path: Path) -> None:
    out = tmp_path / "v2.pdf"
    result = CliRunner().invoke(main, ["pdf", str(later_version), "--previous", str(BUNDLED), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "Wijzigingen sinds de vorige versie" in text
    assert "1 wijziging sinds versie sv-221-2017-2018." in text
    assert "+€ 29.800,00" in text


@pytest.mark.slow
def test_build_takes_previous_for_one_dataset_only(later_version: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(later_version), str(BUNDLED), "--previous", str(BUNDLED)])
    assert result.exit_code == 2 and "--previous goes with exactly one DATASET" in result.stderr
