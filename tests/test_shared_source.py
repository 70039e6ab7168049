"""The source is normalised once, for validation and analysis, and its lines found compactly.

``SourceText.of`` (the text normalised by validation, its lines found when first asked for) gives
the lines ``SourceText.from_text`` gives; the analysis takes the normalised text validation made
and does not keep it with the dataset; the passages' and figures' lines looked up at once are
those the source gives; the quick paths of ``normalised_text`` and ``missing_in_rows`` give what
the full ones give.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sebrief import quotes
from sebrief.dataset.load import load_dataset
from sebrief.dataset.model import Row
from sebrief.dataset.verbatim import VerbatimSource, normalised_text, take_normalised
from sebrief.engine.analyse import analyse
from sebrief.engine.evidence import cited_quotes
from sebrief.quotes import Located, SourceText, line_starts

ROOT = Path(__file__).resolve().parents[1]
DATASETS = [
    ROOT / "data" / "sv-221-2017-2018",
    *sorted(path for path in (ROOT / "tests" / "fixtures" / "datasets").iterdir() if path.is_dir()),
]
TEXTS = st.lists(
    st.sampled_from(["a", "é", "e\u0301", "-", "-", "\n", "\n", " ", " ", "\t", "\r", "\xa0", "\x1c", "\u200b", "²"]),
    max_size=30,
).map("".join)


def _reference(text: str) -> tuple[str, list[int], list[int]]:
    return quotes._normalise_lines(unicodedata.normalize("NFC", text))


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_the_lines_are_found_as_the_whole_normalisation_finds_them(text: str) -> None:
    normalised, starts, numbers = _reference(text)
    found = line_starts(unicodedata.normalize("NFC", text))
    assert (list(found[0]), list(found[1])) == (starts, numbers)
    assert normalised_text(text) == normalised
    source = SourceText.of(text, normalised_text(text))
    assert (list(source.starts), list(source.numbers)) == (starts, numbers)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_the_lines_are_found_a_chunk_at_a_time(text: str) -> None:
    chunk = quotes.LINE_CHUNK
    try:
        quotes.LINE_CHUNK = 2
        found = line_starts(unicodedata.normalize("NFC", text))
    finally:
        quotes.LINE_CHUNK = chunk
    assert (list(found[0]), list(found[1])) == _reference(text)[1:]


@pytest.mark.parametrize("folder", DATASETS, ids=lambda path: path.name)
def test_every_quote_stands_on_the_lines_the_whole_normalisation_gives(folder: Path) -> None:
    dataset = load_dataset(folder)
    whole = SourceText.from_text(dataset.source_text)
    shared = SourceText.of(dataset.source_text, take_normalised(dataset))
    quoted = [*cited_quotes(dataset), *(row.description_source or row.description for row in dataset.rows)]
    assert [shared.locate(quote) for quote in quoted] == [whole.locate(quote) for quote in quoted]
    located = Located(whole, cited_quotes(dataset))
    assert [located.locate(quote) for quote in cited_quotes(dataset)] == [
        whole.locate(quote) for quote in cited_quotes(dataset)
    ]


@pytest.mark.parametrize("folder", DATASETS, ids=lambda path: path.name)
def test_the_analysis_takes_the_source_validation_normalised(folder: Path) -> None:
    dataset = load_dataset(folder)
    assert "_normalised_source" in dataset.__dict__  # kept by validation
    brief = analyse(dataset)
    assert "_normalised_source" not in dataset.__dict__  # taken: not held with the dataset
    assert brief == analyse(dataset)  # normalised again: the same brief
    assert take_normalised(dataset) == normalised_text(dataset.source_text)
    assert dataset == load_dataset(folder)


def test_a_quote_of_white_space_only_is_not_verbatim() -> None:
    source = VerbatimSource("een  tekst\nmet regels")
    row = Row.model_construct(
        description=" ", description_source="", period_text="", period_from_table=False, amount_text="tekst met",
        beneficiary="een tekst", vat_text="\t", procedure="",
    )  # fmt: skip
    missing = [(column, quote) for _, column, quote in source.missing_in_rows((row,))]
    assert missing == [("description", " "), ("vat_text", "\t")]
