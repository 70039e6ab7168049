"""Sheets "Points of attention" and "Follow-up questions".

A point of attention is a signal from a procurement-integrity indicator, shown with its
definition and source: something to ask about, never a finding.
"""

from __future__ import annotations

import sebrief.render.xlsx.styles as styles
from sebrief.render.xlsx.writer import Book

HEADER_ROW = 4
ID, KIND, TITLE, DESCRIPTION, ROWS, SUPPLIER, AMOUNT, DEFINITION, SOURCE = range(1, 10)
WIDTHS = {
    ID: 20.0,
    KIND: 22.0,
    TITLE: 30.0,
    DESCRIPTION: 55.0,
    ROWS: 14.0,
    SUPPLIER: 20.0,
    DEFINITION: 50.0,
    SOURCE: 40.0,
}
NUMBER, QUESTION, FOLLOWS, REASON = range(1, 5)


def add_points_of_attention(book: Book) -> None:
    t, sheet = book.t, book.sheet(book.plan.attention)
    sheet.title(1, t("Points of attention"))
    sheet.paragraph(
        2,
        t(
            "A point of attention is a signal from a procurement-integrity indicator that deserves a question: not a "
            "finding, and no judgement on the contracts. Each comes with its definition and source. Only rows of "
            "a procurement kind count, on amounts excl. VAT (amounts incl. VAT converted at the standard rate)."
        ),
        ID,
        SOURCE,
        font=styles.NOTE_FONT,
    )
    sheet.header(
        HEADER_ROW,
        [
            t("ID"),
            t("Kind of signal"),
            t("Point of attention"),
            t("What the signal says"),
            t("Rows"),
            t("Supplier"),
            t("Amount concerned (€, excl. VAT)"),
            t("Definition"),
            t("Source"),
        ],
    )
    r = HEADER_ROW + 1
    for r, signal in enumerate(book.brief.signals, start=HEADER_ROW + 1):
        sheet.text(r, ID, signal.id)
        sheet.text(r, KIND, signal.kind.label)
        sheet.text(r, TITLE, signal.title, font=styles.BOLD)
        sheet.text(r, DESCRIPTION, signal.description)
        sheet.text(r, ROWS, ", ".join(signal.rows))
        sheet.text(r, SUPPLIER, signal.supplier)
        sheet.money(r, AMOUNT, signal.amount)
        sheet.text(r, DEFINITION, signal.definition, font=styles.NOTE_FONT)
        sheet.text(r, SOURCE, signal.source, font=styles.NOTE_FONT)
    if not book.brief.signals:
        sheet.paragraph(
            r, t("No point of attention: none of the indicators gives a signal for this answer."), ID, SOURCE
        )
    sheet.finish(title_rows=f"{HEADER_ROW}:{HEADER_ROW}", freeze=f"A{HEADER_ROW + 1}", max_widths=WIDTHS)


def add_follow_up(book: Book) -> None:
    t, sheet = book.t, book.sheet(book.plan.follow_up)
    sheet.title(1, t("Follow-up questions"))
    sheet.paragraph(
        2,
        t(
            "Questions drawn from what the answer leaves open and from the points of attention. 'Follows up on' names "
            "the parts of the question, the items, the rows and the points of attention each question builds on, "
            "by their ids in this workbook."
        ),
        NUMBER,
        REASON,
        font=styles.NOTE_FONT,
    )
    sheet.header(HEADER_ROW, [t("No."), t("Follow-up question"), t("Follows up on"), t("Why")])
    for r, question in enumerate(book.brief.follow_up, start=HEADER_ROW + 1):
        sheet.number(r, NUMBER, question.number, styles.COUNT_FORMAT, alignment=styles.CENTRE)
        sheet.text(r, QUESTION, question.text)
        sheet.text(r, FOLLOWS, ", ".join(question.follows_up_on))
        sheet.text(r, REASON, question.reason, font=styles.NOTE_FONT)
    sheet.finish(
        title_rows=f"{HEADER_ROW}:{HEADER_ROW}",
        freeze=f"A{HEADER_ROW + 1}",
        max_widths={QUESTION: 80.0, FOLLOWS: 24.0, REASON: 50.0},
    )
