"""Places in the brief and the links between them: the sections of the question's parts, anchors,
the table of contents, where each part is answered, whose passages a block quotes, and what a
follow-up question follows up on.

Nothing here computes a figure: it cross-references what the analysis decided (which blocks a part's
section lays out, where an item is shown in full, which anchor an id links to).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sebrief.engine.brief import (
    BlockView,
    Brief,
    ClassificationView,
    Evidence,
    PartSection,
    TableView,
    TextView,
)


@dataclass(frozen=True)
class TocEntry:
    anchor: str
    title: str
    level: int


@dataclass(frozen=True)
class Ref:
    """A link to a place in the brief: what a follow-up question follows up on, where a part is answered."""

    kind: str
    text: str
    anchor: str


@dataclass(frozen=True)
class Section:
    """A part of the question as the brief lays it out: the part, and the blocks shown in its section."""

    part: PartSection
    anchor: str
    title: str
    blocks: tuple[BlockView, ...]
    timeline: bool  # the timeline of the rows follows the section's blocks
    large: bool  # holds a table or a classification: starts on a new page


# --- parts and blocks ----------------------------------------------------------------------


def part_layout(brief: Brief, text: dict[str, str]) -> tuple[tuple[Section, ...], tuple[BlockView, ...]]:
    """The sections in the question's order, each with the blocks it lays out (its own, then its
    subparts'), and the blocks no part names (shown after the parts, so that nothing is left out)."""
    placed: list[str] = []
    laid_out: list[tuple[PartSection, tuple[str, ...]]] = []
    for part in brief.parts:
        ids = [*part.block_ids, *(b for sub in part.subparts for b in sub.block_ids)]
        here = tuple(b for b in dict.fromkeys(ids) if b not in placed)
        placed.extend(here)
        laid_out.append((part, here))
    others = tuple(block for block in brief.blocks if block.id not in placed)
    order = [*placed, *(block.id for block in others)]
    tables = [block_id for block_id in order if isinstance(brief.block(block_id), TableView)]
    last_table = tables[-1] if tables and brief.timeline is not None else None
    sections = tuple(
        Section(
            part=part,
            anchor=f"part-{part.part_id}",
            title=text["part_title"].format(part=part.part_id),
            blocks=tuple(brief.block(b) for b in ids),
            timeline=last_table in ids,
            large=any(isinstance(brief.block(b), TableView | ClassificationView) for b in ids),
        )
        for part, ids in laid_out
    )
    return sections, others


def block_anchor(block_id: str) -> str:
    return f"block-{block_id}"


def category_anchor(block_id: str, category_id: str) -> str:
    return f"category-{block_id}-{category_id}"


def item_anchor(block_id: str, item_id: str) -> str:
    return f"item-{block_id}-{item_id}"


def answered_in(brief: Brief) -> dict[str, tuple[Ref, ...]]:
    """For each part and subpart: links to the blocks that answer it, or to the category of a
    classification that answers it."""
    out: dict[str, tuple[Ref, ...]] = {}
    parts = [section for part in brief.parts for section in (part, *part.subparts)]
    for part in parts:
        refs = []
        for block_id in (*part.block_ids, *part.see_also):
            block = brief.block(block_id)
            category = (
                next((c for c in block.categories if c.part_id == part.part_id), None)
                if isinstance(block, ClassificationView)
                else None
            )
            if category is not None:
                refs.append(Ref(block.title, category.label, category_anchor(block.id, category.id)))
            else:
                refs.append(Ref(block.title, "", block_anchor(block.id)))
        out[part.part_id] = tuple(refs)
    return out


def evidence_layout(
    brief: Brief, sections: tuple[Section, ...], others: tuple[BlockView, ...]
) -> dict[str, dict[str, Any]]:
    """``block_evidence``: the passages each block quotes as a whole, in the order the brief lays the
    blocks out, less those an earlier block quoted already; ``evidence_above``: for a block whose
    passages were all quoted before, a link to the block that quotes them."""
    quoted_in: dict[str, BlockView] = {}
    own: dict[str, tuple[Evidence, ...]] = {}
    above: dict[str, Ref] = {}
    for block in (*(block for section in sections for block in section.blocks), *others):
        passages = block_evidence(block)
        own[block.id] = tuple(e for e in passages if e.passage_id not in quoted_in)
        earlier = {quoted_in[e.passage_id].id: quoted_in[e.passage_id] for e in passages if e.passage_id in quoted_in}
        if passages and not own[block.id] and len(earlier) == 1:
            (first,) = earlier.values()
            above[block.id] = Ref(first.title, "", block_anchor(first.id))
        for evidence in passages:
            quoted_in.setdefault(evidence.passage_id, block)
    return {"block_evidence": own, "evidence_above": above}


def block_evidence(block: BlockView) -> tuple[Evidence, ...]:
    """The passages a block rests on as a whole, less those quoted under its points or items."""
    if isinstance(block, TextView):
        quoted = {point.evidence.passage_id for point in block.points}
    elif isinstance(block, ClassificationView):
        quoted = {evidence.passage_id for item in block.items for evidence in item.evidence}
    else:
        quoted = set()
    return tuple(evidence for evidence in block.evidence if evidence.passage_id not in quoted)


def toc(
    brief: Brief, text: dict[str, str], sections: tuple[Section, ...], others: tuple[BlockView, ...]
) -> tuple[TocEntry, ...]:
    entries = [TocEntry("key-points", text["key_points"], 1)]
    if brief.changes is not None:
        entries.append(TocEntry("changes", text["changes"], 1))
    if brief.introduction:
        entries.append(TocEntry("introduction", text["introduction"], 1))
    for section in sections:
        entries.append(TocEntry(section.anchor, section.title, 1))
        entries += [TocEntry(block_anchor(block.id), block.title, 2) for block in section.blocks]
        if section.timeline:
            entries.append(TocEntry("timeline", text["timeline"], 2))
    if others:
        entries.append(TocEntry("other-blocks", text["other_blocks"], 1))
        entries += [TocEntry(block_anchor(block.id), block.title, 2) for block in others]
        if brief.timeline is not None and not any(section.timeline for section in sections):
            entries.append(TocEntry("timeline", text["timeline"], 2))
    entries += [
        TocEntry("signals", text["signals"], 1),
        TocEntry("follow-up", text["follow_up"], 1),
        TocEntry("method", text["method"], 1),
    ]
    return tuple(entries)


# --- follow-up -----------------------------------------------------------------------------


def follow_up_refs(
    targets: dict[str, tuple[str, str | None]],
    ids: tuple[str, ...],
    text: dict[str, str],
    listed: set[str] | None = None,
    signals: set[str] | None = None,
    shown: int = 20,
) -> tuple[Ref, ...]:
    """Links from a follow-up question to the parts, items, rows and points of attention it follows up on;
    a row the brief does not list (``listed``) is named without a link. Past ``shown`` references, one
    more says how many others there are (every one of them is in the workbook)."""
    refs: list[Ref] = []
    for ref_id in ids:
        if len(refs) == shown:
            refs.append(Ref("", text["and_more"].format(count=len(ids) - shown), ""))
            break
        kind, anchor_of = targets.get(ref_id, ("", None))
        if kind == "part":
            refs.append(Ref(text["ref_part"], ref_id, f"part-{ref_id}"))
        elif kind == "item" and anchor_of is not None:
            refs.append(Ref(text["ref_item"], ref_id, item_anchor(anchor_of, ref_id)))
        elif kind == "row":
            anchor = f"row-{ref_id}" if listed is None or ref_id in listed else ""
            refs.append(Ref(text["ref_row"], ref_id, anchor))
        elif kind == "signal" and anchor_of is not None:
            anchor = f"signal-{ref_id}" if signals is None or ref_id in signals else ""
            refs.append(Ref(text["ref_signal"], anchor_of, anchor))
    return tuple(refs)


def shown_signals(brief: Brief, clusters: int) -> set[str]:
    """The points of attention the brief prints: every one, but of the groups of overlapping awards to
    one supplier only the ``clusters`` largest (the others are counted; the workbook has them all)."""
    grouped = set(brief.clusters)  # the engine's order: largest first
    return {s.id for s in brief.signals if s.id not in grouped} | set(brief.clusters[:clusters])


def ref_targets(brief: Brief) -> dict[str, tuple[str, str | None]]:
    """What each id a follow-up question may name is (part, item, row, signal), with its anchor's key."""
    targets: dict[str, tuple[str, str | None]] = {row.id: ("row", None) for row in brief.rows}
    for block in brief.blocks:
        if isinstance(block, ClassificationView):
            targets.update({item.id: ("item", block.id) for item in block.items})
    targets.update({signal.id: ("signal", str(n)) for n, signal in enumerate(brief.signals, start=1)})
    targets.update({part.part_id: ("part", None) for part in brief.coverage})
    return targets
