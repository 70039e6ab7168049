"""Changes since a previous version of the dataset, worded in the brief's language.

``sebrief.engine.diff`` finds the changes; this module tells them (with ``Wording``): for the
brief and the workbook (``--previous``: ``changes_since``) and for ``sebrief diff``
(``diff_lines``, ``diff_json``). Key figures are per kind and per VAT basis, never summed across.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sebrief.dataset.model import Dataset
from sebrief.engine.brief_changes import Changes, FigureDelta
from sebrief.engine.diff import DatasetDiff, diff_datasets
from sebrief.engine.wording import Wording
from sebrief.i18n import Translator
from sebrief.jsondata import json_value


def changes_since(previous: Dataset, current: Dataset, t: Translator) -> Changes:
    """What changed since ``previous``, for the brief and the workbook: a summary, a line per
    change and the key figures in both versions."""
    diff = diff_datasets(previous, current)
    words = Wording(diff, t)
    lines = tuple(words.line(change) for change in diff.changes)
    summary = (
        t.plural(
            "{count} change since version {previous}.",
            "{count} changes since version {previous}.",
            len(lines),
            previous=diff.old_id,
        )
        if lines
        else t("No changes since version {previous}.", previous=diff.old_id)
    )
    figures = tuple(
        FigureDelta(
            name=figure.name,
            label=words.figure_label(figure),
            previous=Decimal(figure.old),
            current=Decimal(figure.new),
            delta=Decimal(figure.delta),
            is_money=figure.is_money,
        )
        for figure in diff.figures
    )
    return Changes(diff.old_id, summary, lines, figures)


def diff_lines(diff: DatasetDiff, t: Translator) -> list[str]:
    """``sebrief diff``: a heading, one line per change, then the key figures that moved."""
    if not diff.changes:
        return [t("{old} -> {new}: no differences", old=diff.old_id, new=diff.new_id)]
    words = Wording(diff, t)
    heading = t.plural(
        "{old} -> {new}: {count} change",
        "{old} -> {new}: {count} changes",
        len(diff.changes),
        old=diff.old_id,
        new=diff.new_id,
    )
    lines = [heading]
    lines += [words.line(change).text for change in diff.changes]
    moved = [figure for figure in diff.figures if figure.changed]
    if moved:
        lines.append(t("Key figures that moved:"))
        lines += [f"  {words.figure_line(figure)}" for figure in moved]
    return lines


def diff_json(diff: DatasetDiff, t: Translator) -> dict[str, Any]:
    """``sebrief diff --json``: codes for tools, values as JSON data (amounts as strings with two
    decimals, dates ISO 8601), and each change and figure worded in ``t``'s language."""
    words = Wording(diff, t)
    return {
        "old_id": diff.old_id,
        "new_id": diff.new_id,
        "lang": t.lang,
        "has_changes": diff.has_changes,
        "changes": [
            {
                "section": change.section.value,
                "subject": change.subject,
                "within": change.within,
                "kind": change.kind.value,
                "field": change.field,
                "old": json_value(change.old),
                "new": json_value(change.new),
                "text": words.line(change).text,
            }
            for change in diff.changes
        ],
        "key_figures": [
            {
                "name": figure.name,
                "kind": figure.kind,
                "vat_basis": figure.vat_basis.value if figure.vat_basis else None,
                "label": words.figure_label(figure),
                "old": json_value(figure.old),
                "new": json_value(figure.new),
                "delta": json_value(figure.delta),
                "changed": figure.changed,
            }
            for figure in diff.figures
        ],
    }
