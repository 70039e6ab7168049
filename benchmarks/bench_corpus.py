"""The corpus at scale: load time, a supplier's rows and totals, peak memory (issue 21).

Run:  python benchmarks/bench_corpus.py --questions 500 --rows 200 [--real 20] [--parquet DIR]

A dataset of ``--rows`` rows is grown from the bundled one (``grow.py``) and loaded once; the
corpus is then ``--questions`` copies of it as other questions (their own id, number, minister
among 25 and suppliers from a pool of 2,000), so ``--questions x --rows`` rows in all. What is
measured:

- ``store``: putting every question into a new DuckDB file (``prepare`` and ``Batches``, as
  ``corpus add`` does), the copies already in memory: the corpus' own cost;
- ``load``: ``load_dataset`` (read and validate) of one question, median of 3: the cost each
  question adds before it is stored, the same whether it goes to a corpus or to a brief;
- ``real add``: ``sebrief corpus add --jobs N`` in a fresh process on ``--real`` folders copied from
  the grown one (load + store, end to end), for each N of ``--jobs`` (``--jobs 1,2``: one run
  after the other on the same folders, into fresh files), with the peak memory of the command
  and its worker processes together (their resident memory summed, sampled every 0.1 s) and the
  CPU seconds they used (on a busy machine, wall time against CPU time says how much of the
  machine the run got);
- ``supplier``: ``sebrief.corpus.queries.supplier`` of the supplier with the most rows, in a fresh
  process on the finished file (median of 5 runs in it), with that process' peak memory;
- ``peak memory``: of this process after the store and after the Parquet export, and of the query
  process (VmHWM, Linux).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from grow import grow  # noqa: E402

from sebrief.corpus.store import Batches, connect, export_parquet, prepare  # noqa: E402
from sebrief.dataset.load import load_dataset  # noqa: E402
from sebrief.dataset.model import Dataset  # noqa: E402

SUPPLIERS = 2000
MINISTERS = 25
QUERY = """
import json, statistics, sys, time
from pathlib import Path
from sebrief.corpus.queries import supplier
from sebrief.corpus.store import connect
db = Path(sys.argv[1])
connection = connect(db, read_only=True)
name = connection.execute(
    "SELECT beneficiary FROM answer_rows WHERE beneficiary IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
).fetchone()[0]
times = []
for _ in range(5):
    start = time.perf_counter()
    report = supplier(connection, [name])
    times.append(time.perf_counter() - start)
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM")) / 1024
print(json.dumps({"name": name, "rows": len(report.rows), "questions": len(report.questions),
                  "median_s": statistics.median(times), "first_s": times[0], "peak_mb": peak}))
"""


def high_water_mb() -> float:
    """This process' peak resident memory (VmHWM: unlike ru_maxrss, not inherited across exec)."""
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024


def as_question(base: Dataset, index: int) -> Dataset:
    """``base`` as another question: its own id, number, minister, and suppliers shifted in the pool."""
    meta = base.main.metadata
    minister = meta.minister.model_copy(update={"last_name": f"Minister{index % MINISTERS:02d}"})
    metadata = meta.model_copy(update={"number": index + 1, "minister": minister})
    main = base.main.model_copy(update={"id": f"bench-{index:05d}", "metadata": metadata})
    rows = tuple(
        row.model_copy(update={"beneficiary": _shifted(row.beneficiary, index)}) if row.beneficiary else row
        for row in base.rows
    )
    return base.model_copy(update={"main": main, "rows": rows})


def _shifted(name: str, index: int) -> str:
    digits = "".join(char for char in name if char.isdigit())
    if not digits:
        return name
    return f"Leverancier {(int(digits) + index * 37) % SUPPLIERS + 1:05d} bv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", type=int, default=500)
    parser.add_argument("--rows", type=int, default=200, help="rows per question")
    parser.add_argument("--real", type=int, default=20, help="questions added end to end by `sebrief corpus add`")
    parser.add_argument(
        "--jobs", default="1,2", help="processes of the end-to-end `sebrief corpus add`, one run per value: 1,2"
    )
    parser.add_argument("--parquet", type=Path, help="also write the corpus as Parquet files here, timed")
    parser.add_argument("--out", type=Path, default=HERE / "last-run-corpus.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        grown = grow(args.rows, work / "grown")
        loads = []
        for _ in range(3):
            start = time.perf_counter()
            base = load_dataset(grown)
            loads.append(time.perf_counter() - start)
        db = work / "corpus.duckdb"
        connection = connect(db)
        store_s = 0.0
        batches = Batches(connection)
        for index in range(args.questions):  # one copy at a time, gathered in batches as `corpus add` does
            dataset = as_question(base, index)
            start = time.perf_counter()
            batches.add(prepare(dataset))
            store_s += time.perf_counter() - start
        start = time.perf_counter()
        batches.flush()
        store_s += time.perf_counter() - start
        store_peak = high_water_mb()  # before the Parquet export, which sorts the rows
        parquet_s = None
        if args.parquet is not None:
            start = time.perf_counter()
            export_parquet(connection, args.parquet)
            parquet_s = time.perf_counter() - start
        total_rows = connection.execute("SELECT count(*) FROM answer_rows").fetchone()
        connection.close()
        peak = high_water_mb()
        jobs_list = [int(value) for value in args.jobs.split(",")]
        real = _real_adds(grown, work, args.real, jobs_list)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
        query = json.loads(subprocess.run([sys.executable, "-c", QUERY, str(db)], check=True, capture_output=True,
                                          text=True, env=env).stdout)  # fmt: skip
        result = {
            "questions": args.questions,
            "rows_per_question": args.rows,
            "rows": total_rows[0] if total_rows else 0,
            "db_mb": round(db.stat().st_size / 1e6, 1),
            "store_s": round(store_s, 2),
            "load_one_question_s": round(statistics.median(loads), 3),
            "real_add": real,
            "parquet_s": None if parquet_s is None else round(parquet_s, 2),
            "store_peak_mb": round(store_peak),
            "peak_with_parquet_mb": round(peak) if parquet_s is not None else None,
            "supplier": {key: round(value, 3) if isinstance(value, float) else value for key, value in query.items()},
        }
    print(json.dumps(result, indent=2))
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


def _real_adds(grown: Path, work: Path, count: int, jobs_list: list[int]) -> list[dict[str, float]]:
    """``sebrief corpus add --jobs N`` of ``count`` copies of the grown dataset (other ids), in a
    fresh process for each N: its seconds, per question, and the peak memory of its processes."""
    if not count:
        return []
    folder = work / "real"
    text = (grown / "dataset.yaml").read_text(encoding="utf-8")
    old_id = next(line for line in text.splitlines() if line.startswith("id: "))
    for index in range(count):
        target = folder / f"q{index:04d}"
        shutil.copytree(grown, target)
        (target / "dataset.yaml").write_text(text.replace(old_id, f"id: real-{index:04d}", 1), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    out = []
    for jobs in jobs_list:
        db = work / f"real-jobs{jobs}.duckdb"
        command = [sys.executable, "-m", "sebrief", "corpus", "add", "--jobs", str(jobs), str(db), str(folder)]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        peak = 0.0
        while process.poll() is None:
            peak = max(peak, _tree_rss_mb(process.pid))
            time.sleep(0.1)
        seconds = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the command and its workers, once reaped
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        if process.returncode:
            raise SystemExit(process.stderr.read().decode() if process.stderr else "corpus add failed")
        out.append({
            "jobs": jobs, "seconds": round(seconds, 1), "per_question_s": round(seconds / count, 4),
            "cpu_s": round(cpu, 1),
            "peak_tree_mb": round(peak),
        })  # fmt: skip
        db.unlink()
    first = out[0]["seconds"]
    for line in out:
        line["ratio_to_first"] = round(line["seconds"] / first, 2)
    return out


def _tree_rss_mb(root: int) -> float:
    """The resident memory of process ``root`` and all its descendants, summed (Linux /proc)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    page_kb = os.sysconf("SC_PAGE_SIZE") // 1024
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
        rss[int(entry)] = int(fields[21]) * page_kb
    tree, changed = {root}, True
    while changed:
        more = {pid for pid, parent in parents.items() if parent in tree and pid not in tree}
        tree |= more
        changed = bool(more)
    return sum(rss.get(pid, 0) for pid in tree) / 1024


if __name__ == "__main__":
    main()
