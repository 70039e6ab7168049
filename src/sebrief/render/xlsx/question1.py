"""Sheet "Question 1": the convenant's sub-actions grouped by the part of question 1 they answer.

Every line says on what basis it stands (stated in the answer, inferred, not addressed), in a
column and as the line's fill; the answer's passages are quoted as evidence and our reading is
in its own column, so an inference is never presented as the minister's statement.
"""

from __future__ import annotations

from sebrief.brief import Question1Group, SubActionAnswer
from sebrief.i18n import _
from sebrief.render.xlsx import styles
from sebrief.render.xlsx.writer import Book, SheetWriter

LEGEND_ROW = 3
HEADER_ROW = 5
PART, PILLAR, ACTION, SUB_ACTION, MODES, BASIS, EVIDENCE, ROWS, READING = range(1, 10)
HEADERS = (
    _("Answers part"),
    _("Pillar"),
    _("Convenant action"),
    _("Sub-action"),
    _("How it is organised now"),
    _("Basis"),
    _("Passage of the answer (quote, line)"),
    _("Rows of the table (question 2)"),
    _("Our reading (sebrief, not the minister)"),
)
WIDTHS = {ACTION: 30.0, SUB_ACTION: 34.0, MODES: 22.0, BASIS: 22.0, EVIDENCE: 50.0, ROWS: 14.0, READING: 50.0}


def add_question1(book: Book, sheet: SheetWriter) -> None:
    t, q1 = book.t, book.brief.question1
    sheet.title(1, t("Question 1: the convenant's tasks and how they are organised now"))
    sheet.paragraph(2, q1.intro, PART, READING, font=styles.NOTE_FONT)
    add_legend(book, sheet)
    sheet.header(HEADER_ROW, [t(label) for label in HEADERS])
    r = HEADER_ROW + 1
    for group in q1.groups:
        r = write_group(book, sheet, r, group)
    r = write_pillars(book, sheet, r + 1)
    write_initiatives(book, sheet, r + 1)
    sheet.finish(title_rows=f"{HEADER_ROW}:{HEADER_ROW}", freeze=f"A{HEADER_ROW + 1}", max_widths=WIDTHS)


def add_legend(book: Book, sheet: SheetWriter) -> None:
    """The fills of the three bases, with the brief's own labels."""
    sheet.text(LEGEND_ROW, PART, book.t("Legend"), font=styles.BOLD)
    bases = {sub.basis.code: sub.basis.label for sub in book.brief.question1.matrix}
    for col, code in enumerate((c for c in styles.BASIS_FILLS if c in bases), start=ACTION):
        sheet.text(LEGEND_ROW, col, bases[code], fill=styles.BASIS_FILLS[code], measure=False)


def write_group(book: Book, sheet: SheetWriter, r: int, group: Question1Group) -> int:
    t = book.t
    sheet.text(r, PART, group.title, measure=False, font=styles.GROUP_FONT, alignment=styles.TOP)
    sheet.fill_row(r, PART, READING, fill=styles.GROUP_FILL)
    r += 1
    if group.question:
        sheet.paragraph(
            r, t("Question (verbatim): “{question}”", question=group.question), PART, READING, font=styles.BOLD
        )
        r += 1
    sheet.paragraph(r, group.summary, PART, READING, font=styles.NOTE_FONT)
    r += 1
    if not group.sub_actions:
        sheet.paragraph(r, t("No sub-action of the convenant is placed here."), PART, READING)
        return r + 2
    for sub in group.sub_actions:
        write_sub_action(book, sheet, r, sub)
        r += 1
    return r + 1


def write_sub_action(book: Book, sheet: SheetWriter, r: int, sub: SubActionAnswer) -> None:
    t = book.t
    inferred = sub.basis.code == "inferred"
    sheet.text(r, PART, ", ".join(sub.question_parts) or "–", alignment=styles.CENTRE)
    sheet.number(r, PILLAR, sub.pillar, styles.COUNT_FORMAT, alignment=styles.CENTRE)
    sheet.text(r, ACTION, f"{sub.action_number}. {sub.action_text} …")
    sheet.text(r, SUB_ACTION, f"{sub.sub_action_id} {sub.text}")
    sheet.text(r, MODES, "; ".join(mode.label for mode in sub.modes), font=styles.INFERRED_FONT if inferred else None)
    sheet.text(r, BASIS, sub.basis.label, font=styles.BOLD)
    sheet.text(
        r,
        EVIDENCE,
        "\n".join(quote_with_lines(book, e.text, e.first_line, e.last_line) for e in sub.evidence)
        or t("(none: the answer is silent)"),
    )
    sheet.text(r, ROWS, ", ".join(sub.rows))
    sheet.text(r, READING, sub.note, font=styles.INFERRED_FONT)
    fill = styles.BASIS_FILLS.get(sub.basis.code)
    if fill is not None:
        sheet.fill_row(r, PART, READING, fill=fill)


def quote_with_lines(book: Book, text: str, first: int, last: int) -> str:
    t = book.t
    if not first:
        return f"“{text}”"
    lines = t("line {first}", first=first) if first == last else t("lines {first}-{last}", first=first, last=last)
    return f"“{text}” ({lines})"


def write_pillars(book: Book, sheet: SheetWriter, r: int) -> int:
    t = book.t
    sheet.section(r, t("The pillars, as the answer lists them (verbatim)"))
    sheet.header(r + 1, [t("Pillar"), t("Text of the answer (quote)")])
    sheet.merge(r + 1, PILLAR, READING)
    r += 2
    for number, text in book.brief.question1.pillars:
        sheet.number(r, PART, number, styles.COUNT_FORMAT, alignment=styles.CENTRE)
        sheet.paragraph(r, f"“{text}”", PILLAR, READING)
        r += 1
    return r


def write_initiatives(book: Book, sheet: SheetWriter, r: int) -> None:
    t = book.t
    sheet.section(r, t("Initiatives the answer names"))
    sheet.header(r + 1, [t("Pillar(s)"), t("Passage of the answer (quote)")])
    sheet.text(
        r + 1,
        MODES,
        t("In short (sebrief)"),
        measure=False,
        base=styles.HEADER_STYLE,
    )
    sheet.merge(r + 1, PILLAR, SUB_ACTION)
    sheet.merge(r + 1, MODES, READING)
    for row, (passage, summary, pillars) in enumerate(book.brief.question1.initiatives, start=r + 2):
        sheet.text(row, PART, ", ".join(str(p) for p in pillars) or "–", alignment=styles.CENTRE)
        sheet.paragraph(row, f"“{passage}”", PILLAR, SUB_ACTION)
        sheet.paragraph(row, summary, MODES, READING, font=styles.INFERRED_FONT)
