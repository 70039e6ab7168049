"""Compare the draft sebrief reads from a source document with values curated by hand, field by field.

    python scripts/compare_draft.py                       # SV 221: source.txt against dataset.yaml + rows.csv
    python scripts/compare_draft.py --dataset DIR         # another curated dataset folder (schema version 1)
    python scripts/compare_draft.py SOURCE --expected FILE  # a document (.txt or .pdf) and an expected-values YAML

The curated dataset is read with yaml.safe_load and csv (not with sebrief's loader). Texts are
compared with white space normalised. Prints one table of metadata and question fields, one line
per table row with each of its fields, and the share of fields equal per group; exits 1 when a
field differs.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from sebrief.draft import Draft, draft_file

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data" / "sv-221-2017-2018"
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


# --- expected values ---------------------------------------------------------------------------------


def expected_from_dataset(folder: Path) -> tuple[Path, dict[str, Any]]:
    """The source file and the expected values of a curated dataset (dataset.yaml and rows.csv)."""
    main = yaml.safe_load((folder / "dataset.yaml").read_text(encoding="utf-8"))
    meta = main["metadata"]
    with (folder / "rows.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    expected = {
        "metadata": {
            "parliament": meta["parliament"],
            "document_type": meta["document_type"],
            "number": meta["number"],
            "session_year": meta["session_year"],
            "date_asked": meta["date_asked"],
            "date_answered": meta.get("date_answered"),
            "asker": meta["asker"],
            "minister": meta["minister"],
            "title": meta["title"],
        },
        "question": {
            "introduction": [item["text"] for item in main["question"]["introduction"]],
            "parts": main["question"]["parts"],
        },
        "answer": {
            "passages": [{"part": p["part"], "text": p["text"]} for p in main["answer"]["passages"]],
            "list_items": [p["text"] for p in main["answer"].get("pillars", [])],
        },
        "rows": [
            {
                "id": row["id"],
                "kind": row["kind"] or None,
                "description": row["description"],
                "description_source": row["description_source"] or None,
                "period_start": row["period_start"] or None,
                "period_end": row["period_end"] or None,
                "period_precision": row["period_precision"] or None,
                "period_text": row["period_text"],
                "status": row["status"],
                "beneficiary": row["beneficiary"] or None,
                "beneficiary_count": int(row["beneficiary_count"]) if row["beneficiary_count"] else None,
                "amount": row["amount"] or None,
                "amount_text": row["amount_text"] or None,
                "vat_basis": row["vat_basis"],
                "vat_text": row["vat_text"] or None,
            }
            for row in rows
        ],
    }
    return folder / meta["source"]["file"], expected


def expected_from_file(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return loaded


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


def _draft_metadata(draft: Draft) -> dict[str, object]:
    minister = draft.minister
    return {
        "parliament": draft.parliament,
        "document_type": draft.document_type,
        "number": draft.number,
        "session_year": draft.session_year,
        "date_asked": draft.date_asked,
        "date_answered": draft.date_answered,
        "asker.first_name": draft.asker.first_name if draft.asker else None,
        "asker.last_name": draft.asker.last_name if draft.asker else None,
        "minister.first_name": minister.first_name if minister else None,
        "minister.last_name": minister.last_name if minister else None,
        "minister.portfolio": minister.portfolio if minister else None,
        "title": draft.title.text if draft.title else None,
    }


def _expected_metadata(meta: dict[str, Any]) -> dict[str, object]:
    flat: dict[str, object] = {}
    for key, value in meta.items():
        if isinstance(value, dict):
            for sub, item in value.items():
                flat[f"{key}.{sub}"] = item
        else:
            flat[key] = value
    return flat


def _shorten(value: object, width: int = 46) -> str:
    text = "—" if value is None else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def _line(label: str, got: object, want: object, equal: bool) -> str:
    return f"  {label:<24} {_shorten(got):<46} {_shorten(want):<46} {'yes' if equal else 'NO'}"


def compare(draft: Draft, expected: dict[str, Any], out: Callable[[str], None] = print) -> Tally:
    tally = Tally()
    out("metadata and question")
    out(f"  {'field':<24} {'draft':<46} {'expected':<46} equal")
    got_meta = _draft_metadata(draft)
    for key, want in _expected_metadata(expected.get("metadata", {})).items():
        got = got_meta.get(key)
        equal = tally.add("metadata", norm(got) == norm(want))
        out(f"  {key:<24} {_shorten(norm(got)):<46} {_shorten(norm(want)):<46} {'yes' if equal else 'NO'}")

    question = expected.get("question", {})
    intro = [p.text for p in draft.question.introduction if p.kind.value == "paragraph"]
    for i, want in enumerate(question.get("introduction", [])):
        got = intro[i] if i < len(intro) else None
        equal = tally.add("question", norm(got) == norm(want))
        out(f"  {'introduction ' + str(i + 1):<24} {_shorten(got):<46} {_shorten(want):<46} {'yes' if equal else 'NO'}")
    got_parts = {p.id: p.text for p in draft.question.parts}
    got_parts.update({s.id: s.text for p in draft.question.parts for s in p.subparts})
    for part in question.get("parts", []):
        for item in [part, *part.get("subparts", [])]:
            got = got_parts.get(str(item["id"]))
            equal = tally.add("question", norm(got) == norm(item["text"]))
            label = f"part {item['id']}"
            out(f"  {label:<24} {_shorten(got):<46} {_shorten(item['text']):<46} {'yes' if equal else 'NO'}")

    answer = expected.get("answer", {})
    passages = draft.answer.passages
    for want in answer.get("passages", []):
        wanted = str(norm(want["text"]))
        found = any(wanted in str(norm(p.text)) and (p.part or "").startswith(str(want["part"])) for p in passages)
        tally.add("answer passages", found)
        if not found:
            out(f"  answer passage not found in part {want['part']}: {_shorten(wanted, 80)}")
    if "part_ids" in answer:
        got_ids = [list(part.ids) for part in draft.answer.parts]
        equal = tally.add("answer parts", got_ids == [[str(i) for i in ids] for ids in answer["part_ids"]])
        out(_line("answer parts", got_ids, answer["part_ids"], equal))
    items = [norm(p.text) for p in passages if p.kind.value == "item"]
    for want in answer.get("list_items", []):
        found = norm(want) in items
        tally.add("answer list items", found)
        if not found:
            out(f"  answer list item not found: {_shorten(norm(want), 80)}")

    rows = draft.answer.rows
    want_rows = expected.get("rows", [])
    if "tables" in expected:
        sizes = [len(table.rows) for table in draft.answer.tables]
        equal = tally.add("tables", sizes == expected["tables"])
        out(_line("rows per table", sizes, expected["tables"], equal))
    out("")
    out(f"table rows: {len(rows)} read, {len(want_rows)} expected")
    tally.add("row count", len(rows) == len(want_rows))
    header = ["row", *(LABELS.get(name, name) for name in (*ROW_FIELDS, *ROW_TEXT_FIELDS))]
    out("  " + " ".join(f"{h:<9}" for h in header))
    for i, want in enumerate(want_rows):
        got = rows[i] if i < len(rows) else None
        marks = [str(want.get("id", i + 1))]
        for name in (*ROW_FIELDS, *ROW_TEXT_FIELDS):
            if name not in want and name not in ("page_break", "description"):
                marks.append("·")
                continue
            equal = got is not None and _row_field(got, want, name)
            tally.add(f"rows: {name}", equal)
            marks.append("yes" if equal else "NO")
        out("  " + " ".join(f"{m:<9}" for m in marks))
        if got is not None:
            for name in (*ROW_FIELDS, *ROW_TEXT_FIELDS):
                if (name in want or name in ("page_break", "description")) and not _row_field(got, want, name):
                    out(f"      {name}: draft {_row_value(got, name)!r}, expected {_expected_row_value(want, name)!r}")
    if "gaps" in expected:
        got_gaps = sorted(g.what for g in draft.gaps)
        equal = tally.add("gaps", got_gaps == sorted(expected["gaps"]))
        out("")
        out(f"gaps: {got_gaps} (expected {sorted(expected['gaps'])}) {'yes' if equal else 'NO'}")
    out("")
    out("share of fields equal")
    for line in tally.lines():
        out(line)
    return tally


def _row_value(row: Any, name: str) -> object:
    if name == "page_break":
        return row.split_by_page_break, norm(row.description_source)
    if name == "description":
        return norm(row.description)
    if name in ("period_start", "period_end", "period_precision"):
        if row.period is None:
            return None
        return {"period_start": row.period.start, "period_end": row.period.end,
                "period_precision": row.period.precision.value}[name]  # fmt: skip
    if name == "amount":
        return amount(row.amount)
    value = getattr(row, name)
    return getattr(value, "value", value)


def _expected_row_value(want: dict[str, Any], name: str) -> object:
    if name == "page_break":
        source = want.get("description_source")
        return source is not None, norm(source)
    if name == "amount":
        return amount(want.get("amount"))
    return want.get(name)


def _row_field(row: Any, want: dict[str, Any], name: str) -> bool:
    return norm(_row_value(row, name)) == norm(_expected_row_value(want, name))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", nargs="?", type=Path, help="the document (.txt or .pdf); default: the dataset's")
    parser.add_argument("--dataset", type=Path, default=None, help="a curated dataset folder (default: SV 221)")
    parser.add_argument("--expected", type=Path, default=None, help="a YAML file of expected values")
    args = parser.parse_args(argv)
    if args.expected is not None:
        if args.source is None:
            parser.error("--expected needs the SOURCE document")
        source, expected = args.source, expected_from_file(args.expected)
    else:
        source, expected = expected_from_dataset(args.dataset or BUNDLED)
        source = args.source or source
    print(f"source: {source.name}")
    tally = compare(draft_file(source), expected)
    return 0 if tally.perfect else 1


if __name__ == "__main__":
    sys.exit(main())
