"""How a table block is laid out in the brief, by its size (thresholds in ``data/reference/layout.yaml``).

In detail, as a compact listing of one line a row in page-sized tables, or, for the largest, as
totals only, with the workbook holding every row. For the last two, the beneficiaries beyond the
largest are shown together as "others", and the largest also shows its rows per year of start: both
as the analysis added them up (``Totals.beneficiary_others``, ``Totals.per_year``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from sebrief.dataset.fields import shorten
from sebrief.engine.brief import Brief, GroupTotal, KindTotal, Label, RowEntry, TableView, Totals
from sebrief.i18n import Translator
from sebrief.reference import LayoutRules, layout_rules


@dataclass(frozen=True)
class TableLayout:
    """A table block's rows under the total of their kind, and its column headers."""

    groups: tuple[tuple[KindTotal, tuple[RowEntry, ...]], ...]
    columns: tuple[tuple[str, str], ...]  # (column, header) in the order of the question's subparts
    money_headers: tuple[str, ...]  # one per money column of the table's totals
    amount_index: int | None  # the position of the amount column among ``columns``
    show_share: bool
    notes: dict[str, int]  # row id -> number of its note
    pending: Label | None  # the status of rows still in procedure, when the table has any
    in_house: Label | None  # the status of rows done in house, when the table has any
    estimates: bool  # a total carries an estimate incl. VAT
    converted: bool  # a row's amount incl. VAT is shown converted to excl. VAT
    mode: str = "detailed"  # detailed | listed (one line a row) | aggregated (totals only)
    chunks: tuple[ListingChunk, ...] = ()  # the compact listing, in tables of a page or less
    id_width_mm: float = 13.0  # of the compact listing's first column: its longest row id in bold
    mixed_bases: bool = False  # some amounts of the listing say their own VAT basis: a wider column
    beneficiaries: tuple[GroupTotal, ...] = ()  # as shown: every one, or the largest and "others"
    other_beneficiaries: int = 0  # how many are counted together under "others"
    years: tuple[GroupTotal, ...] = ()  # the rows per year of start (aggregated layout)
    year_total: GroupTotal | None = None


@dataclass(frozen=True)
class ListedRow:
    """A row on one line of the compact listing; the full texts are in the workbook."""

    row: RowEntry
    description: str  # cut with an ellipsis where too long
    period: str
    beneficiary: str
    amount: str  # formatted; with its VAT basis where the piece's heading cannot say it
    cut: bool  # the description or the beneficiary was cut


@dataclass(frozen=True)
class ListingPiece:
    """Consecutive rows of one kind in one table of the compact listing."""

    kind: KindTotal
    vat_basis: Label | None  # of every amount of the piece; None when they differ (each amount says its own)
    continued: bool  # the kind began in the table before
    rows: tuple[ListedRow, ...]


ListingChunk = tuple[ListingPiece, ...]


def table_layout(
    brief: Brief,
    table: TableView,
    text: dict[str, str],
    rules: LayoutRules | None = None,
    t: Translator | None = None,
    full_listing: bool = False,
) -> TableLayout:
    """How ``table`` is laid out: its rows under the total of their kind, its columns, and, by its
    size, in detail, as a compact listing or as totals only (``full_listing``: listed however many)."""
    rows = tuple(brief.row(row_id) for row_id in table.row_ids)
    groups = tuple((kind, tuple(brief.row(row_id) for row_id in kind.row_ids)) for kind in table.totals.per_kind)
    columns = table_columns(brief, table, text)
    rules = rules or layout_rules()
    t = t or Translator(brief.header.lang)
    mode = rules.mode(len(rows), full_listing)
    with_notes = [row.id for row in rows if row.note] if mode == "detailed" else []
    shown, hidden = (
        top_beneficiaries(table.totals, rules.top_n, text) if mode != "detailed" else (table.totals.per_beneficiary, 0)
    )
    years = per_year(table.totals, text) if mode == "aggregated" else ()
    chunks = listing_chunks(groups, rules, t) if mode == "listed" else ()
    return TableLayout(
        groups=groups,
        columns=columns,
        money_headers=money_headers(table.totals),
        amount_index=next((i for i, (column, _) in enumerate(columns) if column == "amount"), None),
        show_share=any(group.procurement_share is not None for group in table.totals.per_beneficiary),
        notes={row_id: number for number, row_id in enumerate(with_notes, start=1)},
        pending=next((row.status for row in rows if row.status.code == "in_procedure"), None),
        in_house=next((row.status for row in rows if row.status.code == "in_house"), None),
        converted=any(row.converted and row.amount_excl_vat is not None for row in rows),
        estimates=any(a.incl_vat_estimate is not None for kind in table.totals.per_kind for a in kind.amounts),
        mode=mode,
        chunks=chunks,
        id_width_mm=id_width(rows),
        mixed_bases=any(
            piece.vat_basis is None and any(line.amount for line in piece.rows) for chunk in chunks for piece in chunk
        ),
        beneficiaries=shown,
        other_beneficiaries=hidden,
        years=years,
        year_total=table.totals.year_total if years else None,
    )


def table_columns(brief: Brief, table: TableView, text: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """(column, header) in the order of the question's subparts; the description always, the amount
    and the procedure where rows have them and the period where the table has one, asked for or not."""
    columns = tuple(
        (column.column, text["column_part"].format(column=upper_first(column.label), part=column.part_id))
        for column in table.columns
        if column.column not in ("kind", "status")  # the kind heads its rows; the status shows in their cells
    )
    bound = {column for column, _ in columns}
    if "description" not in bound:  # every row is named by its description, asked for or not
        columns = (("description", text["description"]), *columns)
    if table.period_text and "period" not in bound:  # the answer gives one for the table: shown, asked or not
        at = next(i for i, (column, _) in enumerate(columns) if column == "description") + 1
        columns = (*columns[:at], ("period", text["period"]), *columns[at:])
    # (a row done in house says so in the amount's cell)
    if "amount" not in bound and any(
        brief.row(row_id).amount is not None or brief.row(row_id).status.code == "in_house" for row_id in table.row_ids
    ):
        columns += (("amount", text["amount"]),)
    if table.has_procedure and "procedure" not in bound:
        columns += (("procedure", text["procedure"]),)
    return columns


def listing_chunks(
    groups: tuple[tuple[KindTotal, tuple[RowEntry, ...]], ...], rules: LayoutRules, t: Translator
) -> tuple[ListingChunk, ...]:
    """The rows, a line each, in tables of ``chunk_rows`` rows: WeasyPrint lays a table out in more
    than linear time in its rows; separate tables keep the whole listing linear. A piece is the run
    of rows of one kind in one table; its heading names their VAT basis when they share one, and
    otherwise each amount says its own."""
    lines = [(kind, compact_row(row, rules, t)) for kind, rows in groups for row in rows]
    chunks: list[ListingChunk] = []
    previous: KindTotal | None = None
    for at in range(0, len(lines), rules.chunk_rows):
        pieces: list[tuple[KindTotal, bool, list[ListedRow]]] = []
        for kind, line in lines[at : at + rules.chunk_rows]:
            if pieces and pieces[-1][0] is kind:
                pieces[-1][2].append(line)
            else:
                pieces.append((kind, kind is previous and not pieces, [line]))
            previous = kind
        chunks.append(tuple(listing_piece(kind, continued, rows) for kind, continued, rows in pieces))
    return tuple(chunks)


def listing_piece(kind: KindTotal, continued: bool, rows: list[ListedRow]) -> ListingPiece:
    priced = [line.row.vat_basis for line in rows if line.amount]
    if len({basis.code for basis in priced}) <= 1:  # a row without an amount has no basis to say
        return ListingPiece(kind, priced[0] if priced else None, continued, tuple(rows))
    said = (dataclasses.replace(line, amount=f"{line.amount} {line.row.vat_basis.label}") if line.amount else line
            for line in rows)  # fmt: skip
    return ListingPiece(kind, None, continued, tuple(said))


CUT_END = " ,;:-–"  # taken off a cell's text where it is cut, before the ellipsis


ID_CHAR_MM = 1.9  # the widest bold character of a row id at the listing's 7.5 pt, with room to spare


def id_width(rows: Sequence[RowEntry]) -> float:
    """The width of the compact listing's id column: its longest id, however the dataset numbers rows."""
    longest = max((len(row.id) for row in rows), default=3)
    return round(min(max(longest, 3) * ID_CHAR_MM + 1.0, 40.0), 1)


def compact_row(row: RowEntry, rules: LayoutRules, t: Translator) -> ListedRow:
    description = cell_text(row.description, rules.description_chars)
    beneficiary = cell_text(row.beneficiary or "", rules.beneficiary_chars)
    return ListedRow(
        row=row,
        description=description,
        period=compact_period(row),
        beneficiary=beneficiary,
        amount=t.money(row.amount) if row.amount is not None else "",
        cut=description.endswith("…") or beneficiary.endswith("…"),
    )


def cell_text(text: str, limit: int) -> str:
    """``text`` on one line, cut after a word with an ellipsis where longer than ``limit``."""
    return shorten(" ".join(text.split()), limit, at_word=True, strip=CUT_END)


def compact_period(row: RowEntry) -> str:
    """'01/12/2017–30/06/2018', or '02/2019–09/2019' for a period in months: one short line."""
    if row.start is None or row.end is None:
        return ""
    if row.precision == "month":
        first, last = f"{row.start:%m/%Y}", f"{row.end:%m/%Y}"
    else:
        first, last = f"{row.start:%d/%m/%Y}", f"{row.end:%d/%m/%Y}"
    return first if first == last else f"{first}–{last}"


def top_beneficiaries(totals: Totals, top_n: int, text: dict[str, str]) -> tuple[tuple[GroupTotal, ...], int]:
    """The ``top_n`` beneficiaries with the largest amounts and the others together (as the analysis
    ranks and adds them up), when there are more than one more; and how many the others are."""
    others = totals.other_beneficiaries(top_n)
    if others is None or others.count == 1:  # the one more is shown rather than "others (1)"
        return totals.per_beneficiary, 0
    label = text["others"].format(count=others.count)
    return (*totals.per_beneficiary[:top_n], dataclasses.replace(others.total, label=label)), others.count


def per_year(totals: Totals, text: dict[str, str]) -> tuple[GroupTotal, ...]:
    """The rows per year of their start, as the analysis counts them; the rows without a period named
    the brief's way."""
    return tuple(
        dataclasses.replace(year, label=text["no_start"]) if year.key == "" else year for year in totals.per_year
    )


def money_headers(totals: Totals) -> tuple[str, ...]:
    return tuple(f"{upper_first(c.kind.label)} ({c.vat_basis.label})" for c in totals.columns)


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]
