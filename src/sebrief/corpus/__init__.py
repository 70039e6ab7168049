"""Many answers, one picture: datasets' rows with their questions in one DuckDB file, queried
across questions (``sebrief corpus``); ``sebrief.corpus.open(DB).rows()`` for notebooks."""

from __future__ import annotations

from pathlib import Path

from sebrief.corpus.api import Corpus


def open(db: str | Path) -> Corpus:
    """The corpus file ``db``, read-only."""
    return Corpus(db)


__all__ = ["Corpus", "open"]
