"""``VerbatimSource.missing_in_rows`` reports the quotes a search of the whole source misses, in order.

It looks for each row's first quote near the row before, its amount's words near it, and each text
of the columns that repeat (periods, suppliers, words for VAT, procedures) once: how it looks does
not change what it finds. Checked against ``SourceText.find`` of every quote of ``row_quotes``, row
by row, on rows whose quotes are present, absent, repeated, non-ASCII, elided, broken over lines,
in the order of the source and out of it; and on the datasets, their rows shuffled and some quotes
broken.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sebrief.dataset.load import load_dataset
from sebrief.dataset.model import Row
from sebrief.dataset.verbatim import VerbatimSource, row_quotes
from sebrief.quotes import SourceText

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data" / "sv-221-2017-2018"
DATASETS = [BUNDLED, *sorted(path for path in (ROOT / "tests" / "fixtures" / "datasets").iterdir() if path.is_dir())]
TABLED = [folder for folder in DATASETS if any(folder.glob("*.csv"))]

# Pieces of a source text, and quotes: found as they stand, found once normalised (white space,
# NFC, a word hyphenated at a line end, "[…]" between fragments), and not found at all.
SOURCE_PIECES = [
    "Opdracht 1 voor ondersteuning",
    "Opdracht 2 voor begeleiding",
    "januari 2018 – juni 2018",
    "maart 2019",
    "Leverancier A bv",
    "Leverancier B bv",
    "1.500,00 euro",
    "27.198,00 €",
    "(excl. BTW)",
    "onderhandelingsprocedure",
    "coöperatieve ondernemings-\nmodellen",
    "café   met\tterras",
    "e-commerce",
    "x",
]
QUOTES = [
    *SOURCE_PIECES,
    "Opdracht 1",
    "ondersteuning Opdracht 2",  # across two pieces: found when they stand together
    "coöperatieve ondernemingsmodellen",
    "coo\u0308peratieve",  # decomposed: the same once normalised
    "cafe\u0301 met terras",
    "café met terras",
    "Opdracht 1 […] begeleiding",
    "Opdracht 1 [...] begeleiding",
    "begeleiding [...] Opdracht 1",  # fragments out of order
    "Leverancier  A\nbv",
    " Leverancier B bv ",
    "ondernemings- modellen",
    "1.500,00 EUR",  # not in the source
    "Leverancier C bv",
    "juni 2018 – januari 2018",
    "Opdracht 3 voor ondersteuning",
    "[1]",
    " ",
    "\t",
    "",
]
OPTIONAL = st.one_of(st.none(), st.sampled_from(QUOTES))


@st.composite
def sources_and_rows(draw: st.DrawFn) -> tuple[str, list[Row]]:
    pieces = draw(st.lists(st.sampled_from(SOURCE_PIECES), max_size=20))
    separators = draw(
        st.lists(st.sampled_from([" ", "\n", "  ", "\n\n", " - "]), min_size=len(pieces), max_size=len(pieces))
    )
    source = "".join(piece + separator for piece, separator in zip(pieces, separators, strict=True))
    template = _template()
    rows = []
    for number in range(draw(st.integers(0, 12))):
        description = draw(st.sampled_from([q for q in QUOTES if q.strip()]))
        update = {
            "id": f"R{number}",
            "description": description,
            "description_source": draw(OPTIONAL),
            "period_text": draw(OPTIONAL),
            "period_from_table": draw(st.booleans()),
            "amount_text": draw(OPTIONAL),
            "beneficiary": draw(OPTIONAL),
            "vat_text": draw(OPTIONAL),
            "procedure": draw(OPTIONAL),
        }
        rows.append(template.model_copy(update=update))
    return source, rows


_TEMPLATES: list[Row] = []


def _template() -> Row:
    if not _TEMPLATES:
        _TEMPLATES.append(load_dataset(BUNDLED).rows[0])
    return _TEMPLATES[0]


def _reference(source: str, rows: list[Row]) -> list[tuple[str, str, str]]:
    """Every quote of every row, in order, looked for in the whole source."""
    whole = SourceText.from_text(source)
    return [
        (row.id, column, quote)
        for row in rows
        for column, quote in row_quotes(row)
        if quote and whole.find(quote) is None
    ]


def _missing(source: str, rows: list[Row] | tuple[Row, ...]) -> list[tuple[str, str, str]]:
    return [(row.id, column, quote) for row, column, quote in VerbatimSource(source).missing_in_rows(tuple(rows))]


@settings(max_examples=400, deadline=None)
@given(sources_and_rows())
def test_the_missing_quotes_are_those_the_whole_source_misses(case: tuple[str, list[Row]]) -> None:
    source, rows = case
    assert _missing(source, rows) == _reference(source, rows)


@settings(max_examples=100, deadline=None)
@given(sources_and_rows(), st.randoms(use_true_random=False))
def test_the_order_of_the_rows_does_not_change_which_are_missing(
    case: tuple[str, list[Row]], rng: random.Random
) -> None:
    source, rows = case
    shuffled = list(rows)
    rng.shuffle(shuffled)
    assert _missing(source, shuffled) == _reference(source, shuffled)


def test_quotes_far_apart_are_looked_for_in_the_whole_text() -> None:
    """Past the window a quote is first looked for in (a row far from the row before), repeated."""
    filler = "tekst " * 20_000
    source = f"Opdracht 1 Leverancier A bv {filler} Opdracht 2 Leverancier B bv 1.500,00 euro {filler} Opdracht 3"
    template = _template()
    rows = [
        template.model_copy(update={"id": f"R{n}", "description": d, "description_source": None, "beneficiary": b,
                                    "amount_text": a, "period_text": None, "vat_text": None, "procedure": None})
        for n, (d, b, a) in enumerate([
            ("Opdracht 3", "Leverancier B bv", "1.500,00 euro"),
            ("Opdracht 1", "Leverancier B bv", "1.500,00 EUR"),
            ("Opdracht 2", "Leverancier A bv", None),
            ("Opdracht 4", "Leverancier C bv", "1.500,00 EUR"),
            ("Opdracht 1", "Leverancier C bv", "1.500,00 euro"),
        ])
    ]  # fmt: skip
    assert (
        _missing(source, rows)
        == _reference(source, rows)
        == [
            ("R1", "amount_text", "1.500,00 EUR"),
            ("R3", "description", "Opdracht 4"),
            ("R3", "amount_text", "1.500,00 EUR"),
            ("R3", "beneficiary", "Leverancier C bv"),
            ("R4", "beneficiary", "Leverancier C bv"),
        ]
    )


@pytest.mark.parametrize("folder", TABLED, ids=lambda path: path.name)
def test_a_dataset_s_rows_shuffled_and_broken(folder: Path) -> None:
    dataset = load_dataset(folder)
    rng = random.Random(folder.name)
    rows = list(dataset.rows)
    rng.shuffle(rows)
    for index, row in enumerate(rows):
        if index % 4 == 1:
            column = rng.choice([column for column, _ in row_quotes(row)])
            rows[index] = row.model_copy(update={column: getattr(row, column) + " (niet in de bron)"})
    assert _missing(dataset.source_text, rows) == _reference(dataset.source_text, rows)


def test_a_grown_table_with_quotes_broken(tmp_path: Path) -> None:
    """A long table (repeated suppliers and periods): its rows in order, some quotes not verbatim,
    a repeated one among them (reported for each row that has it)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from grow import grow

    dataset = load_dataset(grow(1500, tmp_path / "grown"))
    rows = list(dataset.rows)
    supplier = rows[100].beneficiary
    assert supplier
    for index, row in enumerate(rows):
        if row.beneficiary == supplier:
            rows[index] = row.model_copy(update={"beneficiary": supplier + " nv"})
        elif index % 97 == 5:
            rows[index] = row.model_copy(update={"description": row.description.replace("Opdracht", "Opdr.")})
        elif index % 89 == 7 and row.amount_text:
            rows[index] = row.model_copy(update={"amount_text": row.amount_text + ",-"})
    expected = _reference(dataset.source_text, rows)
    assert _missing(dataset.source_text, rows) == expected
    assert sum(column == "beneficiary" for _, column, _ in expected) > 1
    assert {column for _, column, _ in expected} == {"beneficiary", "description", "amount_text"}
