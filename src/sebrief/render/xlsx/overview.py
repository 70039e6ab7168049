"""Sheet "Overview": the question, key points and figures, how far the answer covers each part and
subpart, what each sheet holds and how to read them."""

from __future__ import annotations

import sebrief.render.xlsx.names as names
import sebrief.render.xlsx.styles as styles
from sebrief.dataset.fields import shorten
from sebrief.i18n import _
from sebrief.render.xlsx.formulas import added, money_terms, sum_amounts
from sebrief.render.xlsx.names import lower_first
from sebrief.render.xlsx.timeline import aggregated
from sebrief.render.xlsx.writer import Book, SheetWriter, absolute

A, B, C, D, E = range(1, 6)
WIDTHS = {A: 30.0, B: 50.0, C: 22.0, D: 22.0, E: 70.0}
QUESTION_IN_LIST = 110  # characters of a part's question in the list of sheets

HOW_TO_READ = (
    _("Amounts are numbers in euro with two decimals, exactly as the answer gives them; dates are real dates."),
    _(
        "Every amount carries its VAT basis: excl. VAT, incl. VAT, or not stated in the answer. Amounts of "
        "different kinds or VAT bases stand in separate columns and are never added up. Where the sheets convert "
        "an amount incl. VAT to excl. VAT, or estimate an amount incl. VAT, they say so."
    ),
    _(
        "Totals are live formulas over the tables of rows: filter or sort a table, and the totals marked "
        "'shown by the filter' follow."
    ),
    _(
        "Green lines are stated in the answer, yellow lines are inferred by sebrief (never the minister's "
        "statement), grey lines are not addressed in the answer."
    ),
    _("Points of attention are signals that deserve a question, not findings of fact."),
    _("Quotes from the source stay in the source's language, as the source wrote them."),
)


def add_overview(book: Book) -> None:
    t, header, sheet = book.t, book.brief.header, book.sheet(book.plan.overview)
    sheet.title(1, f"{header.reference}: {header.title}")
    sheet.paragraph(
        2,
        t(
            "A workbook made by sebrief from the written question and the minister's answer: the "
            "answer point by point, every figure traceable to the source text."
        ),
        A,
        E,
        font=styles.NOTE_FONT,
    )
    r = add_metadata(book, sheet, 4)
    r = add_introduction(book, sheet, r + 1)
    r = add_key_points(book, sheet, r + 1)
    r = add_key_figures(book, sheet, r + 1)
    r = add_figure_changes(book, sheet, r + 1)
    r = add_coverage(book, sheet, r + 1)
    r = add_sheet_links(book, sheet, r + 1)
    add_how_to_read(book, sheet, r + 1)
    sheet.finish(max_widths=WIDTHS)


def pair(sheet: SheetWriter, r: int, label: str, value: str) -> int:
    sheet.text(r, A, label, font=styles.BOLD)
    sheet.paragraph(r, value, B, E)
    return r + 1


def add_metadata(book: Book, sheet: SheetWriter, r: int) -> int:
    t, h = book.t, book.brief.header
    sheet.section(r, t("The question"))
    r = pair(sheet, r + 1, t("Parliament"), h.parliament)
    r = pair(sheet, r, t("Document"), f"{h.reference} ({h.document_type})")
    r = pair(sheet, r, t("Title"), h.title)
    r = pair(sheet, r, t("Asked by"), f"{h.asker.name} ({h.asker.role})")
    r = pair(sheet, r, t("Addressed to"), f"{h.minister.name}, {h.minister.role}")
    sheet.text(r, A, t("Date asked"), font=styles.BOLD)
    sheet.date(r, B, h.date_asked, alignment=styles.LEFT_TOP)
    sheet.text(r + 1, A, t("Date answered"), font=styles.BOLD)
    if h.date_answered is not None:
        sheet.date(r + 1, B, h.date_answered, alignment=styles.LEFT_TOP)
    else:
        sheet.paragraph(r + 1, t("Not in the source text, so not given here."), B, E, font=styles.NOTE_FONT)
    return pair(sheet, r + 2, t("Source"), f"{h.source_description} ({h.source_file})")


def add_introduction(book: Book, sheet: SheetWriter, r: int) -> int:
    """The question's introduction, verbatim."""
    if not book.brief.introduction:
        return r - 1
    sheet.section(r, book.t("Introduction to the question (verbatim)"))
    r += 1
    for text in book.brief.introduction:
        sheet.paragraph(r, f"“{text}”", A, E)
        r += 1
    return r


def add_key_points(book: Book, sheet: SheetWriter, r: int) -> int:
    sheet.section(r, book.t("Key points"))
    r += 1
    for point in book.brief.key_points:
        sheet.text(r, A, point.label, font=styles.BOLD)
        if point.count is not None:  # a count: a number, not a text
            sheet.number(r, B, point.count, styles.COUNT_FORMAT, alignment=styles.LEFT_TOP)
        else:
            sheet.text(r, B, point.value)
        sheet.paragraph(r, point.detail, C, E)
        r += 1
    return r


def add_key_figures(book: Book, sheet: SheetWriter, r: int) -> int:
    """The totals per kind and VAT basis over every table, as live formulas: never one mixed figure."""
    totals = book.brief.totals
    if totals is None:
        return r - 1
    t, money = book.t, book.formats.money
    sheet.section(r, t("Key figures (live from the tables of rows)"))
    r += 1
    for kind in totals.per_kind:
        for amount in kind.amounts:
            column = amount.column
            terms = []
            for table in book.plan.tables.values():
                if column.kind.code in table.kinds:
                    conditions, sums = money_terms(table.names, column, book.kind_label(column.kind.code))
                    terms.append(sum_amounts(sums, *conditions))
            sheet.text(r, A, f"{kind.kind.label} ({column.vat_basis.label})", font=styles.BOLD)
            sheet.formula(r, B, added(terms), amount.amount, money, font=styles.BOLD, alignment=styles.LEFT_TOP)
            detail = t.plural(
                "{rows} row: {awarded} awarded, {pending} in procedure; {counted} with an amount on this basis.",
                "{rows} rows: {awarded} awarded, {pending} in procedure; {counted} with an amount on this basis.",
                kind.rows,
                rows=t.number(kind.rows, 0),
                awarded=t.number(kind.awarded, 0),
                pending=t.number(kind.in_procedure, 0),
                counted=t.number(amount.rows, 0),
            )
            if kind.in_house:
                detail += " " + t("{count} done in house, without an amount.", count=t.number(kind.in_house, 0))
            sheet.paragraph(r, detail, C, E)
            r += 1
            if amount.incl_vat_estimate is not None:
                sheet.text(r, A, t("{kind}, incl. VAT (estimate)", kind=kind.kind.label))
                estimate = f"ROUND({absolute(r - 1, B)}*(1+{names.VAT_RATE}),2)"
                sheet.formula(r, B, estimate, amount.incl_vat_estimate, money, alignment=styles.LEFT_TOP)
                sheet.paragraph(r, totals.vat_note, C, E, font=styles.NOTE_FONT)
                r += 1
    if totals.conversion_note:
        sheet.paragraph(r, totals.conversion_note, A, E, font=styles.NOTE_FONT)
        r += 1
    return r


def add_figure_changes(book: Book, sheet: SheetWriter, r: int) -> int:
    """With a previous version: how each key figure moved (the Changes sheet has the details)."""
    changes = book.brief.changes
    if changes is None or book.plan.changes is None:
        return r - 1
    t = book.t
    sheet.section(r, t("Changes since the previous version"))
    sheet.link(r + 1, A, changes.summary, book.plan.changes)
    r += 2
    for figure in changes.figures:
        if not figure.delta:
            continue
        sheet.text(r, A, figure.label, font=styles.BOLD)
        if figure.is_money:
            sheet.money(r, B, figure.delta)
        else:
            sheet.number(r, B, int(figure.delta), "+0;-0;0")
        shown = t.money(figure.previous) if figure.is_money else str(int(figure.previous))
        sheet.text(r, C, t("previous version: {value}", value=shown), font=styles.NOTE_FONT)
        r += 1
    return r


def add_coverage(book: Book, sheet: SheetWriter, r: int) -> int:
    """Every part and subpart: how far the answer covers it, on what basis, and why."""
    t = book.t
    sheet.section(r, t("How far the answer covers each part of the question"))
    sheet.header(r + 1, [t("Part of the question"), t("Question (verbatim)"), t("Covered"), t("Basis"), t("Why")])
    r += 2
    for part in book.brief.coverage:
        top = part.parent_id or part.part_id
        sheet_name = book.plan.parts.get(top)
        anchor = book.plan.anchors.get(f"part:{part.part_id}")
        label = part.part_id if part.parent_id is None else f"   {part.part_id}"
        if sheet_name is not None:
            target = f"A{anchor[1]}" if anchor else "A1"
            sheet.link(r, A, label, sheet_name, target, shown_id=True)
        else:
            sheet.shown_id(r, A, label)
        sheet.text(r, B, f"“{part.question}”")
        sheet.text(r, C, part.status.label, font=styles.BOLD)
        sheet.text(r, D, part.basis.label, fill=styles.BASIS_FILLS.get(part.basis.code))
        sheet.text(r, E, part.reason)
        r += 1
    return r


def sheet_contents(book: Book) -> list[tuple[str, str]]:
    """Each sheet with what it holds, in the workbook's order."""
    t, plan, brief = book.t, book.plan, book.brief
    out = [(plan.overview, t("This page: the question, the key points, how far the answer covers each part."))]
    if plan.changes:
        out.append(
            (
                plan.changes,
                t(
                    "What changed since the previous version of the dataset: the key figures before and now, "
                    "and every change."
                ),
            )
        )
    for part in brief.parts:
        question = shorten(part.question, QUESTION_IN_LIST, strip=None)
        out.append((plan.parts[part.part_id], f"{part.status.label}: “{question}”"))
    for layout in plan.tables.values():
        out.append(
            (
                layout.sheet,
                t(
                    "The rows of the table “{title}” as a filterable Excel table, with live totals per kind and "
                    "VAT basis.",
                    title=layout.view.title,
                ),
            )
        )
    if plan.beneficiaries:
        out.append((plan.beneficiaries, t("Amounts per beneficiary, one column per kind and VAT basis, with a chart.")))
    for grouping in brief.totals.per_grouping if brief.totals else ():
        out.append(
            (
                plan.groupings[grouping.grouping.code],
                t(
                    "Amounts per {grouping}, one column per kind and VAT basis, with a chart.",
                    grouping=lower_first(grouping.grouping.label),
                ),
            )
        )
    if plan.timeline and aggregated(brief, book.rules):
        out.append(
            (
                plan.timeline,
                t("Per month and kind, the rows whose period starts or runs in it, and the month of the question."),
            )
        )
    elif plan.timeline:
        out.append((plan.timeline, t("A month grid with each row's period and the date the question was asked.")))
    out += [
        (
            plan.attention,
            t(
                "Points of attention: signals from procurement-integrity indicators, with definition and source. "
                "Signals to look at, not findings."
            ),
        ),
        (
            plan.follow_up,
            t("Follow-up questions drawn from what the answer leaves open, with what each follows up on."),
        ),
        (
            plan.method,
            t("The passages of the answer cited, curation notes, definitions, thresholds and VAT, with sources."),
        ),
    ]
    return out


def add_sheet_links(book: Book, sheet: SheetWriter, r: int) -> int:
    sheet.section(r, book.t("The sheets of this workbook"))
    r += 1
    for name, contents in sheet_contents(book):
        sheet.link(r, A, name, name)
        sheet.paragraph(r, contents, B, E)
        r += 1
    return r


def add_how_to_read(book: Book, sheet: SheetWriter, r: int) -> None:
    sheet.section(r, book.t("How to read this workbook"))
    for row, advice in enumerate(HOW_TO_READ, start=r + 1):
        sheet.paragraph(row, f"• {book.t(advice)}", A, E)
