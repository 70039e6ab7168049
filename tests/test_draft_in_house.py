"""Drafting rows done in house (status ``in_house``) and a period a table's lead sentence gives once
for all its rows (the table block's ``period`` and ``period_text``).

The fictional document is tests/fixtures/draft/campaigns-in-house-2019.html (and its other formats):
under "In 2019 voerde het departement de volgende campagnes:", rows 2 and 4 are done by the
department itself ('Eigen dienst', 'Communicatieteam departement', cost '/'), the others awarded.
"""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from sebrief.dataset.fields import RowStatus
from sebrief.dataset.load import load_dataset
from sebrief.draft import parse_document
from sebrief.draft.emit import draft_files, write_draft
from tests.test_new import fill_decisions

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "draft"
NAME = "campaigns-in-house-2019"


def _rows(folder: Path) -> list[dict[str, str]]:
    with (folder / "rows.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _table_block(data: dict[str, Any]) -> dict[str, Any]:
    [table] = [block for block in data["answer"]["blocks"] if block["kind"] == "table"]
    return table


@pytest.mark.parametrize("suffix", [".html", ".docx", ".cells.txt", ".pdftotext.txt", ".layout.txt"])
def test_rows_done_in_house_and_the_tables_period_are_drafted(suffix: str, tmp_path: Path) -> None:
    folder = tmp_path / "draft"
    files = write_draft(FIXTURES / f"{NAME}{suffix}", folder)
    rows = _rows(folder)
    # from the document: rows 2 and 4 'Eigen dienst' at cost '/', the three others awarded with their amounts
    assert [row["status"] for row in rows] == ["awarded", "in_house", "awarded", "in_house", "awarded"]
    assert [(row["amount"], row["amount_text"]) for row in rows if row["status"] == "in_house"] == [
        ("", "/"),
        ("", "/"),
    ]
    assert [row["beneficiary"] for row in rows if row["status"] == "in_house"] == ["Communicatieteam departement"] * 2
    assert [row["amount"] for row in rows if row["status"] == "awarded"] == ["184500.00", "7865.00", "42350.00"]
    table = _table_block(yaml.safe_load((folder / "dataset.yaml").read_text(encoding="utf-8")))
    assert table["period"] == {"start": dt.date(2019, 1, 1), "end": dt.date(2019, 12, 31), "precision": "month"}
    assert table["period_text"] == "In 2019"
    assert not [gap for gap in files.gaps if gap.what.startswith(("row status", "period of table"))]
    fill_decisions(folder)
    dataset = load_dataset(folder)  # valid: 'In 2019' checked against the source and the dates
    loaded = {row.id: row for row in dataset.rows}
    assert [row_id for row_id, row in loaded.items() if row.is_in_house] == ["R02", "R04"]
    assert all(row.period_from_table and row.period is not None for row in loaded.values())
    assert {(row.period.start, row.period.end) for row in loaded.values() if row.period} == {
        (dt.date(2019, 1, 1), dt.date(2019, 12, 31))
    }


def document(lead: str, table: str) -> str:
    """A fictional question whose answer 1 is ``lead`` and the table below it."""
    return (
        "SCHRIFTELIJKE VRAAG\n\nnr. 9\nvan AN PEETERS\ndatum: 3 maart 2020\n\naan PIET JANSSENS\nVLAAMS MINISTER "
        "VAN WERK\n\nCampagnes\n\n1. Welke campagnes liepen er? Graag per campagne:\na) de omschrijving;\n"
        "b) de opdrachtnemer;\nc) het bedrag.\n\nANTWOORD\nop vraag nr. 9 van 3 maart 2020\n\n"
        f"1. {lead}\n\n{table}\n"
    )


HEADER = "Omschrijving | Procedure | Opdrachtnemer | Bedrag\n"
AWARDED = "Affiches | Aanvaarde factuur | Drukkerij Noord | 10.000,00 euro\n"


@pytest.mark.parametrize(
    ("row", "status"),
    [
        ("Nieuwsbrief | eigen dienst | Communicatieteam departement | /", RowStatus.IN_HOUSE),
        ("Nieuwsbrief | In eigen beheer | | geen kosten", RowStatus.IN_HOUSE),
        ("Nieuwsbrief | Intern | Dienst Communicatie | -", RowStatus.IN_HOUSE),
        ("Nieuwsbrief | / | door de administratie zelf | nihil", RowStatus.IN_HOUSE),
        ("Nieuwsbrief | Zelf uitgevoerd | eigen personeel | eigen middelen", RowStatus.IN_HOUSE),
        ("Nieuwsbrief | Onderhandelingsprocedure | In procedure | /", RowStatus.IN_PROCEDURE),
        ("Nieuwsbrief | / | / | /", RowStatus.IN_PROCEDURE),  # nothing yet: in procedure, as before
        ("Nieuwsbrief | Aanvaarde factuur | Studio Zuid | 5.000,00 euro", RowStatus.AWARDED),
    ],
)
def test_the_status_of_a_row_from_its_cells(row: str, status: RowStatus) -> None:
    draft = parse_document(document("In 2019 liepen deze campagnes:", HEADER + AWARDED + row))
    assert [r.status for r in draft.answer.rows] == [RowStatus.AWARDED, status]
    assert draft.answer.rows[1].amount is None or status is RowStatus.AWARDED
    assert not [gap for gap in draft.gaps if gap.what in ("row status", "row amount")]


def test_a_row_done_in_house_in_a_table_without_a_cost_column() -> None:
    table = "Omschrijving | Procedure | Opdrachtnemer\nAffiches | Eigen dienst | Communicatieteam\nVideo | / | /"
    draft = parse_document(document("In 2019 liepen deze campagnes:", table))
    assert [r.status for r in draft.answer.rows] == [RowStatus.IN_HOUSE, RowStatus.IN_PROCEDURE]


@pytest.mark.parametrize(
    ("row", "why"),
    [
        # a team and no cost, but nothing says it did the work itself: in house or not awarded yet?
        ("Nieuwsbrief | / | Communicatieteam departement | /", "it names 'Communicatieteam departement' but no cost"),
        ("Nieuwsbrief | Interne audit | | geen kosten", "its cost reads 'geen kosten'"),
        ("Nieuwsbrief | / | Interne Audit | /", "it names 'Interne Audit' but no cost"),
        # done in house, with a figure: the staff's time, or an award? Never drafted silently
        ("Nieuwsbrief | eigen dienst | Communicatieteam | 12.000,00 euro", "it says it was done in house but gives"),
        ("Nieuwsbrief | eigen dienst | Communicatieteam | twaalf euro per uur", "it says it was done in house: set"),
    ],
)
def test_a_status_the_cells_do_not_settle_is_left_empty_and_listed(row: str, why: str) -> None:
    draft = parse_document(document("In 2019 liepen deze campagnes:", HEADER + AWARDED + row))
    assert [r.status for r in draft.answer.rows] == [RowStatus.AWARDED, None]
    [gap] = [gap for gap in draft.gaps if gap.what == "row status"]
    assert why in gap.hint and "set status to in_house" in gap.hint
    files = draft_files(draft, "", "vraag.txt")
    statuses = [line.split(",")[8] for line in files.files["rows.csv"].decode().splitlines()[1:]]
    assert statuses == ["awarded", ""]  # left for a person: `sebrief validate` lists it


def _drafted_period(lead: str, table: str = HEADER + AWARDED) -> tuple[dict[str, Any] | None, str | None, list[str]]:
    files = draft_files(parse_document(document(lead, table)), "", "vraag.txt")
    block = _table_block(files.data)
    gaps = [str(gap) for gap in files.gaps if gap.what.startswith("period of table")]
    return block.get("period"), block.get("period_text"), gaps


@pytest.mark.parametrize(
    ("lead", "text", "start", "end", "precision"),
    [
        ("In 2017 voerde het departement de volgende campagnes:", "In 2017", "2017-01-01", "2017-12-31", "month"),
        ("Tijdens het jaar 2019 liepen deze campagnes:", "Tijdens het jaar 2019", "2019-01-01", "2019-12-31", "month"),
        (
            "In de periode van 1 maart 2018 tot 31 december 2018 liepen deze campagnes:",
            "van 1 maart 2018 tot 31 december 2018",
            "2018-03-01",
            "2018-12-31",
            "day",
        ),
    ],
)
def test_a_period_the_lead_sentence_gives_for_all_rows(lead: str, text: str, start: str, end: str,
                                                        precision: str) -> None:  # fmt: skip
    period, period_text, gaps = _drafted_period(lead)
    assert period == {"start": dt.date.fromisoformat(start), "end": dt.date.fromisoformat(end), "precision": precision}
    assert period_text == text
    assert gaps == []


@pytest.mark.parametrize(
    ("lead", "table"),
    [
        ("In 2017 en 2018 liepen deze campagnes:", HEADER + AWARDED),  # two years: whose?
        ("De campagnes van 2019 waren:", HEADER + AWARDED),  # a year, not as the period of the rows
        (  # only some rows have a period of their own
            "In 2019 liepen deze campagnes:",
            "Omschrijving | Looptijd | Bedrag\nAffiches | maart 2019 | 10.000,00 euro\nVideo | / | 5.000,00 euro",
        ),
    ],
)
def test_a_doubtful_period_is_left_out_and_listed(lead: str, table: str) -> None:
    period, period_text, gaps = _drafted_period(lead, table)
    assert period is None and period_text is None
    assert len(gaps) == 1 and "add the table's period and period_text" in gaps[0]


@pytest.mark.parametrize("lead", ["In 2019 liepen deze campagnes:", "De campagnes van 2019 waren:"])
def test_no_period_when_every_row_has_its_own(lead: str) -> None:
    table = "Omschrijving | Looptijd | Bedrag\nAffiches | maart 2019 | 10.000,00 euro\nVideo | mei 2019 | 5.000,00 euro"
    assert _drafted_period(lead, table) == (None, None, [])


def test_no_cost_in_words_in_a_table_as_typed() -> None:
    """The plain text layer of a PDF (each row's cells one after another): 'geen kosten' is read as
    the cost cell, and the row done in house."""
    table = (
        "Omschrijving Looptijd Opdrachtnemer Bedrag\nAffiches\nmaart 2019\nDrukkerij Noord 10.000,00 euro\n\n"
        "Nieuwsbrief\nmei 2019\nEigen dienst geen kosten\n"
    )
    draft = parse_document(document("In 2019 liepen deze campagnes:", table))
    rows = [(r.description, r.beneficiary, r.amount_text, r.amount, r.status) for r in draft.answer.rows]
    assert rows == [
        ("Affiches", "Drukkerij Noord", "10.000,00 euro", Decimal("10000.00"), RowStatus.AWARDED),
        ("Nieuwsbrief", "Eigen dienst", "geen kosten", None, RowStatus.IN_HOUSE),
    ]


@pytest.mark.parametrize("cost", ["/", "-", "geen kosten", "nihil"])
def test_no_cost_one_cell_a_line(cost: str) -> None:
    """Text copied from a viewer, one cell a line: a cost cell '/' is complete (the next row starts
    after it, no amount of the next row is taken), 'geen kosten' is a cost cell too."""
    table = (
        "Omschrijving\nOpdrachtnemer\nBedrag\nAffiches\nDrukkerij Noord\n10.000,00 euro\nNieuwsbrief\nEigen dienst\n"
        f"{cost}\nVideo\nStudio Zuid\n5.000,00 euro\n"
    )
    draft = parse_document(document("In 2019 liepen deze campagnes:", table))
    rows = [(r.description, r.beneficiary, r.amount_text, r.amount, r.status) for r in draft.answer.rows]
    assert rows == [
        ("Affiches", "Drukkerij Noord", "10.000,00 euro", Decimal("10000.00"), RowStatus.AWARDED),
        ("Nieuwsbrief", "Eigen dienst", cost, None, RowStatus.IN_HOUSE),
        ("Video", "Studio Zuid", "5.000,00 euro", Decimal("5000.00"), RowStatus.AWARDED),
    ]


@pytest.mark.parametrize("cost", ["/", "geen kosten"])
def test_a_total_is_checked_against_the_rows_with_rows_done_in_house(cost: str) -> None:
    """A row at no cost adds nothing to the stated total; it is no amount left unread."""
    table = HEADER + AWARDED + f"Nieuwsbrief | Eigen dienst | Communicatieteam | {cost}\nTotaal | | | {{total}}"
    draft = parse_document(document("In 2019 liepen deze campagnes:", table.format(total="10.000,00 euro")))
    assert [gap for gap in draft.gaps if gap.what == "stated total"] == []
    wrong = parse_document(document("In 2019 liepen deze campagnes:", table.format(total="11.000,00 euro")))
    [gap] = [str(gap) for gap in wrong.gaps if gap.what == "stated total"]
    assert "add up to 10.000,00 euro, the answer states the total '11.000,00 euro'" in gap
