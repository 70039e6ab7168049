"""Grow the bundled dataset to N rows, for the scale benchmarks (never committed as data).

Run:  python benchmarks/grow.py ROWS OUT_DIR

The bundled dataset (format version 2) keeps its question, blocks and 17 rows; rows R18... are
added to its table, each with matching text appended to the source (a continuation of the
answer's table), so that every quote still checks. Suppliers come from a pool that grows with
the square root of the row count; kinds, themes, periods and amounts rotate deterministically,
so the same N always gives the same files.
"""

from __future__ import annotations

import calendar
import csv
import io
import math
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data" / "sv-221-2017-2018"
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december"]  # fmt: skip
THEMES = ["innovation", "starters", "research", "communication", "guide", "other"]


def belgian(amount_cents: int) -> str:
    euros, cents = divmod(amount_cents, 100)
    grouped = f"{euros:,}".replace(",", ".")
    return f"{grouped},{cents:02d} euro" if cents else f"{grouped} euro"


def grow(rows: int, out: Path) -> Path:
    shutil.copytree(BUNDLED, out, dirs_exist_ok=True)
    with (BUNDLED / "rows.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header = list(reader.fieldnames or [])
        records = list(reader)
    suppliers = max(5, int(math.sqrt(rows) * 3))
    lines = ["", "Vervolg van de tabel (gegenereerd voor de schaalbenchmark)", ""]
    curated = len(records)
    for number in range(curated + 1, rows + 1):
        index = number - curated
        contract = index % 4 != 0
        year = 2018 + (index % 5)
        start_month = 1 + index % 12
        length = 1 + (index * 7) % 18
        end_year = year + (start_month - 1 + length - 1) // 12
        end_month = (start_month - 1 + length - 1) % 12 + 1
        last_day = calendar.monthrange(end_year, end_month)[1]
        period_text = f"{MONTHS[start_month - 1]} {year} – {MONTHS[end_month - 1]} {end_year}"
        amount = 150_000 + (index * 7_919_213) % 14_000_000  # cents: 1.500,00 to 141.500,00
        description = f"Opdracht {number:06d} voor ondersteuning van ondernemingen, perceel {index % 97 + 1}"
        supplier = f"Leverancier {index * 7 % suppliers + 1:05d} bv"
        vat = "(excl. BTW)" if contract else ""
        lines.append(f"{description} {period_text} {supplier} {belgian(amount)} {vat}".rstrip())
        records.append(
            {
                **{name: "" for name in header},
                "id": f"R{number:06d}",
                "kind": "public_contract" if contract else "subsidy_call",
                "description": description,
                "period_start": f"{year}-{start_month:02d}-01",
                "period_end": f"{end_year}-{end_month:02d}-{last_day:02d}",
                "period_precision": "month",
                "period_text": period_text,
                "status": "awarded",
                "beneficiary": supplier,
                "amount": f"{amount // 100}.{amount % 100:02d}",
                "amount_text": belgian(amount),
                "vat_basis": "excl_vat" if contract else "not_stated",
                "vat_text": vat,
                "theme": THEMES[index % len(THEMES)],
                "pillar": str(1 + index % 5),
                "pillar_basis": "inferred",
                "source_ref": f"Gegenereerde rij {number}",
            }
        )
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    (out / "rows.csv").write_text(buffer.getvalue(), encoding="utf-8")
    source = (BUNDLED / "source.txt").read_text(encoding="utf-8")
    (out / "source.txt").write_text(source + "\n".join(lines) + "\n", encoding="utf-8")
    return out


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python benchmarks/grow.py ROWS OUT_DIR")
    print(grow(int(sys.argv[1]), Path(sys.argv[2])))
