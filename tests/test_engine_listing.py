"""Every list of row ids the brief prints is bounded, at every size: the first ten and a count
(``sebrief.engine.listing``); the workbook lists every row.

Checked on the bundled question grown to 3,000 rows (benchmarks/grow.py) without any period and with
half its awarded contracts without a VAT basis: the rows the method and the coverage name run into
the thousands, the brief names at most ten of each.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sebrief.cli import main
from sebrief.dataset.load import load_dataset
from sebrief.engine.analyse import analyse
from sebrief.engine.brief import Brief
from sebrief.engine.listing import IDS_SHOWN, listed_rows
from sebrief.i18n import Translator
from sebrief.render.pdf import render_html

ROOT = Path(__file__).resolve().parents[1]
ROWS = 3000
ROW_ID = re.compile(r"\bR\d{2,6}\b")


@pytest.fixture(scope="module")
def undated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from grow import grow

    folder = grow(ROWS, tmp_path_factory.mktemp("undated") / "grown")
    path = folder / "rows.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle))
    for at, record in enumerate(records):
        record.update(period_start="", period_end="", period_precision="", period_text="")
        if record["kind"] == "public_contract" and record["status"] == "awarded" and at % 2:
            record.update(vat_basis="not_stated", vat_text="")
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(records[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
    return folder


@pytest.fixture(scope="module")
def brief(undated: Path) -> Brief:
    return analyse(load_dataset(undated), "nl")


def ids_in(text: str) -> set[str]:
    return set(ROW_ID.findall(text))


def test_a_list_of_ids_names_the_first_ten_and_counts_the_others() -> None:
    ids = [f"R{n:04d}" for n in range(1, 3001)]
    assert listed_rows(ids[:IDS_SHOWN], Translator("nl")) == ", ".join(ids[:IDS_SHOWN])
    text = listed_rows(ids, Translator("nl"))
    assert text == ", ".join(ids[:10]) + " … en 2.990 andere (de werkmap bevat alle rijen)"
    assert listed_rows(ids, Translator("en")).endswith(" … and 2,990 more (the workbook lists every row)")


def test_the_method_names_ten_of_the_thousands_of_rows_it_leaves_out(brief: Brief) -> None:
    contracts = [row for row in brief.rows if row.procurement and row.status.code == "awarded"]
    silent = [row.id for row in contracts if row.vat_basis.code == "not_stated"]
    dated = [row.id for row in contracts if row.vat_basis.code != "not_stated"]
    assert len(silent) > 1000 and len(dated) > 500  # what the notes are about: thousands of rows
    notes = {note.split(":")[0]: note for note in brief.method.notes}
    vat = notes["Buiten de drempels en leverancierssignalen gelaten, bij gebrek aan btw-grondslag"]
    assert f"{len(silent):,} rijen".replace(",", ".") in vat and ids_in(vat) == set(silent[:IDS_SHOWN])
    assert f"en {len(silent) - IDS_SHOWN:,} andere".replace(",", ".") in vat
    undated = next(note for note in brief.method.notes if note.startswith("Zonder looptijd"))
    assert ids_in(undated) == set(dated[:IDS_SHOWN])


def test_every_sentence_of_the_brief_names_at_most_ten_rows(brief: Brief) -> None:
    sentences = [
        *brief.method.notes,
        *(part.reason for part in brief.coverage),
        *(question.text for question in brief.follow_up),
        *(f"{point.value} {point.detail}" for point in brief.key_points),
    ]
    assert max(len(ids_in(sentence)) for sentence in sentences) <= 12  # the follow-up names twelve
    period = next(part for part in brief.coverage if part.part_id == "2b")  # "looptijd": no row gives it
    assert period.reason.startswith(f"0 van {ROWS} rijen") and "en 2.990 andere" in period.reason


def test_the_brief_and_the_summary_stay_small_without_periods(brief: Brief, undated: Path) -> None:
    page = render_html(brief)
    assert len(ids_in(page)) < 150, len(ids_in(page))  # the layout lists no row of so long a table
    assert len(page.encode("utf-8")) < 400_000
    summary = CliRunner().invoke(main, ["analyse", str(undated)])
    assert summary.exit_code == 0, summary.output
    assert len(ids_in(summary.output)) < 100 and len(summary.output) < 40_000


def test_the_changes_since_a_previous_version_are_bounded_too(undated: Path, tmp_path: Path) -> None:
    """Every row lost its period since the grown version: thousands of changes, fifty lines and a count."""
    from grow import grow

    previous = load_dataset(grow(ROWS, tmp_path / "previous"))
    brief = analyse(load_dataset(undated), "nl", previous=previous)
    assert brief.changes is not None and len(brief.changes.lines) > 2000
    page = render_html(brief)
    changes = page[page.index('id="changes"') :]
    changes = changes[: changes.index("</section>")]
    assert changes.count("<li>") == 50
    more = len(brief.changes.lines) - 50
    assert f"… en {more:,} andere wijzigingen (de werkmap bevat ze allemaal)".replace(",", ".") in changes
