"""The ``kinds`` of a drafted dataset.yaml: the kinds the source labels rows with ('Studie: ...'),
then one to define for each table whose rows have none; what a person must fill in is left empty
with a comment, and the rows left without a kind are added to the plan's gaps.
"""

from __future__ import annotations

import re

from sebrief.draft.commented_yaml import Entry, entry, item, mapping, to_fill
from sebrief.draft.dataset_plan import DatasetPlan, TablePlan
from sebrief.draft.structure import Gap
from sebrief.errors import Message

_PROCUREMENT = Message(
    "true if these rows are public procurement (their amounts are compared with the procurement "
    "thresholds, excl. VAT), false if not (subsidies, grants, work in house)"
)
_IN_ENGLISH = Message("the label in English")


def _plural(label: str, words: set[str]) -> str | None:
    """The plural of a label, when the source uses it: 'Overheidsopdracht' -> 'Overheidsopdrachten'."""
    lower = label.lower()
    for ending in ("en", "s", "'s", lower[-1:] + "en"):
        if lower + ending in words:
            return label + ending
    return None


def kinds_entry(plan: DatasetPlan, source_text: str) -> Entry:
    """The kinds the source labels rows with, then one to define for each table whose rows have none."""
    words = set(re.findall(r"[^\W\d_][\w'-]*", source_text.lower()))
    kinds = _labelled_kinds(plan)
    entries = [_labelled_kind(kind_id, label, _plural(label, words)) for kind_id, label in kinds.items()]
    for table in plan.tables:
        if not any(row.kind for row in table.table.rows):
            hint = Message(
                "the source gives no kind for its rows: define the kind(s) in dataset.yaml and fill in the kind column"
            )
            what = Message("kind of the rows of {file}", file=table.file)
            plan.gaps.append(Gap(what, Message("table {table}", table=table.block_id), hint))
            entries.append(_kind_to_define(table))
    if kinds:
        above = Message("The kinds of the tables' rows, from the labels the source puts before the rows' descriptions.")
    else:
        above = Message("The kinds of the tables' rows.")
    return entry("kinds", entries, above=("", above))


def _labelled_kinds(plan: DatasetPlan) -> dict[str, str]:
    """Kind id -> label of the kinds the rows are labelled with; a gap for each unlabelled row among them."""
    kinds: dict[str, str] = {}
    for table in plan.tables:
        labelled = any(row.kind for row in table.table.rows)
        for row_id, row in zip(table.row_ids, table.table.rows, strict=True):
            if row.kind:
                kinds.setdefault(row.kind, row.kind_text or row.kind)
            elif labelled:
                plan.gaps.append(
                    Gap(
                        Message("row {row} kind", row=row_id),
                        Message("{file}, line {line} of the source", file=table.file, line=row.first_line),
                        Message("the source gives no kind for this row: fill in its kind column"),
                    )
                )
    return kinds


def _labelled_kind(kind_id: str, label: str, plural: str | None) -> Entry:
    return item(
        entry("id", kind_id),
        mapping("label", entry("nl", label), entry("en", None, _IN_ENGLISH)),
        mapping("plural", to_fill("nl", plural, Message("the plural in Dutch (not found in the source)")),
                entry("en", None, Message("the plural in English"))),
        entry("procurement", None, _PROCUREMENT),
    )  # fmt: skip


def _kind_to_define(table: TablePlan) -> Entry:
    return item(
        entry("id", None, Message("the source gives no kind for the rows of {file}: give one (e.g. study) and "
                                  "write it in the kind column of each of its rows", file=table.file)),
        mapping("label", entry("nl", None, Message("the label in Dutch")), entry("en", None, _IN_ENGLISH)),
        mapping("plural", entry("nl", None, Message("the plural in Dutch")),
                entry("en", None, Message("the plural in English"))),
        entry("procurement", None, _PROCUREMENT),
    )  # fmt: skip
