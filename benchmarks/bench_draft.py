"""How long drafting takes: SV 221's source text read into a draft (target: well under a second).

Run as a script (several runs of each, medians):

    python benchmarks/bench_draft.py [--runs 9] [--pdf]

or with pytest-benchmark:

    python -m pytest benchmarks/bench_draft.py --benchmark-only

Measured: ``parse_document`` on source.txt in process; ``draft_file`` (reading the file too); a
fresh process that imports sebrief.draft and drafts the file, against ``python -c pass``; with
``--pdf``, ``extract_text`` on a PDF of the fictional studies document (two tables, rendered once
with WeasyPrint) against pdfplumber's own ``extract_text`` of every page.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sebrief.draft import draft_file, extract_text, parse_document

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


def render_studies_pdf(target: Path) -> Path:
    from weasyprint import HTML

    HTML(string=STUDIES_HTML.read_text(encoding="utf-8")).write_pdf(target)
    return target


def bare_pdfplumber(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


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
    script = f"from sebrief.draft import draft_file; draft_file({str(SOURCE)!r})"
    process = median_seconds(lambda: subprocess.run([sys.executable, "-c", script], check=True), args.runs)
    bare = median_seconds(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), args.runs)
    print(f"whole process: import + draft {process * 1000:7.1f} ms   python -c pass {bare * 1000:7.1f} ms")
    if args.pdf:
        with tempfile.TemporaryDirectory() as folder:
            pdf = render_studies_pdf(Path(folder) / "studies.pdf")
            ours = median_seconds(lambda: extract_text(pdf), args.runs)
            floor = median_seconds(lambda: bare_pdfplumber(pdf), args.runs)
            print(f"PDF (2 pages): extract_text {ours * 1000:7.1f} ms   pdfplumber extract_text {floor * 1000:7.1f} ms"
                  f"   ratio {ours / floor:.2f}")  # fmt: skip


# --- pytest-benchmark ----------------------------------------------------------------------


def test_parse_sv221(benchmark: Any) -> None:
    text = SOURCE.read_text(encoding="utf-8")
    draft = benchmark(parse_document, text)
    assert len(draft.answer.rows) == 17


def test_draft_file_sv221(benchmark: Any) -> None:
    draft = benchmark(draft_file, SOURCE)
    assert draft.number == 221


if __name__ == "__main__":
    main()
