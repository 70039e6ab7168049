"""``--previous``: the workbook and the brief say what changed since an earlier version.

The later version is built here from the bundled dataset (R08 moved to awarded, with values that
stand verbatim elsewhere in the source); it is a test fixture, not a fact.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from sebrief.cli import main
from tests.test_diff import edit_rows

pytestmark = pytest.mark.slow
BUNDLED = Path(__file__).resolve().parents[1] / "data" / "sv-221-2017-2018"


@pytest.fixture
def later_version(dataset_copy: Path) -> Path:
    award = {
        "period_start": "2018-01-01", "period_end": "2018-06-30", "period_precision": "day",
        "period_text": "1 januari 2018 – 30 juni 2018", "status": "awarded", "beneficiary": "KULeuven (HIVA)",
        "amount": "29800.00", "amount_text": "29.800 euro", "vat_basis": "excl_vat", "vat_text": "(excl. BTW)",
    }  # fmt: skip
    edit_rows(dataset_copy, {"R08": award})
    return dataset_copy


def test_workbook_has_a_changes_sheet(later_version: Path, tmp_path: Path) -> None:
    out = tmp_path / "v2.xlsx"
    result = CliRunner().invoke(main, ["xlsx", str(later_version), "--previous", str(BUNDLED), "-o", str(out)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(io.BytesIO(out.read_bytes()))
    assert book.sheetnames[1] == "Wijzigingen"
    values = [[c for c in row if c is not None] for row in book["Wijzigingen"].iter_rows(values_only=True)]
    flat = [str(v) for row in values for v in row]
    assert any("R08 toegewezen" in v and "€\u00a029.800,00" in v and "KULeuven (HIVA)" in v for v in flat)
    moved = next(row for row in values if row and row[0] == "Overheidsopdrachten (excl. btw)")
    assert moved[1:3] == [350371.57, 380171.57]  # 350.371,57 + 29.800,00


def test_without_previous_no_changes_sheet(tmp_path: Path) -> None:
    out = tmp_path / "v1.xlsx"
    assert CliRunner().invoke(main, ["xlsx", "-o", str(out)]).exit_code == 0
    assert "Wijzigingen" not in openpyxl.load_workbook(out).sheetnames


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_brief_has_a_changes_section(later_version: Path, tmp_path: Path) -> None:
    out = tmp_path / "v2.pdf"
    result = CliRunner().invoke(main, ["pdf", str(later_version), "--previous", str(BUNDLED), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "Wijzigingen sinds de vorige versie" in text
    assert "1 wijziging(en) sinds versie sv-221-2017-2018." in text
    assert "+€ 29.800,00" in text


def test_build_takes_previous_for_one_dataset_only(later_version: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(later_version), str(BUNDLED), "--previous", str(BUNDLED)])
    assert result.exit_code == 2 and "--previous goes with exactly one DATASET" in result.stderr
