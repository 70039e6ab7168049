"""Benchmarks of ``sebrief build`` against the floors the project's targets are measured by.

Run:  python benchmarks/bench_build.py [--runs 5] [--batch 100] [--skip-batch]

Each comparison is made in one run, on the same machine, and reported as a ratio:
  1. ``sebrief --help`` against a bare ``python -c pass``.
  2. Cold ``sebrief build`` (a whole process) against the cold floor: a fresh process that
     imports WeasyPrint and openpyxl, renders the brief's own HTML and writes its workbook's
     cells. Target: at most 1.5x.
  3. Warm per-brief cost in a batch (imports done) against the bare floor: WeasyPrint rendering
     the same HTML plus openpyxl writing the same cells, each timed with a full collection of the
     garbage it leaves. Target: at most 1.25x.
  4. A batch of generated datasets (the bundled one with varied rows): briefs per second with
     --jobs 1 and --jobs 2, and peak memory per worker.
Medians of several runs; the machines are shared and noisy, so read the ratios, not the seconds.
"""

from __future__ import annotations

import argparse
import csv
import gc
import io
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data" / "sv-221-2017-2018"

# The floor renders the brief's HTML as the brief must be rendered: PDF/A-3a with the same two
# attachments (what WeasyPrint itself has to do for this output); with "plain" it renders a plain
# PDF without attachments, for comparison.
FLOOR_SCRIPT = """
import io, json, sys
import openpyxl, weasyprint
html_path, cells_path, base_url, xlsx_path, json_path, mode = sys.argv[1:7]
html = open(html_path, encoding="utf-8").read()
document = weasyprint.HTML(string=html, base_url=base_url)
if mode == "plain":
    document.write_pdf()
else:
    files = [weasyprint.Attachment(string=open(p, "rb").read(), base_url=base_url, name=p.rsplit("/", 1)[-1])
             for p in (xlsx_path, json_path)]
    document.write_pdf(pdf_variant="pdf/a-3a", attachments=files)
workbook = openpyxl.Workbook()
workbook.remove(workbook.active)
for title, rows in json.load(open(cells_path, encoding="utf-8")).items():
    sheet = workbook.create_sheet(title)
    for row in rows:
        sheet.append(row)
workbook.save(io.BytesIO())
"""


def timed(command: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def cpu_timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds, and CPU seconds of the process and every process it started."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = timed(command)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def median_of(runs: int, command: list[str], env: dict[str, str] | None = None) -> float:
    return statistics.median(timed(command, env) for _ in range(runs))


def sebrief_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "sebrief", *args]


def workbook_cells(xlsx: Path) -> dict[str, list[list[object]]]:
    """Every sheet's cell values (formulas as their text), to write again with bare openpyxl."""
    import openpyxl

    book = openpyxl.load_workbook(xlsx)
    cells: dict[str, list[list[object]]] = {}
    for sheet in book.worksheets:
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append([v if isinstance(v, (str, int, float)) or v is None else str(v) for v in row])
        cells[sheet.title] = rows
    return cells


@dataclass(frozen=True)
class FloorInputs:
    html: Path
    cells: Path
    xlsx: Path
    dataset_json: Path


def prepare_floor_inputs(work: Path) -> FloorInputs:
    html = work / "brief.html"
    subprocess.run(sebrief_command("html", "-o", str(html)), check=True, stdout=subprocess.DEVNULL)
    xlsx = work / "sv-221-2017-2018.xlsx"
    subprocess.run(sebrief_command("xlsx", "-o", str(xlsx)), check=True, stdout=subprocess.DEVNULL)
    dataset_json = work / "sv-221-2017-2018.json"
    subprocess.run(sebrief_command("export", "--format", "json", "-o", str(dataset_json)), check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    cells = work / "cells.json"
    cells.write_text(json.dumps(workbook_cells(xlsx), ensure_ascii=False), encoding="utf-8")
    return FloorInputs(html, cells, xlsx, dataset_json)


def bench_help(runs: int) -> dict[str, float]:
    bare = median_of(runs, [sys.executable, "-c", "pass"])
    help_time = median_of(runs, sebrief_command("--help"))
    return {"python_bare_s": bare, "sebrief_help_s": help_time, "ratio": help_time / bare}


def bench_cold(runs: int, work: Path, inputs: FloorInputs) -> dict[str, float]:
    from sebrief.resources import templates_dir

    floor_script = work / "floor.py"
    floor_script.write_text(FLOOR_SCRIPT, encoding="utf-8")
    args = [str(inputs.html), str(inputs.cells), str(templates_dir()) + "/", str(inputs.xlsx), str(inputs.dataset_json)]
    floor_cmd = [sys.executable, str(floor_script), *args, "pdfa"]
    plain_cmd = [sys.executable, str(floor_script), *args, "plain"]
    build_cmd = sebrief_command("build", "--out-dir", str(work / "cold"))
    floors, plains, builds, floor_cpu, build_cpu = [], [], [], [], []
    for _ in range(runs):  # interleaved, so that all three see the same machine load
        wall, cpu = cpu_timed(floor_cmd)
        floors.append(wall)
        floor_cpu.append(cpu)
        plains.append(timed(plain_cmd))
        wall, cpu = cpu_timed(build_cmd)
        builds.append(wall)
        build_cpu.append(cpu)
    floor, plain, build = (statistics.median(x) for x in (floors, plains, builds))
    # CPU seconds of all the build's processes: its work, whatever the machine's load (not its wall time).
    floor_c, build_c = statistics.median(floor_cpu), statistics.median(build_cpu)
    return {"cold_floor_s": floor, "cold_build_s": build, "ratio": build / floor,
            "cold_plain_floor_s": plain, "ratio_to_plain": build / plain,
            "cold_floor_cpu_s": floor_c, "cold_build_cpu_s": build_c, "ratio_cpu": build_c / floor_c}  # fmt: skip


def bench_warm(runs: int, inputs: FloorInputs) -> dict[str, float]:
    import openpyxl
    import weasyprint

    from sebrief.build import render_dataset
    from sebrief.resources import templates_dir

    html_text = inputs.html.read_text(encoding="utf-8")
    cell_data = json.loads(inputs.cells.read_text(encoding="utf-8"))
    base_url = str(templates_dir()) + "/"
    attachments = [(p.name, p.read_bytes()) for p in (inputs.xlsx, inputs.dataset_json)]

    def floor(plain: bool = False) -> None:
        document = weasyprint.HTML(string=html_text, base_url=base_url)
        if plain:
            document.write_pdf()
        else:
            files = [weasyprint.Attachment(string=data, base_url=base_url, name=name) for name, data in attachments]
            document.write_pdf(pdf_variant="pdf/a-3a", attachments=files)
        book = openpyxl.Workbook()
        book.remove(book.active)
        for title, rows in cell_data.items():
            sheet = book.create_sheet(title)
            for row in rows:
                sheet.append(row)
        book.save(io.BytesIO())

    floor()
    floor(plain=True)
    render_dataset(BUNDLED)  # warm every path once
    floors, plains, briefs = [], [], []
    floor_cpu, brief_cpu = [], []  # CPU seconds (every thread): steadier than wall time on a busy machine
    for _ in range(runs):
        for timings, cpu, work in (
            (floors, floor_cpu, floor),
            (plains, [], lambda: floor(plain=True)),
            (briefs, brief_cpu, lambda: render_dataset(BUNDLED)),
        ):
            start, start_cpu = time.perf_counter(), time.process_time()
            work()
            # The garbage a piece leaves in cycles is collected in its own time, not in the next
            # piece's: sebrief spaces out the full collections while it renders (see README).
            gc.collect()
            timings.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
    floor_s, plain_s, brief_s = (statistics.median(x) for x in (floors, plains, briefs))
    floor_c, brief_c = statistics.median(floor_cpu), statistics.median(brief_cpu)
    return {"warm_floor_s": floor_s, "warm_brief_s": brief_s, "ratio": brief_s / floor_s,
            "warm_plain_floor_s": plain_s, "ratio_to_plain": brief_s / plain_s,
            "warm_floor_cpu_s": floor_c, "warm_brief_cpu_s": brief_c, "ratio_cpu": brief_c / floor_c}  # fmt: skip


def generate_datasets(count: int, folder: Path) -> list[Path]:
    """Variants of the bundled dataset with varied rows: amounts rotated, rows dropped."""
    sources = []
    for index in range(count):
        target = folder / f"bench-{index:03d}"
        shutil.copytree(BUNDLED, target)
        main_file = target / "dataset.yaml"
        text = main_file.read_text(encoding="utf-8")
        main_file.write_text(text.replace("id: sv-221-2017-2018", f"id: bench-{index:03d}", 1), encoding="utf-8")
        rows_file = target / "rows.csv"
        rows = list(csv.DictReader(rows_file.open(encoding="utf-8")))
        header = list(rows[0])
        keep = [r for r in rows if not (r["kind"] == "public_contract" and int(r["id"][1:]) % 7 == index % 7)]
        # Vary the amounts: rotate them among the awarded public contracts (each amount's text
        # stays one the source prints, so the variant still validates).
        awarded = [r for r in keep if r["kind"] == "public_contract" and r["amount"]]
        pairs = [(r["amount"], r["amount_text"]) for r in awarded]
        shift = index % len(pairs)
        for row, (amount, text) in zip(awarded, pairs[shift:] + pairs[:shift], strict=True):
            row["amount"], row["amount_text"] = amount, text
        referenced = {r["id"] for r in keep}
        _drop_references(main_file, {r["id"] for r in rows} - referenced)
        with rows_file.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
            writer.writeheader()
            writer.writerows(keep)
        sources.append(target)
    return sources


def _drop_references(main_file: Path, dropped: set[str]) -> None:
    """Remove row ids that no longer exist from the sub-actions' row lists, written inline
    (``rows: [R01, R02]``) or one item a line (``rows:`` then ``- R01``)."""
    import re

    text = main_file.read_text(encoding="utf-8")

    def clean(match: re.Match[str]) -> str:
        ids = [i.strip() for i in match.group(1).split(",") if i.strip() and i.strip() not in dropped]
        return f"rows: [{', '.join(ids)}]"

    lines: list[str] = []
    in_rows = False
    for line in re.sub(r"rows: \[([^\]]*)\]", clean, text).splitlines(keepends=True):
        item = re.fullmatch(r"\s*- (\S+)\s*", line)
        if in_rows and item is not None:
            if item.group(1) not in dropped:
                lines.append(line)
            continue
        if in_rows and lines[-1].rstrip().endswith("rows:"):  # every row of the list dropped
            lines[-1] = lines[-1].rstrip() + " []\n"
        in_rows = line.rstrip().endswith("rows:")
        lines.append(line)
    main_file.write_text("".join(lines), encoding="utf-8")


def bench_batch(count: int, work: Path) -> dict[str, object]:
    sources = generate_datasets(count, work / "datasets")
    results: dict[str, object] = {"datasets": count}
    for jobs in (1, 2):
        out = work / f"batch-{jobs}"
        command = sebrief_command("build", *map(str, sources), "--out-dir", str(out), "--jobs", str(jobs))
        start = time.perf_counter()
        completed = subprocess.run(["/usr/bin/time", "-f", "%M", *command], capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - start
        built = len(list(out.glob("*.pdf")))
        peak_kb = int(completed.stderr.strip().splitlines()[-1]) if completed.stderr.strip() else 0
        results[f"jobs_{jobs}"] = {
            "seconds": round(elapsed, 2),
            "built": built,
            "briefs_per_second": round(built / elapsed, 3),
            "peak_rss_mb_largest_process": round(peak_kb / 1024, 1),
            "exit_code": completed.returncode,
        }
    results["own_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--skip-batch", action="store_true")
    parser.add_argument("--json", type=Path, help="Also write the results to this file.")
    args = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1516320000")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        inputs = prepare_floor_inputs(work)
        results: dict[str, object] = {
            "help": bench_help(args.runs),
            "cold": bench_cold(args.runs, work, inputs),
            "warm": bench_warm(args.runs, inputs),
        }
        if not args.skip_batch:
            results["batch"] = bench_batch(args.batch, work)
    text = json.dumps(results, indent=2, default=lambda v: round(v, 3))
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
