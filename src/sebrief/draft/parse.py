"""Read a published Flemish Parliament written question and its answer into a ``Draft``.

The Flemish Parliament publishes written questions in one layout::

    SCHRIFTELIJKE VRAAG
    nr. 48
    van FIRST LAST                    (the member who asks)
    datum: 14 oktober 2021
    aan FIRST LAST                    (the minister)
    PORTFOLIO IN CAPITALS             (one or more lines)
    Title
    Introduction (paragraphs, lists)
    1. Question part ...
    a) sub-part ...
    FIRST LAST / PORTFOLIO            (the minister again, above the answer)
    ANTWOORD
    op vraag nr. 48 van 14 oktober 2021
    van FIRST LAST
    1. The answer to part 1 ...       (numbered by part, tables included)

Nothing here raises on a text in another layout: what cannot be found is listed in
``Draft.gaps`` with where it was looked for and how to fill it in.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from sebrief.draft.lines import Joined, Line, join, split_lines
from sebrief.draft.structure import (
    Answer,
    AnswerPart,
    Draft,
    Gap,
    Located,
    Minister,
    Passage,
    PassageKind,
    Person,
    Question,
    QuestionPart,
    Table,
)
from sebrief.draft.tables import table_at
from sebrief.draft.values import (
    MONTH_NAMES,
    is_upper,
    normalise_space,
    parse_date,
    portfolio_case,
    session_year,
    split_name,
)

PARLIAMENT = "Vlaams Parlement"
_DOC_TYPE_RE = re.compile(r"^\s*(schriftelijke\s+vraag)\s*$", re.IGNORECASE)
_NUMBER_RE = re.compile(r"\bnr\.?\s*(\d+)\b", re.IGNORECASE)
_ASKER_RE = re.compile(r"^\s*van\s+(\S.*?)\s*$", re.IGNORECASE)
_DATE_LINE_RE = re.compile(r"\bdatum\s*:\s*(\S.*?)\s*$", re.IGNORECASE)
_MINISTER_RE = re.compile(r"^\s*aan\s+(\S.*?)\s*$", re.IGNORECASE)
_ANSWER_RE = re.compile(r"^\s*(?:ANTWOORD|Antwoord)\b(?!\s+(?:op|van)\s+(?:de\s+)?(?:minister|vraag\s+\d+\s*:))")
_ANSWER_HEADER_RE = re.compile(r"^\s*(?:ANTWOORD|Antwoord|op\s+vraag|van\s|datum|d\.d\.)", re.IGNORECASE)
_DATE_IN_TEXT_RE = re.compile(rf"\b\d{{1,2}}\s+(?:{MONTH_NAMES})\s+\d{{4}}\b|\b\d{{1,2}}/\d{{1,2}}/\d{{4}}\b", re.I)
_QUESTION_DATE_RE = re.compile(rf"vraag\s+nr\.?\s*\d+\s+van\s+(\d{{1,2}}\s+(?:{MONTH_NAMES})\s+\d{{4}})", re.I)
_PARLIAMENT_RE = re.compile(r"\bvlaams(?:e)?\s+(?:parlement|regering|minister)\b", re.IGNORECASE)

MARKER_RE = re.compile(
    r"^\s*(?P<marker>(?P<num>\d{1,2})[.)]|(?P<deg>\d{1,2})°|(?P<alpha>[a-z])\)|(?P<dash>[-–•▪·*]))(?:\s+|$)"
)
RANGE_MARKER_RE = re.compile(
    r"^\s*(?P<marker>(?:vraag\s+)?(?P<a>\d{1,2})\s*(?:en|tot(?:\s+en\s+met)?|t\.e\.m\.|[-–,])\s*(?P<b>\d{1,2})"
    r"\s*[.):])(?:\s+|$)",
    re.IGNORECASE,
)
_SENTENCE_END_RE = re.compile(r"[.?!][\"”’)]?\s+(?=[A-ZÀ-Ý0-9‘“\"'(])")


@dataclass
class _Block:
    """Lines that belong together: a paragraph or a list item, with its marker."""

    marker: str | None
    kind: str | None  # 'num', 'deg', 'alpha', 'dash' or None
    number: int | None
    letter: str | None
    line: int  # where the block starts
    pieces: list[tuple[int, str]] = field(default_factory=list)
    range_to: int | None = None
    before_table: bool = False

    def joined(self) -> Joined:
        return join(self.pieces)


def _marker_of(text: str) -> tuple[str | None, str | None, int | None, str | None, int | None, str]:
    ranged = RANGE_MARKER_RE.match(text)
    if ranged:
        return ranged.group("marker"), "num", int(ranged.group("a")), None, int(ranged.group("b")), text[ranged.end() :]
    match = MARKER_RE.match(text)
    if not match:
        return None, None, None, None, None, text
    rest = text[match.end() :]
    if match.group("num"):
        return match.group("marker"), "num", int(match.group("num")), None, None, rest
    if match.group("deg"):
        return match.group("marker"), "deg", int(match.group("deg")), None, None, rest
    if match.group("alpha"):
        return match.group("marker"), "alpha", None, match.group("alpha"), None, rest
    return match.group("marker"), "dash", None, None, None, rest


def _blocks(lines: Sequence[Line | None]) -> list[_Block]:
    """Paragraphs and list items. ``None`` in ``lines`` (a table) ends the block before it.

    A list marker at a line start begins an item; a blank line begins a paragraph only after a
    sentence end ('.', '?', '!', ':') and before a line that does not start in lower case: the
    text layer of a PDF also has blank lines inside sentences.
    """
    blocks: list[_Block] = []
    blank = True
    broken = True
    for line in lines:
        if line is None:
            if blocks and not broken:
                blocks[-1].before_table = True
            broken = blank = True
            continue
        text = line.text.strip()
        if not text:
            blank = True
            continue
        marker, kind, number, letter, range_to, rest = _marker_of(text)
        previous = blocks[-1] if blocks and not broken else None
        ends_sentence = previous is not None and previous.joined().text.rstrip().endswith((".", "?", "!", ":"))
        if marker is not None:
            pieces = [(line.number, rest)] if rest else []
            blocks.append(_Block(marker, kind, number, letter, line.number, pieces, range_to))
        elif previous is None or (blank and ends_sentence and not text[0].islower()):
            blocks.append(_Block(None, None, None, None, line.number, [(line.number, text)]))
        else:
            previous.pieces.append((line.number, text))
        blank = broken = False
    return blocks


def _located(joined: Joined) -> Located:
    return Located(joined.text, joined.first_line, joined.last_line)


def _passages(blocks: Sequence[_Block], part: str | None = None, first_plain: bool = False) -> list[Passage]:
    """Passages of blocks: list depth from the markers, the sentence ending in ':' before a list or table apart."""
    passages: list[Passage] = []
    open_lists: list[str] = []
    for i, block in enumerate(blocks):
        joined = block.joined()
        if not joined.text:
            continue
        plain = block.kind is None or (first_plain and i == 0)
        if plain:
            open_lists = []
            following = blocks[i + 1] if i + 1 < len(blocks) else None
            introduces = block.before_table or (following is not None and following.kind is not None)
            if introduces and joined.text.endswith(":"):
                ends = list(_SENTENCE_END_RE.finditer(joined.text))
                if ends:
                    cut = ends[-1].end()
                    before = joined.slice(0, cut)
                    passages.append(Passage(before.text, before.first_line, before.last_line, part=part))
                    joined = joined.slice(cut, len(joined.text))
                passages.append(Passage(joined.text, joined.first_line, joined.last_line, PassageKind.LEAD, part=part))
                continue
            passages.append(Passage(joined.text, joined.first_line, joined.last_line, part=part))
            continue
        assert block.kind is not None
        if block.kind in open_lists:
            del open_lists[open_lists.index(block.kind) + 1 :]
        else:
            open_lists.append(block.kind)
        passages.append(
            Passage(
                joined.text, joined.first_line, joined.last_line, PassageKind.ITEM, block.marker, len(open_lists), part
            )
        )
    return passages


# --- the question ----------------------------------------------------------------------------------


@dataclass
class _Header:
    number: int | None = None
    document_type: str | None = None
    asker: Person | None = None
    date_asked_text: str | None = None
    date_line: int | None = None
    minister_at: int | None = None
    body_start: int = 0


def _person(text: str, line: int) -> Person:
    first, last = split_name(text)
    return Person(first, last, normalise_space(text), line)


def _read_header(lines: Sequence[Line], end: int, gaps: list[Gap]) -> _Header:
    header = _Header()
    for index in range(min(end, 40)):
        text = lines[index].text
        if header.document_type is None and _DOC_TYPE_RE.match(text):
            header.document_type = normalise_space(text).lower()
        if header.number is None and (number := _NUMBER_RE.search(text)):
            header.number = int(number.group(1))
        if header.asker is None and (asker := _ASKER_RE.match(text)):
            header.asker = _person(asker.group(1), lines[index].number)
        if header.date_asked_text is None and (date := _DATE_LINE_RE.search(text)):
            header.date_asked_text, header.date_line = date.group(1), lines[index].number
        if _MINISTER_RE.match(text):
            header.minister_at = index
            break
    first = lines[0].number if lines else 1
    if header.document_type is None:
        gaps.append(Gap("document type", f"lines {first}-", "no line 'SCHRIFTELIJKE VRAAG' at the top; is this a "
                        "written question of the Flemish Parliament?"))  # fmt: skip
    if header.number is None:
        gaps.append(Gap("number", "question header", "no 'nr. N' line; fill in the question's number"))
    if header.asker is None:
        gaps.append(Gap("asker", "question header", "no 'van FIRST LAST' line; fill in who asked the question"))
    if header.date_asked_text is None:
        gaps.append(Gap("date asked", "question header", "no 'datum: ...' line; fill in the date of the question"))
    if header.minister_at is None:
        gaps.append(Gap("minister", "question header", "no 'aan FIRST LAST' line; fill in the minister and portfolio"))
    return header


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
        portfolio_source = _located(joined)
        portfolio = portfolio_case(joined.text)
    else:
        gaps.append(Gap("portfolio", f"line {lines[at].number + 1}", "no portfolio in capitals below the minister; "
                        "fill it in"))  # fmt: skip
    minister = Minister(person.first_name, person.last_name, person.source_text, person.line, portfolio,
                        portfolio_source)  # fmt: skip
    return minister, index


def _question_parts(blocks: Sequence[_Block], gaps: list[Gap], where: str) -> tuple[list[_Block], list[QuestionPart]]:
    """Split the question's blocks into the introduction and the numbered parts (the last '1.' on)."""
    starts = [i for i, b in enumerate(blocks) if b.kind == "num" and b.number == 1 and b.range_to is None]
    if not starts:
        asks = [i for i, b in enumerate(blocks) if "?" in b.joined().text]
        if not asks:
            gaps.append(Gap("question parts", where, "no numbered parts and no question mark; mark the parts by hand"))
            return list(blocks), []
        gaps.append(Gap("question parts", where, "the question is not numbered; the text from its first question "
                        "mark on is taken as part 1"))  # fmt: skip
        start = asks[0]
        text = join(piece for block in blocks[start:] for piece in block.pieces)
        return list(blocks[:start]), [QuestionPart("1", text.text, text.first_line, text.last_line)]
    start = starts[-1]
    parts: list[tuple[_Block, list[_Block]]] = []
    for block in blocks[start:]:
        if block.kind == "num" and block.range_to is None:
            parts.append((block, []))
        elif block.kind == "alpha" and parts:
            parts[-1][1].append(block)
        elif parts[-1][1]:
            parts[-1][1][-1].pieces.extend(block.pieces)
        else:
            parts[-1][0].pieces.extend(block.pieces)
    result = []
    for main, subs in parts:
        number = str(main.number)
        subparts = tuple(
            QuestionPart(f"{number}{sub.letter}", j.text, j.first_line, j.last_line)
            for sub in subs
            if (j := sub.joined()).text
        )
        joined = main.joined()
        last = max([joined.last_line, *(s.last_line for s in subparts)])
        result.append(QuestionPart(number, joined.text, joined.first_line, last, subparts))
    return list(blocks[:start]), result


# --- the answer ------------------------------------------------------------------------------------


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


def _answer_parts(body: Sequence[Line], question: Question, gaps: list[Gap]) -> list[AnswerPart]:
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
    blocks = _blocks(prose)
    top_ids = [part.id for part in question.parts]
    sub_ids = set(question.part_ids) - set(top_ids)
    groups: list[tuple[_Block | None, list[_Block]]] = []
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
    if not any(head is not None for head, _ in groups):
        if blocks or tables:
            gaps.append(Gap("answer parts", "answer", "the answer is not numbered by part; its passages are not "
                            "assigned to the question's parts"))  # fmt: skip
        groups = [(None, list(blocks))] if blocks else []
    parts: list[AnswerPart] = []
    for head, members in groups:
        if head is None:
            ids: tuple[str, ...] = tuple(top_ids) if len(groups) == 1 else ()
        else:
            assert head.number is not None
            ids = tuple(str(n) for n in range(head.number, (head.range_to or head.number) + 1))
        part_id = ids[0] if len(ids) == 1 else None
        passages = _passages(members, part_id, first_plain=head is not None)
        if part_id is not None:
            passages = _with_subparts(passages, part_id, sub_ids)
        lines = [block.line for block in members] + [number for block in members for number, _ in block.pieces]
        parts.append(AnswerPart(ids, head.marker if head else None, min(lines), max(lines), tuple(passages)))
    # each table goes to the part above it
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
    answered = {i for part in parts for i in part.ids}
    for missing in [i for i in top_ids if i not in answered]:
        gaps.append(Gap(f"answer to part {missing}", "answer", f"no answer numbered {missing}; find it by hand"))
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


def _answer_date(header_text: str) -> tuple[str | None, int | None]:
    """The answer's own date, if its header gives one, and the question number it refers to."""
    question_date = _QUESTION_DATE_RE.search(header_text)
    own = [
        m.group()
        for m in _DATE_IN_TEXT_RE.finditer(header_text)
        if not (question_date and m.start() == question_date.start(1))
    ]
    number = _NUMBER_RE.search(header_text)
    return (own[0] if own else None), (int(number.group(1)) if number else None)


# --- the document ----------------------------------------------------------------------------------


def parse_document(text: str) -> Draft:
    """The draft of a written question and its answer read from their text; never raises on content."""
    lines = split_lines(text)
    gaps: list[Gap] = []
    answer_at = next((i for i, line in enumerate(lines) if _ANSWER_RE.match(line.text)), None)
    question_end = answer_at if answer_at is not None else len(lines)
    header = _read_header(lines, question_end, gaps)

    minister: Minister | None = None
    title: Located | None = None
    body_start = question_end
    if header.minister_at is not None:
        minister, index = _read_minister(lines, header.minister_at, question_end, gaps)
        while index < question_end and lines[index].blank:
            index += 1
        title_lines = []
        while index < question_end and not lines[index].blank and not MARKER_RE.match(lines[index].text):
            title_lines.append(lines[index])
            index += 1
        if title_lines:
            title = _located(join((line.number, line.text) for line in title_lines))
        else:
            gaps.append(Gap("title", f"line {lines[index].number if index < len(lines) else '-'}",
                            "no title line below the portfolio; fill it in"))  # fmt: skip
        body_start = index
    else:
        body_start = next((i for i, line in enumerate(lines) if line.text.strip() and not _DOC_TYPE_RE.match(line.text)
                           ), question_end)  # fmt: skip

    # the question ends where the minister's name stands again above the answer
    signature_at = question_end
    if minister is not None:
        name = normalise_space(minister.source_text).upper()
        signature_at = next(
            (i for i in range(body_start, question_end) if normalise_space(lines[i].text).upper() == name),
            question_end,
        )
    blocks = _blocks(lines[body_start:signature_at])
    where = f"lines {lines[body_start].number}-{lines[signature_at - 1].number}" if signature_at > body_start else "-"
    intro_blocks, parts = _question_parts(blocks, gaps, where)
    question = Question(tuple(_passages(intro_blocks)), tuple(parts))

    answer = Answer()
    date_answered = None
    if answer_at is None:
        gaps.append(Gap("answer", "whole text", "no line starting with 'ANTWOORD'; is the answer in the document?"))
    else:
        header_end = _answer_header(lines, answer_at)
        header_joined = join((line.number, line.text) for line in lines[answer_at:header_end])
        own_date, referred = _answer_date(header_joined.text)
        if own_date is not None:
            date_answered = parse_date(own_date)
        else:
            gaps.append(Gap("date answered", f"lines {header_joined.first_line}-{header_joined.last_line}",
                            "the document gives no date for the answer; take it from the parliament's record or "
                            "leave it empty"))  # fmt: skip
        if referred is not None and header.number is not None and referred != header.number:
            gaps.append(Gap("number", f"line {header_joined.first_line}", f"the answer refers to question nr. "
                            f"{referred}, the question is nr. {header.number}; check the document"))  # fmt: skip
        answer_parts = _answer_parts(lines[header_end:], question, gaps)
        answer = Answer(_located(header_joined), tuple(answer_parts))

    date_asked = parse_date(header.date_asked_text) if header.date_asked_text else None
    if header.date_asked_text and date_asked is None:
        gaps.append(Gap("date asked", f"line {header.date_line}", f"cannot read {header.date_asked_text!r} as a date"))
    parliament = PARLIAMENT if _PARLIAMENT_RE.search(text) else None
    if parliament is None:
        gaps.append(Gap("parliament", "whole text", "neither 'Vlaams Parlement' nor a Flemish minister is named; "
                        "fill in the parliament"))  # fmt: skip
    return Draft(
        parliament=parliament,
        document_type=header.document_type,
        number=header.number,
        session_year=session_year(date_asked) if date_asked else None,
        date_asked=date_asked,
        date_answered=date_answered,
        asker=header.asker,
        minister=minister,
        title=title,
        question=question,
        answer=answer,
        gaps=tuple(gaps),
    )
