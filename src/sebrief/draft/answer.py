"""The answer of a published written question: its header and date, and its parts as numbered by
the question's parts ('1.', '1 en 2.'), each with its passages and the tables that stand in it.

Items marked 'a)' in the answer to a part answer its sub-part 'a' when the question has one. A
table goes to the part above it. The date of the answer is read only when its header gives one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence

from sebrief.draft.lines import Line, join
from sebrief.draft.passages import MARKER_RE, Block, block_passages, located, text_blocks
from sebrief.draft.question import NUMBER_RE
from sebrief.draft.structure import Answer, AnswerPart, Gap, Passage, PassageKind, Question, Table, at_line, at_lines
from sebrief.draft.tables import table_at
from sebrief.draft.values import MONTH_NAMES, parse_date
from sebrief.errors import Message

ANSWER_RE = re.compile(r"^\s*(?:ANTWOORD|Antwoord)\b(?!\s+(?:op|van)\s+(?:de\s+)?(?:minister|vraag\s+\d+\s*:))")
_ANSWER_HEADER_RE = re.compile(r"^\s*(?:ANTWOORD|Antwoord|op\s+vraag|van\s|datum|d\.d\.)", re.IGNORECASE)
_DATE_IN_TEXT_RE = re.compile(rf"\b\d{{1,2}}\s+(?:{MONTH_NAMES})\s+\d{{4}}\b|\b\d{{1,2}}/\d{{1,2}}/\d{{4}}\b", re.I)
_QUESTION_DATE_RE = re.compile(rf"vraag\s+nr\.?\s*\d+\s+van\s+(\d{{1,2}}\s+(?:{MONTH_NAMES})\s+\d{{4}})", re.I)


def read_answer(
    lines: Sequence[Line], at: int | None, number: int | None, question: Question, gaps: list[Gap]
) -> tuple[Answer, dt.date | None]:
    """The answer that starts at ``lines[at]`` (its 'ANTWOORD' line) and its date, if it gives one."""
    if at is None:
        gaps.append(Gap(Message("answer"), Message("whole text"),
                        Message("no line starting with 'ANTWOORD'; is the answer in the document?")))  # fmt: skip
        return Answer(), None
    header_end = _answer_header(lines, at)
    header = join((line.number, line.text) for line in lines[at:header_end])
    own_date, referred = _answer_date(header.text)
    date_answered = None
    if own_date is not None:
        date_answered = parse_date(own_date)
    else:
        gaps.append(Gap(Message("date answered"), at_lines(header.first_line, header.last_line),
                        Message("the document gives no date for the answer; take it from the parliament's record "
                                "or leave it empty")))  # fmt: skip
    if referred is not None and number is not None and referred != number:
        gaps.append(Gap(Message("question number"), at_line(header.first_line),
                        Message("the answer refers to question nr. {referred}, the question is nr. {number}; "
                                "check the document", referred=referred, number=number)))  # fmt: skip
    parts = _answer_parts(lines[header_end:], question, gaps)
    return Answer(located(header), tuple(parts)), date_answered


def _answer_header(lines: Sequence[Line], at: int) -> int:
    """The index past the answer's header ('ANTWOORD', 'op vraag nr. ...', 'van ...')."""
    index = at + 1
    end = index
    while index < len(lines):
        if lines[index].blank:
            index += 1
            continue
        if not _ANSWER_HEADER_RE.match(lines[index].text) or MARKER_RE.match(lines[index].text):
            break
        index += 1
        end = index
    return end


def _answer_date(header_text: str) -> tuple[str | None, int | None]:
    """The answer's own date, if its header gives one, and the question number it refers to."""
    question_date = _QUESTION_DATE_RE.search(header_text)
    own = [
        m.group()
        for m in _DATE_IN_TEXT_RE.finditer(header_text)
        if not (question_date and m.start() == question_date.start(1))
    ]
    number = NUMBER_RE.search(header_text)
    return (own[0] if own else None), (int(number.group(1)) if number else None)


def _answer_parts(body: Sequence[Line], question: Question, gaps: list[Gap]) -> list[AnswerPart]:
    tables, prose = _tables_and_prose(body, gaps)
    blocks = text_blocks(prose)
    top_ids = [part.id for part in question.parts]
    sub_ids = set(question.part_ids) - set(top_ids)
    groups = _numbered_groups(blocks, top_ids)
    if not any(head is not None for head, _ in groups):
        if blocks or tables:
            gaps.append(Gap(Message("answer parts"), Message("the answer"),
                            Message("the answer is not numbered by part; its passages are not assigned to the "
                                    "question's parts")))  # fmt: skip
        groups = [(None, list(blocks))] if blocks else []
    alone = len(groups) == 1
    parts = _with_tables([_answer_part(head, members, top_ids if alone else [], sub_ids) for head, members in groups],
                         tables)  # fmt: skip
    answered = {i for part in parts for i in part.ids}
    for missing in [i for i in top_ids if i not in answered]:
        gaps.append(Gap(Message("answer to part {part}", part=missing), Message("the answer"),
                        Message("no answer numbered {part}; find it by hand", part=missing)))  # fmt: skip
    return parts


def _tables_and_prose(body: Sequence[Line], gaps: list[Gap]) -> tuple[list[Table], list[Line | None]]:
    """The tables of the answer, and its other lines with ``None`` where a table stands."""
    tables: list[Table] = []
    prose: list[Line | None] = []
    index = 0
    while index < len(body):
        result = table_at(body, index) if not body[index].blank else None
        if result is not None and result.table is not None and result.table.rows:
            tables.append(result.table)
            gaps.extend(result.gaps)
            prose.append(None)
            index = max(result.end, index + 1)
            continue
        if result is not None:  # a table header whose rows could not be read: say so, keep the text
            gaps.extend(result.gaps)
        prose.append(body[index])
        index += 1
    return tables, prose


def _numbered_groups(blocks: Sequence[Block], top_ids: Sequence[str]) -> list[tuple[Block | None, list[Block]]]:
    """The blocks grouped under the numbers of the question's parts, in rising order ('1.', '2 en 3.')."""
    groups: list[tuple[Block | None, list[Block]]] = []
    current = 0
    for block in blocks:
        number = block.number or 0
        is_part = (
            block.kind == "num"
            and number > current
            and (not top_ids or str(number) in top_ids)
            and (block.range_to is None or block.range_to >= number)
        )
        if is_part:
            groups.append((block, [block]))
            current = block.range_to or number
        elif groups:
            groups[-1][1].append(block)
        else:
            groups.append((None, [block]))
    return groups


def _answer_part(head: Block | None, members: Sequence[Block], unnumbered_ids: Sequence[str],
                 sub_ids: set[str]) -> AnswerPart:  # fmt: skip
    """One part of the answer; one without a number answers ``unnumbered_ids``."""
    if head is None:
        ids: tuple[str, ...] = tuple(unnumbered_ids)
    else:
        assert head.number is not None
        ids = tuple(str(n) for n in range(head.number, (head.range_to or head.number) + 1))
    part_id = ids[0] if len(ids) == 1 else None
    passages = block_passages(members, part_id, first_plain=head is not None)
    if part_id is not None:
        passages = _with_subparts(passages, part_id, sub_ids)
    lines = [block.line for block in members] + [number for block in members for number, _ in block.pieces]
    return AnswerPart(ids, head.marker if head else None, min(lines), max(lines), tuple(passages))


def _with_tables(parts: list[AnswerPart], tables: Sequence[Table]) -> list[AnswerPart]:
    """Each table in the part above it (in a part of its own when it stands before the first)."""
    parts = list(parts)
    for table in tables:
        owner = max((i for i, p in enumerate(parts) if p.first_line <= table.first_line), default=None)
        if owner is None:
            parts.insert(0, AnswerPart((), None, table.first_line, table.last_line))
            owner = 0
        part = parts[owner]
        placed = dataclasses.replace(table, part=part.ids[0] if len(part.ids) == 1 else None)
        parts[owner] = dataclasses.replace(
            part, tables=(*part.tables, placed), last_line=max(part.last_line, table.last_line)
        )
    return parts


def _with_subparts(passages: list[Passage], part_id: str, sub_ids: set[str]) -> list[Passage]:
    """Items marked 'a)' answer sub-part 'a' of the part (when the question has it), nested items too."""
    out = []
    current: str | None = None
    for passage in passages:
        letter = passage.marker[0] if passage.marker and re.fullmatch(r"[a-z]\)", passage.marker) else None
        if letter is not None and f"{part_id}{letter}" in sub_ids and passage.level == 1:
            current = f"{part_id}{letter}"
        elif passage.level <= 1 and letter is None and passage.kind is not PassageKind.ITEM:
            current = None
        out.append(dataclasses.replace(passage, part=current or part_id))
    return out
