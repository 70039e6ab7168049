"""How long the engine's analysis (``sebrief.engine.analyse.analyse``) takes by table size, against a
floor measured in the same run: a plain loop over the same rows adding up their amounts per kind
with Decimal.

    python benchmarks/bench_analyse.py [--sizes 1000,10000,135000] [--runs 3]

Each dataset is the bundled one grown to that many rows (``benchmarks/grow.py``), loaded once; then
the floor and ``analyse`` run in turn (interleaved, so that a busy moment weighs on both), in this
process, with the garbage collector on as in a command (the floor, a short loop, counts its best of
five each time). Times are processor time (``time.process_time``): on a shared machine, the wall
time (``analyse_wall_s``) also counts the waits for a processor. Reported per size: the medians, the cost
per row of each, their ratio, and the peak memory the analysis allocates (tracemalloc, one run of
its own) per row. The target of issue 22: about 2 s for 135,000 rows, the cost per row flat from
1,000 to 1,000,000 rows, and the memory per row too.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from grow import grow

from sebrief.dataset.load import load_dataset
from sebrief.dataset.model import Dataset
from sebrief.engine.analyse import analyse


def floor(dataset: Dataset) -> dict[str, Decimal]:
    """Every row read once: its amount added to its kind's sum."""
    sums: dict[str, Decimal] = {}
    for row in dataset.rows:
        if row.amount is not None:
            sums[row.kind] = sums.get(row.kind, Decimal(0)) + row.amount
    return sums


def timed(work: Callable[[Dataset], object], dataset: Dataset) -> tuple[float, float]:
    """Seconds of processor time and of wall time that ``work`` takes."""
    cpu, wall = time.process_time(), time.perf_counter()
    result = work(dataset)
    seconds = time.process_time() - cpu, time.perf_counter() - wall
    del result
    gc.collect()  # what the run left behind, collected outside the timing
    return seconds


def peak_bytes(dataset: Dataset) -> int:
    tracemalloc.start()
    brief = analyse(dataset)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del brief
    return peak


def measure(rows: int, runs: int, folder: Path) -> dict[str, float | int]:
    dataset = load_dataset(grow(rows, folder / f"grown-{rows}"))
    analyse(dataset)  # warm: imports, catalogs, reference data
    floors, analyses, walls = [], [], []
    for _ in range(runs):
        floors.append(min(timed(floor, dataset)[0] for _ in range(5)))  # a short loop: its best of five
        cpu, wall = timed(analyse, dataset)
        analyses.append(cpu)
        walls.append(wall)
    floor_s, analyse_s = statistics.median(floors), statistics.median(analyses)
    peak = peak_bytes(dataset)
    return {
        "rows": rows,
        "floor_s": round(floor_s, 4),
        "analyse_s": round(analyse_s, 3),
        "analyse_wall_s": round(statistics.median(walls), 3),
        "ratio": round(analyse_s / floor_s, 1),
        "floor_us_per_row": round(floor_s / rows * 1e6, 2),
        "analyse_us_per_row": round(analyse_s / rows * 1e6, 1),
        "peak_kb_per_row": round(peak / rows / 1024, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,135000", help="row counts, comma-separated")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        results = [measure(rows, args.runs, Path(tmp)) for rows in sizes]
    smallest = results[0]
    for result in results:  # flat: the cost per row of each size against the smallest's
        result["per_row_vs_smallest"] = round(
            float(result["analyse_us_per_row"]) / float(smallest["analyse_us_per_row"]), 2
        )
    print(json.dumps({"runs": args.runs, "target_s_at_135000": 2.0, "sizes": results}, indent=2))


if __name__ == "__main__":
    main()
