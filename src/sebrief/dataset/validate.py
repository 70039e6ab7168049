"""Rules of a version 2 dataset that span fields and files: its structure.

Unique ids, references that resolve (parts to blocks and back, evidence to passages, items to
groups, categories and rows), and a date asked within the session year. The rules on the rows
(their kinds and grouping values) and the quotes (verbatim in the source, agreeing with the amounts,
periods and counts they state) are in ``sebrief.dataset.validate_rows``; ``check_dataset`` runs
them all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property, partial
from operator import attrgetter

from sebrief.dataset.locations import MAIN_FILE, Locations, YamlPath, choices, path_text, place
from sebrief.dataset.model import (
    Basis,
    ClassificationBlock,
    Dataset,
    DatasetFile,
    FiguresBlock,
    Item,
    TableBlock,
    TextBlock,
)
from sebrief.dataset.validate_rows import check_figures, check_quotes, check_row_texts, check_rows, row_columns
from sebrief.errors import Message, Problem


def check_dataset(dataset: Dataset, locations: Locations | None = None) -> list[Problem]:
    """Every problem the rules of this module and of ``validate_rows`` find, structure first."""
    where = locations or Locations()
    columns = row_columns(dataset.table_rows)  # the rows read once for the rules that go through them column-wise
    ids = _RowIds(columns["id"])
    checks = (
        partial(_unique_ids, ids=ids),
        _parts_and_blocks,
        partial(_references, ids=ids),
        partial(check_rows, columns=columns),
        partial(check_quotes, columns=columns),
        partial(check_row_texts, columns=columns),
        check_figures,
        _session_year,
    )
    return [problem for check in checks for problem in check(dataset, where)]


_ROW_ID = attrgetter("id")


class _RowIds:
    """The rows' ids, in their order, and the set of them, made once for the rules that ask."""

    def __init__(self, ids: Sequence[str]) -> None:
        self.ids = ids

    @cached_property
    def distinct(self) -> set[str]:
        return set(self.ids)


def _duplicates(ids: Iterable[str]) -> list[str]:
    return sorted(identifier for identifier, count in Counter(ids).items() if count > 1)


def _unique_ids(dataset: Dataset, where: Locations, ids: _RowIds | None = None) -> Iterator[Problem]:
    """Row ids unique across the tables; in dataset.yaml, each list's ids, a table's bound parts and
    the tables' files. ``ids``: the rows' ids, when the caller has them."""
    yield from _duplicate_rows(dataset, where, ids or _RowIds(list(map(_ROW_ID, dataset.table_rows))))
    yield from _duplicate_bindings(dataset.main, where)
    for owner, elements in _id_lists(dataset.main):
        for duplicate in _duplicates(identifier for identifier, _ in elements):
            paths = [element_path for identifier, element_path in elements if identifier == duplicate]
            first = where.yaml(*paths[0], "id")
            for element_path in paths[1:]:
                yield Problem(
                    MAIN_FILE,
                    where.yaml(*element_path, "id"),
                    Message(
                        "{path}: {id} is used more than once in {owner} (first on {first}); make the ids unique",
                        path=path_text((*element_path, "id")),
                        id=duplicate,
                        owner=owner,
                        first=first or "",
                    ),
                )
    yield from _duplicate_files(dataset.main, where)


def _duplicate_rows(dataset: Dataset, where: Locations, ids: _RowIds) -> Iterator[Problem]:
    if len(ids.distinct) == len(ids.ids):
        return  # every id once: no count of each (a long table's ids are all distinct)
    for row_id in _duplicates(ids.ids):
        places = where.row_places(row_id)
        if len(places) < 2:
            row = next(row for row in dataset.table_rows if row.id == row_id)
            yield Problem(
                where.row(row, "id")[0],
                Message("row {id}", id=row_id),
                Message("row id {id} is used more than once; make row ids unique across all tables", id=row_id),
            )
            continue
        first_file, first_line = places[0]
        for file, line in places[1:]:
            first_at = place(first_file, first_line)
            first = (
                Message("on {place}", place=first_at)
                if file == first_file
                else Message("in {file}, {place}", file=first_file, place=first_at)
            )
            yield Problem(
                file,
                place(file, line, "id"),
                Message(
                    "row id {id} is used more than once (first {first}); make row ids unique across all tables",
                    id=row_id,
                    first=first,
                ),
            )


def _id_lists(main: DatasetFile) -> list[tuple[Message | str, list[tuple[str, YamlPath]]]]:
    """Each list of ids in dataset.yaml: (the list's name, [(id, path of its element)])."""
    parts: list[tuple[str, YamlPath]] = []
    for p, part in enumerate(main.question.parts):
        parts.append((part.id, ("question", "parts", p)))
        parts.extend(_indexed((sub.id for sub in part.subparts), "question", "parts", p, "subparts"))
    groups: list[tuple[Message | str, list[tuple[str, YamlPath]]]] = [
        ("question.parts", parts),
        ("answer.passages", _indexed((x.id for x in main.answer.passages), "answer", "passages")),
        ("answer.blocks", _indexed((x.id for x in main.answer.blocks), "answer", "blocks")),
        ("kinds", _indexed((x.id for x in main.kinds), "kinds")),
        ("groupings", _indexed((x.id for x in main.groupings), "groupings")),
    ]
    for g, grouping in enumerate(main.groupings):
        groups.append(
            (
                Message("grouping {id}", id=grouping.id),
                _indexed((v.id for v in grouping.values), "groupings", g, "values"),
            )
        )
    for b, block in enumerate(main.answer.blocks):
        path: YamlPath = ("answer", "blocks", b)
        owner = Message("block {id}", id=block.id)
        if isinstance(block, ClassificationBlock):
            groups.append((owner, _indexed((x.id for x in block.categories), *path, "categories")))
            groups.append((owner, _indexed((x.id for x in block.groups), *path, "groups")))
            groups.append((owner, _indexed((x.id for x in block.items), *path, "items")))
        elif isinstance(block, FiguresBlock):
            groups.append((owner, _indexed((x.id for x in block.figures), *path, "figures")))
    return groups


def _duplicate_bindings(main: DatasetFile, where: Locations) -> Iterator[Problem]:
    for b, block in enumerate(main.answer.blocks):
        if not isinstance(block, TableBlock):
            continue
        path: YamlPath = ("answer", "blocks", b)
        for duplicate in _duplicates(bind.part for bind in block.binds):
            index = [i for i, bind in enumerate(block.binds) if bind.part == duplicate][1]
            yield Problem(
                MAIN_FILE,
                where.yaml(*path, "binds", index, "part"),
                Message(
                    "{path}: table {table} binds part {part} more than once; bind each part to one column",
                    path=path_text((*path, "binds", index, "part")),
                    table=block.id,
                    part=duplicate,
                ),
            )


def _duplicate_files(main: DatasetFile, where: Locations) -> Iterator[Problem]:
    files = [b.file for b in main.tables()]
    for duplicate in _duplicates(files):
        index = [
            i for i, block in enumerate(main.answer.blocks) if isinstance(block, TableBlock) and block.file == duplicate
        ][1]
        yield Problem(
            MAIN_FILE,
            where.yaml("answer", "blocks", index, "file"),
            Message(
                "{path}: another table reads {file} too; give each table its own file",
                path=path_text(("answer", "blocks", index, "file")),
                file=duplicate,
            ),
        )


def _indexed(ids: Iterable[str], *path: str | int) -> list[tuple[str, YamlPath]]:
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
    part_paths: dict[str, YamlPath] = {}
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
                    Message(
                        "part {part}: answered_by {block} is not an id in answer.blocks; use one of {ids} or add the "
                        "block",
                        part=asked.id,
                        block=block_id,
                        ids=choices(blocks),
                    ),
                )
            named_by.setdefault(block_id, set()).add(asked.id)
    for b, block in enumerate(main.answer.blocks):
        for part_id in sorted(_block_parts(block)):
            if part_id not in part_paths:
                yield Problem(
                    MAIN_FILE,
                    where.yaml("answer", "blocks", b),
                    Message(
                        "block {block} answers part {part}, which is not in question.parts; use one of {ids}",
                        block=block.id,
                        part=part_id,
                        ids=choices(part_paths),
                    ),
                )
            elif part_id not in named_by.get(block.id, set()):
                yield Problem(
                    MAIN_FILE,
                    where.yaml(*part_paths[part_id], "answered_by"),
                    Message(
                        "part {part}: block {block} answers it; add {block} to its answered_by",
                        part=part_id,
                        block=block.id,
                    ),
                )
        if block.id not in named_by:
            yield Problem(
                MAIN_FILE,
                where.yaml("answer", "blocks", b, "id"),
                Message(
                    "block {block} answers no part; name it in the answered_by of the part(s) it answers",
                    block=block.id,
                ),
            )


def _references(dataset: Dataset, where: Locations, ids: _RowIds | None = None) -> Iterator[Problem]:
    """Every id a block names is defined: passages of its evidence and points, groupings and their
    values, and an item's group, rows and categories (with a basis that fits the category). ``ids``:
    the rows' ids, when the caller has them."""
    known = _Known(dataset, where, ids)
    for b, block in enumerate(dataset.main.answer.blocks):
        path: YamlPath = ("answer", "blocks", b)
        owner = Message("block {id}", id=block.id)
        yield from known.missing_passages(block.evidence, (*path, "evidence"), owner)
        if isinstance(block, TableBlock):
            yield from _table_groupings(block, path, known)
        elif isinstance(block, TextBlock):
            for p, point in enumerate(block.points):
                yield from known.missing_passages([point.passage], (*path, "points", p, "passage"), owner)
                yield from known.grouping_values(point.groupings, (*path, "points", p, "groupings"), owner)
        elif isinstance(block, ClassificationBlock):
            for g, group in enumerate(block.groups):
                group_path = (*path, "groups", g, "groupings")
                yield from known.grouping_values(group.groupings, group_path, Message("group {id}", id=group.id))
            for i, item in enumerate(block.items):
                yield from _item_references(block, item, (*path, "items", i), known)


class _Known:
    """What the references of dataset.yaml may name (passages, rows, groupings), and where a problem
    with one stands."""

    def __init__(self, dataset: Dataset, where: Locations, ids: _RowIds | None = None) -> None:
        self.passages = {p.id for p in dataset.main.answer.passages}
        self._dataset_rows = dataset.table_rows
        self._ids = ids
        self.groupings = {g.id: g for g in dataset.main.groupings}
        self.where = where

    @cached_property
    def rows(self) -> set[str]:
        """The row ids, gathered when an item names rows (a long table has many)."""
        return self._ids.distinct if self._ids is not None else set(map(_ROW_ID, self._dataset_rows))

    def missing_passages(self, ids: Iterable[str], path: YamlPath, owner: Message) -> Iterator[Problem]:
        for missing in sorted(set(ids) - self.passages):
            yield Problem(
                MAIN_FILE,
                self.where.yaml(*path),
                Message(
                    "{owner}: evidence {id} is not an id in answer.passages; use one of those ids or add the passage",
                    owner=owner,
                    id=missing,
                ),
            )

    def grouping_values(self, values: dict[str, tuple[str, ...]], path: YamlPath, owner: Message) -> Iterator[Problem]:
        for grouping_id, value_ids in values.items():
            grouping = self.groupings.get(grouping_id)
            if grouping is None:
                yield Problem(
                    MAIN_FILE,
                    self.where.yaml(*path),
                    Message(
                        "{owner}: grouping {grouping} is not defined in groupings; use one of {ids}",
                        owner=owner,
                        grouping=grouping_id,
                        ids=choices(self.groupings),
                    ),
                )
                continue
            for value in value_ids:
                if grouping.value(value) is None:
                    yield Problem(
                        MAIN_FILE,
                        self.where.yaml(*path),
                        Message(
                            "{owner}: {value} is not a value of grouping {grouping}; use one of {ids}",
                            owner=owner,
                            value=value,
                            grouping=grouping_id,
                            ids=choices(v.id for v in grouping.values),
                        ),
                    )


def _table_groupings(block: TableBlock, path: YamlPath, known: _Known) -> Iterator[Problem]:
    for grouping_id in block.groupings:
        if grouping_id not in known.groupings:
            yield Problem(
                MAIN_FILE,
                known.where.yaml(*path, "groupings"),
                Message(
                    "table {table}: grouping {grouping} is not defined in groupings; use one of {ids} or define it",
                    table=block.id,
                    grouping=grouping_id,
                    ids=choices(known.groupings),
                ),
            )


def _item_references(block: ClassificationBlock, item: Item, item_path: YamlPath, known: _Known) -> Iterator[Problem]:
    """An item's evidence, group and rows are defined, and its categories, each fitting its basis."""
    where = known.where
    owner = Message("item {id}", id=item.id)
    yield from known.missing_passages(item.evidence, (*item_path, "evidence"), owner)
    group_ids = {g.id for g in block.groups}
    if item.group is not None and item.group not in group_ids:
        yield Problem(
            MAIN_FILE,
            where.yaml(*item_path, "group"),
            Message(
                "{owner}: group {group} is not an id in this block's groups; use one of {ids}",
                owner=owner,
                group=item.group,
                ids=choices(group_ids),
            ),
        )
    for missing in sorted(set(item.rows) - known.rows) if item.rows else ():
        yield Problem(
            MAIN_FILE,
            where.yaml(*item_path, "rows"),
            Message(
                "{owner}: row {row} is not a row id of any table; use one of them or add the row",
                owner=owner,
                row=missing,
            ),
        )
    categories = {c.id: c for c in block.categories}
    for category_id in item.categories:
        category = categories.get(category_id)
        if category is None:
            yield Problem(
                MAIN_FILE,
                where.yaml(*item_path, "categories"),
                Message(
                    "{owner}: category {category} is not defined in this block; use one of {ids}",
                    owner=owner,
                    category=category_id,
                    ids=choices(categories),
                ),
            )
        elif category.not_addressed != (item.basis is Basis.NOT_ADDRESSED):
            yield Problem(
                MAIN_FILE,
                where.yaml(*item_path, "basis"),
                Message(
                    "{owner}: category {category} holds the items the answer does not address; set basis not_addressed",
                    owner=owner,
                    category=category_id,
                )
                if category.not_addressed
                else Message(
                    "{owner}: category {category} is for items the answer addresses; basis {basis} does not fit it",
                    owner=owner,
                    category=category_id,
                    basis=item.basis.value,
                ),
            )


def _session_year(dataset: Dataset, where: Locations) -> Iterator[Problem]:
    meta = dataset.metadata
    first, second = (int(part) for part in meta.session_year.split("-"))
    if meta.date_asked.year not in (first, second):
        yield Problem(
            MAIN_FILE,
            where.yaml("metadata", "date_asked"),
            Message(
                "metadata.date_asked {date} is outside session year {year}; correct one of them",
                date=meta.date_asked,
                year=meta.session_year,
            ),
        )
