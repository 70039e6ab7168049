"""The floor of the workbook benchmarks (issue 22): the rows of the answer's tables written with bare
XlsxWriter in ``constant_memory`` mode, the same cells as sebrief's rows sheet and nothing else.

One sheet per table, one line per row, the same columns in the same order with the same values and
types: texts (the groupings' values joined by line breaks, the source reference with its lines),
dates and amounts as numbers with a number format, the amount excl. VAT and the "shown by the
filter" column as formulas with their cached results. No title, header, totals, other sheet,
Excel table, defined name, row height, column width or print setup.

    python benchmarks/xlsx_floor.py BRIEF.pickle OUT.xlsx   # prints seconds and peak MB as JSON
"""

from __future__ import annotations

import io
from typing import Any

FIRST_ROW = 4  # zero-based: the rows start on line 5, as on sebrief's sheet


def lines(first: int, last: int) -> str:
    return f"regel {first}" if first == last else f"regels {first}-{last}"


def write_floor(brief: Any) -> bytes:
    """The rows of ``brief``'s tables (an analysed ``Brief``) as xlsx bytes, with bare XlsxWriter."""
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"constant_memory": True})
    text = book.add_format({"text_wrap": True, "valign": "top"})
    date = book.add_format({"num_format": "[$-813]d mmmm yyyy", "valign": "top"})
    money = book.add_format({"num_format": "#,##0.00 [$€-813];-#,##0.00 [$€-813]", "valign": "top"})
    count = book.add_format({"num_format": "0", "valign": "top"})
    by_id = {row.id: row for row in brief.rows}
    for number, view in enumerate(block for block in brief.blocks if getattr(block, "kind", "") == "table"):
        if not view.row_ids:
            continue
        sheet = book.add_worksheet(f"Rows {number + 1}")
        rows = [by_id[row_id] for row_id in view.row_ids]
        groupings = [label.code for label in view.groupings]
        has_count = any(row.beneficiary_count is not None for row in rows)
        # Columns as sebrief lays them out (plan.row_columns).
        col = {"start": 3 + len(groupings)}
        col["amount"] = col["start"] + 6 + has_count
        excl_letter = xlsxwriter.utility.xl_col_to_name(col["amount"] + 2)
        amount_letter = xlsxwriter.utility.xl_col_to_name(col["amount"])
        for r, row in enumerate(rows, start=FIRST_ROW):
            excel_row = r + 1
            cells: list[Any] = [row.id, row.kind.label, row.description]
            cells += ["\n".join(value.label for value in row.values(code)) for code in groupings]
            sheet.write_string(r, 0, cells[0], text)
            for c, value in enumerate(cells[1:], start=1):
                if value:
                    sheet.write_string(r, c, value, text)
            c = col["start"]
            for value in (row.start, row.end):
                if value is not None:
                    sheet.write_datetime(r, c, value, date)
                c += 1
            for value in (row.period_label, row.status.label, row.state_at_question.label, row.beneficiary):
                if value:
                    sheet.write_string(r, c, value, text)
                c += 1
            if has_count:
                if row.beneficiary_count is not None:
                    sheet.write_number(r, c, row.beneficiary_count, count)
                c += 1
            if row.amount is not None:
                sheet.write_number(r, c, float(row.amount), money)
            sheet.write_string(r, c + 1, row.vat_basis.label, text)
            if row.amount_excl_vat is not None:
                given = f"{amount_letter}{excel_row}"
                formula = f"=ROUND({given}/(1+VAT_rate),2)" if row.converted else f"={given}"
                sheet.write_formula(r, c + 2, formula, money, float(row.amount_excl_vat))
            c += 3
            assert xlsxwriter.utility.xl_col_to_name(c - 1) == excl_letter
            if view.has_procedure:
                if row.procedure:
                    sheet.write_string(r, c, row.procedure, text)
                c += 1
            source = row.source_ref if row.source_lines is None else f"{row.source_ref} ({lines(*row.source_lines)})"
            sheet.write_string(r, c, source, text)
            if row.note:
                sheet.write_string(r, c + 1, row.note, text)
            sheet.write_formula(r, c + 2, f"=SUBTOTAL(103,A{excel_row})", count, 1)
    book.define_name("VAT_rate", "=0.21")
    book.close()
    return out.getvalue()


if __name__ == "__main__":
    import json
    import pickle
    import resource
    import sys
    import time
    from pathlib import Path

    with open(sys.argv[1], "rb") as handle:
        loaded = pickle.load(handle)
    start, cpu = time.perf_counter(), time.process_time()
    data = write_floor(loaded)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    Path(sys.argv[2]).write_bytes(data)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu, "peak_mb": peak, "bytes": len(data)}))
