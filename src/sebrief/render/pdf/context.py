"""What the templates receive: the brief, its labels, formatters, charts and layout lookups.

Nothing here computes a figure: it groups and cross-references what the analysis decided
(which rows go under which heading, where a sub-action is shown in full, which anchor an id
links to), so that the templates only place values.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sebrief import __version__
from sebrief.analysis.labels import label
from sebrief.brief import Brief, RowEntry, SubActionAnswer
from sebrief.i18n import Translator
from sebrief.render import Attachment
from sebrief.render.pdf.charts import beneficiary_chart, timeline_chart
from sebrief.render.pdf.labels import labels as brief_labels

BASES = ("stated", "inferred", "not_addressed")
QUESTION2_PARTS = (
    ("coverage-2", "coverage_q2"),
    ("totals", "totals"),
    ("beneficiaries", "per_beneficiary"),
    ("timeline", "timeline"),
)
SECTIONS = ("key-points", "question-1", "question-2", "signals", "follow-up", "method")


@dataclass(frozen=True)
class DocumentInfo:
    """The document's metadata, written into the HTML head and from there into the PDF."""

    title: str
    description: str
    author: str
    keywords: str
    generator: str
    created: str | None  # W3C date-time, as WeasyPrint reads it from <meta name="dcterms.created">


@dataclass(frozen=True)
class TocEntry:
    anchor: str
    title: str
    level: int


@dataclass(frozen=True)
class Ref:
    """A link from a follow-up question to what it follows up on."""

    kind: str
    text: str
    anchor: str


def template_context(
    brief: Brief, *, attachments: Sequence[Attachment] = (), timestamp: dt.datetime | None = None
) -> dict[str, Any]:
    t = Translator(brief.header.lang)
    text = brief_labels(brief, t)
    return {
        "brief": brief,
        "fmt": t,
        "labels": text,
        "doc": document_info(brief, text, timestamp),
        "source_lang": brief.header.source_lang,
        "page_of": counter_parts(text["page_of"]),
        "toc": toc(brief, text),
        "charts": {
            "beneficiaries": beneficiary_chart(brief.totals.per_beneficiary, t, text),
            "timeline": timeline_chart(brief.rows, brief.timeline, t, text),
        },
        "basis_legend": tuple((label(t, "basis", code), text[f"legend_{code}"]) for code in BASES),
        "row_groups": row_groups(brief),
        "row_notes": row_notes(brief.rows),
        "shown_in": shown_in(brief),
        "group_titles": {group.group_id: group.title for group in brief.question1.groups},
        "actions": actions(brief.question1.matrix),
        "coverage": {part.part_id: part for part in brief.coverage},
        "signal_numbers": {signal.id: number for number, signal in enumerate(brief.signals, start=1)},
        "refs": {q.number: follow_up_refs(brief, q.follows_up_on, text) for q in brief.follow_up},
        "attachments": tuple(attachments),
    }


def document_info(brief: Brief, text: dict[str, str], timestamp: dt.datetime | None) -> DocumentInfo:
    header = brief.header
    keywords = (header.parliament, header.document_type, header.reference, header.title, header.session_year,
                header.asker.name, header.minister.name, text["document_type"])  # fmt: skip
    return DocumentInfo(
        title=f"{header.reference}: {header.title}",
        description=f"{text['document_type']}: {text['subtitle']} ({header.parliament}, {header.reference})",
        author="sebrief",
        keywords=", ".join(word.replace(",", " ") for word in keywords),
        generator=f"sebrief {__version__}",
        created=timestamp.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if timestamp else None,
    )


def counter_parts(message: str) -> tuple[tuple[str, str], ...]:
    """'page {page} of {pages}' as text and counter parts, for a page number drawn by CSS."""
    parts = re.split(r"\{(page|pages)\}", message)
    return tuple(("counter" if index % 2 else "text", part) for index, part in enumerate(parts) if part)


def toc(brief: Brief, text: dict[str, str]) -> tuple[TocEntry, ...]:
    titles = (text["key_points"], text["q1_title"], text["q2_title"], text["signals"], text["follow_up"],
              text["method"])  # fmt: skip
    entries = []
    for anchor, title in zip(SECTIONS, titles, strict=True):
        entries.append(TocEntry(anchor, title, 1))
        if anchor == "key-points" and brief.changes is not None:
            entries.append(TocEntry("changes", text["changes"], 1))
        if anchor == "question-1":
            entries += [TocEntry(f"group-{g.group_id}", g.title, 2) for g in brief.question1.groups]
            entries += [TocEntry("coverage-1", text["coverage"], 2), TocEntry("matrix", text["matrix"], 2)]
        if anchor == "question-2":
            entries += [TocEntry(anchor, text[label], 2) for anchor, label in QUESTION2_PARTS]
    return tuple(entries)


def row_groups(brief: Brief) -> tuple[tuple[Any, tuple[RowEntry, ...]], ...]:
    """The rows under the total of their kind, in the order of the kind totals."""
    return tuple(
        (kind, tuple(row for row in brief.rows if row.kind.code == kind.kind.code)) for kind in brief.totals.per_kind
    )


def row_notes(rows: tuple[RowEntry, ...]) -> dict[str, int]:
    """The number of each row's note, numbered in the order of the table."""
    with_notes = [row.id for row in rows if row.note]
    return {row_id: number for number, row_id in enumerate(with_notes, start=1)}


def shown_in(brief: Brief) -> dict[str, str]:
    """The group under which each sub-action is shown in full (its first); later ones refer to it."""
    first: dict[str, str] = {}
    for group in brief.question1.groups:
        for sub in group.sub_actions:
            first.setdefault(sub.sub_action_id, group.group_id)
    return first


def actions(matrix: tuple[SubActionAnswer, ...]) -> tuple[tuple[SubActionAnswer, tuple[SubActionAnswer, ...]], ...]:
    """The matrix grouped by convenant action: the first sub-action stands for the action's texts."""
    grouped: dict[str, list[SubActionAnswer]] = {}
    for sub in matrix:
        grouped.setdefault(sub.action_id, []).append(sub)
    return tuple((subs[0], tuple(subs)) for subs in grouped.values())


def follow_up_refs(brief: Brief, ids: tuple[str, ...], text: dict[str, str]) -> tuple[Ref, ...]:
    parts = {part.part_id for part in brief.coverage}
    subs = {sub.sub_action_id for sub in brief.question1.matrix}
    rows = {row.id for row in brief.rows}
    signals = {signal.id: number for number, signal in enumerate(brief.signals, start=1)}
    refs = []
    for ref_id in ids:
        if ref_id in parts:
            refs.append(Ref(text["ref_part"], ref_id, f"part-{ref_id}"))
        elif ref_id in subs:
            refs.append(Ref(text["ref_sub_action"], ref_id, f"sub-{ref_id}"))
        elif ref_id in rows:
            refs.append(Ref(text["ref_row"], ref_id, f"row-{ref_id}"))
        elif ref_id in signals:
            refs.append(Ref(text["ref_signal"], str(signals[ref_id]), f"signal-{ref_id}"))
    return tuple(refs)
