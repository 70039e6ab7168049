"""How the workbook scales with the size of the answer's table: time and peak memory of rendering it.

Run:  python benchmarks/bench_scale_xlsx.py [--sizes 17,100,2000,20000,135000] [--command]

For each size N, the bundled dataset is grown to N rows (``grow.py``: suppliers from a pool that
grows with the square root of N, about 1,100 at 135,000 rows; kinds, periods and amounts rotating)
and analysed once in a process of its own, which keeps the brief (pickled). A fresh
process then loads that brief and renders the workbook: its time, rows per second, the process'
peak memory while rendering (the brief included: ``VmHWM``, reset once the brief is loaded) and
how far rendering raised it above the memory the brief already held. Each size runs in its own
processes, so that no size inherits another's memory.
Beside it, in the same run and the same way, the floor of issue 22: the same rows written with bare
XlsxWriter in ``constant_memory`` mode (``xlsx_floor.py``: the same cells of the rows sheet, formulas
with their cached results, and nothing else: no title, totals, other sheet, Excel table, widths or
row heights), and the ratio of the two, in wall seconds and in CPU seconds (on a shared machine the
CPU seconds are the steadier figure). ``--against SRC`` renders the same brief with another version of sebrief too (the
``src`` folder of a checkout, e.g. of the commit before a change), up to ``--against-up-to`` rows.
``--command`` also runs the whole ``sebrief xlsx`` command (load, validate, analyse, render,
write) per size, with its wall time and peak memory (``/usr/bin/time -f %M``).

The 17 rows are the bundled dataset itself. With ``--replicate N``, sizes from N rows up are made
from the largest analysed brief below them, its table's rows repeated under new ids (the rows sheet
of a million rows without a quarter of an hour of growing, validating and analysing them; the
totals and the other sheets stay those of the smaller brief, so their cached results are not the
new rows'): ``--sizes 135000,1000000 --replicate 1000000``. The grown datasets are written under ``--work``
(a temporary folder by default) and never committed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from grow import grow  # a script beside this one (its folder is on the path when run)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BUNDLED = ROOT / "data" / "sv-221-2017-2018"

SIZES = (17, 1000, 10000, 135000)


ANALYSE = """
import json, pickle, resource, sys, time
from pathlib import Path
import sebrief.dataset.load
from sebrief.dataset.load import load_dataset
from sebrief.engine.analyse import analyse
# 1,000,000 grown rows are a 270 MB rows.csv: above the loader's limit of 256 MiB a file.
sebrief.dataset.load.MAX_TABLE_BYTES = sebrief.dataset.load.MAX_SOURCE_BYTES = 1 << 34
start = time.perf_counter()
brief = analyse(load_dataset(Path(sys.argv[1])), "nl")
seconds = time.perf_counter() - start
Path(sys.argv[2]).write_bytes(pickle.dumps(brief, protocol=pickle.HIGHEST_PROTOCOL))
print(json.dumps({"seconds": seconds, "rows": len(brief.rows),
                  "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""

# A brief of N rows made from an analysed brief of fewer, its table's rows repeated under new ids:
# the rows sheet of N rows without analysing them (a million rows take a quarter of an hour to
# grow, validate and analyse); the totals and the other sheets stay those of the smaller brief.
REPLICATE = """
import dataclasses, json, pickle, sys, time
from pathlib import Path
with open(sys.argv[1], "rb") as handle:
    brief = pickle.load(handle)
wanted = int(sys.argv[3])
start = time.perf_counter()
(view,) = [block for block in brief.blocks if getattr(block, "kind", "") == "table" and block.row_ids]
by_id = {row.id: row for row in brief.rows}
table = [by_id[row_id] for row_id in view.row_ids]
rows = [dataclasses.replace(table[i % len(table)], id=f"{table[i % len(table)].id}-{i // len(table)}", number=i + 1)
        for i in range(wanted)]
others = [row for row in brief.rows if row.table_id != view.id]
blocks = tuple(dataclasses.replace(block, row_ids=tuple(row.id for row in rows)) if block is view else block
               for block in brief.blocks)
brief = dataclasses.replace(brief, rows=tuple(others + rows), blocks=blocks)
Path(sys.argv[2]).write_bytes(pickle.dumps(brief, protocol=pickle.HIGHEST_PROTOCOL))
print(json.dumps({"seconds": time.perf_counter() - start, "rows": wanted}))
"""

RENDER = """
import datetime as dt, io, json, pickle, sys, time
from pathlib import Path

def status_kb(field):
    with open("/proc/self/status") as handle:
        return next(int(line.split()[1]) for line in handle if line.startswith(field + ":"))

def sebrief(brief):
    return render_workbook(brief, timestamp=dt.datetime(2018, 1, 19))

# Both imported before the clock starts.
from xlsx_floor import write_floor as floor
if sys.argv[1] == "sebrief":
    from sebrief.render.xlsx import render_workbook
render = {"floor": floor, "sebrief": sebrief}[sys.argv[1]]
with open(sys.argv[2], "rb") as handle:
    brief = pickle.load(handle)
try:  # the peak so far was loading the brief: count from here (Linux 4.0 and later)
    with open("/proc/self/clear_refs", "w") as handle:
        handle.write("5")
except OSError:
    pass
before = status_kb("VmRSS")
start, cpu = time.perf_counter(), time.process_time()
data = render(brief)
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
peak = status_kb("VmHWM")
Path(sys.argv[3]).write_bytes(data)
print(json.dumps({"seconds": seconds, "cpu": cpu, "before_kb": before, "peak_kb": peak, "bytes": len(data)}))
"""


def run_json(code: str, *args: str, pythonpath: str | None = None) -> dict[str, float]:
    paths = [pythonpath or os.environ.get("PYTHONPATH", ""), str(HERE)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(path for path in paths if path)}
    done = subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True, text=True, env=env)
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


def megabytes(kb: float) -> float:
    return kb / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="row counts, comma-separated")
    parser.add_argument("--work", type=Path, help="where to keep the grown datasets (default: a temporary folder)")
    parser.add_argument("--command", action="store_true", help="also time the whole `sebrief xlsx` command")
    parser.add_argument("--against", type=Path, help="the src folder of another version of sebrief to render with")
    parser.add_argument("--against-up-to", type=int, default=20000, help="the largest size to render with it")
    parser.add_argument("--replicate", type=int, default=0,
                        help="sizes from this one up are made by repeating the rows of the largest size below it "
                             "(its analysed brief) instead of growing and analysing them")  # fmt: skip
    options = parser.parse_args()
    sizes = [int(size) for size in options.sizes.split(",")]
    work = options.work or Path(tempfile.mkdtemp(prefix="sebrief-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    columns = ["rows", "analyse s", "render s", "render cpu", "µs/row", "peak MB", "+render MB", "xlsx MB",
               "floor s", "floor cpu", "floor MB", "÷ floor", "cpu ÷"]  # fmt: skip
    if options.against:
        columns += ["other s", "other cpu", "other MB", "÷ other", "cpu ÷"]
    if options.command:
        columns += ["command s", "command MB"]
    print(" ".join(f"{column:>10}" for column in columns), flush=True)
    results = []
    analysed_briefs: dict[int, Path] = {}
    try:
        for size in sizes:
            brief = work / f"brief-{size}.pickle"
            below = [known for known in analysed_briefs if known < size]
            if options.replicate and size >= options.replicate and below:
                analysed = run_json(REPLICATE, str(analysed_briefs[max(below)]), str(brief), str(size))
            else:
                folder = BUNDLED if size <= 17 else work / f"rows-{size}"
                if size > 17 and not (folder / "dataset.yaml").exists():
                    grow(size, folder)
                analysed = run_json(ANALYSE, str(folder), str(brief))
            rendered = run_json(RENDER, "sebrief", str(brief), str(work / f"rows-{size}.xlsx"))
            floor = run_json(RENDER, "floor", str(brief), str(work / f"floor-{size}.xlsx"))
            row = {
                "rows": int(analysed["rows"]),
                "analyse_s": analysed["seconds"],
                "render_s": rendered["seconds"],
                "render_cpu": rendered["cpu"],
                "us_per_row": 1e6 * rendered["cpu"] / analysed["rows"],
                "peak_mb": megabytes(rendered["peak_kb"]),
                "render_mb": megabytes(max(rendered["peak_kb"] - rendered["before_kb"], 0)),
                "xlsx_mb": rendered["bytes"] / 1e6,
                "floor_s": floor["seconds"],
                "floor_cpu": floor["cpu"],
                "floor_mb": megabytes(max(floor["peak_kb"] - floor["before_kb"], 0)),
            }
            row["to_floor"] = row["render_s"] / row["floor_s"]
            row["cpu_to_floor"] = row["render_cpu"] / row["floor_cpu"]
            cells = [f"{row['rows']:>10}"] + [
                f"{row[key]:>10.{digits}f}"
                for key, digits in (("analyse_s", 2), ("render_s", 2), ("render_cpu", 2), ("us_per_row", 0),
                                    ("peak_mb", 0), ("render_mb", 0), ("xlsx_mb", 2), ("floor_s", 2),
                                    ("floor_cpu", 2), ("floor_mb", 0), ("to_floor", 2), ("cpu_to_floor", 2))
            ]  # fmt: skip
            if options.against and size <= options.against_up_to:
                other = run_json(RENDER, "sebrief", str(brief), str(work / f"other-{size}.xlsx"),
                                 pythonpath=str(options.against.resolve()))  # fmt: skip
                row["other_s"], row["other_mb"] = other["seconds"], megabytes(other["peak_kb"] - other["before_kb"])
                row["other_cpu"] = other["cpu"]
                row["to_other"] = row["render_s"] / row["other_s"]
                row["cpu_to_other"] = row["render_cpu"] / row["other_cpu"]
                cells += [f"{row['other_s']:>10.2f}", f"{row['other_cpu']:>10.2f}", f"{row['other_mb']:>10.0f}",
                          f"{row['to_other']:>10.3f}", f"{row['cpu_to_other']:>10.3f}"]  # fmt: skip
            elif options.against:
                cells += [f"{'-':>10}"] * 5
            if options.replicate and size < options.replicate:
                analysed_briefs[size] = brief.rename(brief.with_suffix(".kept"))
            else:
                brief.unlink()
            if options.command:
                row["command_s"], row["command_mb"] = command(folder, work / f"command-{size}.xlsx")
                cells += [f"{row['command_s']:>10.1f}", f"{row['command_mb']:>10.0f}"]
            print(" ".join(cells), flush=True)
            results.append(row)
    finally:
        for kept in analysed_briefs.values():
            kept.unlink(missing_ok=True)
        if options.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
