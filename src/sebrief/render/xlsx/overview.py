"""Sheet "Overview": the question's metadata, key figures, what each sheet holds and how to read them."""

from __future__ import annotations

from sebrief.i18n import _
from sebrief.render.xlsx import names, styles
from sebrief.render.xlsx.writer import Book, SheetWriter

LABEL, VALUE, DETAIL = 1, 2, 3
WIDTHS = {LABEL: 40.0, VALUE: 26.0, DETAIL: 90.0}

# What each sheet holds, in the order of SheetNames.in_order().
SHEET_CONTENTS = (
    _("This page: the question, the key figures and how to read the workbook."),
    _(
        "Question 1 (parts 1a-1c): every task of the convenant, how it is organised now and on what basis "
        "(stated in the answer, inferred, not addressed), with the passages of the answer quoted."
    ),
    _("Question 2 (parts 2a-2d): the answer's table as a filterable Excel table, with live totals per kind."),
    _("Amounts per beneficiary, subsidy calls and public contracts in separate columns, with a bar chart."),
    _("Amounts per theme, subsidy calls and public contracts in separate columns."),
    _("A month grid with each row's period and the date the question was asked."),
    _(
        "Points of attention: signals from procurement-integrity indicators, with definition and source. "
        "Signals to look at, not findings."
    ),
    _("Follow-up questions drawn from what the answer leaves open, with what each follows up on."),
    _("The passages of the answer cited, curation notes, definitions, thresholds and VAT, with sources."),
)

CHANGES_CONTENTS = _(
    "What changed since the previous version of the dataset: the key figures before and now, and every change."
)

HOW_TO_READ = (
    _("Amounts are numbers in euro with two decimals, exactly as the answer gives them; dates are real dates."),
    _(
        "Subsidy calls carry no VAT statement in the answer; public contracts are excl. VAT. The two are kept in "
        "separate columns and never added up without saying so. An incl.-VAT figure is an estimate."
    ),
    _(
        "Totals are live formulas over the table on the sheet of question 2: filter or sort the table, and the "
        "totals marked 'shown by the filter' follow."
    ),
    _(
        "Green lines are stated in the answer, yellow lines are inferred by sebrief (never the minister's "
        "statement), grey lines are not addressed in the answer."
    ),
    _("Points of attention are signals that deserve a question, not findings of fact."),
    _("Quotes from the source stay in Dutch, as the source wrote them."),
)


def add_overview(book: Book, sheet: SheetWriter) -> None:
    t, header = book.t, book.brief.header
    sheet.title(1, f"{header.reference}: {header.title}")
    sheet.paragraph(
        2,
        t(
            "A workbook made by sebrief from the written question and the minister's answer: the "
            "answer point by point, every figure traceable to the source text."
        ),
        LABEL,
        DETAIL,
        font=styles.NOTE_FONT,
    )
    r = add_metadata(book, sheet, 4)
    r = add_questions(book, sheet, r + 1)
    r = add_key_figures(book, sheet, r + 1)
    r = add_figure_changes(book, sheet, r + 1)
    r = add_key_points(book, sheet, r + 1)
    r = add_coverage(book, sheet, r + 1)
    r = add_sheet_links(book, sheet, r + 1)
    add_how_to_read(book, sheet, r + 1)
    sheet.finish(max_widths=WIDTHS)


def pair(sheet: SheetWriter, r: int, label: str, value: str) -> int:
    sheet.text(r, LABEL, label, font=styles.BOLD)
    sheet.paragraph(r, value, VALUE, DETAIL)
    return r + 1


def add_metadata(book: Book, sheet: SheetWriter, r: int) -> int:
    t, h = book.t, book.brief.header
    sheet.section(r, t("The question"))
    r = pair(sheet, r + 1, t("Parliament"), h.parliament)
    r = pair(sheet, r, t("Document"), f"{h.reference} ({h.document_type})")
    r = pair(sheet, r, t("Title"), h.title)
    r = pair(sheet, r, t("Asked by"), f"{h.asker.name} ({h.asker.role})")
    r = pair(sheet, r, t("Addressed to"), f"{h.minister.name}, {h.minister.role}")
    sheet.text(r, LABEL, t("Date asked"), font=styles.BOLD)
    sheet.date(r, VALUE, h.date_asked, alignment=styles.LEFT_TOP)
    sheet.text(r + 1, LABEL, t("Date answered"), font=styles.BOLD)
    if h.date_answered is not None:
        sheet.date(r + 1, VALUE, h.date_answered, alignment=styles.LEFT_TOP)
    else:
        sheet.paragraph(r + 1, t("Not in the source text, so not given here."), VALUE, DETAIL, font=styles.NOTE_FONT)
    return pair(sheet, r + 2, t("Source"), f"{h.source_description} ({h.source_file})")


def add_questions(book: Book, sheet: SheetWriter, r: int) -> int:
    sheet.section(r, book.t("What was asked (verbatim)"))
    r += 1
    for part in book.brief.questions:
        r = pair(sheet, r, part.part_id, part.text)
        for sub in part.subparts:
            r = pair(sheet, r, sub.part_id, sub.text)
    return r


def add_key_figures(book: Book, sheet: SheetWriter, r: int) -> int:
    """Live links to the totals of question 2, one per kind: never one mixed figure."""
    t, totals = book.t, book.brief.totals
    sheet.section(r, t("Key figures (live from the table of question 2)"))
    r += 1
    for kind in totals.per_kind:
        name = {"subsidy_call": names.TOTAL_SUBSIDY_CALLS, "public_contract": names.TOTAL_PUBLIC_CONTRACTS}
        sheet.text(r, LABEL, f"{kind.kind.label} ({kind.vat_basis.label})", font=styles.BOLD)
        sheet.formula(r, VALUE, name[kind.kind.code], kind.amount, book.formats.money, font=styles.BOLD)
        sheet.text(
            r,
            DETAIL,
            t(
                "{rows} rows: {awarded} awarded, {pending} in procedure.",
                rows=kind.rows,
                awarded=kind.awarded,
                pending=kind.in_procedure,
            ),
        )
        r += 1
        if kind.amount_incl_vat_estimate is not None:
            sheet.text(r, LABEL, t("{kind}, incl. VAT (estimate)", kind=kind.kind.label))
            sheet.formula(
                r, VALUE, names.TOTAL_PUBLIC_CONTRACTS_INCL_VAT, kind.amount_incl_vat_estimate, book.formats.money
            )
            sheet.text(r, DETAIL, totals.vat_note, font=styles.NOTE_FONT)
            r += 1
    return r


def add_key_points(book: Book, sheet: SheetWriter, r: int) -> int:
    sheet.section(r, book.t("Key points"))
    r += 1
    for point in book.brief.key_points:
        sheet.text(r, LABEL, point.label, font=styles.BOLD)
        sheet.text(r, VALUE, point.value)
        sheet.text(r, DETAIL, point.detail)
        r += 1
    return r


def add_coverage(book: Book, sheet: SheetWriter, r: int) -> int:
    t = book.t
    sheet.section(r, t("How far the answer covers each part of the question"))
    sheet.header(r + 1, [t("Part of the question"), t("Covered"), t("Why")])
    r += 2
    for part in book.brief.coverage:
        sheet.text(r, LABEL, f"{part.part_id}. {part.question}")
        sheet.text(r, VALUE, part.status.label, font=styles.BOLD)
        sheet.text(r, DETAIL, part.reason)
        r += 1
    return r


def add_figure_changes(book: Book, sheet: SheetWriter, r: int) -> int:
    """With a previous version: how each key figure moved (the Changes sheet has the details)."""
    changes = book.brief.changes
    if changes is None:
        return r - 1
    t = book.t
    sheet.section(r, t("Changes since the previous version"))
    sheet.link(r + 1, LABEL, changes.summary, book.names.changes)
    r += 2
    for figure in changes.figures:
        if not figure.delta:
            continue
        sheet.text(r, LABEL, figure.label, font=styles.BOLD)
        if figure.is_money:
            sheet.money(r, VALUE, figure.delta)
        else:
            sheet.number(r, VALUE, int(figure.delta), "+0;-0;0")
        shown = t.money(figure.previous) if figure.is_money else str(int(figure.previous))
        sheet.text(r, DETAIL, t("previous version: {value}", value=shown), font=styles.NOTE_FONT)
        r += 1
    return r


def add_sheet_links(book: Book, sheet: SheetWriter, r: int) -> int:
    t = book.t
    sheet.section(r, t("The sheets of this workbook"))
    r += 1
    sheets = list(zip(book.names.in_order(), SHEET_CONTENTS, strict=True))
    if book.brief.changes is not None:
        sheets.insert(1, (book.names.changes, CHANGES_CONTENTS))
    for name, contents in sheets:
        sheet.link(r, LABEL, name, name)
        sheet.paragraph(r, t(contents), VALUE, DETAIL)
        r += 1
    return r


def add_how_to_read(book: Book, sheet: SheetWriter, r: int) -> None:
    sheet.section(r, book.t("How to read this workbook"))
    for row, advice in enumerate(HOW_TO_READ, start=r + 1):
        sheet.paragraph(row, f"• {book.t(advice)}", LABEL, DETAIL)
