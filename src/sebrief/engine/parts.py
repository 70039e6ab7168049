"""The question part by part: each part's status, and the blocks laid out under it."""

from __future__ import annotations

from sebrief.dataset.model import Dataset
from sebrief.engine.brief_values import PartCoverage, PartSection
from sebrief.engine.coverage import PartStatus
from sebrief.engine.vocabulary import label
from sebrief.i18n import Translator


def part_sections(dataset: Dataset, statuses: tuple[PartStatus, ...], t: Translator) -> tuple[PartSection, ...]:
    """Each part with the blocks laid out under it: a block is shown under the first part that names it."""
    by_id = {s.part_id: s for s in statuses}
    shown: set[str] = set()

    def section(part_id: str, answered_by: tuple[str, ...], subparts: tuple[PartSection, ...] = ()) -> PartSection:
        status = by_id[part_id]
        here = tuple(b for b in answered_by if b not in shown)
        shown.update(here)
        return PartSection(
            part_id=part_id,
            question=status.question,
            status=label(t, "coverage", status.status.value),
            basis=label(t, "basis", status.basis.value),
            reason=status.reason,
            block_ids=here,
            see_also=tuple(b for b in answered_by if b not in here),
            subparts=subparts,
        )

    out = []
    for part in dataset.main.question.parts:
        own = section(part.id, part.answered_by)
        subs = tuple(section(sub.id, sub.answered_by) for sub in part.subparts)
        out.append(
            PartSection(own.part_id, own.question, own.status, own.basis, own.reason, own.block_ids, own.see_also, subs)
        )
    return tuple(out)


def part_coverage(statuses: tuple[PartStatus, ...], t: Translator) -> tuple[PartCoverage, ...]:
    """Every part and subpart with its status and basis, in the question's order."""
    return tuple(
        PartCoverage(
            s.part_id,
            s.parent_id,
            s.question,
            label(t, "coverage", s.status.value),
            label(t, "basis", s.basis.value),
            s.reason,
        )
        for s in statuses
    )
