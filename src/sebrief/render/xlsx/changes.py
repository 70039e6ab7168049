"""Sheet "Changes": what changed since the previous version of the dataset (``--previous``)."""

from __future__ import annotations

import sebrief.render.xlsx.styles as styles
from sebrief.render.xlsx.writer import Book, ref

HEADER_ROW = 4
SIGNED_COUNT_FORMAT = "+0;-0;0"
LABEL, PREVIOUS, CURRENT, DELTA = range(1, 5)
SECTION, SUBJECT, KIND, TEXT = range(1, 5)
LAST = 5  # a change's text runs from TEXT to here, beside the narrow column of the figures' changes
WIDTHS = {LABEL: 36.0, PREVIOUS: 18.0, CURRENT: 18.0, DELTA: 18.0, LAST: 80.0}


def add_changes(book: Book) -> None:
    changes = book.brief.changes
    if changes is None or book.plan.changes is None:
        return
    t, sheet = book.t, book.sheet(book.plan.changes)
    sheet.title(1, t("Changes since the previous version"))
    sheet.paragraph(2, changes.summary, LABEL, LAST, font=styles.NOTE_FONT)
    sheet.header(HEADER_ROW, [t("Key figure"), t("Previous version"), t("This version"), t("Change")])
    r = HEADER_ROW
    for r, figure in enumerate(changes.figures, start=HEADER_ROW + 1):
        sheet.text(r, LABEL, figure.label, font=styles.BOLD if figure.delta else None)
        if figure.is_money:
            sheet.money(r, PREVIOUS, figure.previous)
            sheet.money(r, CURRENT, figure.current)
        else:
            sheet.number(r, PREVIOUS, int(figure.previous), styles.COUNT_FORMAT)
            sheet.number(r, CURRENT, int(figure.current), styles.COUNT_FORMAT)
        number_format = book.formats.money if figure.is_money else SIGNED_COUNT_FORMAT
        sheet.formula(r, DELTA, f"{ref(r, CURRENT)}-{ref(r, PREVIOUS)}", figure.delta, number_format=number_format)
    first = r + 2
    sheet.header(first, [t("Part of the dataset"), t("Item"), t("Change"), t("What changed")])
    sheet.merge(first, TEXT, LAST)
    for r, line in enumerate(changes.lines, start=first + 1):
        sheet.text(r, SECTION, line.section.label)
        sheet.text(r, SUBJECT, line.subject)
        sheet.text(r, KIND, line.kind.label)
        sheet.paragraph(r, line.text, TEXT, LAST)
    sheet.widths.update(WIDTHS)
    sheet.finish(title_rows=None, freeze=None, max_widths=WIDTHS)
