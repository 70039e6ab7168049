"""Reading and validating the datasets of ``sebrief corpus add``, in parallel processes if asked.

Each dataset is read and validated (every quote checked against its source text): that, not the
database, is what takes the time of a large corpus. Worker processes send back the prepared
rows, plain values; the one process that writes the corpus file stores them in the order the
datasets were named.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat
from pathlib import Path

from sebrief.corpus.store import Prepared, prepare


def read(folder: Path, lang: str) -> tuple[Path, Prepared | None, str | None]:
    """The dataset at ``folder`` prepared for the corpus, or the report of its problems in ``lang``."""
    from sebrief.dataset.load import load_dataset
    from sebrief.errors import DatasetError

    try:
        dataset = load_dataset(folder)
    except DatasetError as error:
        return folder, None, error.report(lang)
    return folder, prepare(dataset), None


def read_all(folders: list[Path], lang: str, jobs: int) -> Iterator[tuple[Path, Prepared | None, str | None]]:
    """Each folder read in turn (``jobs`` 1) or by ``jobs`` worker processes, in the folders' order."""
    if jobs <= 1 or len(folders) < 2:
        yield from (read(folder, lang) for folder in folders)
        return
    # spawn: the parent holds a DuckDB connection and its threads, which a fork must not copy
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        yield from pool.map(read, folders, repeat(lang), chunksize=max(1, min(32, len(folders) // (jobs * 4))))
