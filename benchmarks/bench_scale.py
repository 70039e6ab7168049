"""Cost of a whole ``sebrief build`` (PDF + workbook) by table size, against the floor of issue 22.

Run:  python benchmarks/bench_scale.py [--sizes 1000,10000,135000] [--million] [--chart benchmarks/scale.png]
                                      [--json benchmarks/last-run-scale.json]

For each size a dataset is grown from the bundled one (``benchmarks/grow.py``: rows with matching
source text) in a temporary folder, and ``sebrief build`` runs in a fresh process under
``/usr/bin/time``: wall seconds, CPU seconds (user + system) and peak resident memory. In the same
run, the floor of issue 22: the same rows written with bare XlsxWriter in ``constant_memory`` mode
(``xlsx_floor.py``: the cells of sebrief's rows sheet and nothing else), from the analysed brief
(analysed once in a process of its own and pickled, not timed), and beside it sebrief's own
``render_workbook`` of that brief, timed the same way (the workbook part of the build). Ratios:
build / floor and workbook / floor. Targets (issue 22): the build of 135,000 rows within 2x the
floor and under 400 MB, the cost per row flat from 1,000 to 1,000,000 rows (``--million`` adds the
1,000,000-row point, about half an hour on a quiet machine; its rows.csv of 270 MB is above the
loader's limit of 256 MiB a file, so that build runs with the limit lifted).

Prints a table and, with ``--chart``, draws the cost per row and the peak memory against the rows
(log scale); ``--from-json`` redraws the chart from a run saved with ``--json``. The machines are
shared and noisy: read the ratios, the CPU seconds and the shape of the curve, not the wall seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_scale_xlsx import ANALYSE, RENDER, run_json  # noqa: E402
from grow import grow  # noqa: E402

SIZES = "1000,10000,135000"
MILLION = 1_000_000
# From about 950,000 grown rows the rows.csv is larger than the loader's limit of 256 MiB a file:
# those builds run the command with the limit lifted.
LIFTED = 900_000
LIFT = (
    "import sebrief.dataset.load as load; load.MAX_TABLE_BYTES = load.MAX_SOURCE_BYTES = 1 << 34; "
    "from sebrief.cli import main; main()"
)


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak MB of a command run under /usr/bin/time."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        result = subprocess.run(
            ["/usr/bin/time", "-f", "%e %U %S %M", "-o", report.name, *command],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        if result.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed ({result.returncode}): {result.stderr[-2000:]}")
        wall, user, system, kilobytes = report.read().split()[-4:]
    return float(wall), float(user) + float(system), int(kilobytes) / 1024


def measure(size: int, scratch: Path, env: dict[str, str]) -> dict[str, Any]:
    folder = scratch / f"rows-{size}"
    grow(size, folder)
    out = scratch / f"out-{size}"
    sebrief = [sys.executable, "-m", "sebrief"] if size < LIFTED else [sys.executable, "-c", LIFT]
    seconds, cpu, mb = timed([*sebrief, "build", str(folder), "--out-dir", str(out)], env)
    brief = scratch / f"brief-{size}.pickle"
    run_json(ANALYSE, str(folder), str(brief))
    workbook = run_json(RENDER, "sebrief", str(brief), str(scratch / f"workbook-{size}.xlsx"))
    floor = run_json(RENDER, "floor", str(brief), str(scratch / f"floor-{size}.xlsx"))
    brief.unlink()
    for path in scratch.glob(f"*-{size}.xlsx"):
        path.unlink()
    return {
        "rows": size,
        "seconds": seconds,
        "cpu": cpu,
        "mb": mb,
        "workbook_seconds": workbook["seconds"],
        "workbook_cpu": workbook["cpu"],
        "workbook_mb": workbook["peak_kb"] / 1024,
        "floor_seconds": floor["seconds"],
        "floor_cpu": floor["cpu"],
        "floor_mb": floor["peak_kb"] / 1024,
    }


def report(r: dict[str, Any]) -> str:
    per = 1000 / r["rows"]
    return (
        f"| {r['rows']:,} | {r['seconds']:.1f} | {r['cpu']:.1f} | {r['mb']:.0f} | {per * r['cpu']:.2f} "
        f"| {r['workbook_seconds']:.1f} | {r['workbook_cpu']:.1f} | {per * r['workbook_cpu']:.3f} "
        f"| {r['floor_seconds']:.1f} | {r['floor_cpu']:.1f} | {per * r['floor_cpu']:.3f} "
        f"| {r['seconds'] / r['floor_seconds']:.2f} ({r['cpu'] / r['floor_cpu']:.2f}) "
        f"| {r['workbook_seconds'] / r['floor_seconds']:.2f} ({r['workbook_cpu'] / r['floor_cpu']:.2f}) |"
    )


HEADER = (
    "| rows | build (s) | build CPU (s) | build peak (MB) | build CPU s per 1,000 rows | workbook (s) "
    "| workbook CPU (s) | workbook CPU s per 1,000 rows | floor (s) | floor CPU (s) | floor CPU s per 1,000 rows "
    "| build / floor (CPU) | workbook / floor (CPU) |\n" + "|---:" * 13 + "|"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=SIZES, help="row counts, comma-separated")
    parser.add_argument("--million", action="store_true", help="add the 1,000,000-row point (slow)")
    parser.add_argument("--chart", type=Path, default=None, help="write a PNG of the cost per row and peak memory")
    parser.add_argument("--json", type=Path, default=None, help="write the measurements as JSON")
    parser.add_argument("--from-json", type=Path, default=None, help="draw --chart from measurements written before")
    args = parser.parse_args()
    if args.from_json:
        draw(json.loads(args.from_json.read_text())["results"], args.chart or HERE / "scale.png")
        return
    sizes = [int(size) for size in args.sizes.split(",")] + ([MILLION] if args.million else [])
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1516320000"}
    results = []
    print(HEADER, flush=True)
    with tempfile.TemporaryDirectory(prefix="sebrief-scale-") as scratch:
        for size in sizes:
            result = measure(size, Path(scratch), env)
            results.append(result)
            print(report(result), flush=True)
    if args.json:
        args.json.write_text(json.dumps({"results": results}, indent=2) + "\n")
    if args.chart:
        draw(results, args.chart)


def draw(results: list[dict[str, Any]], chart: Path) -> None:
    """CPU seconds per 1,000 rows (build, workbook, floor; log scales) and peak memory against the rows."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (cost, memory) = plt.subplots(1, 2, figsize=(10, 4))
    for key, label, colour in (("cpu", "sebrief build", "C0"), ("workbook_cpu", "render_workbook", "C2"),
                               ("floor_cpu", "floor: bare XlsxWriter, rows sheet", "C1")):  # fmt: skip
        points = [r for r in results if key in r]  # a point measured by bench_scale_xlsx.py has no build
        cost.plot([r["rows"] for r in points], [1000 * r[key] / r["rows"] for r in points], marker="o",
                  color=colour, label=label)  # fmt: skip
    cost.set_xscale("log")
    cost.set_yscale("log")
    cost.set_xlabel("rows")
    cost.set_ylabel("CPU seconds per 1,000 rows")
    cost.grid(True, which="both", alpha=0.3)
    cost.legend(fontsize=8)
    cost.set_title("cost per row")
    for key, label, colour in (("mb", "sebrief build", "C0"), ("workbook_mb", "render_workbook (with the brief)", "C2"),
                               ("floor_mb", "floor (with the brief)", "C1")):  # fmt: skip
        points = [r for r in results if key in r]
        memory.plot([r["rows"] for r in points], [r[key] for r in points], marker="s", color=colour, label=label)
    memory.axhline(400, color="#999", linestyle="--", linewidth=1)
    memory.set_xscale("log")
    memory.set_ylim(bottom=0)
    memory.set_xlabel("rows")
    memory.set_ylabel("peak resident memory (MB)")
    memory.grid(True, which="both", alpha=0.3)
    memory.legend(fontsize=8)
    memory.set_title("peak memory (target at 135,000 rows: 400 MB)")
    figure.tight_layout()
    figure.savefig(chart, dpi=100, metadata={"Software": None})


if __name__ == "__main__":
    main()
