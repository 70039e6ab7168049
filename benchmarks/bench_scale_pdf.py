"""How the PDF brief scales with the rows of the answer's table, against bare WeasyPrint.

Run:  python benchmarks/bench_scale_pdf.py [--sizes 17,100,500,2000] [--runs 1]
      python benchmarks/bench_scale_pdf.py --sizes 17,100,500,2000,20000,135000

For each size N the bundled dataset is grown to N rows (benchmarks/grow.py; 17 is the bundled
dataset itself) and the PDF is rendered in a fresh process per N (analysis, HTML, layout, PDF/A-3a
with its attachments; the workbook is built too, as `sebrief build` does), with its wall time and
peak resident memory. In the same run, two floors, each in its own process:

- **plain table**: bare WeasyPrint laying out a plain 2,000-row, 4-column table (one line a row,
  9 pt, A4) and writing it as PDF: what listing 2,000 rows costs WeasyPrint at the least;
- **own HTML**: bare WeasyPrint rendering the brief's own HTML of the 2,000-row brief (no PDF/A,
  no attachments, no sebrief code).

The machine is shared and noisy: read the ratios, measured in one run, not the seconds.
Targets: the 2,000-row brief within 2x of the plain table; peak memory under 600 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data" / "sv-221-2017-2018"
SIZES = (17, 100, 500, 2000)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_brief(dataset: str, html_out: str) -> dict[str, float]:
    """In a fresh process: the whole build of the PDF, timed by stage."""
    start = time.perf_counter()
    from sebrief.pipeline import attachments, html_text, prepare, workbook_bytes
    from sebrief.render.pdf.document import lay_out, write_document
    from sebrief.render.pdf.html import template_folders

    imported = time.perf_counter()
    prepared = prepare(Path(dataset))
    analysed = time.perf_counter()
    workbook = workbook_bytes(prepared)
    files = attachments(prepared, workbook)
    with_workbook = time.perf_counter()
    html = html_text(prepared, attachments=files)
    Path(html_out).write_text(html, encoding="utf-8")
    made_html = time.perf_counter()
    layout = lay_out(html, folders=template_folders())
    laid_out = time.perf_counter()
    pdf = write_document(layout, folders=template_folders(), attachments=files, timestamp=prepared.timestamp)
    done = time.perf_counter()
    return {
        "total_s": done - start,
        "pdf_s": done - with_workbook,  # the PDF alone: HTML, layout, writing
        "import_s": imported - start,
        "analyse_s": analysed - imported,
        "workbook_s": with_workbook - analysed,
        "html_s": made_html - with_workbook,
        "layout_s": laid_out - made_html,
        "write_s": done - laid_out,
        "pages": len(layout.pages),
        "pdf_mb": len(pdf) / 1e6,
        "peak_mb": peak_mb(),
    }


def plain_table_html(rows: int) -> str:
    body = "".join(
        f"<tr><td>R{n:06d}</td><td>Opdracht {n:06d} voor ondersteuning</td><td>Leverancier {n % 97:05d} bv</td>"
        f"<td>€ {n * 7919 % 140000:,}.00</td></tr>"
        for n in range(1, rows + 1)
    )
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><style>@page { size: A4; margin: 20mm }"
        "body { font-family: 'DejaVu Sans'; font-size: 9pt } table { width: 100%; border-collapse: collapse }"
        "td, th { padding: 0.6mm 1.2mm; white-space: nowrap; border-bottom: 0.5pt solid #ccc }</style></head><body>"
        "<table><thead><tr><th>Nr.</th><th>Omschrijving</th><th>Begunstigde</th><th>Bedrag</th></tr></thead>"
        f"<tbody>{body}</tbody></table></body></html>"
    )


def child_weasyprint(html_file: str | None, rows: int) -> dict[str, float]:
    """In a fresh process: bare WeasyPrint on an HTML file, or on a plain table of ``rows`` rows."""
    start = time.perf_counter()
    import weasyprint

    html = Path(html_file).read_text(encoding="utf-8") if html_file else plain_table_html(rows)
    document = weasyprint.HTML(string=html, base_url=str(ROOT / "templates")).render()
    pdf = document.write_pdf()
    assert isinstance(pdf, bytes)
    return {"total_s": time.perf_counter() - start, "pages": len(document.pages), "peak_mb": peak_mb()}


def run_child(*args: str) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "SOURCE_DATE_EPOCH": "1516320000"}
    result = subprocess.run([sys.executable, __file__, "--child", *args], env=env, capture_output=True, text=True,
                            check=False)  # fmt: skip
    if result.returncode != 0:
        return {"error": result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "failed"}  # type: ignore[dict-item]
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def dataset_of(rows: int, scratch: Path) -> Path:
    if rows <= 17:
        return BUNDLED
    folder = scratch / f"grown-{rows}"
    if not folder.exists():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "grow.py"), str(rows), str(folder)], check=True,
                       capture_output=True)  # fmt: skip
    return folder


def median(runs: list[dict[str, float]], key: str) -> float:
    values = [r[key] for r in runs if key in r]
    return statistics.median(values) if values else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="row counts, comma-separated")
    parser.add_argument("--runs", type=int, default=1, help="runs of each, interleaved (medians reported)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        if kind == "brief":
            out = child_brief(rest[0], rest[1])
        else:
            out = child_weasyprint(rest[0] if rest[0] != "-" else None, int(rest[1]))
        print(json.dumps(out))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="sebrief-scale-") as name:
        scratch = Path(name)
        briefs: dict[int, list[dict[str, float]]] = {n: [] for n in sizes}
        plain: list[dict[str, float]] = []
        own: list[dict[str, float]] = []
        for _ in range(args.runs):
            for n in sizes:
                html_file = scratch / f"brief-{n}.html"
                briefs[n].append(run_child("brief", str(dataset_of(n, scratch)), str(html_file)))
                if n == 2000:
                    own.append(run_child("weasyprint", str(html_file), "0"))
            plain.append(run_child("weasyprint", "-", "2000"))
    print(f"{'rows':>7} {'total s':>8} {'pdf s':>7} {'layout s':>8} {'pages':>6} {'peak MB':>8}")
    for n in sizes:
        runs = briefs[n]
        if any("error" in r for r in runs):
            print(f"{n:>7} failed: {next(r['error'] for r in runs if 'error' in r)}")
            continue
        print(f"{n:>7} {median(runs, 'total_s'):8.2f} {median(runs, 'pdf_s'):7.2f} {median(runs, 'layout_s'):8.2f} "
              f"{median(runs, 'pages'):6.0f} {median(runs, 'peak_mb'):8.0f}")  # fmt: skip
    floor = median(plain, "total_s")
    print(f"\nplain 2,000-row table, bare WeasyPrint: {floor:.2f} s, {median(plain, 'pages'):.0f} pages, "
          f"{median(plain, 'peak_mb'):.0f} MB")  # fmt: skip
    if 2000 in briefs and not any("error" in r for r in briefs[2000]):
        whole, pdf = median(briefs[2000], "total_s"), median(briefs[2000], "pdf_s")
        print(f"2,000-row brief, whole build / plain table: {whole / floor:.2f}x (target <= 2x)")
        print(f"2,000-row brief, PDF alone / plain table:   {pdf / floor:.2f}x")
        mine = median(own, "total_s")
        print(f"brief's own HTML, bare WeasyPrint: {mine:.2f} s; whole build / that: {whole / mine:.2f}x")
    peak = max((median(briefs[n], "peak_mb") for n in sizes if not any("error" in r for r in briefs[n])), default=0)
    print(f"largest peak memory: {peak:.0f} MB (target < 600 MB)")


if __name__ == "__main__":
    main()
