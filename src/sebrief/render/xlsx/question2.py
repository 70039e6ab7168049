"""Sheet "Question 2": the answer's table as an Excel table, with live totals per kind below it.

Totals are SUMPRODUCTs over the table's columns (defined names ``Rows_*``) that pick rows with
EXACT (see ``matching``), so they stay right when a reader sorts the table; the last column follows
the filter (SUBTOTAL), so the "shown by the filter" totals follow it too. Subsidy calls and public
contracts are never added up without saying so.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo

from sebrief.brief import KindTotal, RowEntry
from sebrief.i18n import Translator, _
from sebrief.render.xlsx import names, styles
from sebrief.render.xlsx.writer import Book, SheetWriter, absolute, ref

HEADER_ROW = 4
FIRST_ROW = HEADER_ROW + 1


@dataclass(frozen=True)
class Column:
    key: str  # the defined name's suffix (Rows_<key>) where formulas need the column
    label: str  # message id of the header
    width: float | None = None  # a maximum width for long text


COLUMNS = (
    Column("id", _("ID")),
    Column("kind", _("Kind")),
    Column("description", _("Description (2a)"), 42),
    Column("theme", _("Theme")),
    Column("start", _("Start (2b)")),
    Column("end", _("End (2b)")),
    Column("duration", _("Duration (months)")),
    Column("status", _("Status")),
    Column("state", _("State on the date asked")),  # header_labels puts the date in
    Column("beneficiary", _("Beneficiary (2c)"), 22),
    Column("beneficiaries", _("Number of beneficiaries")),
    Column("amount", _("Amount (2d, €)")),
    Column("vat", _("VAT basis")),
    Column("incl_vat", _("Incl. VAT, estimate (€)")),
    Column("pillars", _("Pillar(s)")),
    Column("pillar_basis", _("Pillar basis"), 20),
    Column("source", _("Source reference"), 22),
    Column("note", _("Note (curation)"), 34),
    Column("shown", _("Shown by the filter (1 = yes)")),
)
COL = {column.key: index for index, column in enumerate(COLUMNS, start=1)}


def column_ref(key: str, rows: int) -> str:
    letter = get_column_letter(COL[key])
    return f"${letter}${FIRST_ROW}:${letter}${FIRST_ROW + rows - 1}"


def add_question2(book: Book, sheet: SheetWriter) -> None:
    t, brief = book.t, book.brief
    sheet.title(1, t("Question 2: the calls and public contracts in the answer's table"))
    sheet.paragraph(
        2,
        t(
            "One line per row of the answer's table (parts 2a-2d of the question). Use the arrows in the header to "
            "filter or sort; the totals below the table follow. Subsidy calls carry no VAT statement in the answer, "
            "public-contract amounts are excl. VAT: the two are never added up without saying so. Rows still in "
            "procedure have no dates, beneficiary or amount (empty, not zero)."
        ),
        1,
        10,
        font=styles.NOTE_FONT,
    )
    sheet.header(HEADER_ROW, header_labels(book))
    for offset, row in enumerate(brief.rows):
        write_row(sheet, FIRST_ROW + offset, row)
    last = FIRST_ROW + len(brief.rows) - 1
    add_table(sheet, last)
    define_columns(book, sheet.ws.title, len(brief.rows))
    totals_end = add_totals(book, sheet, last + 2)
    sheet.finish(
        title_rows=f"{HEADER_ROW}:{HEADER_ROW}",
        freeze=f"B{FIRST_ROW}",
        max_widths={COL[c.key]: c.width for c in COLUMNS if c.width},
    )
    # The filter helper column is for formulas, not for the printed page.
    sheet.ws.print_area = f"A1:{get_column_letter(COL['shown'] - 1)}{totals_end}"


def header_labels(book: Book) -> list[str]:
    t = book.t
    state = t("State on {date}", date=t.date(book.brief.timeline.date_asked))
    return [state if column.key == "state" else t(column.label) for column in COLUMNS]


def write_row(sheet: SheetWriter, r: int, row: RowEntry) -> None:
    formats, t = sheet.book.formats, sheet.book.t
    date_format = formats.month if row.precision == "month" else formats.date
    sheet.text(r, COL["id"], row.id)
    sheet.text(r, COL["kind"], row.kind.label)
    sheet.text(r, COL["description"], row.description)
    sheet.text(r, COL["theme"], row.theme.label)
    sheet.date(r, COL["start"], row.start, date_format)
    sheet.date(r, COL["end"], row.end, date_format)
    sheet.number(r, COL["duration"], row.duration_months, styles.DURATION_FORMAT)
    sheet.text(r, COL["status"], row.status.label, alignment=styles.AFTER_FIGURE)
    sheet.text(r, COL["state"], row.state_at_question.label)
    sheet.text(r, COL["beneficiary"], row.beneficiary)
    sheet.number(r, COL["beneficiaries"], row.beneficiary_count, styles.COUNT_FORMAT)
    sheet.money(r, COL["amount"], row.amount)
    sheet.text(r, COL["vat"], row.vat_basis.label, alignment=styles.AFTER_FIGURE)
    if row.amount_incl_vat_estimate is not None:
        amount = f"{get_column_letter(COL['amount'])}{r}"
        sheet.formula(
            r, COL["incl_vat"], f"ROUND({amount}*(1+{names.VAT_RATE}),2)", row.amount_incl_vat_estimate, formats.money
        )
    sheet.text(r, COL["pillars"], ", ".join(str(p) for p in row.pillars), alignment=styles.AFTER_FIGURE)
    sheet.text(r, COL["pillar_basis"], row.pillar_basis.label, fill=styles.BASIS_FILLS.get(row.pillar_basis.code))
    sheet.text(r, COL["source"], source_reference(row, t))
    sheet.text(r, COL["note"], row.note)
    sheet.formula(r, COL["shown"], f"SUBTOTAL(103,{get_column_letter(COL['id'])}{r})", 1, styles.COUNT_FORMAT)


def source_reference(row: RowEntry, t: Translator) -> str:
    if row.source_lines is None:
        return row.source_ref
    first, last = row.source_lines
    lines = t("line {first}", first=first) if first == last else t("lines {first}-{last}", first=first, last=last)
    return f"{row.source_ref} ({lines})"


def add_table(sheet: SheetWriter, last: int) -> None:
    ref = f"A{HEADER_ROW}:{get_column_letter(len(COLUMNS))}{last}"
    table = Table(displayName=names.TABLE_NAME, ref=ref)
    table.tableStyleInfo = TableStyleInfo(
        name="TableStyleMedium2",
        showRowStripes=True,
        showColumnStripes=False,
        showFirstColumn=False,
        showLastColumn=False,
    )
    sheet.ws.add_table(table)


def define_columns(book: Book, title: str, rows: int) -> None:
    for key in ("id", "kind", "theme", "status", "state", "beneficiary", "amount", "incl_vat", "shown"):
        book.define(f"{names.TABLE_NAME}_{key}", title, column_ref(key, rows))


def matching(key: str, value: str) -> str:
    """1 for each table row whose column ``key`` holds exactly the text in ``value`` (a cell or a defined name), else 0.

    EXACT takes a name as it is written, case included, as the analysis groups them. COUNTIFS and
    SUMIFS would not: they read '*', '?' and '~' in it as wildcards, a leading '=', '<' or '>' as a
    comparison, and ignore case ("Pantarein*" would also count "Pantarein"). Excel and LibreOffice
    both evaluate EXACT over a whole column inside SUMPRODUCT.
    """
    return f"--EXACT({names.TABLE_NAME}_{key},{value})"


def count_rows(*conditions: str) -> str:
    """The number of table rows that meet every condition (``matching`` terms)."""
    return f"SUMPRODUCT({','.join(conditions)})"


def sum_amounts(*conditions: str) -> str:
    """The sum of the amounts of the table rows that meet every condition (an empty amount counts as 0)."""
    return f"SUMPRODUCT({','.join(conditions)},{names.TABLE_NAME}_amount)"


def kind_labels(rows: tuple[RowEntry, ...]) -> dict[str, str]:
    """The label each kind has in the table: what the totals per kind match."""
    return {row.kind.code: row.kind.label for row in rows}


def status_label(book: Book, code: str, fallback: str) -> str:
    return next((row.status.label for row in book.brief.rows if row.status.code == code), book.t(fallback))


# Columns of the totals block, below the table (their widths follow the table's columns).
T_LABEL, T_ROWS, T_AWARDED, T_PENDING, T_AMOUNT, T_VAT, T_INCL, T_SHOWN = range(3, 11)


def add_totals(book: Book, sheet: SheetWriter, top: int) -> int:
    """Totals per kind (with defined names), both kinds together, and the rows shown by the filter."""
    t = book.t
    sheet.section(top, t("Totals per kind"))
    header = top + 1
    sheet.header(
        header,
        [
            t("Kind (as in the table)"),
            t("Rows"),
            status_label(book, "awarded", _("Awarded")),
            status_label(book, "in_procedure", _("In procedure")),
            t("Amount (€)"),
            t("VAT basis"),
            t("Incl. VAT, estimate (€)"),
            t("Amount of the rows shown by the filter (€)"),
        ],
        first_col=T_LABEL,
    )
    book.define(names.STATUS_AWARDED, sheet.ws.title, absolute(header, T_AWARDED))
    labels = kind_labels(book.brief.rows)
    r = header
    for r, kind in enumerate(book.brief.totals.per_kind, start=header + 1):
        kind_total_row(book, sheet, r, header, kind, labels.get(kind.kind.code, kind.kind.label))
    r = both_kinds_row(book, sheet, r + 1)
    return shown_row(book, sheet, r + 2)


def kind_total_row(book: Book, sheet: SheetWriter, r: int, header: int, kind: KindTotal, label: str) -> None:
    money = book.formats.money
    of_kind = matching("kind", absolute(r, T_LABEL))
    sheet.text(r, T_LABEL, label, font=styles.BOLD)
    sheet.formula(r, T_ROWS, count_rows(of_kind), kind.rows, styles.COUNT_FORMAT)
    for col, cached in ((T_AWARDED, kind.awarded), (T_PENDING, kind.in_procedure)):
        status = matching("status", f"{get_column_letter(col)}${header}")
        sheet.formula(r, col, count_rows(of_kind, status), cached, styles.COUNT_FORMAT)
    sheet.formula(r, T_AMOUNT, sum_amounts(of_kind), kind.amount, money, font=styles.BOLD)
    sheet.text(r, T_VAT, kind.vat_basis.label, alignment=styles.AFTER_FIGURE)
    if kind.amount_incl_vat_estimate is not None:
        # The estimate of the total, as the analysis makes it (not the sum of rounded row estimates).
        estimate = f"ROUND({ref(r, T_AMOUNT)}*(1+{names.VAT_RATE}),2)"
        sheet.formula(r, T_INCL, estimate, kind.amount_incl_vat_estimate, money)
    sheet.formula(r, T_SHOWN, sum_amounts(of_kind, f"{names.TABLE_NAME}_shown"), kind.amount, money)
    name = names.KIND_LABEL.get(kind.kind.code)
    if name:
        book.define(name, sheet.ws.title, absolute(r, T_LABEL))
    if kind.kind.code == "subsidy_call":
        book.define(names.TOTAL_SUBSIDY_CALLS, sheet.ws.title, absolute(r, T_AMOUNT))
    elif kind.kind.code == "public_contract":
        book.define(names.TOTAL_PUBLIC_CONTRACTS, sheet.ws.title, absolute(r, T_AMOUNT))
        if kind.amount_incl_vat_estimate is not None:
            book.define(names.TOTAL_PUBLIC_CONTRACTS_INCL_VAT, sheet.ws.title, absolute(r, T_INCL))


def both_kinds_row(book: Book, sheet: SheetWriter, r: int) -> int:
    """The sum of both kinds, labelled as a mix of VAT bases, with the analysis' own wording."""
    t, grand = book.t, book.brief.totals.grand_total
    sheet.text(
        r, T_LABEL, t("Both kinds together (different VAT bases: an order of magnitude only)"), font=styles.NOTE_FONT
    )
    amounts = "+".join(absolute(row, T_AMOUNT) for row in range(r - len(book.brief.totals.per_kind), r))
    sheet.formula(r, T_AMOUNT, amounts, grand.amount, book.formats.money, font=styles.NOTE_FONT)
    sheet.fill_row(r, T_LABEL, T_SHOWN, fill=styles.TOTAL_FILL, border=styles.TOTAL_BORDER)
    book.define(names.TOTAL_BOTH_KINDS, sheet.ws.title, absolute(r, T_AMOUNT))
    sheet.paragraph(r + 1, grand.composition, T_LABEL, T_SHOWN, font=styles.NOTE_FONT)
    return r + 1


def shown_row(book: Book, sheet: SheetWriter, r: int) -> int:
    t, rows = book.t, names.TABLE_NAME
    sheet.text(
        r,
        T_LABEL,
        t("Rows shown by the filter (all kinds; mixes VAT bases when both kinds are shown)"),
        font=styles.NOTE_FONT,
    )
    sheet.formula(r, T_ROWS, f"SUBTOTAL(103,{rows}_id)", len(book.brief.rows), styles.COUNT_FORMAT)
    sheet.formula(r, T_AMOUNT, f"SUBTOTAL(109,{rows}_amount)", book.brief.totals.grand_total.amount, book.formats.money)
    return r
