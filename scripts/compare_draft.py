"""Compare the dataset `sebrief new` drafts from a document with values curated by hand, field by field.

    python scripts/compare_draft.py                         # SV 221: source.txt drafted, against the curated dataset
    python scripts/compare_draft.py SOURCE --dataset DIR    # a document (.txt or .pdf) against a curated dataset
    python scripts/compare_draft.py SOURCE --expected FILE  # a document against an expected-values YAML
    python scripts/compare_draft.py --draft DIR ...         # a draft folder `sebrief new` wrote, instead of SOURCE
    python scripts/compare_draft.py --formats               # every fictional fixture in every input format

With --formats, each fictional document of tests/fixtures/draft that has an expected-values YAML
is drafted from each of its input formats: PDF ruled and unruled (its HTML rendered by WeasyPrint),
text (stream, as typed), text with layout (pdftotext -layout), text one cell a line (copied from a
viewer; pdftotext without -layout), DOCX and HTML. It prints, per format, the share of each group
of fields equal, whether the amounts drafted are the expected ones exactly (as a multiset: none
missing, none extra), and the quotes `sebrief validate` finds not in the source; exits 1 when one
differs.

The document is drafted into a temporary folder, as `sebrief new SOURCE DIR` does, and the
comparison reads the files written there (dataset format version 2): with sebrief's loader when
the draft validates, else as plain YAML and CSV (a fresh draft leaves empty what only a person can
decide, so it does not validate yet). The curated dataset is read with sebrief's loader.

Texts are compared with white space normalised; a row's kind by its Dutch label (the draft names
kinds after the source's labels, a curated dataset as it likes). Prints one table of metadata and
question fields, the table blocks' bindings, one line per table row with each of its fields, and
the share of fields equal per group; exits 1 when a field differs.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
import tempfile
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from sebrief.dataset.load import load_dataset
from sebrief.dataset.model import Dataset
from sebrief.draft.emit import write_draft
from sebrief.errors import DatasetError

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data" / "sv-221-2017-2018"
META_FIELDS = (
    "parliament", "document_type", "number", "session_year", "date_asked", "date_answered", "asker.first_name",
    "asker.last_name", "minister.first_name", "minister.last_name", "minister.portfolio", "title",
)  # fmt: skip
ROW_FIELDS = (
    "amount",
    "period_start",
    "period_end",
    "period_precision",
    "beneficiary",
    "beneficiary_count",
    "kind",
    "vat_basis",
    "status",
    "description",
    "page_break",
)
ROW_TEXT_FIELDS = ("amount_text", "vat_text", "period_text", "procedure")
LABELS = {
    "period_start": "start",
    "period_end": "end",
    "period_precision": "precision",
    "beneficiary": "benefic.",
    "beneficiary_count": "count",
    "vat_basis": "vat",
    "description": "descr.",
    "page_break": "split",
    "amount_text": "amt text",
    "period_text": "per text",
    "procedure": "proc.",
}


def norm(value: object) -> object:
    """Texts with white space normalised, empty texts as None, amounts and dates as text."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f").rstrip("0")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", str(value))).strip()
    text = re.sub(r"\s*\[(?:…|\.\.\.)\]\s*", " […] ", text)
    return text or None


def amount(value: object) -> object:
    return norm(Decimal(str(value))) if value not in (None, "") else None


# --- the values compared, from a loaded dataset, plain files, or an expected-values YAML ------------------
#
# {"metadata": {dotted field: value}, "introduction": [text], "parts": [(id, text)],
#  "passages": [(part, text)], "binds": [[(part, column, rows)] per table] (optional),
#  "rows": [{field: value}], "tables": [rows per table] (optional), "gaps": [what] (optional)}


def values_of_dataset(dataset: Dataset) -> dict[str, Any]:
    main = dataset.main
    meta = main.metadata
    labels = {kind.id: kind.label.nl for kind in main.kinds}
    rows = []
    for row in dataset.rows:
        period = row.period
        rows.append({
            "id": row.id,
            "kind": labels.get(row.kind),
            "description": row.description,
            "description_source": row.description_source,
            "period_start": period.start if period else None,
            "period_end": period.end if period else None,
            "period_precision": period.precision.value if period else None,
            "period_text": row.period_text,
            "status": row.status.value,
            "beneficiary": row.beneficiary,
            "beneficiary_count": row.beneficiary_count,
            "amount": row.amount,
            "amount_text": row.amount_text,
            "vat_basis": row.vat_basis.value,
            "vat_text": row.vat_text,
            "procedure": row.procedure,
        })  # fmt: skip
    return {
        "metadata": {
            "parliament": meta.parliament,
            "document_type": meta.document_type,
            "number": meta.number,
            "session_year": meta.session_year,
            "date_asked": meta.date_asked,
            "date_answered": meta.date_answered,
            "asker.first_name": meta.asker.first_name,
            "asker.last_name": meta.asker.last_name,
            "minister.first_name": meta.minister.first_name,
            "minister.last_name": meta.minister.last_name,
            "minister.portfolio": meta.minister.portfolio,
            "title": meta.title,
        },
        "introduction": [item.text for item in main.question.introduction],
        "parts": [(part.id, part.text) for part in main.question.all_parts()],
        "passages": [(p.part, p.text) for p in main.answer.passages],
        "grouping_texts": [v.text for g in main.groupings for v in g.values if v.text],
        "binds": [sorted((b.part, b.column.value, b.rows) for b in table.binds) for table in main.tables()],
        "tables": [len(dataset.rows_of(table.id)) for table in main.tables()],
        "table_periods": [
            [table.period_text, str(table.period.start), str(table.period.end), table.period.precision.value]
            if table.period
            else None
            for table in main.tables()
        ],
        "rows": rows,
    }


def values_of_files(folder: Path) -> dict[str, Any]:
    """The values of a dataset folder read as plain YAML and CSV, for a draft that does not validate yet."""
    main = yaml.safe_load((folder / "dataset.yaml").read_text(encoding="utf-8")) or {}
    meta = main.get("metadata") or {}

    def get(mapping: Any, dotted: str) -> object:
        for key in dotted.split("."):
            mapping = mapping.get(key) if isinstance(mapping, dict) else None
        return mapping

    labels = {kind.get("id"): (kind.get("label") or {}).get("nl") for kind in main.get("kinds") or []}
    question = main.get("question") or {}
    parts = []
    for part in question.get("parts") or []:
        for item in [part, *(part.get("subparts") or [])]:
            parts.append((str(item.get("id")), item.get("text")))
    answer = main.get("answer") or {}
    tables = [block for block in answer.get("blocks") or [] if block.get("kind") == "table"]
    rows: list[dict[str, Any]] = []
    sizes = []
    for table in tables:
        with (folder / table["file"]).open(encoding="utf-8", newline="") as handle:
            records = list(csv.DictReader(handle))
        sizes.append(len(records))
        for record in records:
            value = {name: (text or None) for name, text in record.items()}
            value["kind"] = labels.get(value.get("kind")) if value.get("kind") else None
            value["beneficiary_count"] = int(record["beneficiary_count"]) if record.get("beneficiary_count") else None
            rows.append(value)
    return {
        "metadata": {name: get(meta, name) for name in META_FIELDS},
        "introduction": [item.get("text") for item in question.get("introduction") or []],
        "parts": parts,
        "passages": [(str(p.get("part")), p.get("text")) for p in answer.get("passages") or []],
        "binds": [
            sorted((str(b.get("part")), b.get("column"), b.get("rows", "all")) for b in table.get("binds") or [])
            for table in tables
        ],
        "tables": sizes,
        "table_periods": [_table_period(table) for table in tables],
        "rows": rows,
        "figures": [
            [str(f.get("period_text")), f.get("text"), str(f.get("value")), f.get("unit")]
            for block in answer.get("blocks") or []
            if block.get("kind") == "figures"
            for f in block.get("figures") or []
        ],
    }


def _table_period(block: dict[str, Any]) -> list[str] | None:
    """A table block's own period, as [period_text, start, end, precision]; None when it has none."""
    period = block.get("period")
    if not isinstance(period, dict):
        return None
    dates = [str(period.get(key)) for key in ("start", "end", "precision")]
    return [str(block.get("period_text")), *dates]


def values_of_expected(path: Path) -> dict[str, Any]:
    """The values of an expected-values YAML written by hand beside a fictional document."""
    expected: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    meta = expected.get("metadata", {})
    flat: dict[str, object] = {}
    for key, value in meta.items():
        if isinstance(value, dict):
            for sub, item in value.items():
                flat[f"{key}.{sub}"] = item
        else:
            flat[key] = value
    question = expected.get("question", {})
    parts = [
        (str(item["id"]), item["text"])
        for part in question.get("parts", [])
        for item in [part, *part.get("subparts", [])]
    ]
    values: dict[str, Any] = {
        "metadata": flat,
        "introduction": question.get("introduction", []),
        "parts": parts,
        "passages": [(str(p["part"]), p["text"]) for p in expected.get("answer", {}).get("passages", [])],
        "rows": expected.get("rows", []),
    }
    if "binds" in expected:
        values["binds"] = [sorted((str(p), c, r) for p, c, r in table) for table in expected["binds"]]
    for key in ("tables", "table_periods", "gaps", "figures"):
        if key in expected:
            values[key] = expected[key]
    return values


def read_draft(folder: Path) -> tuple[dict[str, Any], str]:
    """The values of a draft folder, and how they were read."""
    try:
        return values_of_dataset(load_dataset(folder)), "with sebrief.dataset.load (it validates)"
    except DatasetError as error:
        count = len(error.problems)
        return values_of_files(folder), f"as plain YAML and CSV ({count} problem(s) left for a person)"


# --- comparison --------------------------------------------------------------------------------------


class Tally:
    def __init__(self) -> None:
        self.groups: dict[str, list[bool]] = {}

    def add(self, group: str, equal: bool) -> bool:
        self.groups.setdefault(group, []).append(equal)
        return equal

    def lines(self) -> list[str]:
        out = []
        for group, results in self.groups.items():
            share = 100 * sum(results) / len(results) if results else 100.0
            out.append(f"  {group:<28} {sum(results):>4}/{len(results):<4} {share:6.1f} %")
        return out

    @property
    def perfect(self) -> bool:
        return all(all(results) for results in self.groups.values())


def _shorten(value: object, width: int = 46) -> str:
    text = "—" if value is None else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def _line(label: str, got: object, want: object, equal: bool) -> str:
    return f"  {label:<24} {_shorten(got):<46} {_shorten(want):<46} {'yes' if equal else 'NO'}"


def compare(
    got: dict[str, Any],
    want: dict[str, Any],
    gaps: list[str] | None = None,
    out: Callable[[str], None] = print,
    page_breaks: bool = True,
) -> Tally:
    """Compare the values; without ``page_breaks`` a row's split and the […] of its texts are not compared."""
    tally = Tally()
    out("metadata and question")
    out(f"  {'field':<24} {'draft':<46} {'expected':<46} equal")
    for key, wanted in want["metadata"].items():
        value = got["metadata"].get(key)
        out(_line(key, norm(value), norm(wanted), tally.add("metadata", norm(value) == norm(wanted))))
    introduction = [norm(text) for text in got["introduction"]]
    for i, wanted in enumerate(want["introduction"]):
        found = tally.add("question", norm(wanted) in introduction)
        out(_line(f"introduction {i + 1}", "found" if found else "not found", wanted, found))
    got_parts = dict(got["parts"])
    for part_id, wanted in want["parts"]:
        value = got_parts.get(part_id)
        out(_line(f"part {part_id}", value, wanted, tally.add("question", norm(value) == norm(wanted))))

    passages = [(part, str(norm(text))) for part, text in got["passages"]]
    for part, wanted in want["passages"]:
        text = str(norm(wanted))
        found = any(text in got_text and got_part.startswith(part) for got_part, got_text in passages)
        tally.add("answer passages", found)
        if not found:
            out(f"  answer passage not found in part {part}: {_shorten(text, 80)}")
    for wanted in want.get("grouping_texts", []):
        found = any(str(norm(wanted)) in text for _, text in passages)
        tally.add("answer list items", found)
        if not found:
            out(f"  answer list item not found: {_shorten(norm(wanted), 80)}")
    if "binds" in want:
        for i, wanted in enumerate(want["binds"]):
            value = got["binds"][i] if i < len(got["binds"]) else None
            equal = tally.add("table binds", value == wanted)
            shown = ", ".join(f"{p}:{c}" + ("" if r == "all" else f"({r})") for p, c, r in value or [])
            out(_line(f"binds of table {i + 1}", shown or None, ", ".join(f"{p}:{c}" for p, c, _ in wanted), equal))
    if "tables" in want:
        out(
            _line("rows per table", got["tables"], want["tables"], tally.add("tables", got["tables"] == want["tables"]))
        )

    if "table_periods" in want:
        for i, wanted in enumerate(want["table_periods"]):
            value = got["table_periods"][i] if i < len(got["table_periods"]) else None
            equal = tally.add("table periods", value == wanted)
            out(_line(f"period of table {i + 1}", " ".join(value or []) or None, " ".join(wanted or []) or None, equal))

    if "figures" in want:
        figures = got.get("figures", [])
        for i, wanted in enumerate(want["figures"]):
            value = figures[i] if i < len(figures) else None
            shown = " ".join(str(v) for v in value) if value else None
            equal = tally.add("figures", value == [str(v) for v in wanted])
            out(_line(f"figure {i + 1}", shown, " ".join(wanted), equal))
        tally.add("figures", len(figures) == len(want["figures"]))

    rows = got["rows"]
    want_rows = want["rows"]
    out("")
    out(f"table rows: {len(rows)} read, {len(want_rows)} expected")
    tally.add("row count", len(rows) == len(want_rows))
    header = ["row", *(LABELS.get(name, name) for name in (*ROW_FIELDS, *ROW_TEXT_FIELDS))]
    out("  " + " ".join(f"{h:<9}" for h in header))
    for i, wanted in enumerate(want_rows):
        row = rows[i] if i < len(rows) else None
        marks = [str(wanted.get("id", i + 1))]
        differences = []
        for name in (*ROW_FIELDS, *ROW_TEXT_FIELDS):
            skipped = name == "page_break" and not page_breaks
            if skipped or (name not in wanted and name not in ("page_break", "description")):
                marks.append("·")
                continue
            mine, theirs = (_value(row, name, page_breaks) if row else None), _value(wanted, name, page_breaks)
            equal = tally.add(f"rows: {name}", row is not None and mine == theirs)
            marks.append("yes" if equal else "NO")
            if row is not None and not equal:
                differences.append(f"      {name}: draft {mine!r}, expected {theirs!r}")
        out("  " + " ".join(f"{m:<9}" for m in marks))
        for line in differences:
            out(line)
    if "gaps" in want and gaps is not None:
        equal = tally.add("gaps", sorted(gaps) == sorted(want["gaps"]))
        out("")
        out(f"gaps: {sorted(gaps)} (expected {sorted(want['gaps'])}) {'yes' if equal else 'NO'}")
    out("")
    out("share of fields equal")
    for line in tally.lines():
        out(line)
    return tally


def _value(row: dict[str, Any], name: str, page_breaks: bool = True) -> object:
    if not page_breaks and name in ("period_text", "description_source"):
        return norm(str(row.get(name) or "").replace("[…]", " ")) if row.get(name) else None
    if name == "page_break":
        source = norm(row.get("description_source"))
        return source is not None, source
    if name == "amount":
        return amount(row.get("amount"))
    return norm(row.get(name))


FIXTURES = ROOT / "tests" / "fixtures" / "draft"
FORMATS = (
    ("PDF ruled", ".html", "pdf-ruled"),
    ("PDF unruled", ".html", "pdf-unruled"),
    ("text stream", ".txt", None),
    ("text layout", ".layout.txt", None),
    ("cells viewer", ".cells.txt", None),
    ("cells pdftotext", ".pdftotext.txt", None),
    ("DOCX", ".docx", None),
    ("HTML", ".html", None),
)


def _render_pdf(html: Path, target: Path, ruled: bool) -> Path:
    from weasyprint import HTML

    text = html.read_text(encoding="utf-8")
    if not ruled:
        text = text.replace('<body class="ruled">', '<body class="unruled">')
    HTML(string=text, base_url=str(html.parent)).write_pdf(target)
    return target


def _amounts(rows: list[dict[str, Any]]) -> list[object]:
    return sorted((amount(row.get("amount")) for row in rows if row.get("amount") not in (None, "")), key=str)


QUOTED_COLUMNS = ("description", "description_source", "beneficiary", "amount_text", "vat_text", "period_text",
                  "procedure")  # fmt: skip


def _quotes(data: object, key: str | None = None) -> list[str]:
    """The texts of dataset.yaml that quote the source: every `text`, `title` and `period_text`."""
    if isinstance(data, dict):
        return [q for k, v in data.items() for q in _quotes(v, k)]
    if isinstance(data, list):
        return [q for v in data for q in _quotes(v, key)]
    return [data] if key in ("text", "title", "period_text") and isinstance(data, str) and data else []


def quotes_not_in_source(folder: Path) -> list[str]:
    """The drafted quotes (dataset.yaml and the tables' CSV files) not found verbatim in source.txt."""
    from sebrief.quotes import SourceText

    source = SourceText.from_text((folder / "source.txt").read_text(encoding="utf-8"))
    main = yaml.safe_load((folder / "dataset.yaml").read_text(encoding="utf-8")) or {}
    quotes = _quotes({k: v for k, v in main.items() if k in ("metadata", "question", "answer")})
    for table in (main.get("answer") or {}).get("blocks") or []:
        if table.get("kind") == "table":
            with (folder / table["file"]).open(encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle):  # a joined description is quoted by its description_source
                    columns = [c for c in QUOTED_COLUMNS if not (c == "description" and row.get("description_source"))]
                    quotes += [row[c] for c in columns if row.get(c)]
    return [quote for quote in quotes if source.find(str(quote)) is None]


def compare_formats(fixtures: Path = FIXTURES, out: Callable[[str], None] = print, pdf: bool = True) -> bool:
    """Every fixture with expected values, drafted from every input format it has (the PDFs only with
    ``pdf``); True when all are equal."""
    perfect = True
    with tempfile.TemporaryDirectory(prefix="sebrief-formats-") as temporary:
        for expected in sorted(fixtures.glob("*.expected.yaml")):
            name = expected.name.removesuffix(".expected.yaml")
            want = values_of_expected(expected)
            results: dict[str, tuple[Tally, bool, int]] = {}
            for label, suffix, render in FORMATS:
                source = fixtures / f"{name}{suffix}"
                if not source.exists() or (render is not None and not pdf):
                    continue
                if render is not None:
                    source = _render_pdf(source, Path(temporary) / f"{name}-{render}.pdf", render == "pdf-ruled")
                folder = Path(temporary) / f"{name}-{label.replace(' ', '_')}"
                write_draft(source, folder)
                got, _ = read_draft(folder)
                tally = compare(got, {**want, "gaps": []}, None, out=lambda _: None, page_breaks=label == "text stream")
                same = _amounts(got["rows"]) == _amounts(want["rows"])
                results[label] = (tally, same, len(quotes_not_in_source(folder)))
            perfect &= _print_formats(name, results, out)
    return perfect


def _print_formats(name: str, results: dict[str, tuple[Tally, bool, int]], out: Callable[[str], None]) -> bool:
    labels = list(results)
    groups = list(dict.fromkeys(group for tally, _, _ in results.values() for group in tally.groups))
    out(f"{name}: share of fields equal per input format")
    out("  " + f"{'':<26}" + "".join(f"{label:>16}" for label in labels))
    for group in groups:
        cells = []
        for label in labels:
            outcome = results[label][0].groups.get(group)
            cells.append(f"{100 * sum(outcome) / len(outcome):15.1f}%" if outcome else f"{'·':>16}")
        out(f"  {group:<26}" + "".join(cells))
    out(f"  {'amounts (multiset equal)':<26}" + "".join(f"{'yes' if results[f][1] else 'NO':>16}" for f in labels))
    out(f"  {'quotes not in source':<26}" + "".join(f"{results[f][2]:>16}" for f in labels))
    out("")
    return all(tally.perfect and same and not quotes for tally, same, quotes in results.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", nargs="?", type=Path, help="the document (.txt or .pdf); default: the dataset's")
    parser.add_argument("--dataset", type=Path, default=None, help="a curated dataset folder (default: SV 221)")
    parser.add_argument("--expected", type=Path, default=None, help="a YAML file of expected values")
    parser.add_argument("--draft", type=Path, default=None, help="a draft folder written by `sebrief new`")
    parser.add_argument(
        "--ignore-page-breaks",
        action="store_true",
        help="do not compare where rows are split (a PDF made from a text paginates it its own way)",
    )
    parser.add_argument("--formats", action="store_true", help="every fictional fixture in every input format")
    args = parser.parse_args(argv)
    if args.formats:
        return 0 if compare_formats() else 1
    if args.expected is not None:
        if args.source is None and args.draft is None:
            parser.error("--expected needs the SOURCE document or a --draft folder")
        want = values_of_expected(args.expected)
        source = args.source
    else:
        curated = load_dataset(args.dataset or BUNDLED)
        want = values_of_dataset(curated)
        source = args.source or (args.dataset or BUNDLED) / curated.metadata.source.file
    with tempfile.TemporaryDirectory(prefix="sebrief-draft-") as temporary:
        gaps = None
        if args.draft is not None:
            folder = args.draft
        else:
            folder = Path(temporary) / "draft"
            files = write_draft(source, folder)
            gaps = [gap.what for gap in files.parser_gaps]
        got, how = read_draft(folder)
    print(f"source: {source.name if source else '-'}; draft read {how}")
    tally = compare(got, want, gaps, page_breaks=not args.ignore_page_breaks)
    return 0 if tally.perfect else 1


if __name__ == "__main__":
    sys.exit(main())
