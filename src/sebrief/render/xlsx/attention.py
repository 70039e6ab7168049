"""Sheets "Points of attention" and "Follow-up questions".

A point of attention is a signal from a procurement-integrity indicator, shown with its
definition and source: something to ask about, never a finding. Points of attention are numbered
as in the brief ("Point of attention 2"), and the follow-up questions name them so, not by the
analysis' internal ids.
"""

from __future__ import annotations

import sebrief.render.xlsx.styles as styles
from sebrief.engine.brief import Brief
from sebrief.i18n import Translator
from sebrief.render.xlsx.writer import Book

HEADER_ROW = 4
NUMBER_OF_SIGNAL, KIND, TITLE, DESCRIPTION, ROWS, SUPPLIER, AMOUNT, DEFINITION, SOURCE = range(1, 10)
WIDTHS = {
    NUMBER_OF_SIGNAL: 6.0,
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
        NUMBER_OF_SIGNAL,
        SOURCE,
        font=styles.NOTE_FONT,
    )
    sheet.header(
        HEADER_ROW,
        [
            t("No."),
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
    for number, signal in enumerate(book.brief.signals, start=1):
        r = HEADER_ROW + number
        sheet.number(r, NUMBER_OF_SIGNAL, number, styles.COUNT_FORMAT, alignment=styles.CENTRE)
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
            r, t("No point of attention: none of the indicators gives a signal for this answer."), NUMBER_OF_SIGNAL,
            SOURCE,
        )  # fmt: skip
    sheet.finish(title_rows=f"{HEADER_ROW}:{HEADER_ROW}", freeze=f"A{HEADER_ROW + 1}", max_widths=WIDTHS)


def add_follow_up(book: Book) -> None:
    t, sheet = book.t, book.sheet(book.plan.follow_up)
    sheet.title(1, t("Follow-up questions"))
    sheet.paragraph(
        2,
        t(
            "Questions drawn from what the answer leaves open and from the points of attention. 'Follows up on' names "
            "what each question builds on: the parts of the question, the items and the rows by their ids in this "
            "workbook, the points of attention by their number."
        ),
        NUMBER,
        REASON,
        font=styles.NOTE_FONT,
    )
    sheet.header(HEADER_ROW, [t("No."), t("Follow-up question"), t("Follows up on"), t("Why")])
    for r, question in enumerate(book.brief.follow_up, start=HEADER_ROW + 1):
        sheet.number(r, NUMBER, question.number, styles.COUNT_FORMAT, alignment=styles.CENTRE)
        sheet.text(r, QUESTION, question.text)
        sheet.shown_id(r, FOLLOWS, ", ".join(referred(question.follows_up_on, book.brief, t)))
        sheet.text(r, REASON, question.reason, font=styles.NOTE_FONT)
    sheet.finish(
        title_rows=f"{HEADER_ROW}:{HEADER_ROW}",
        freeze=f"A{HEADER_ROW + 1}",
        max_widths={QUESTION: 80.0, FOLLOWS: 24.0, REASON: 50.0},
    )


def referred(ids: tuple[str, ...], brief: Brief, t: Translator) -> list[str]:
    """What a follow-up question builds on, as a reader finds it in the workbook: parts, items and
    rows by their ids, points of attention by their number ("Point of attention 2")."""
    numbers = {signal.id: number for number, signal in enumerate(brief.signals, start=1)}
    return [t("Point of attention {number}", number=numbers[i]) if i in numbers else i for i in ids]
