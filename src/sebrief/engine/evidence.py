"""A passage of the source cited as evidence, with the lines of the source it stands on."""

from __future__ import annotations

from collections.abc import Iterator

from sebrief.dataset.model import Dataset, FiguresBlock
from sebrief.engine.brief_values import Evidence
from sebrief.quotes import Locator


def cited_quotes(dataset: Dataset) -> Iterator[str]:
    """The quotes the brief gives the source lines of, besides the rows': the passages and the figures."""
    yield from (passage.text for passage in dataset.main.answer.passages)
    for block in dataset.main.answer.blocks:
        if isinstance(block, FiguresBlock):
            yield from (figure.text for figure in block.figures)


def evidence(dataset: Dataset, source: Locator, passage_id: str) -> Evidence:
    passage = dataset.passage(passage_id)
    lines = source.locate(passage.text) or (0, 0)
    return Evidence(passage.id, passage.text, passage.part, lines[0], lines[1])
