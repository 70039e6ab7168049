"""Rules of a version 2 dataset that span fields and files.

Unique ids, references that resolve (parts to blocks and back, evidence to passages, items to rows,
rows to kinds and grouping values), quotes that are verbatim in the source, and amounts, periods
and counts that agree with the text the source gives for them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from sebrief.dataset.amounts import parse_amount_text, parse_quantity_text
from sebrief.dataset.fields import shorten
from sebrief.dataset.model import (
    Basis,
    ClassificationBlock,
    Dataset,
    FiguresBlock,
    Period,
    Row,
    TableBlock,
    TextBlock,
    Unit,
    VatBasis,
)
from sebrief.dataset.periods import leading_count, parse_period_text
from sebrief.errors import Problem
from sebrief.quotes import SourceText, join_fragments

MAIN_FILE = "dataset.yaml"
Path_ = tuple[str | int, ...]


@dataclass
class Locations:
    """Where things stand in the files: YAML paths to lines, and row ids to their file and line."""

    yaml_lines: dict[Path_, int] = field(default_factory=dict)
    row_files: dict[str, str] = field(default_factory=dict)
    row_lines: dict[str, list[int]] = field(default_factory=dict)
    row_places: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # every (file, line) of a row id

    def yaml(self, *path: str | int) -> str:
        for end in range(len(path), 0, -1):
            if path[:end] in self.yaml_lines:
                return f"line {self.yaml_lines[path[:end]]}"
        return ""

    def row(self, row: Row, column: str) -> tuple[str, str]:
        lines = self.row_lines.get(row.id)
        file = self.row_files.get(row.id, "rows.csv")
        where = f"{line_word(file)} {lines[0]}, column {column}" if lines else f"row {row.id}, column {column}"
        return file, where


def line_word(file: str) -> str:
    """What a table's file counts its records in: an Excel workbook's rows, a CSV file's lines."""
    return "row" if file.endswith(".xlsx") else "line"


def check_dataset(dataset: Dataset, locations: Locations | None = None) -> list[Problem]:
    where = locations or Locations()
    checks = (_unique_ids, _parts_and_blocks, _references, _rows, _quotes, _row_texts, _figures, _session_year)
    return [problem for check in checks for problem in check(dataset, where)]


def _duplicates(ids: Iterable[str]) -> list[str]:
    return sorted(identifier for identifier, count in Counter(ids).items() if count > 1)


def _unique_ids(dataset: Dataset, where: Locations) -> Iterator[Problem]:
    main = dataset.main
    for row_id in _duplicates(row.id for row in dataset.rows):
        places = where.row_places.get(row_id, [])
        if len(places) < 2:
            row = next(row for row in dataset.rows if row.id == row_id)
            yield Problem(
                where.row(row, "id")[0],
                f"row {row_id}",
                f"row id {row_id} is used more than once; make row ids unique across all tables",
            )
            continue
        first_file, first_line = places[0]
        for file, line in places[1:]:
            first_at = f"{line_word(first_file)} {first_line}"
            first = f"on {first_at}" if file == first_file else f"in {first_file}, {first_at}"
            yield Problem(
                file,
                f"{line_word(file)} {line}, column id",
                f"row id {row_id} is used more than once (first {first}); make row ids unique across all tables",
            )
    # Each list of ids in dataset.yaml: (the list's name, [(id, path of its element)]).
    parts: list[tuple[str, Path_]] = []
    for p, part in enumerate(main.question.parts):
        parts.append((part.id, ("question", "parts", p)))
        parts.extend(_indexed((sub.id for sub in part.subparts), "question", "parts", p, "subparts"))
    groups: list[tuple[str, list[tuple[str, Path_]]]] = [
        ("question.parts", parts),
        ("answer.passages", _indexed((x.id for x in main.answer.passages), "answer", "passages")),
        ("answer.blocks", _indexed((x.id for x in main.answer.blocks), "answer", "blocks")),
        ("kinds", _indexed((x.id for x in main.kinds), "kinds")),
        ("groupings", _indexed((x.id for x in main.groupings), "groupings")),
    ]
    for g, grouping in enumerate(main.groupings):
        groups.append((f"grouping {grouping.id}", _indexed((v.id for v in grouping.values), "groupings", g, "values")))
    for b, block in enumerate(main.answer.blocks):
        path: Path_ = ("answer", "blocks", b)
        owner = f"block {block.id}"
        if isinstance(block, ClassificationBlock):
            groups.append((owner, _indexed((x.id for x in block.categories), *path, "categories")))
            groups.append((owner, _indexed((x.id for x in block.groups), *path, "groups")))
            groups.append((owner, _indexed((x.id for x in block.items), *path, "items")))
        elif isinstance(block, FiguresBlock):
            groups.append((owner, _indexed((x.id for x in block.figures), *path, "figures")))
        elif isinstance(block, TableBlock):
            for duplicate in _duplicates(bind.part for bind in block.binds):
                index = [i for i, bind in enumerate(block.binds) if bind.part == duplicate][1]
                yield Problem(
                    MAIN_FILE,
                    where.yaml(*path, "binds", index, "part"),
                    f"{_path_text((*path, 'binds', index, 'part'))}: table {block.id} binds part {duplicate} more than "
                    "once; bind each part to one column",
                )
    for owner, elements in groups:
        for duplicate in _duplicates(identifier for identifier, _ in elements):
            paths = [element_path for identifier, element_path in elements if identifier == duplicate]
            first = where.yaml(*paths[0], "id")
            for element_path in paths[1:]:
                yield Problem(
                    MAIN_FILE,
                    where.yaml(*element_path, "id"),
                    f"{_path_text((*element_path, 'id'))}: {duplicate} is used more than once in {owner} "
                    f"(first on {first}); make the ids unique",
                )
    files = [b.file for b in main.tables()]
    for duplicate in _duplicates(files):
        index = [
            i for i, block in enumerate(main.answer.blocks) if isinstance(block, TableBlock) and block.file == duplicate
        ][1]
        yield Problem(
            MAIN_FILE,
            where.yaml("answer", "blocks", index, "file"),
            f"{_path_text(('answer', 'blocks', index, 'file'))}: another table reads {duplicate} too; give each table "
            "its own file",
        )


def _indexed(ids: Iterable[str], *path: str | int) -> list[tuple[str, Path_]]:
    """Each id with the path of its element in a list at ``path``."""
    return [(identifier, (*path, index)) for index, identifier in enumerate(ids)]


def _block_parts(block: TableBlock | ClassificationBlock | FiguresBlock | TextBlock) -> set[str]:
    """The parts a block says it answers (bindings, judged answers, categories)."""
    parts = {answer.part for answer in block.answers}
    if isinstance(block, TableBlock):
        parts |= {bind.part for bind in block.binds}
    if isinstance(block, ClassificationBlock):
        parts |= {c.answers for c in block.categories if c.answers}
    return parts


def _parts_and_blocks(dataset: Dataset, where: Locations) -> Iterator[Problem]:
    """Parts name the blocks that answer them, and blocks answer only parts that name them."""
    main = dataset.main
    blocks = {b.id: b for b in main.answer.blocks}
    part_paths: dict[str, Path_] = {}
    for p, part in enumerate(main.question.parts):
        part_paths[part.id] = ("question", "parts", p)
        for s, sub in enumerate(part.subparts):
            part_paths[sub.id] = ("question", "parts", p, "subparts", s)
    named_by: dict[str, set[str]] = {}
    for asked in main.question.all_parts():
        for block_id in asked.answered_by:
            if block_id not in blocks:
                yield Problem(
                    MAIN_FILE,
                    where.yaml(*part_paths[asked.id], "answered_by"),
                    f"part {asked.id}: answered_by {block_id} is not an id in answer.blocks; use one of "
                    f"{_choices(blocks)} or add the block",
                )
            named_by.setdefault(block_id, set()).add(asked.id)
    for b, block in enumerate(main.answer.blocks):
        for part_id in sorted(_block_parts(block)):
            if part_id not in part_paths:
                yield Problem(
                    MAIN_FILE,
                    where.yaml("answer", "blocks", b),
                    f"block {block.id} answers part {part_id}, which is not in question.parts; use one of "
                    f"{_choices(part_paths)}",
                )
            elif part_id not in named_by.get(block.id, set()):
                yield Problem(
                    MAIN_FILE,
                    where.yaml(*part_paths[part_id], "answered_by"),
                    f"part {part_id}: block {block.id} answers it; add {block.id} to its answered_by",
                )
        if block.id not in named_by:
            yield Problem(
                MAIN_FILE,
                where.yaml("answer", "blocks", b, "id"),
                f"block {block.id} answers no part; name it in the answered_by of the part(s) it answers",
            )


def _references(dataset: Dataset, where: Locations) -> Iterator[Problem]:
    main = dataset.main
    passages = {p.id for p in main.answer.passages}
    rows = {row.id for row in dataset.rows}
    groupings = {g.id: g for g in main.groupings}

    def missing_passages(ids: Iterable[str], path: Path_, owner: str) -> Iterator[Problem]:
        for missing in sorted(set(ids) - passages):
            yield Problem(
                MAIN_FILE,
                where.yaml(*path),
                f"{owner}: evidence {missing} is not an id in answer.passages; use one of those ids or add the passage",
            )

    def grouping_values(values: dict[str, tuple[str, ...]], path: Path_, owner: str) -> Iterator[Problem]:
        for grouping_id, value_ids in values.items():
            grouping = groupings.get(grouping_id)
            if grouping is None:
                yield Problem(
                    MAIN_FILE,
                    where.yaml(*path),
                    f"{owner}: grouping {grouping_id} is not defined in groupings; use one of {_choices(groupings)}",
                )
                continue
            for value in value_ids:
                if grouping.value(value) is None:
                    yield Problem(
                        MAIN_FILE,
                        where.yaml(*path),
                        f"{owner}: {value} is not a value of grouping {grouping_id}; use one of "
                        f"{_choices(v.id for v in grouping.values)}",
                    )

    for b, block in enumerate(main.answer.blocks):
        path: Path_ = ("answer", "blocks", b)
        yield from missing_passages(block.evidence, (*path, "evidence"), f"block {block.id}")
        if isinstance(block, TableBlock):
            for grouping_id in block.groupings:
                if grouping_id not in groupings:
                    yield Problem(
                        MAIN_FILE,
                        where.yaml(*path, "groupings"),
                        f"table {block.id}: grouping {grouping_id} is not defined in groupings; "
                        f"use one of {_choices(groupings)} or define it",
                    )
        elif isinstance(block, TextBlock):
            for p, point in enumerate(block.points):
                yield from missing_passages([point.passage], (*path, "points", p, "passage"), f"block {block.id}")
                yield from grouping_values(point.groupings, (*path, "points", p, "groupings"), f"block {block.id}")
        elif isinstance(block, ClassificationBlock):
            categories = {c.id: c for c in block.categories}
            group_ids = {g.id for g in block.groups}
            for g, group in enumerate(block.groups):
                yield from grouping_values(group.groupings, (*path, "groups", g, "groupings"), f"group {group.id}")
            for i, item in enumerate(block.items):
                item_path = (*path, "items", i)
                owner = f"item {item.id}"
                yield from missing_passages(item.evidence, (*item_path, "evidence"), owner)
                if item.group is not None and item.group not in group_ids:
                    yield Problem(
                        MAIN_FILE,
                        where.yaml(*item_path, "group"),
                        f"{owner}: group {item.group} is not an id in this block's groups; use one of "
                        f"{_choices(group_ids)}",
                    )
                for missing in sorted(set(item.rows) - rows):
                    yield Problem(
                        MAIN_FILE,
                        where.yaml(*item_path, "rows"),
                        f"{owner}: row {missing} is not a row id of any table; use one of them or add the row",
                    )
                for category_id in item.categories:
                    category = categories.get(category_id)
                    if category is None:
                        yield Problem(
                            MAIN_FILE,
                            where.yaml(*item_path, "categories"),
                            f"{owner}: category {category_id} is not defined in this block; use one of "
                            f"{_choices(categories)}",
                        )
                    elif category.not_addressed != (item.basis is Basis.NOT_ADDRESSED):
                        yield Problem(
                            MAIN_FILE,
                            where.yaml(*item_path, "basis"),
                            f"{owner}: category {category_id} "
                            + (
                                "holds the items the answer does not address; set basis not_addressed"
                                if category.not_addressed
                                else f"is for items the answer addresses; basis {item.basis.value} does not fit it"
                            ),
                        )


def _rows(dataset: Dataset, where: Locations) -> Iterator[Problem]:
    """Each row's kind and grouping values are defined, in the table's groupings."""
    main = dataset.main
    kinds = {k.id for k in main.kinds}
    tables = {t.id: t for t in main.tables()}
    groupings = {g.id: g for g in main.groupings}
    for row in dataset.rows:
        table = tables.get(row.table)
        if row.kind not in kinds:
            yield Problem(
                *where.row(row, "kind"),
                f"kind {row.kind!r} is not defined in {MAIN_FILE} kinds; use one of {_choices(kinds)} or define it",
            )
        for grouping_id, values in row.groupings.items():
            grouping = groupings.get(grouping_id)
            if grouping is None or table is None or grouping_id not in table.groupings:
                continue  # the loader only reads the table's grouping columns
            if len(values) > 1 and not grouping.multiple:
                yield Problem(
                    *where.row(row, grouping_id),
                    f"grouping {grouping_id} takes one value per row; keep one, or set multiple: true in {MAIN_FILE}",
                )
            for value in values:
                if grouping.value(value) is None:
                    yield Problem(
                        *where.row(row, grouping_id),
                        f"{value!r} is not a value of grouping {grouping_id}; use one of "
                        f"{_choices(v.id for v in grouping.values)} or add it in {MAIN_FILE}",
                    )


def yaml_quotes(dataset: Dataset) -> Iterator[tuple[Path_, str]]:
    """Every verbatim passage of dataset.yaml with its path."""
    main = dataset.main
    meta_title = main.metadata.title
    yield ("metadata", "title"), meta_title
    for i, intro in enumerate(main.question.introduction):
        yield ("question", "introduction", i, "text"), intro.text
    for p, part in enumerate(main.question.parts):
        yield ("question", "parts", p, "text"), part.text
        for s, sub in enumerate(part.subparts):
            yield ("question", "parts", p, "subparts", s, "text"), sub.text
    for g, grouping in enumerate(main.groupings):
        for v, value in enumerate(grouping.values):
            if value.text:
                yield ("groupings", g, "values", v, "text"), value.text
    for p, passage in enumerate(main.answer.passages):
        yield ("answer", "passages", p, "text"), passage.text
    for b, block in enumerate(main.answer.blocks):
        if isinstance(block, ClassificationBlock):
            for g, group in enumerate(block.groups):
                yield ("answer", "blocks", b, "groups", g, "text"), group.text
            for i, item in enumerate(block.items):
                yield ("answer", "blocks", b, "items", i, "text"), item.text
        elif isinstance(block, FiguresBlock):
            for f, figure in enumerate(block.figures):
                yield ("answer", "blocks", b, "figures", f, "text"), figure.text
                if figure.period_text:
                    yield ("answer", "blocks", b, "figures", f, "period_text"), figure.period_text


def row_quotes(row: Row) -> Iterator[tuple[str, str]]:
    """Every verbatim field of a table row with its column."""
    yield ("description_source", row.description_source) if row.description_source else ("description", row.description)
    for column in ("period_text", "amount_text", "beneficiary", "vat_text", "procedure"):
        value = getattr(row, column)
        if value:
            yield column, value


def _quotes(dataset: Dataset, where: Locations) -> Iterator[Problem]:
    source = SourceText.from_text(dataset.source_text)
    hint = "not found verbatim in the source text; copy it exactly (white space may differ)"
    for path, text in yaml_quotes(dataset):
        if source.locate(text) is None:
            yield Problem(MAIN_FILE, where.yaml(*path), f"{_path_text(path)}: {shorten(text)!r} {hint}")
    near = 0  # a table's rows stand in order in the source: look for each near the one before
    for row in dataset.rows:
        first = True
        for column, text in row_quotes(row):
            span = source.find(text, near)
            if span is None:
                yield Problem(*where.row(row, column), f"{shorten(text)!r} {hint}")
            elif first:
                near, first = span[0], False


def _row_texts(dataset: Dataset, where: Locations) -> Iterator[Problem]:
    for row in dataset.rows:
        if row.description_source and join_fragments(row.description_source) != join_fragments(row.description):
            yield Problem(
                *where.row(row, "description"),
                "description must be description_source with its fragments joined by a space; "
                f"write {shorten(join_fragments(row.description_source))!r}",
            )
        if row.amount is not None and row.amount_text is not None:
            parsed = parse_amount_text(row.amount_text)
            if parsed is None:
                yield Problem(
                    *where.row(row, "amount_text"),
                    f"cannot read an amount in {row.amount_text!r}; write it as in the source, e.g. '29.440 euro'",
                )
            elif parsed != row.amount:
                yield Problem(
                    *where.row(row, "amount"),
                    f"amount {row.amount} does not match amount_text {row.amount_text!r}, which reads {parsed}; "
                    "correct one of them",
                )
        if row.vat_basis is not VatBasis.NOT_STATED and not row.vat_text:
            yield Problem(
                *where.row(row, "vat_text"),
                f"vat_basis {row.vat_basis.value} needs the source's words for it in vat_text, e.g. '(excl. BTW)'",
            )
        count = leading_count(row.beneficiary)
        if count is not None and count != row.beneficiary_count:
            yield Problem(
                *where.row(row, "beneficiary_count"), f"the beneficiary says {count}; set beneficiary_count to {count}"
            )
        mismatch = period_mismatch(row.period, row.period_text)
        if mismatch:
            yield Problem(*where.row(row, "period_start"), mismatch)


def period_mismatch(period: Period | None, period_text: str | None) -> str | None:
    """Why ``period`` and the source's words for it disagree, or None when they agree or the words
    cannot be read as a period."""
    if period is None or period_text is None:
        return None
    read = parse_period_text(join_fragments(period_text))
    if read is None or read == (period.start, period.end, period.precision):
        return None
    start, end, precision = read
    return (
        f"period {period.start} to {period.end} ({period.precision.value}) does not match period_text "
        f"{period_text!r}, which reads {start} to {end} ({precision.value}); correct the dates or period_text"
    )


def _figures(dataset: Dataset, where: Locations) -> Iterator[Problem]:
    for b, block in enumerate(dataset.main.answer.blocks):
        if not isinstance(block, FiguresBlock):
            continue
        for f, figure in enumerate(block.figures):
            # An amount reads as one ('1,2 miljoen euro'); a count, FTE or share as the one number its text
            # holds ('1.204 dossiers', '14,5 VTE'). A text with no number in digits, or several, is not read.
            parsed = parse_amount_text(figure.text) if figure.unit is Unit.EUR else parse_quantity_text(figure.text)
            if parsed is not None and parsed != figure.value:
                yield Problem(
                    MAIN_FILE,
                    where.yaml("answer", "blocks", b, "figures", f, "value"),
                    f"figure {figure.id}: value {figure.value} does not match its text {figure.text!r}, which reads "
                    f"{parsed if figure.unit is Unit.EUR else format(parsed.normalize(), 'f')}; correct one of them",
                )
            mismatch = period_mismatch(figure.period, figure.period_text)
            if mismatch:
                yield Problem(
                    MAIN_FILE,
                    where.yaml("answer", "blocks", b, "figures", f, "period"),
                    f"figure {figure.id}: {mismatch}",
                )


def _session_year(dataset: Dataset, where: Locations) -> Iterator[Problem]:
    meta = dataset.metadata
    first, second = (int(part) for part in meta.session_year.split("-"))
    if meta.date_asked.year not in (first, second):
        yield Problem(
            MAIN_FILE,
            where.yaml("metadata", "date_asked"),
            f"metadata.date_asked {meta.date_asked} is outside session year {meta.session_year}; correct one of them",
        )


def _choices(ids: Iterable[str], limit: int = 8) -> str:
    ordered = sorted(ids)
    if not ordered:
        return "(none defined)"
    shown = ", ".join(ordered[:limit])
    return shown + (f" … ({len(ordered) - limit} more)" if len(ordered) > limit else "")


def _path_text(path: Path_) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else p) for i, p in enumerate(path))
