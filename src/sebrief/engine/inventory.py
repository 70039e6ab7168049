"""What a valid dataset holds, counted for ``sebrief validate``: its rows per kind and in procedure,
its answer blocks per kind, and its parts and subparts with how many are answered."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import compress, repeat
from operator import eq
from typing import Any, cast

from sebrief.dataset.model import Dataset, Row, RowStatus
from sebrief.dataset.table_rows import TableRows
from sebrief.engine.coverage import TableColumns, bound_fields, part_statuses
from sebrief.i18n import Translator, _

# The kinds of answer blocks, in the order the summary names them: ``change_names.BLOCK_KINDS``
# (a test holds them equal), without the diff's machinery that module comes with.
BLOCK_KINDS = {
    "table": _("table"),
    "classification": _("classification"),
    "figures": _("figures"),
    "text": _("text"),
}
# The parts' statuses, in the order the summary counts them, with their labels: the coverage of
# ``vocabulary.VOCABULARY`` (a test holds them equal), without the brief's values that module comes with.
COVERAGE = {
    "answered": _("Answered"),
    "partly": _("Partly answered"),
    "not_answered": _("Not answered explicitly"),
}


def inventory(dataset: Dataset, t: Translator) -> tuple[str, ...]:
    """A line each for the rows (per kind, with the kinds' labels from the dataset), the answer
    blocks (per kind) and the parts of the question (per status), in ``t``'s language."""
    main = dataset.main
    lines = []
    # The rows read column-wise, in one pass: their kinds, statuses and tables, and the fields the
    # tables' bindings ask about (for the parts' coverage), without a Python step per row.
    rows = dataset.table_rows  # (a dataset loaded for checking only keeps them in columns)
    column = _columns(rows, ("kind", "status", "table", *bound_fields(main.tables())))
    if rows:
        # What ``money.kind_sums`` counts of each kind (in the dataset's order of kinds; a kind
        # without rows left out), counted once per kind rather than row by row.
        kinds, statuses = column["kind"], column["status"]
        counts = Counter(kinds)
        pending_of = Counter(compress(kinds, map(eq, statuses, repeat(RowStatus.IN_PROCEDURE))))
        in_house_of = Counter(compress(kinds, map(eq, statuses, repeat(RowStatus.IN_HOUSE))))
        per_kind, pending, in_house = [], 0, 0
        for kind in main.kinds:
            count = counts[kind.id]
            if not count:
                continue
            per_kind.append(f"{(kind.label if count == 1 else kind.plural).get(t.lang)}: {count}")
            pending += pending_of[kind.id]
            in_house += in_house_of[kind.id]
        lines.append(
            t(
                "Rows: {count} ({kinds}); {pending} in procedure",
                count=len(rows),
                kinds=", ".join(per_kind),
                pending=pending,
            )
            + (t("; {count} done in house", count=in_house) if in_house else "")
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
    statuses = part_statuses(dataset, t, *_tables(rows, column))
    per_status = [
        f"{t(name)}: {count}"
        for code, name in COVERAGE.items()
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


def _columns(rows: Sequence[Row], fields: tuple[str, ...]) -> dict[str, Sequence[Any]]:
    """The rows' ``fields``, a column each, read in one pass."""
    columns = TableColumns(rows)
    columns.read(*fields)
    return {field: columns.column(field) for field in fields}


def _tables(
    rows: Sequence[Row], column: dict[str, Sequence[Any]]
) -> tuple[Mapping[str, Sequence[Row]], dict[str, TableColumns]]:
    """The rows of each table (``tally.rows_by_table``), and those of a table read column-wise: all
    of them, without a step per row, when they are of one table, as a dataset's rows most often are."""
    names = set(column["table"])
    if len(names) == 1:
        name = names.pop()
        return {name: rows}, {name: TableColumns(rows, column)}
    if isinstance(rows, TableRows):  # kept in columns: each table's too
        parts = cast(dict[str, TableRows], rows.split(column["table"]))
        return parts, {name: TableColumns(part) for name, part in parts.items()}
    from sebrief.engine.tally import rows_by_table  # (the tally and the brief it comes with, when needed)

    return rows_by_table(rows), {}
