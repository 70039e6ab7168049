"""LibreOffice as the tests' spreadsheet program: it recalculates every formula, then writes each sheet as CSV.

By default LibreOffice does not recalculate an .xlsx file that stores cached results: it shows the
values the writer stored, so a wrong formula with a right cached value would go unnoticed. Each
conversion therefore runs with a fresh user profile whose settings force the recalculation on load
(``OOXMLRecalcMode`` and ``ODFRecalcMode`` 0, "always"). ``with_wrong_cached_values`` makes a copy
of a workbook whose cached results are all wrong (an array formula's whole range included), to
prove that the figures read back come from the formulas.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from openpyxl.utils.cell import get_column_letter, range_boundaries

# Always recalculate on load, for OOXML (.xlsx) and ODF files alike (0 = always, 1 = never, 2 = ask).
SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">\
<value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse">\
<value>0</value></prop></item>
</oor:items>
"""
# Comma, double quote, UTF-8, from line 1, raw values (not as shown), every sheet (-1), one CSV per sheet.
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
# A cached result no figure of the workbook has: seen in a recalculated sheet, it was not recalculated.
WRONG_NUMBER = "-987654.21"
WRONG_TEXT = "stale cached value"
FORMULA_CELL = re.compile(
    r'(?P<head><c r="(?P<ref>[A-Z]+[0-9]+)"(?P<attributes>[^>]*)><f(?P<kind>(?: [^>]*)?)>[^<]*</f>)<v>[^<]*</v></c>'
)
ARRAY_RANGE = re.compile(r' ref="(?P<range>[A-Z]+[0-9]+:[A-Z]+[0-9]+)"')
VALUE_CELL = re.compile(r'(?P<head><c r="(?P<ref>[A-Z]+[0-9]+)"[^>]*>)<v>[^<]*</v></c>')


def soffice() -> str:
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        pytest.skip("LibreOffice (soffice) is not installed; scripts/install-test-deps.sh installs it")
    return program


def forced_profile(folder: Path) -> Path:
    """A new LibreOffice user profile that recalculates every formula of a file it opens."""
    profile = folder / "profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(SETTINGS, encoding="utf-8")
    return profile


def recalculated(data: bytes, folder: Path) -> dict[str, list[list[str]]]:
    """Every sheet of the workbook ``data`` as LibreOffice computes it: sheet name -> CSV lines."""
    return recalculated_all({"book": data}, folder)["book"]


def recalculated_all(books: dict[str, bytes], folder: Path) -> dict[str, dict[str, list[list[str]]]]:
    """Several workbooks recalculated in one run of LibreOffice (it takes seconds to start):
    name -> sheet name -> CSV lines. Names are plain words (letters and digits)."""
    program = soffice()
    folder.mkdir(parents=True, exist_ok=True)
    sources = []
    for name, data in books.items():
        assert name.isalnum(), f"{name!r}: a workbook's name must be letters and digits"
        source = folder / f"{name}.xlsx"
        source.write_bytes(data)
        sources.append(str(source))
    profile = forced_profile(folder)
    subprocess.run(
        [program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", CSV_FILTER,
         "--outdir", str(folder), *sources],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    out = {}
    for name in books:
        sheets = {}
        for path in sorted(folder.glob(f"{name}-*.csv")):
            with path.open(encoding="utf-8", newline="") as handle:
                sheets[path.stem.removeprefix(f"{name}-")] = list(csv.reader(handle))
        if not sheets:
            raise AssertionError(f"LibreOffice wrote no CSV for {name}.xlsx")
        out[name] = sheets
    return out


def with_wrong_cached_values(data: bytes) -> tuple[bytes, int]:
    """A copy of the workbook where every formula's cached result is wrong, and how many were changed.

    Numeric results become ``WRONG_NUMBER``, text results (``t="str"``) ``WRONG_TEXT``; an array
    formula's results fill its range, and every one of them becomes wrong. A reader that shows cached
    values shows these; one that recalculates shows the formulas' results.
    """
    changed = 0
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = source.read(entry)
            if entry.filename.startswith("xl/worksheets/sheet") and entry.filename.endswith(".xml"):
                xml, count = wrong_results(content.decode("utf-8"))
                content, changed = xml.encode("utf-8"), changed + count
            target.writestr(entry, content)
    return out.getvalue(), changed


def wrong_results(xml: str) -> tuple[str, int]:
    """A sheet's XML with every result of a formula wrong, and how many."""
    spilled = set()  # the cells of array formulas' ranges, but their first
    for match in FORMULA_CELL.finditer(xml):
        found = ARRAY_RANGE.search(match["kind"])
        if found:
            spilled |= set(range_cells(found["range"])) - {match["ref"]}
    changed = 0

    def formula(match: re.Match[str]) -> str:
        nonlocal changed
        changed += 1
        value = WRONG_TEXT if 't="str"' in match["attributes"] else WRONG_NUMBER
        return f"{match['head']}<v>{value}</v></c>"

    def result(match: re.Match[str]) -> str:
        nonlocal changed
        if match["ref"] not in spilled:
            return match[0]
        changed += 1
        return f"{match['head']}<v>{WRONG_NUMBER}</v></c>"

    return VALUE_CELL.sub(result, FORMULA_CELL.sub(formula, xml)), changed


def range_cells(cells: str) -> list[str]:
    """The cells of a range such as "B6:B90"."""
    first_col, first_row, last_col, last_row = range_boundaries(cells)
    return [f"{get_column_letter(col)}{row}" for col in range(first_col, last_col + 1)
            for row in range(first_row, last_row + 1)]  # fmt: skip
