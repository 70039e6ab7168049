"""The blocks that answer a part without a table: a ``figures`` block where the answer lists figures
('- 2015: 1.104.220,35 euro;'), else a ``text`` block that quotes the part's passages.

What the document states is drafted (the figures' text, value, unit, period, VAT basis; the
passages as evidence); whether the block answers its part in full, in part or not at all, and on
what basis, is left empty for a person (``sebrief validate`` lists it), as is each English label.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sebrief.draft.commented_yaml import Entry, Flow, entry, item, mapping
from sebrief.draft.structure import Answer, AnswerPart, PassageKind, QuestionPart, VatBasis
from sebrief.draft.totals import DraftedFigure, read_figure
from sebrief.draft.values import find_vat
from sebrief.errors import Message

_STATUS = Message("answered (in full), partly or not_answered: for a person to judge; give a reason {reason} "
                  "unless answered", reason="{nl: ..., en: ...}")  # fmt: skip
_BASIS = Message("stated (the answer's words), inferred (our reading) or not_addressed: for a person to judge")
_OUR_TITLE = Message("our title: better words are welcome")
_IN_ENGLISH = Message("the label in English")


@dataclass
class BlockPlan:
    kind: str  # 'figures' or 'text'
    block_id: str
    parts: tuple[str, ...]
    evidence: list[str]
    lead_text: str | None = None
    figures: list[tuple[str, DraftedFigure, str | None]] = field(default_factory=list)  # id, figure, passage id


def plan_blocks(answer: Answer, question_parts: tuple[QuestionPart, ...], answered_by_tables: set[str],
                passage_ids: dict[int, str]) -> list[BlockPlan]:  # fmt: skip
    """A block for each part of the answer that has no table and answers question parts no table answers."""
    known = {part.id for part in question_parts}
    blocks = []
    for part in answer.parts:
        ids = tuple(i for i in part.ids if i in known and i not in answered_by_tables)
        if not ids or part.tables or not part.passages or len(ids) < len(part.ids):
            continue
        blocks.append(_block(part, ids, passage_ids))
    return blocks


def _block(part: AnswerPart, ids: tuple[str, ...], passage_ids: dict[int, str]) -> BlockPlan:
    label = ids[0] if len(ids) == 1 else f"{ids[0]}-{ids[-1]}"
    evidence = [passage_ids[id(p)] for p in part.passages]
    figures = [(p, f) for p in part.passages if (f := read_figure(p)) is not None]
    if not figures:
        return BlockPlan("text", f"X-{label}", ids, evidence)
    leads = [p for p in part.passages if p.kind is not PassageKind.ITEM and p.last_line < figures[0][0].first_line]
    lead = leads[-1].text.rstrip(" :") if leads and leads[-1].text.rstrip().endswith(":") else None
    plan = BlockPlan("figures", f"F-{label}", ids, evidence, lead)
    seen: dict[str, int] = {}
    for _, figure in figures:
        base = f"F-{label}-{figure.period_text.replace(' ', '').replace('–', '-')}"
        seen[base] = seen.get(base, 0) + 1
        figure_id = base if seen[base] == 1 else f"{base}-{seen[base]}"
        vat = figure.vat_text or (find_vat(lead)[1] if lead else None)
        plan.figures.append((figure_id, figure, vat))
    return plan


def block_entry(block: BlockPlan) -> Entry:
    answers = [
        item(entry("part", part), entry("status", None, _STATUS), entry("basis", None, _BASIS)) for part in block.parts
    ]
    if block.kind == "text":
        title = [entry("nl", f"Antwoord op vraag {', '.join(block.parts)}", _OUR_TITLE),
                 entry("en", f"Answer to question {', '.join(block.parts)}")]  # fmt: skip
        return item(
            entry("kind", "text"),
            entry("id", block.block_id),
            entry("title", title),
            entry("evidence", Flow(block.evidence), Message("the answer's passages on this part")),
            entry("answers", answers),
        )
    title = [
        entry("nl", block.lead_text or f"Cijfers bij vraag {', '.join(block.parts)}",
              Message("from the sentence that leads the figures in") if block.lead_text else _OUR_TITLE),
        entry("en", None, Message("the title in English")),
    ]  # fmt: skip
    return item(
        entry("kind", "figures"),
        entry("id", block.block_id),
        entry("title", title),
        entry("evidence", Flow(block.evidence)),
        entry("answers", answers),
        entry("figures", [_figure(block, figure_id, figure, vat) for figure_id, figure, vat in block.figures]),
    )


def _figure(block: BlockPlan, figure_id: str, figure: DraftedFigure, vat_text: str | None) -> Entry:
    label = block.lead_text
    if label:
        nl = entry("nl", label, Message("in our words what it counts: check it"))
    else:
        nl = entry("nl", None, Message("what it counts"))
    entries = [
        entry("id", figure_id),
        mapping("label", nl, entry("en", None, _IN_ENGLISH)),
        entry("text", figure.text),
        entry("value", _value(figure)),
        entry("unit", figure.unit),
    ]
    if figure.unit == "eur":
        basis = find_vat(vat_text)[0] if vat_text else VatBasis.NOT_STATED
        if vat_text:
            comment = Message("from '{text}'", text=vat_text)
        else:
            comment = Message("the answer does not say whether VAT is included")
        entries.append(entry("vat_basis", basis.value, comment))
    entries.append(entry("period", _period(figure.start, figure.end)))
    entries.append(entry("period_text", figure.period_text))
    return item(*entries)


def _value(figure: DraftedFigure) -> object:
    if figure.unit == "eur":
        return f"{figure.value:.2f}"
    return int(figure.value)


def _period(start: dt.date, end: dt.date) -> list[Entry]:
    return [entry("start", start), entry("end", end), entry("precision", "month")]
