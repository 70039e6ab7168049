"""How long `sebrief validate` takes on a long table, against the floor: reading the same CSV with
Python's csv module (every line into a dict), measured in the same run.

    python benchmarks/bench_validate.py [--rows 135000] [--runs 3] [--small 200]

The dataset is the bundled one grown to ``--rows`` rows with matching source text
(``benchmarks/grow.py``). Both are run as fresh processes, one after another; the figures are the
median wall time, the median CPU time (user and system: less moved by other work on a shared
machine) and the peak resident memory of the child (``/usr/bin/time``). The children keep their
compiled modules, as an installed sebrief does; the first run, which compiles them, is not timed.
The target of issue 22 is 3 s for 135,000 rows.

``--small`` also measures, in this process, what `sebrief corpus add` pays per dataset: loading
and validating a dataset grown to that many rows (200 by default), the best of a few repeats of a
timed loop, against the floor of reading its CSV file with the csv module the same way.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from grow import grow

FLOOR = """
import csv, sys
with open(sys.argv[1], encoding="utf-8", newline="") as f:
    rows = list(csv.DictReader(f))
print(len(rows))
"""


# The children run as an installed sebrief runs: Python keeps the compiled modules (an environment
# that tells it not to, as some development machines do, would make every run compile them again).
CHILD_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def run(command: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user and system) and peak memory (KB) of one child process.

    The peak comes from ``/usr/bin/time``, whose own process is small: Linux hands a process's peak
    resident memory on to the program it runs, so a child started straight from this benchmark (which
    holds the grown dataset it made) would report this process's peak instead of its own.
    """
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report, tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.run(
            ["/usr/bin/time", "-f", "%M %U %S", "-o", report.name, *command],
            stdout=subprocess.DEVNULL,
            stderr=errors,
            check=False,
            env=CHILD_ENV,
        )
        seconds = time.perf_counter() - start
        if child.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"{' '.join(command)} failed:\n{errors.read().decode()[:4000]}")
        peak, user, system = report.read().split()[-3:]
    return seconds, float(user) + float(system), int(peak)


def small(rows: int, folder: Path) -> dict[str, float]:
    """Milliseconds per dataset: load and validate a small dataset in process, and the CSV floor."""
    import csv
    import timeit

    from sebrief.dataset.load import load_dataset

    grown = grow(rows, folder)
    load_dataset(grown)  # imports and first-use caches, as a corpus has them after its first dataset

    def floor() -> None:
        with (grown / "rows.csv").open(encoding="utf-8", newline="") as handle:
            list(csv.DictReader(handle))

    def each(function: Callable[[], object], number: int = 50) -> float:
        return min(timeit.repeat(function, number=number, repeat=5)) / number * 1000

    floor_ms, load_ms = each(floor), each(lambda: load_dataset(grown))
    return {
        "small_rows": rows,
        "small_floor_csv_ms": round(floor_ms, 2),
        "small_validate_ms": round(load_ms, 2),
        "small_ratio": round(load_ms / floor_ms, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=135_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--small", type=int, default=200, help="rows of the small dataset (0: not measured)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = grow(args.rows, Path(tmp) / "grown")
        floor_cmd = [sys.executable, "-c", FLOOR, str(folder / "rows.csv")]
        validate_cmd = [sys.executable, "-m", "sebrief", "validate", "--lang", "en", str(folder)]
        floor, validate, floor_cpu, validate_cpu = [], [], [], []
        floor_peak = validate_peak = 0
        run(validate_cmd)  # (not timed: the first run compiles the modules, as installing sebrief does)
        for _ in range(args.runs):  # interleaved, so that a busy moment weighs on both
            seconds, cpu, peak = run(floor_cmd)
            floor.append(seconds)
            floor_cpu.append(cpu)
            floor_peak = max(floor_peak, peak)
            seconds, cpu, peak = run(validate_cmd)
            validate.append(seconds)
            validate_cpu.append(cpu)
            validate_peak = max(validate_peak, peak)
        measured_small = small(args.small, Path(tmp) / "small") if args.small else {}
    result = {
        "rows": args.rows,
        "runs": args.runs,
        "floor_csv_s": round(statistics.median(floor), 2),
        "validate_s": round(statistics.median(validate), 2),
        "ratio": round(statistics.median(validate) / statistics.median(floor), 1),
        "floor_cpu_s": round(statistics.median(floor_cpu), 2),
        "validate_cpu_s": round(statistics.median(validate_cpu), 2),
        "floor_peak_mb": round(floor_peak / 1024),
        "validate_peak_mb": round(validate_peak / 1024),
        "target_s": 3.0,
        **measured_small,
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
