"""Cost of a whole ``sebrief build`` (PDF + workbook) from 17 rows to a 135,000-line answer.

Run:  python benchmarks/bench_scale.py [--sizes 17,100,500,1000,2000,20000,135000] [--chart PATH]

For each size a dataset is grown from the bundled one (``benchmarks/grow.py``: rows with matching
source text) in a temporary folder, and ``sebrief build`` runs in a fresh process under
``/usr/bin/time``: wall seconds and peak resident memory. In the same run, the reference of the
scale issue: bare WeasyPrint laying out a plain 2,000-row, 4-column table (one line a row, 9 pt,
A4); and, per size, bare WeasyPrint on the brief's own HTML (a plain PDF: no tags, no attachments).
Sizes named by ``--full-listing`` are built a second time with that option (every row listed).
Prints a table (rows, seconds, MB, seconds per 1,000 rows, both ratios) and, with
``--chart``, draws rows against seconds and MB (log scales) for the benchmarks README.
The machines are shared and noisy: read the ratios and the shape of the curve, not the seconds.
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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from grow import grow  # noqa: E402

REFERENCE = """
import weasyprint
rows = "".join(
    f"<tr><td>R{i:05d}</td><td>Opdracht {i} voor ondersteuning</td><td>Leverancier {i % 97} bv</td>"
    f"<td>{i * 7 % 100000},00</td></tr>" for i in range(2000)
)
html = ("<style>@page{size:A4;margin:2cm} body{font:9pt DejaVu Sans} td{padding:0 4pt;white-space:nowrap}</style>"
        f"<table><thead><tr><th>id</th><th>omschrijving</th><th>begunstigde</th><th>bedrag</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>")
document = weasyprint.HTML(string=html).render()
document.write_pdf()
print(len(document.pages))
"""


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall seconds, peak MB and standard output of a command run under /usr/bin/time."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        result = subprocess.run(
            ["/usr/bin/time", "-f", "%e %M", "-o", report.name, *command],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        if result.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed ({result.returncode}): {result.stderr[-2000:]}")
        seconds, kilobytes = report.read().split()[-2:]
    return float(seconds), int(kilobytes) / 1024, result.stdout


OWN_HTML = """
import sys
from pathlib import Path
from sebrief.pipeline import attachments, html_text, prepare, workbook_bytes
prepared = prepare(Path(sys.argv[1]))
files = attachments(prepared, workbook_bytes(prepared))
html = html_text(prepared, attachments=files, full_listing=sys.argv[3] == "full")
Path(sys.argv[2]).write_text(html, encoding="utf-8")
"""

BARE_ON_OWN_HTML = """
import sys
from pathlib import Path
from sebrief.render.pdf.document import lay_out
from sebrief.render.pdf.html import template_folders
document = lay_out(Path(sys.argv[1]).read_text(encoding="utf-8"), folders=template_folders(None))
document.write_pdf()
print(len(document.pages))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="17,100,500,1000,2000,20000,135000")
    parser.add_argument("--full-listing", default="2000", help="sizes also built with --full-listing")
    parser.add_argument("--chart", type=Path, default=None, help="write a PNG of rows against seconds and MB")
    parser.add_argument("--json", type=Path, default=None, help="write the measurements as JSON")
    parser.add_argument("--from-json", type=Path, default=None, help="draw --chart from measurements written before")
    args = parser.parse_args()
    if args.from_json:
        saved = json.loads(args.from_json.read_text())
        draw(saved["results"], args.chart or Path("scale.png"))
        return
    sizes = [int(size) for size in args.sizes.split(",")]
    full = {int(size) for size in args.full_listing.split(",") if size}
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1516320000"}
    ref_seconds, ref_mb, pages = timed([sys.executable, "-c", REFERENCE], env)
    print(
        f"reference: bare WeasyPrint, 2,000-row 4-column table ({pages.strip()} pages): {ref_seconds:.1f} s, "
        f"{ref_mb:.0f} MB",
        flush=True,
    )
    results = []
    with tempfile.TemporaryDirectory(prefix="sebrief-scale-") as scratch:
        for size in sizes:
            folder = Path(scratch) / f"rows-{size}"
            if size <= 17:
                folder = ROOT / "data" / "sv-221-2017-2018"
            else:
                grow(size, folder)
            for listing in (False, True) if size in full else (False,):
                out = Path(scratch) / f"out-{size}-{listing}"
                command = [sys.executable, "-m", "sebrief", "build", str(folder), "--out-dir", str(out)]
                seconds, mb, _ = timed(command + (["--full-listing"] if listing else []), env)
                # In the same run: bare WeasyPrint (a plain PDF, no tags, no attachments) on the brief's own HTML.
                html = Path(scratch) / f"brief-{size}-{listing}.html"
                subprocess.run([sys.executable, "-c", OWN_HTML, str(folder), str(html), "full" if listing else ""],
                               env=env, check=True)  # fmt: skip
                own_seconds, own_mb, own_pages = timed([sys.executable, "-c", BARE_ON_OWN_HTML, str(html)], env)
                result = {
                    "rows": size,
                    "full_listing": listing,
                    "seconds": seconds,
                    "mb": mb,
                    "pages": int(own_pages.strip()),
                    "own_html_seconds": own_seconds,
                    "own_html_mb": own_mb,
                }
                results.append(result)
                print(
                    f"{size:>8,} rows{' (--full-listing)' if listing else ''}: {seconds:7.1f} s {mb:7.0f} MB  "
                    f"{1000 * seconds / size:8.2f} s/1000 rows  {seconds / ref_seconds:5.2f}x reference  "
                    f"{seconds / own_seconds:5.2f}x bare WeasyPrint on its HTML ({result['pages']} pages)",
                    flush=True,
                )
    print(
        "\n| rows | build (s) | peak memory (MB) | s per 1,000 rows | ratio to the reference "
        "| bare WeasyPrint on the brief's HTML (s) | ratio to it | pages |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(
            f"| {r['rows']:,}{' full listing' if r['full_listing'] else ''} | {r['seconds']:.1f} | {r['mb']:.0f} | "
            f"{1000 * r['seconds'] / r['rows']:.2f} | {r['seconds'] / ref_seconds:.2f} | {r['own_html_seconds']:.1f} "
            f"| {r['seconds'] / r['own_html_seconds']:.2f} | {r['pages']} |"
        )
    print(f"\nreference (bare WeasyPrint, 2,000-row table): {ref_seconds:.1f} s, {ref_mb:.0f} MB")
    if args.json:
        args.json.write_text(
            json.dumps({"reference": {"seconds": ref_seconds, "mb": ref_mb}, "results": results}, indent=2) + "\n"
        )
    if args.chart:
        draw(results, args.chart)


def draw(results: list[dict[str, Any]], chart: Path) -> None:
    """Rows against seconds and MB, on log scales; builds with --full-listing as open markers, and the
    sizes the brief lists row by row shaded (the thresholds of data/reference/layout.yaml)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sys.path.insert(0, str(ROOT / "src"))
    from sebrief.reference import layout_rules

    rules = layout_rules()
    default = [r for r in results if not r.get("full_listing")]
    full = [r for r in results if r.get("full_listing")]
    figure, axis = plt.subplots(figsize=(7, 4))
    axis.axvspan(rules.detailed_rows, rules.listed_rows, color="#eeeeee", zorder=0)
    axis.text((rules.detailed_rows * rules.listed_rows) ** 0.5, 0.97, "rows listed in the brief",
              transform=axis.get_xaxis_transform(), ha="center", va="top", fontsize=8, color="#555")  # fmt: skip
    rows = [r["rows"] for r in default]
    axis.plot(rows, [r["seconds"] for r in default], marker="o", color="C0", label="build (s)")
    axis.plot(rows, [r["mb"] for r in default], marker="s", color="C1", label="peak memory (MB)")
    if full:
        axis.plot([r["rows"] for r in full], [r["seconds"] for r in full], "o", mfc="none", color="C0",
                  label="--full-listing (s)")  # fmt: skip
        axis.plot([r["rows"] for r in full], [r["mb"] for r in full], "s", mfc="none", color="C1",
                  label="--full-listing (MB)")  # fmt: skip
    axis.set_xscale("log")
    axis.set_yscale("log")
    axis.set_xlabel("rows")
    axis.grid(True, which="both", alpha=0.3)
    axis.legend(fontsize=8, loc="center left")
    axis.set_title("sebrief build: cost by table size")
    figure.tight_layout()
    figure.savefig(chart, dpi=100, metadata={"Software": None})


if __name__ == "__main__":
    main()
