"""How long drafting takes: SV 221's source text read into a draft and written as a dataset (target: under a second).

Run as a script (several runs of each, medians):

    python benchmarks/bench_draft.py [--runs 9] [--pdf]

or with pytest-benchmark:

    python -m pytest benchmarks/bench_draft.py --benchmark-only

Measured: ``parse_document`` on source.txt in process; ``draft_file`` (reading the file too);
emission (``draft_files``: the draft as dataset.yaml, rows.csv and source.txt); ``write_draft``
(read, parse, emit and write a new folder) and the loader run on the folder, as ``sebrief new``
does; a fresh process that imports sebrief.draft and drafts the file, and ``sebrief new`` end to
end in a fresh process, against ``python -c pass``; with ``--pdf``, ``extract_text`` on a PDF of the
fictional studies document (two tables, rendered once with WeasyPrint) against pdfplumber's own
``extract_text`` of every page, and ``sebrief new`` on that PDF.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sebrief.dataset.load import load_dataset
from sebrief.draft import draft_file, extract_text, parse_document
from sebrief.draft.emit import draft_files, write_draft
from sebrief.errors import DatasetError

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "data" / "sv-221-2017-2018" / "source.txt"
STUDIES_HTML = ROOT / "tests" / "fixtures" / "draft" / "studies-2019-2021.html"


def median_seconds(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def child_cpu_seconds(action: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system) of a child process run by ``action``.

    The CPU time does not grow when other work shares the machine; the wall time does.
    """
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        action()
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def render_studies_pdf(target: Path) -> Path:
    from weasyprint import HTML

    HTML(string=STUDIES_HTML.read_text(encoding="utf-8")).write_pdf(target)
    return target


def bare_pdfplumber(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def new_in_process(source: Path, folder: Path) -> None:
    """What ``sebrief new`` does: draft and write the folder, then run the loader on it."""
    write_draft(source, folder)
    with contextlib.suppress(DatasetError):
        load_dataset(folder)


def fresh_folders(root: Path) -> Callable[[], Path]:
    counter = iter(range(1_000_000))
    return lambda: root / f"draft-{next(counter)}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--pdf", action="store_true", help="also time reading a PDF")
    args = parser.parse_args()
    text = SOURCE.read_text(encoding="utf-8")
    draft = parse_document(text)
    print(f"SV 221: {len(text.splitlines())} lines, {len(draft.answer.rows)} table rows, median of {args.runs} runs")
    parse = median_seconds(lambda: parse_document(text), args.runs)
    whole = median_seconds(lambda: draft_file(SOURCE), args.runs)
    print(f"in process:    parse_document {parse * 1000:7.1f} ms   draft_file {whole * 1000:7.1f} ms")
    emit = median_seconds(lambda: draft_files(draft, text, SOURCE.name), args.runs)
    with tempfile.TemporaryDirectory() as root:
        folder = fresh_folders(Path(root))
        written = median_seconds(lambda: write_draft(SOURCE, folder()), args.runs)
        command = median_seconds(lambda: new_in_process(SOURCE, folder()), args.runs)
    print(f"emission:      draft_files {emit * 1000:7.1f} ms   write_draft {written * 1000:7.1f} ms   "
          f"+ loader on the draft {command * 1000:7.1f} ms")  # fmt: skip
    script = f"from sebrief.draft import draft_file; draft_file({str(SOURCE)!r})"
    process = child_cpu_seconds(lambda: subprocess.run([sys.executable, "-c", script], check=True), args.runs)
    bare = child_cpu_seconds(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), args.runs)
    with tempfile.TemporaryDirectory() as root:
        folder = fresh_folders(Path(root))
        new = child_cpu_seconds(lambda: run_new(SOURCE, folder()), args.runs)
    print("whole process (wall / CPU):")
    for label, (wall, cpu) in (("import + draft", process), ("sebrief new", new), ("python -c pass", bare)):
        print(f"  {label:<15} {wall * 1000:7.1f} ms / {cpu * 1000:7.1f} ms")
    if args.pdf:
        with tempfile.TemporaryDirectory() as root:
            pdf = render_studies_pdf(Path(root) / "studies.pdf")
            ours = median_seconds(lambda: extract_text(pdf), args.runs)
            floor = median_seconds(lambda: bare_pdfplumber(pdf), args.runs)
            print(f"PDF (2 pages): extract_text {ours * 1000:7.1f} ms   pdfplumber extract_text {floor * 1000:7.1f} ms"
                  f"   ratio {ours / floor:.2f}")  # fmt: skip
            folder = fresh_folders(Path(root))
            wall, cpu = child_cpu_seconds(lambda: run_new(pdf, folder()), args.runs)
            print(f"PDF (2 pages): sebrief new {wall * 1000:7.1f} ms wall / {cpu * 1000:7.1f} ms CPU")


def run_new(source: Path, folder: Path) -> None:
    """``sebrief new`` in a fresh process, with this checkout's sebrief first on the path."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))}
    subprocess.run([sys.executable, "-m", "sebrief", "new", str(source), str(folder)], check=True, env=env,
                   stdout=subprocess.DEVNULL)  # fmt: skip


# --- pytest-benchmark ----------------------------------------------------------------------


def test_parse_sv221(benchmark: Any) -> None:
    text = SOURCE.read_text(encoding="utf-8")
    draft = benchmark(parse_document, text)
    assert len(draft.answer.rows) == 17


def test_draft_file_sv221(benchmark: Any) -> None:
    draft = benchmark(draft_file, SOURCE)
    assert draft.number == 221


def test_emit_sv221(benchmark: Any) -> None:
    text = SOURCE.read_text(encoding="utf-8")
    draft = parse_document(text)
    files = benchmark(draft_files, draft, text, SOURCE.name)
    assert set(files.files) == {"dataset.yaml", "rows.csv", "source.txt"}


def test_new_sv221(benchmark: Any, tmp_path: Path) -> None:
    folder = fresh_folders(tmp_path)
    benchmark(lambda: new_in_process(SOURCE, folder()))


if __name__ == "__main__":
    main()
