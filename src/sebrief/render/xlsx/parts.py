"""A sheet per part of the question, in the question's order: the part and each of its subparts
with how far the answer covers it (status, basis, why), and the blocks of the answer laid out
under the first part that names them; a later part refers back to them with a link."""

from __future__ import annotations

import sebrief.render.xlsx.styles as styles
from sebrief.engine.brief import PartSection
from sebrief.render.xlsx.blocks import ID, MAIN, columns_needed, wide_columns, write_block
from sebrief.render.xlsx.writer import Book, SheetWriter

MIN_COLUMNS = 6
WIDTHS = {ID: 20.0, MAIN: 50.0}
DETAIL_WIDTH = 22.0
WIDE = 50.0


def add_part_sheets(book: Book) -> None:
    for part in book.brief.parts:
        add_part_sheet(book, book.sheet(book.plan.parts[part.part_id]), part)


def sections(part: PartSection) -> list[PartSection]:
    return [part, *part.subparts]


def add_part_sheet(book: Book, sheet: SheetWriter, part: PartSection) -> None:
    t = book.t
    views = [book.brief.block(block_id) for section in sections(part) for block_id in section.block_ids]
    last_col = max([MIN_COLUMNS, *(columns_needed(view) for view in views)])
    sheet.title(1, t("Question {part}", part=part.part_id))
    sheet.paragraph(2, f"“{part.question}”", ID, last_col, font=styles.BOLD)
    r = write_status(book, sheet, 3, part, last_col)
    r = write_section_blocks(book, sheet, r + 1, part, last_col)
    for sub in part.subparts:
        sheet.shown_id(r, ID, sub.part_id, font=book.look.group_font)
        sheet.paragraph(r, f"“{sub.question}”", MAIN, last_col, font=book.look.group_font)
        sheet.fill_row(r, ID, last_col, fill=book.look.group_fill)
        book.plan.anchors.setdefault(f"part:{sub.part_id}", (sheet.ws.title, r, sub.part_id))
        r = write_status(book, sheet, r + 1, sub, last_col)
        r = write_section_blocks(book, sheet, r + 1, sub, last_col)
    caps = dict(WIDTHS)
    for view in views:
        caps.update(dict.fromkeys(wide_columns(view), WIDE))
    sheet.finish(max_widths={col: caps.get(col, DETAIL_WIDTH) for col in range(1, last_col + 1)})


def write_status(book: Book, sheet: SheetWriter, r: int, part: PartSection, last_col: int) -> int:
    """Status and basis of a part, filled by its basis, and why."""
    sheet.text(r, ID, book.t("Answer"), font=styles.BOLD)
    sheet.text(
        r,
        MAIN,
        f"{part.status.label} · {part.basis.label}",
        font=styles.BOLD,
        fill=styles.BASIS_FILLS.get(part.basis.code),
    )
    if part.reason:
        sheet.paragraph(r, part.reason, MAIN + 1, last_col)
    return r + 1


def write_section_blocks(book: Book, sheet: SheetWriter, r: int, part: PartSection, last_col: int) -> int:
    t = book.t
    for block_id in part.block_ids:
        book.plan.anchors[block_id] = (sheet.ws.title, r, part.part_id)
        r = write_block(book, sheet, r, book.brief.block(block_id), last_col)
    for block_id in part.see_also:
        view = book.brief.block(block_id)
        where = book.plan.anchors.get(block_id)
        if where is None:
            continue
        target_sheet, row, shown_under = where
        text = t("Also answered by “{block}”: see part {part}.", block=view.title, part=shown_under)
        sheet.link(r, MAIN, text, target_sheet, f"A{row}", measure=False)
        sheet.merge(r, MAIN, last_col)
        r += 1
    return r + 1
