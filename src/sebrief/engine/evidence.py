"""A passage of the source cited as evidence, with the lines of the source it stands on."""

from __future__ import annotations

from sebrief.dataset.model import Dataset
from sebrief.engine.brief_values import Evidence
from sebrief.quotes import SourceText


def evidence(dataset: Dataset, source: SourceText, passage_id: str) -> Evidence:
    passage = dataset.passage(passage_id)
    lines = source.locate(passage.text) or (0, 0)
    return Evidence(passage.id, passage.text, passage.part, lines[0], lines[1])
