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

import re
from pathlib import Path

from sebrief.draft.answer import ANSWER_RE, read_answer
from sebrief.draft.extract import extract_text
from sebrief.draft.lines import split_lines
from sebrief.draft.question import minister_and_title, read_header, read_question
from sebrief.draft.structure import Draft, Gap, at_line
from sebrief.draft.totals import check_totals
from sebrief.draft.values import parse_date, session_year
from sebrief.errors import Message

PARLIAMENT = "Vlaams Parlement"
_PARLIAMENT_RE = re.compile(r"\bvlaams(?:e)?\s+(?:parlement|regering|minister)\b", re.IGNORECASE)


def parse_document(text: str) -> Draft:
    """The draft of a written question and its answer read from their text; never raises on content."""
    lines = split_lines(text)
    gaps: list[Gap] = []
    answer_at = next((i for i, line in enumerate(lines) if ANSWER_RE.match(line.text)), None)
    question_end = answer_at if answer_at is not None else len(lines)
    header = read_header(lines, question_end, gaps)
    minister, title, body_start = minister_and_title(lines, header, question_end, gaps)
    question = read_question(lines, body_start, question_end, minister, gaps)
    answer, date_answered = read_answer(lines, answer_at, header.number, question, gaps)
    gaps.extend(check_totals(answer))

    date_asked = parse_date(header.date_asked_text) if header.date_asked_text else None
    if header.date_asked_text and date_asked is None:
        gaps.append(Gap(Message("date asked"), at_line(header.date_line or "-"),
                        Message("cannot read '{text}' as a date", text=header.date_asked_text)))  # fmt: skip
    parliament = PARLIAMENT if _PARLIAMENT_RE.search(text) else None
    if parliament is None:
        gaps.append(Gap(Message("parliament"), Message("whole text"),
                        Message("neither 'Vlaams Parlement' nor a Flemish minister is named; fill in the "
                                "parliament")))  # fmt: skip
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


def draft_file(path: str | Path) -> Draft:
    """The draft of a published question and answer: a PDF or a UTF-8 text file."""
    return parse_document(extract_text(path))
