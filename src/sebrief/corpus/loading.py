"""Reading and validating the datasets of ``sebrief corpus add``, in parallel processes.

Each dataset is read and validated (every quote checked against its source text): that, not the
database, is what takes the time of a large corpus. Worker processes (one per core by default)
read the datasets a small group at a time and send back the prepared rows, plain values; the one
process that writes the corpus file stores them, in batches, in the order the datasets were
named. Only a few groups are in flight at once, so a large corpus never waits in memory: at
most ``AHEAD`` groups per worker are read ahead of the store.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from sebrief.corpus.store import Prepared, prepare

Result = tuple[Path, Prepared | None, str | None]
GROUP = 16  # datasets a worker reads before it sends them back (fewer messages, still small)
AHEAD = 3  # groups per worker read ahead of the store
FEW = 50  # fewer datasets are read in one process unless --jobs says otherwise (a worker takes ~1 s to start)


def default_jobs(datasets: int) -> int:
    """The default of ``--jobs`` for ``datasets`` datasets: the cores this process may use, or one
    process for fewer than ``FEW`` datasets (starting workers would cost more than they save)."""
    if datasets < FEW:
        return 1
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def read(folder: Path, lang: str) -> Result:
    """The dataset at ``folder`` prepared for the corpus, or the report of its problems in ``lang``."""
    from sebrief.dataset.load import load_dataset
    from sebrief.errors import DatasetError

    try:
        dataset = load_dataset(folder)
    except DatasetError as error:
        return folder, None, error.report(lang)
    return folder, prepare(dataset), None


def read_group(folders: list[Path], lang: str) -> list[Result]:
    """``read`` of each folder, in a worker process."""
    return [read(folder, lang) for folder in folders]


def read_all(folders: list[Path], lang: str, jobs: int) -> Iterator[Result]:
    """Each folder read in turn (``jobs`` 1) or by ``jobs`` worker processes, in the folders' order."""
    if jobs <= 1 or len(folders) < 2:
        yield from (read(folder, lang) for folder in folders)
        return
    jobs = min(jobs, len(folders))
    size = max(1, min(GROUP, len(folders) // (jobs * AHEAD)))
    groups = deque(folders[start : start + size] for start in range(0, len(folders), size))
    # spawn: the parent holds a DuckDB connection and its threads, which a fork must not copy
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        pending: deque[Future[list[Result]]] = deque()
        while groups or pending:
            while groups and len(pending) < jobs * AHEAD:
                pending.append(pool.submit(read_group, groups.popleft(), lang))
            yield from pending.popleft().result()
