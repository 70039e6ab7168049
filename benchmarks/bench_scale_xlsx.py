"""How the workbook scales with the size of the answer's table: time and peak memory of rendering it.

Run:  python benchmarks/bench_scale_xlsx.py [--sizes 17,100,2000,20000,135000] [--command]

For each size N, the bundled dataset is grown to N rows (``grow.py``: suppliers from a pool that
grows with the square root of N, about 1,100 at 135,000 rows; kinds, periods and amounts rotating)
and analysed once in a process of its own, which keeps the brief (pickled). A fresh
process then loads that brief and renders the workbook: its time, rows per second, the process'
peak memory while rendering (the brief included: ``VmHWM``, reset once the brief is loaded) and
how far rendering raised it above the memory the brief already held. Each size runs in its own
processes, so that no size inherits another's memory.
``--command`` also runs the whole ``sebrief xlsx`` command (load, validate, analyse, render,
write) per size, with its wall time and peak memory (``/usr/bin/time -f %M``).

The 17 rows are the bundled dataset itself. The grown datasets are written under ``--work``
(a temporary folder by default) and never committed.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from grow import grow  # a script beside this one (its folder is on the path when run)

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data" / "sv-221-2017-2018"

SIZES = (17, 100, 2000, 20000, 135000)


ANALYSE = """
import json, pickle, resource, sys, time
from pathlib import Path
from sebrief.dataset.load import load_dataset
from sebrief.engine.analyse import analyse
start = time.perf_counter()
brief = analyse(load_dataset(Path(sys.argv[1])), "nl")
seconds = time.perf_counter() - start
Path(sys.argv[2]).write_bytes(pickle.dumps(brief, protocol=pickle.HIGHEST_PROTOCOL))
print(json.dumps({"seconds": seconds, "rows": len(brief.rows),
                  "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""

RENDER = """
import datetime as dt, json, pickle, resource, sys, time
from pathlib import Path
from sebrief.render.xlsx import render_workbook

def status_kb(field):
    with open("/proc/self/status") as handle:
        return next(int(line.split()[1]) for line in handle if line.startswith(field + ":"))

with open(sys.argv[1], "rb") as handle:
    brief = pickle.load(handle)
try:  # the peak so far was loading the brief: count from here (Linux 4.0 and later)
    with open("/proc/self/clear_refs", "w") as handle:
        handle.write("5")
except OSError:
    pass
before = status_kb("VmRSS")
start = time.perf_counter()
data = render_workbook(brief, timestamp=dt.datetime(2018, 1, 19))
seconds = time.perf_counter() - start
peak = status_kb("VmHWM")
Path(sys.argv[2]).write_bytes(data)
print(json.dumps({"seconds": seconds, "before_kb": before, "peak_kb": peak, "bytes": len(data)}))
"""


def run_json(code: str, *args: str) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True, text=True)
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def command(folder: Path, out: Path) -> tuple[float, float]:
    """Wall time and peak memory (MB) of the whole `sebrief xlsx` command."""
    timing = out.with_suffix(".time")
    start = time.perf_counter()
    subprocess.run(
        ["/usr/bin/time", "-f", "%M", "-o", str(timing), sys.executable, "-m", "sebrief", "xlsx", str(folder), "-o",
         str(out)],
        check=True, capture_output=True,
    )  # fmt: skip
    seconds = time.perf_counter() - start
    return seconds, int(timing.read_text().split()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="row counts, comma-separated")
    parser.add_argument("--work", type=Path, help="where to keep the grown datasets (default: a temporary folder)")
    parser.add_argument("--command", action="store_true", help="also time the whole `sebrief xlsx` command")
    options = parser.parse_args()
    sizes = [int(size) for size in options.sizes.split(",")]
    work = options.work or Path(tempfile.mkdtemp(prefix="sebrief-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    header = (f"{'rows':>8} {'analyse s':>10} {'render s':>9} {'rows/s':>8} {'peak MB':>8} {'+render MB':>10} "
              f"{'xlsx MB':>8}" + (f" {'command s':>10} {'command MB':>11}" if options.command else ""))  # fmt: skip
    print(header, flush=True)
    results = []
    try:
        for size in sizes:
            folder = BUNDLED if size <= 17 else work / f"rows-{size}"
            if size > 17 and not (folder / "dataset.yaml").exists():
                grow(size, folder)
            brief = work / f"brief-{size}.pickle"
            analysed = run_json(ANALYSE, str(folder), str(brief))
            rendered = run_json(RENDER, str(brief), str(work / f"rows-{size}.xlsx"))
            brief.unlink()
            row = {
                "rows": int(analysed["rows"]),
                "analyse_s": analysed["seconds"],
                "render_s": rendered["seconds"],
                "rows_per_s": analysed["rows"] / rendered["seconds"],
                "peak_mb": rendered["peak_kb"] / 1024,
                "render_mb": max(rendered["peak_kb"] - rendered["before_kb"], 0) / 1024,
                "xlsx_mb": rendered["bytes"] / 1e6,
            }
            line = (f"{row['rows']:>8} {row['analyse_s']:>10.2f} {row['render_s']:>9.2f} {row['rows_per_s']:>8.0f} "
                    f"{row['peak_mb']:>8.0f} {row['render_mb']:>10.0f} {row['xlsx_mb']:>8.2f}")  # fmt: skip
            if options.command:
                row["command_s"], row["command_mb"] = command(folder, work / f"command-{size}.xlsx")
                line += f" {row['command_s']:>10.1f} {row['command_mb']:>11.0f}"
            print(line, flush=True)
            results.append(row)
    finally:
        if options.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
