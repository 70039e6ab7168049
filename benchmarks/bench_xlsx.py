"""How long the workbook takes, against the bare cost of writing the same cells with openpyxl.

Run as a script (several runs of each, medians and ratios, both measured in the same run):

    python benchmarks/bench_xlsx.py [--runs 7]

or with pytest-benchmark:

    python -m pytest benchmarks/bench_xlsx.py --benchmark-only

The baseline writes the same values (formula cells: their results) into the same sheets and
cells, without styles, formulas, tables, charts, print setup or the reproducible zip.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl

from sebrief.pipeline import Prepared, prepare, workbook_bytes
from sebrief.resources import bundled_dataset

Cells = dict[str, list[tuple[int, int, Any]]]


def cells_of(workbook: bytes) -> Cells:
    """Every non-empty cell of the rendered workbook, by sheet, with formulas replaced by their results."""
    book = openpyxl.load_workbook(io.BytesIO(workbook), data_only=True)
    return {
        ws.title: [(c.row, c.column, c.value) for row in ws.iter_rows() for c in row if c.value is not None]
        for ws in book.worksheets
    }


def baseline(cells: Cells) -> bytes:
    """The same values in the same places, written with openpyxl and nothing else."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, values in cells.items():
        ws = book.create_sheet(title)
        for row, col, value in values:
            ws.cell(row=row, column=col, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def median_seconds(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def json_cells(cells: Cells) -> str:
    return json.dumps({t: [(r, c, v if isinstance(v, int | float | str) else str(v)) for r, c, v in values]
                       for t, values in cells.items()})  # fmt: skip


BASELINE_PROCESS = """
import io, json, sys, openpyxl
cells = json.load(open(sys.argv[1]))
book = openpyxl.Workbook(); book.remove(book.active)
for title, values in cells.items():
    ws = book.create_sheet(title)
    for row, col, value in values:
        ws.cell(row=row, column=col, value=value)
book.save(sys.argv[2])
"""


def process_timings(cells: Cells, runs: int) -> tuple[float, float]:
    """Median wall time of `sebrief xlsx` and of a process that only writes the same cells."""
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "cells.json"
        data.write_text(json_cells(cells), encoding="utf-8")
        out = Path(folder) / "out.xlsx"
        sebrief = [sys.executable, "-m", "sebrief", "xlsx", "-o", str(out)]
        bare = [sys.executable, "-c", BASELINE_PROCESS, str(data), str(out)]

        def run(command: list[str]) -> Callable[[], object]:
            return lambda: subprocess.run(command, check=True, capture_output=True)

        return median_seconds(run(sebrief), runs), median_seconds(run(bare), runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    prepared = prepare(bundled_dataset())
    cells = cells_of(workbook_bytes(prepared))
    count = sum(len(values) for values in cells.values())
    render = median_seconds(lambda: workbook_bytes(prepared), runs)
    bare = median_seconds(lambda: baseline(cells), runs)
    print(f"{count} cells in {len(cells)} sheets, median of {runs} runs")
    print(f"in process:    render_workbook {render * 1000:7.1f} ms   bare openpyxl {bare * 1000:7.1f} ms"
          f"   ratio {render / bare:.2f}")  # fmt: skip
    command, bare_process = process_timings(cells, runs)
    print(f"whole process: sebrief xlsx    {command * 1000:7.1f} ms   bare openpyxl {bare_process * 1000:7.1f} ms"
          f"   ratio {command / bare_process:.2f}")  # fmt: skip


# --- pytest-benchmark ----------------------------------------------------------------------


def _prepared() -> Prepared:
    return prepare(bundled_dataset())


def test_render_workbook(benchmark: Any) -> None:
    prepared = _prepared()
    benchmark(workbook_bytes, prepared)


def test_baseline_same_cells(benchmark: Any) -> None:
    cells = cells_of(workbook_bytes(_prepared()))
    benchmark(baseline, cells)


if __name__ == "__main__":
    main()
