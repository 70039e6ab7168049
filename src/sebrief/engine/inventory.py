"""What a valid dataset holds, counted for ``sebrief validate``: its rows per kind and in procedure,
its answer blocks per kind, and its parts and subparts with how many are answered."""

from __future__ import annotations

from sebrief.dataset.model import Dataset
from sebrief.engine.change_names import BLOCK_KINDS
from sebrief.engine.coverage import part_statuses
from sebrief.engine.money import kind_sums
from sebrief.engine.vocabulary import label
from sebrief.i18n import Translator
from sebrief.reference import procurement_rules


def inventory(dataset: Dataset, t: Translator) -> tuple[str, ...]:
    """A line each for the rows (per kind, with the kinds' labels from the dataset), the answer
    blocks (per kind) and the parts of the question (per status), in ``t``'s language."""
    main = dataset.main
    lines = []
    if dataset.rows:
        labels = {kind.id: kind for kind in main.kinds}
        sums = kind_sums(dataset, dataset.rows, procurement_rules().vat.standard_rate)
        per_kind = [
            f"{(labels[s.kind].label if s.rows == 1 else labels[s.kind].plural).get(t.lang)}: {s.rows}" for s in sums
        ]
        lines.append(
            t(
                "Rows: {count} ({kinds}); {pending} in procedure",
                count=len(dataset.rows),
                kinds=", ".join(per_kind),
                pending=sum(s.in_procedure for s in sums),
            )
            + (t("; {count} done in house", count=in_house) if (in_house := sum(s.in_house for s in sums)) else "")
        )
    else:
        lines.append(t("Rows: none (the answer has no table)"))
    per_block = [
        f"{t(name)}: {count}"
        for kind, name in BLOCK_KINDS.items()
        if (count := sum(1 for block in main.answer.blocks if block.kind == kind))
    ]
    lines.append(
        t("Answer blocks: {count} ({kinds})", count=len(main.answer.blocks), kinds=", ".join(per_block))
        if per_block
        else t("Answer blocks: none")
    )
    statuses = part_statuses(dataset, t)
    per_status = [
        f"{label(t, 'coverage', code).label}: {count}"
        for code in ("answered", "partly", "not_answered")
        if (count := sum(1 for status in statuses if status.status.value == code))
    ]
    lines.append(
        t(
            "Parts: {parts}, subparts: {subparts}. {per_status}",
            parts=len(main.question.parts),
            subparts=len(statuses) - len(main.question.parts),
            per_status=", ".join(per_status),
        )
    )
    return tuple(lines)
