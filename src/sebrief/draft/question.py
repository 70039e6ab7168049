"""The question of a published written question: its header (number, asker, date, minister and
portfolio), its title, its introduction and its numbered parts and sub-parts.

The Flemish Parliament's layout (see ``sebrief.draft.parse``): 'SCHRIFTELIJKE VRAAG', 'nr. 48',
'van FIRST LAST', 'datum: ...', 'aan FIRST LAST', the portfolio in capitals, the title, then the
introduction and the parts ('1.', 'a)'). What is not found is a gap with where it was looked for.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sebrief.draft.lines import Line, join
from sebrief.draft.passages import MARKER_RE, Block, block_passages, located, text_blocks
from sebrief.draft.structure import Gap, Located, Minister, Person, Question, QuestionPart, at_line, at_lines
from sebrief.draft.values import is_upper, normalise_space, portfolio_case, split_name
from sebrief.errors import Message

DOC_TYPE_RE = re.compile(r"^\s*(schriftelijke\s+vraag)\s*$", re.IGNORECASE)
NUMBER_RE = re.compile(r"\bnr\.?\s*(\d+)\b", re.IGNORECASE)
_ASKER_RE = re.compile(r"^\s*van\s+(\S.*?)\s*$", re.IGNORECASE)
_DATE_LINE_RE = re.compile(r"\bdatum\s*:\s*(\S.*?)\s*$", re.IGNORECASE)
_MINISTER_RE = re.compile(r"^\s*aan\s+(\S.*?)\s*$", re.IGNORECASE)
_HEADER_LINES = 40  # the header is looked for in the first lines only


@dataclass
class Header:
    number: int | None = None
    document_type: str | None = None
    asker: Person | None = None
    date_asked_text: str | None = None
    date_line: int | None = None
    minister_at: int | None = None


def _person(text: str, line: int) -> Person:
    first, last = split_name(text)
    return Person(first, last, normalise_space(text), line)


def read_header(lines: Sequence[Line], end: int, gaps: list[Gap]) -> Header:
    """The question's header, up to the 'aan ...' line of the minister."""
    header = Header()
    for index in range(min(end, _HEADER_LINES)):
        text = lines[index].text
        if header.document_type is None and DOC_TYPE_RE.match(text):
            header.document_type = normalise_space(text).lower()
        if header.number is None and (number := NUMBER_RE.search(text)):
            header.number = int(number.group(1))
        if header.asker is None and (asker := _ASKER_RE.match(text)):
            header.asker = _person(asker.group(1), lines[index].number)
        if header.date_asked_text is None and (date := _DATE_LINE_RE.search(text)):
            header.date_asked_text, header.date_line = date.group(1), lines[index].number
        if _MINISTER_RE.match(text):
            header.minister_at = index
            break
    gaps.extend(_header_gaps(header, lines[0].number if lines else 1))
    return header


def _header_gaps(header: Header, first: int) -> list[Gap]:
    gaps = []
    header_place = Message("question header")
    if header.document_type is None:
        gaps.append(Gap(Message("document type"), at_lines(first, ""),
                        Message("no line 'SCHRIFTELIJKE VRAAG' at the top; is this a written question of the "
                                "Flemish Parliament?")))  # fmt: skip
    if header.number is None:
        gaps.append(Gap(Message("question number"), header_place,
                        Message("no 'nr. N' line; fill in the question's number")))  # fmt: skip
    if header.asker is None:
        gaps.append(Gap(Message("asker"), header_place,
                        Message("no 'van FIRST LAST' line; fill in who asked the question")))  # fmt: skip
    if header.date_asked_text is None:
        gaps.append(Gap(Message("date asked"), header_place,
                        Message("no 'datum: ...' line; fill in the date of the question")))  # fmt: skip
    if header.minister_at is None:
        gaps.append(Gap(Message("minister"), header_place,
                        Message("no 'aan FIRST LAST' line; fill in the minister and portfolio")))  # fmt: skip
    return gaps


def _starts_paragraph(before: str, line: str) -> bool:
    """Whether ``line`` starts the introduction below a title with no blank line between them (text
    copied without its paragraph breaks): it starts in upper case and is much longer than the title's
    last line, which ended short of the line's width."""
    return line[:1].isupper() and not before.endswith((",", "-", "–")) and len(line) > len(before) + 15


def minister_and_title(
    lines: Sequence[Line], header: Header, end: int, gaps: list[Gap]
) -> tuple[Minister | None, Located | None, int]:
    """The minister, the title below the portfolio, and the index where the question's body starts."""
    if header.minister_at is None:
        body_start = next((i for i, line in enumerate(lines) if line.text.strip() and not DOC_TYPE_RE.match(line.text)),
                          end)  # fmt: skip
        return None, None, body_start
    minister, index = _read_minister(lines, header.minister_at, end, gaps)
    while index < end and lines[index].blank:
        index += 1
    title_lines: list[Line] = []
    while index < end and not lines[index].blank and not MARKER_RE.match(lines[index].text):
        if title_lines and _starts_paragraph(title_lines[-1].stripped, lines[index].stripped):
            break
        title_lines.append(lines[index])
        index += 1
    if not title_lines:
        gaps.append(Gap(Message("title"), at_line(lines[index].number if index < len(lines) else "-"),
                        Message("no title line below the portfolio; fill it in")))  # fmt: skip
        return minister, None, index
    return minister, located(join((line.number, line.text) for line in title_lines)), index


def _read_minister(lines: Sequence[Line], at: int, end: int, gaps: list[Gap]) -> tuple[Minister, int]:
    """The minister ('aan ...' line) and the portfolio in capitals below; returns the index past them."""
    match = _MINISTER_RE.match(lines[at].text)
    assert match is not None
    person = _person(match.group(1), lines[at].number)
    index = at + 1
    while index < end and lines[index].blank:
        index += 1
    portfolio_lines = []
    while index < end and not lines[index].blank and is_upper(lines[index].text):
        portfolio_lines.append(lines[index])
        index += 1
    portfolio = portfolio_source = None
    if portfolio_lines:
        joined = join((line.number, line.text) for line in portfolio_lines)
        portfolio_source = located(joined)
        portfolio = portfolio_case(joined.text)
    else:
        gaps.append(Gap(Message("portfolio"), at_line(lines[at].number + 1),
                        Message("no portfolio in capitals below the minister; fill it in")))  # fmt: skip
    minister = Minister(person.first_name, person.last_name, person.source_text, person.line, portfolio,
                        portfolio_source)  # fmt: skip
    return minister, index


def read_question(
    lines: Sequence[Line], body_start: int, end: int, minister: Minister | None, gaps: list[Gap]
) -> Question:
    """The introduction and the parts, from ``body_start`` to where the minister's name stands
    again above the answer (or ``end``)."""
    signature_at = end
    if minister is not None:
        name = normalise_space(minister.source_text).upper()
        signature_at = next(
            (i for i in range(body_start, end) if normalise_space(lines[i].text).upper() == name),
            end,
        )
    blocks = text_blocks(lines[body_start:signature_at])
    where = at_lines(lines[body_start].number, lines[signature_at - 1].number) if signature_at > body_start else "-"
    intro_blocks, parts = _question_parts(blocks, gaps, where)
    return Question(tuple(block_passages(intro_blocks)), tuple(parts))


def _question_parts(
    blocks: Sequence[Block], gaps: list[Gap], where: Message | str
) -> tuple[list[Block], list[QuestionPart]]:
    """Split the question's blocks into the introduction and the numbered parts (the last '1.' on)."""
    starts = [i for i, b in enumerate(blocks) if b.kind == "num" and b.number == 1 and b.range_to is None]
    if not starts:
        return _unnumbered_question(blocks, gaps, where)
    start = starts[-1]
    parts: list[tuple[Block, list[Block]]] = []
    for block in blocks[start:]:
        if block.kind == "num" and block.range_to is None:
            parts.append((block, []))
        elif block.kind == "alpha" and parts:
            parts[-1][1].append(block)
        elif parts[-1][1]:
            parts[-1][1][-1].pieces.extend(block.pieces)
        else:
            parts[-1][0].pieces.extend(block.pieces)
    return list(blocks[:start]), [_question_part(main, subs) for main, subs in parts]


def _unnumbered_question(
    blocks: Sequence[Block], gaps: list[Gap], where: Message | str
) -> tuple[list[Block], list[QuestionPart]]:
    """A question without numbered parts: from its first question mark on, it is part 1."""
    asks = [i for i, b in enumerate(blocks) if "?" in b.joined().text]
    if not asks:
        gaps.append(Gap(Message("question parts"), where,
                        Message("no numbered parts and no question mark; mark the parts by hand")))  # fmt: skip
        return list(blocks), []
    gaps.append(Gap(Message("question parts"), where,
                    Message("the question is not numbered; the text from its first question mark on is taken as "
                            "part 1")))  # fmt: skip
    start = asks[0]
    text = join(piece for block in blocks[start:] for piece in block.pieces)
    return list(blocks[:start]), [QuestionPart("1", text.text, text.first_line, text.last_line)]


def _question_part(main: Block, subs: Sequence[Block]) -> QuestionPart:
    number = str(main.number)
    subparts = tuple(
        QuestionPart(f"{number}{sub.letter}", j.text, j.first_line, j.last_line)
        for sub in subs
        if (j := sub.joined()).text
    )
    joined = main.joined()
    last = max([joined.last_line, *(s.last_line for s in subparts)])
    return QuestionPart(number, joined.text, joined.first_line, last, subparts)
