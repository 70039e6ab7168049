"""sebrief: turn a parliamentary written question and its answer into a workbook and a brief."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sebrief.corpus.api import OneDataset

__version__ = "0.1.0"


def open(dataset: str | Path) -> OneDataset:  # sebrief.open(DATASET).rows(), like sebrief.corpus.open(DB)
    """One dataset (a folder or its dataset.yaml), loaded and validated; ``.rows()`` gives its rows as
    a pandas DataFrame with exact ``Decimal`` amounts (pandas: ``pip install 'sebrief[corpus]'``)."""
    from sebrief.corpus.api import OneDataset

    return OneDataset(dataset)
