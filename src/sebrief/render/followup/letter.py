"""The follow-up written question as a letter: every text it holds, in the order it is laid out.

The analysis decides which follow-up questions there are, what each says and what it builds on
(``Brief.follow_up``), and how each part of the question is covered (``Brief.coverage``). Here
they are only worded into the framing of a written question: the heading, the addressee (the
minister and portfolio of the original question), a title, an introduction that refers to the
original question and names the parts the answer left open, the chosen questions with their
numbers from the brief, and the brief and workbook as attachments. The question texts are the
analysis' own, word for word; quotes in them stay in the source's language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from babel.lists import format_list

from sebrief.engine.brief import Brief, ClassificationView, FollowUpQuestion
from sebrief.i18n import Translator

# Ids of one kind written out in a question's basis; the rest are counted.
IDS_SHOWN = 12


class UnknownQuestions(ValueError):
    """Numbers asked for that are not follow-up questions of the brief."""

    def __init__(self, unknown: Sequence[int], valid: Sequence[int]):
        self.unknown = tuple(unknown)
        self.valid = tuple(valid)
        super().__init__(f"no follow-up question {', '.join(map(str, self.unknown))}")


@dataclass(frozen=True)
class Numbered:
    """A follow-up question with its number in the brief and what it builds on."""

    number: int
    text: str  # the analysis' text, unchanged
    basis: str  # which part, item, row or point of attention, and the gap


@dataclass(frozen=True)
class Letter:
    lang: str  # "nl" or "en", for the document's language and spelling checks
    kind: str  # "Written question"
    draft: str  # says it is a draft, and of a follow-up to which question
    to: str  # "to"
    minister: str
    portfolio: str
    title: str
    introduction: tuple[str, ...]  # paragraphs
    questions: tuple[Numbered, ...]
    no_questions: str  # said instead of the questions when there are none
    basis_label: str
    attachments_title: str
    attachments: tuple[tuple[str, str], ...]  # file name, what it is
    footer: str
    page: str  # "page" before the page number in the footer
    subject: str  # the original question, for the document's properties
    timestamp: dt.datetime  # written into the document's properties


def chosen(questions: Sequence[FollowUpQuestion], numbers: Sequence[int] | None) -> tuple[FollowUpQuestion, ...]:
    """The questions with the given numbers, in the brief's order; every one of them without ``numbers``.

    Raises ``UnknownQuestions`` when a number is not a question of the brief.
    """
    if numbers is None:
        return tuple(questions)
    valid = [q.number for q in questions]
    unknown = sorted({n for n in numbers if n not in valid})
    if unknown:
        raise UnknownQuestions(unknown, valid)
    wanted = set(numbers)
    return tuple(q for q in questions if q.number in wanted)


def compose(
    brief: Brief,
    numbers: Sequence[int] | None,
    attachments: Sequence[str],
    timestamp: dt.datetime,
) -> Letter:
    """The letter for ``brief``'s follow-up questions (those numbered ``numbers``, or all).

    ``attachments`` are the file names of the brief (PDF) and of the workbook, in that order.
    """
    header = brief.header
    t = Translator(header.lang)
    questions = chosen(brief.follow_up, numbers)
    kinds = _kinds(brief)
    pdf_name, workbook_name = attachments
    return Letter(
        lang=header.lang,
        kind=t("Written question"),
        draft=t(
            "Draft, following up on written question no. {number} ({session})",
            number=header.number,
            session=header.session_year,
        ),
        to=t("to"),
        minister=header.minister.name,
        portfolio=header.minister.role,
        title=t("{title} - Follow-up", title=header.title),
        introduction=(_reference(brief, t), _left_open(brief, bool(questions), t)),
        questions=tuple(Numbered(q.number, q.text, _basis(q, brief, kinds, t)) for q in questions),
        no_questions=t("The analysis draws no follow-up question from this answer."),
        basis_label=t("Follows up on"),
        attachments_title=t("Attachments"),
        attachments=(
            (pdf_name, t("the policy brief on the question and its answer, with the workbook and the dataset")),
            (workbook_name, t("the workbook with the figures of the brief")),
        ),
        footer=t(
            "Draft follow-up to written question no. {number} ({session})",
            number=header.number,
            session=header.session_year,
        ),
        page=t("page"),
        subject=header.reference,
        timestamp=timestamp,
    )


def _reference(brief: Brief, t: Translator) -> str:
    header = brief.header
    text = t(
        "On {date}, {asker} asked written question no. {number} (session {session}) on “{title}”.",
        date=t.date(header.date_asked),
        asker=header.asker.name,
        number=header.number,
        session=header.session_year,
        title=header.title,
    )
    if header.date_answered is not None:
        text += " " + t("The minister answered on {date}.", date=t.date(header.date_answered))
    return text


def _left_open(brief: Brief, questions: bool, t: Translator) -> str:
    """The parts the analysis found not answered explicitly or answered in part, in one sentence; then,
    when there are questions, how they are numbered."""
    missing = [c.part_id for c in brief.coverage if c.status.code == "not_answered"]
    partly = [c.part_id for c in brief.coverage if c.status.code == "partly"]
    listed_missing, listed_partly = _listed(missing, t), _listed(partly, t)
    clauses = []
    if missing:
        clauses.append(
            t.plural(
                "part {ids} is not answered explicitly",
                "parts {ids} are not answered explicitly",
                len(missing),
                ids=listed_missing,
            )
        )
    if partly and missing:
        clauses.append(t.plural("part {ids} only in part", "parts {ids} only in part", len(partly), ids=listed_partly))
    elif partly:
        clauses.append(
            t.plural(
                "part {ids} is answered only in part",
                "parts {ids} are answered only in part",
                len(partly),
                ids=listed_partly,
            )
        )
    opening = (
        t("The answer leaves points open: {gaps}.", gaps=", ".join(clauses))
        if clauses
        else t("The answer addresses every part of the question.")
    )
    if not questions:
        return opening
    return (
        opening
        + " "
        + t(
            "The questions below carry the numbers of the follow-up questions in the attached brief, which sets "
            "out their basis; under each is what it builds on."
        )
    )


def _kinds(brief: Brief) -> dict[str, str]:
    """What each id a follow-up question names is: a part, an item, a row or a point of attention."""
    kinds = {row.id: "row" for row in brief.rows}
    for block in brief.blocks:
        if isinstance(block, ClassificationView):
            kinds.update({item.id: "item" for item in block.items})
    kinds.update({signal.id: "signal" for signal in brief.signals})
    kinds.update({part.part_id: "part" for part in brief.coverage})
    return kinds


def _basis(question: FollowUpQuestion, brief: Brief, kinds: dict[str, str], t: Translator) -> str:
    """What a question builds on, by kind in the order they come (parts with the gap the analysis found
    in them, points of attention by their number in the brief), then the analysis' reason."""
    status = {c.part_id: c.status.label for c in brief.coverage}
    signal_numbers = {signal.id: number for number, signal in enumerate(brief.signals, start=1)}
    grouped: dict[str, list[str]] = {}
    for ref in question.follows_up_on:
        grouped.setdefault(kinds.get(ref, ""), []).append(ref)
    named: list[str] = []
    for kind, ids in grouped.items():
        if kind == "part":
            named.extend(
                t("part {part} ({status})", part=ref, status=status[ref][:1].lower() + status[ref][1:]) for ref in ids
            )
            continue
        count = len(ids)
        listed = _listed([str(signal_numbers[ref]) for ref in ids] if kind == "signal" else ids, t)
        if kind == "item":
            named.append(t.plural("item {ids}", "items {ids}", count, ids=listed))
        elif kind == "row":
            named.append(t.plural("row {ids}", "rows {ids}", count, ids=listed))
        elif kind == "signal":
            named.append(t.plural("point of attention {ids}", "points of attention {ids}", count, ids=listed))
    refs = "; ".join(named)
    return f"{refs}. {question.reason}" if refs else question.reason


def _listed(ids: Sequence[str], t: Translator) -> str:
    """Ids in a sentence ("1, 1b, 2 and 2b"); past IDS_SHOWN, the first ones and how many more."""
    if len(ids) > IDS_SHOWN:
        return t("{ids} and {count} more", ids=", ".join(ids[:IDS_SHOWN]), count=len(ids) - IDS_SHOWN)
    return str(format_list(list(ids), locale=t.locale))
