"""How long the PDF brief takes, against a bare WeasyPrint render of the same HTML.

Run as a script (several runs of each, medians and ratios, both measured in the same run):

    python benchmarks/bench_pdf.py [--runs 5]

or with pytest-benchmark:

    python -m pytest benchmarks/bench_pdf.py --benchmark-only

In process, ``render_pdf`` (templates, charts, PDF/A-3a with tags, embedded files, the
restricted fetcher) is compared with ``weasyprint.HTML(string=html).write_pdf()`` of the very
HTML it lays out. As whole processes, ``sebrief pdf`` (which also loads and analyses the
dataset and builds the workbook it embeds) is compared with a process that imports WeasyPrint
and renders that HTML. Runs of the two alternate, so that a noisy machine slows both alike.
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

import pytest

from sebrief.pipeline import Prepared, attachments, prepare, workbook_bytes
from sebrief.render import Attachment
from sebrief.render.pdf import render_pdf
from sebrief.render.pdf.html import html_for
from sebrief.resources import bundled_dataset

pytestmark = pytest.mark.filterwarnings("ignore:HarfBuzz-Subset will be required:DeprecationWarning")

BARE_PROCESS = "import sys, weasyprint; weasyprint.HTML(filename=sys.argv[1]).write_pdf(sys.argv[2])"


def bare_pdf(html: str) -> bytes:
    import weasyprint

    pdf = weasyprint.HTML(string=html).write_pdf()
    assert isinstance(pdf, bytes)
    return pdf


def brief_pdf(prepared: Prepared, files: tuple[Attachment, ...]) -> bytes:
    return render_pdf(prepared.brief, attachments=files, timestamp=prepared.timestamp)


def paired_medians(first: Callable[[], object], second: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall times of two actions run alternately, ``runs`` times each."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for action, bucket in ((first, times[0]), (second, times[1])):
            start = time.perf_counter()
            action()
            bucket.append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


def process_timings(html: str, runs: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "brief.html"
        source.write_text(html, encoding="utf-8")
        sebrief = [sys.executable, "-m", "sebrief", "pdf", "-o", str(Path(folder) / "sebrief.pdf")]
        bare = [sys.executable, "-c", BARE_PROCESS, str(source), str(Path(folder) / "bare.pdf")]

        def run(command: list[str]) -> Callable[[], object]:
            return lambda: subprocess.run(command, check=True, capture_output=True)

        return paired_medians(run(sebrief), run(bare), runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    prepared = prepare(bundled_dataset())
    files = attachments(prepared, workbook_bytes(prepared))
    html = html_for(prepared.brief, attachments=files, timestamp=prepared.timestamp)
    bare_pdf(html)  # warm up fonts and imports for both
    render, bare = paired_medians(lambda: brief_pdf(prepared, files), lambda: bare_pdf(html), runs)
    print(f"median of {runs} runs each, alternating")
    print(f"in process:    render_pdf  {render * 1000:8.1f} ms   bare WeasyPrint {bare * 1000:8.1f} ms"
          f"   ratio {render / bare:.2f}")  # fmt: skip
    command, bare_process = process_timings(html, runs)
    print(f"whole process: sebrief pdf {command * 1000:8.1f} ms   bare WeasyPrint {bare_process * 1000:8.1f} ms"
          f"   ratio {command / bare_process:.2f}")  # fmt: skip


# --- pytest-benchmark ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def prepared() -> Prepared:
    return prepare(bundled_dataset())


def test_render_pdf(benchmark: Any, prepared: Prepared) -> None:
    files = attachments(prepared, workbook_bytes(prepared))
    benchmark.pedantic(brief_pdf, args=(prepared, files), rounds=3)


def test_bare_weasyprint_same_html(benchmark: Any, prepared: Prepared) -> None:
    files = attachments(prepared, workbook_bytes(prepared))
    html = html_for(prepared.brief, attachments=files, timestamp=prepared.timestamp)
    benchmark.pedantic(bare_pdf, args=(html,), rounds=3)


if __name__ == "__main__":
    main()
