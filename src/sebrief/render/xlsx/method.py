"""Sheet "Sources and method": the passages cited, curation notes, definitions, thresholds and VAT."""

from __future__ import annotations

import sebrief.render.xlsx.names as names
import sebrief.render.xlsx.styles as styles
from sebrief.render.xlsx.writer import Book, SheetWriter, absolute

A, B, C, D, E = range(1, 6)
WIDTHS = {A: 30.0, B: 70.0, C: 18.0, D: 18.0, E: 18.0}


def add_method(book: Book) -> None:
    t, h, sheet = book.t, book.brief.header, book.sheet(book.plan.method)
    sheet.title(1, t("Sources and method"))
    sheet.text(3, A, t("Source"), font=styles.BOLD)
    sheet.paragraph(3, f"{h.source_description} ({h.source_file})", B, E)
    r = add_passages(book, sheet, 5)
    r = add_numbered(sheet, r + 1, t("Curation notes"), book.brief.method.curation_notes)
    r = add_definitions(book, sheet, r + 1)
    r = add_thresholds(book, sheet, r + 1)
    r = add_vat_and_totals(book, sheet, r + 1)
    add_numbered(sheet, r + 1, t("Notes on the method"), book.brief.method.notes)
    sheet.finish(max_widths=WIDTHS)


def add_passages(book: Book, sheet: SheetWriter, r: int) -> int:
    t = book.t
    sheet.section(r, t("Passages of the answer cited (quotes, in the source's language)"))
    sheet.header(r + 1, [t("Passage"), t("Text (quote)"), t("Part of the answer"), t("Source lines")])
    r += 2
    for passage in book.brief.method.passages:
        sheet.text(r, A, passage.passage_id)
        sheet.text(r, B, f"“{passage.text}”")
        sheet.shown_id(r, C, passage.part)
        if passage.first_line:
            sheet.text(r, D, book.lines(passage.first_line, passage.last_line))
        r += 1
    return r


def add_numbered(sheet: SheetWriter, r: int, title: str, notes: tuple[str, ...]) -> int:
    sheet.section(r, title)
    r += 1
    for number, note in enumerate(notes, start=1):
        sheet.number(r, A, number, styles.COUNT_FORMAT, alignment=styles.LEFT_TOP)
        sheet.paragraph(r, note, B, E)
        r += 1
    return r


def add_definitions(book: Book, sheet: SheetWriter, r: int) -> int:
    t = book.t
    sheet.section(r, t("Definitions"))
    sheet.header(r + 1, [t("Term"), t("Definition"), t("Source")])
    sheet.merge(r + 1, C, E)
    r += 2
    for definition in book.brief.method.definitions:
        sheet.text(r, A, definition.term, font=styles.BOLD)
        sheet.text(r, B, definition.text)
        sheet.paragraph(r, definition.source, C, E, font=styles.NOTE_FONT)
        r += 1
    return r


def add_thresholds(book: Book, sheet: SheetWriter, r: int) -> int:
    t = book.t
    if not book.brief.method.thresholds:
        return r - 1
    sheet.section(r, t("Procurement thresholds used (amounts excl. VAT)"))
    sheet.header(r + 1, [t("Threshold"), t("Source"), t("Amount (€, excl. VAT)"), t("Valid from"), t("Valid until")])
    r += 2
    for threshold in book.brief.method.thresholds:
        sheet.text(r, A, threshold.name)
        sheet.text(r, B, threshold.source, font=styles.NOTE_FONT)
        sheet.money(r, C, threshold.amount)
        sheet.date(r, D, threshold.valid_from)
        if threshold.valid_to is not None:
            sheet.date(r, E, threshold.valid_to)
        else:
            sheet.text(r, E, t("no end date"), measure=False)
        r += 1
    return r


def add_vat_and_totals(book: Book, sheet: SheetWriter, r: int) -> int:
    """The VAT rate the conversions and estimates use (a defined name), and how amounts are added up."""
    t, totals = book.t, book.brief.totals
    if totals is None:  # no table of rows: no amount to convert or add up
        return r - 1
    sheet.section(r, t("VAT and totals"))
    r += 1
    sheet.text(r, A, t("Standard VAT rate (for conversions and estimates)"), font=styles.BOLD)
    sheet.number(r, C, totals.vat_rate, "0%")
    sheet.text(r, B, totals.vat_note)
    book.define(names.VAT_RATE, sheet.ws.title, absolute(r, C))
    r += 1
    sheet.text(r, A, t("Totals"), font=styles.BOLD)
    sheet.paragraph(
        r,
        t(
            "Amounts are added up per kind and per VAT basis only. Where a kind has amounts excl. and incl. VAT, "
            "those incl. VAT are converted to excl. VAT at the standard rate and added to the others; amounts "
            "without a VAT statement are never converted and are totalled apart."
        ),
        B,
        E,
    )
    r += 1
    if totals.conversion_note:
        sheet.text(r, A, t("Conversions"), font=styles.BOLD)
        sheet.paragraph(r, totals.conversion_note, B, E)
        r += 1
    return r
