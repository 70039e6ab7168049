"""Rules of a version 2 dataset on its rows and its quotes.

Each row's kind and grouping values are defined (in the table's groupings); every quote is verbatim in
the source text; and amounts, periods, counts and figures agree with the words the source gives for
them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from itertools import chain, compress, repeat
from operator import and_, attrgetter, is_, is_not, itemgetter, ne, not_
from typing import Any

from sebrief.dataset.amounts import parse_amount_text, parse_quantity_text, read_amount_text, read_amount_texts
from sebrief.dataset.fields import shorten
from sebrief.dataset.locations import MAIN_FILE, Locations, YamlPath, choices, path_text
from sebrief.dataset.model import (
    ClassificationBlock,
    Dataset,
    FiguresBlock,
    Grouping,
    Period,
    Row,
    TableBlock,
    Unit,
    VatBasis,
)
from sebrief.dataset.periods import leading_count, parse_period_text
from sebrief.dataset.table_rows import TableRows
from sebrief.dataset.verbatim import VerbatimSource
from sebrief.dataset.verbatim import row_quotes as row_quotes  # where the tests and tools have found it
from sebrief.errors import Message, Problem
from sebrief.quotes import join_fragments

# The fields the rules on rows read column-wise, read from the rows in one pass (``row_columns``).
ROW_COLUMNS = (
    "id",
    "kind",
    "table",
    "groupings",
    "description_source",
    "amount",
    "amount_text",
    "vat_basis",
    "vat_text",
    "beneficiary",
    "beneficiary_count",
    "period",
    "period_text",
    "description",
    "period_from_table",
    "procedure",
)  # (with the fields of ``verbatim.QUOTE_FIELDS``)
_ROW_FIELDS = itemgetter(*ROW_COLUMNS)
_FIELDS_OF = attrgetter("__dict__")
Columns = dict[str, Sequence[Any]]
_NOT_STATED = VatBasis.NOT_STATED
_FEW_MISSING = 1000  # rows without an amount or its text, taken out of copies of the columns one by one


def row_columns(rows: Sequence[Row]) -> Columns:
    """The fields of ``ROW_COLUMNS``, a column each (a tuple in the rows' order), read from the rows
    in one pass: the rules on rows then go through a long table column by column."""
    if not rows:
        return dict.fromkeys(ROW_COLUMNS, ())
    if isinstance(rows, TableRows):  # kept in columns already
        return {field: rows.column(field) for field in ROW_COLUMNS}
    try:
        records = list(map(_ROW_FIELDS, map(_FIELDS_OF, rows)))  # (a row's fields are its __dict__'s)
    except (AttributeError, KeyError):
        records = list(map(attrgetter(*ROW_COLUMNS), rows))
    return dict(zip(ROW_COLUMNS, zip(*records, strict=True), strict=True))


def check_rows(dataset: Dataset, where: Locations, columns: Columns | None = None) -> Iterator[Problem]:
    """Each row's kind and grouping values are defined, in the table's groupings. ``columns``: the
    rows' ``row_columns``, when the caller has them."""
    main = dataset.main
    kinds = {k.id for k in main.kinds}
    tables = {t.id: t for t in main.tables()}
    groupings = {g.id: g for g in main.groupings}
    values_of = {g.id: {v.id for v in g.values} for g in main.groupings}
    rows = dataset.table_rows
    for row in _grouping_suspects(rows, columns or row_columns(rows), kinds, tables, groupings, values_of):
        table = tables.get(row.table)
        if row.kind not in kinds:
            yield Problem(
                *where.row(row, "kind"),
                Message(
                    "kind {kind} is not defined in {file} kinds; use one of {ids} or define it",
                    kind=repr(row.kind),
                    file=MAIN_FILE,
                    ids=choices(kinds),
                ),
            )
        for grouping_id, values in row.groupings.items():
            grouping = groupings.get(grouping_id)
            if grouping is None or table is None or grouping_id not in table.groupings:
                continue  # the loader only reads the table's grouping columns
            if len(values) > 1 and not grouping.multiple:
                yield Problem(
                    *where.row(row, grouping_id),
                    Message(
                        "grouping {grouping} takes one value per row; keep one, or set multiple: true in {file}",
                        grouping=grouping_id,
                        file=MAIN_FILE,
                    ),
                )
            defined = values_of[grouping_id]
            for value in values:
                if value not in defined:
                    yield Problem(
                        *where.row(row, grouping_id),
                        Message(
                            "{value} is not a value of grouping {grouping}; use one of {ids} or add it in {file}",
                            value=repr(value),
                            grouping=grouping_id,
                            ids=choices(v.id for v in grouping.values),
                            file=MAIN_FILE,
                        ),
                    )


def _grouping_suspects(
    rows: Sequence[Row],
    columns: Columns,
    kinds: set[str],
    tables: dict[str, TableBlock],
    groupings: dict[str, Grouping],
    values_of: dict[str, set[str]],
) -> Sequence[Row]:
    """The rows ``check_rows`` may find a problem in, in order: every row that has one, and maybe
    others. A long table repeats a few kinds, and a few values of each grouping: each distinct one
    (with the table of its row) is judged once, and the rows are gone through column-wise, a
    grouping at a time, without a Python step per row."""
    row_kinds, row_tables, row_groupings = columns["kind"], columns["table"], columns["groupings"]
    odd_kinds = set(row_kinds) - kinds
    suspects = set(compress(range(len(rows)), map(odd_kinds.__contains__, row_kinds))) if odd_kinds else set()
    one_table = len(set(row_tables)) == 1
    try:
        for grouping_id in set(chain.from_iterable(row_groupings)):
            given = list(map(dict.get, row_groupings, repeat(grouping_id)))  # None where a row has none
            if one_table:
                table = tables.get(row_tables[0])
                odd = {ids for ids in set(given) if not _grouping_fits(table, grouping_id, ids, groupings, values_of)}
                flags = map(odd.__contains__, given)
            else:
                pairs = set(zip(row_tables, given, strict=True))
                odd = {
                    pair
                    for pair in pairs
                    if not _grouping_fits(tables.get(pair[0]), grouping_id, pair[1], groupings, values_of)
                }
                flags = map(odd.__contains__, zip(row_tables, given, strict=True))
            if odd:
                suspects.update(compress(range(len(rows)), flags))
    except TypeError:  # a value that is not hashable: not what the loader makes, judged row by row
        return rows
    return [rows[index] for index in sorted(suspects)]


def _grouping_fits(
    table: TableBlock | None,
    grouping_id: str,
    ids: tuple[str, ...] | None,
    groupings: dict[str, Grouping],
    values_of: dict[str, set[str]],
) -> bool:
    """Whether a row of ``table`` with these values of a grouping passes the rules of ``check_rows``."""
    grouping = groupings.get(grouping_id)
    if ids is None or grouping is None or table is None or grouping_id not in table.groupings:
        return True
    return (len(ids) <= 1 or grouping.multiple) and values_of[grouping_id].issuperset(ids)


def yaml_quotes(dataset: Dataset) -> Iterator[tuple[YamlPath, str]]:
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
        elif isinstance(block, TableBlock) and block.period_text:
            yield ("answer", "blocks", b, "period_text"), block.period_text


def check_quotes(dataset: Dataset, where: Locations, columns: Columns | None = None) -> Iterator[Problem]:
    """Every quote is verbatim in the source. ``columns``: the rows' ``row_columns``, when the caller
    has them."""
    source = VerbatimSource.of(dataset)  # its normalised text kept for the analysis
    for path, text in yaml_quotes(dataset):
        if not source.found(text):
            yield Problem(
                MAIN_FILE,
                where.yaml(*path),
                Message("{path}: {quote}", path=path_text(path), quote=_not_verbatim(text)),
            )
    for row, column, text in source.missing_in_rows(dataset.table_rows, columns):
        yield Problem(*where.row(row, column), _not_verbatim(text))


def _not_verbatim(text: str) -> Message:
    return Message(
        "{quote} not found verbatim in the source text; copy it exactly (white space may differ)",
        quote=repr(shorten(text)),
    )


def check_row_texts(dataset: Dataset, where: Locations, columns: Columns | None = None) -> Iterator[Problem]:
    """Each row's texts agree with its values: description and description_source, amount and
    amount_text, vat_basis and vat_text, beneficiary and beneficiary_count, period and period_text.
    ``columns``: the rows' ``row_columns``, when the caller has them."""
    periods: dict[tuple[int, str], Message | None] = {}  # a long table repeats a few periods and their words
    for row in text_suspects(dataset.table_rows, columns):
        yield from _row_text_problems(row, where, periods)


def _row_text_problems(row: Row, where: Locations, periods: dict[tuple[int, str], Message | None]) -> Iterator[Problem]:
    """The problems of ``check_row_texts`` in one row, in the order of its columns."""
    fields = row.__dict__
    source = fields["description_source"]
    if source and join_fragments(source) != join_fragments(row.description):
        yield Problem(
            *where.row(row, "description"),
            Message(
                "description must be description_source with its fragments joined by a space; write {text}",
                text=repr(shorten(join_fragments(source))),
            ),
        )
    amount, amount_text = fields["amount"], fields["amount_text"]
    if amount is not None and amount_text is not None:
        parsed = read_amount_text(amount_text)
        if parsed is None:
            yield Problem(
                *where.row(row, "amount_text"),
                Message(
                    "cannot read an amount in {text}; write it as in the source, e.g. '29.440 euro'",
                    text=repr(amount_text),
                ),
            )
        elif parsed != amount:
            yield Problem(
                *where.row(row, "amount"),
                Message(
                    "amount {amount} does not match amount_text {text}, which reads {read}; correct one of them",
                    amount=amount,
                    text=repr(amount_text),
                    read=parsed,
                ),
            )
    if fields["vat_basis"] is not _NOT_STATED and not fields["vat_text"]:
        yield Problem(
            *where.row(row, "vat_text"),
            Message(
                "vat_basis {basis} needs the source's words for it in vat_text, e.g. '(excl. BTW)'",
                basis=row.vat_basis.value,
            ),
        )
    count = leading_count(fields["beneficiary"])
    if count is not None and count != fields["beneficiary_count"]:
        yield Problem(
            *where.row(row, "beneficiary_count"),
            Message("the beneficiary says {count}; set beneficiary_count to {count}", count=count),
        )
    period, period_text = fields["period"], fields["period_text"]
    if period is None or period_text is None or fields["period_from_table"]:
        return
    key = (id(period), period_text)  # the rows hold their periods while this runs: an id stays theirs
    if key in periods:
        mismatch = periods[key]
    else:
        mismatch = periods[key] = period_mismatch(period, period_text)
    if mismatch:
        yield Problem(*where.row(row, "period_start"), mismatch)


def text_suspects(rows: Sequence[Row], columns: Columns | None = None) -> Sequence[Row]:
    """The rows ``check_row_texts`` may find a problem in, in order: every row that has one, and maybe
    others (it checks them in full).

    Column-wise (``row_columns``), without a Python step per row: few rows quote a description's
    source; the amounts are read a column at a time (``read_amount_texts``); and a long table
    repeats a few beneficiaries, and periods with their words, each read once."""
    column = columns or row_columns(rows)
    positions = range(len(rows))
    suspects = set(compress(positions, column["description_source"]))
    stated, amounts, texts = _stated_amounts(column["amount"], column["amount_text"])
    suspects.update(compress(stated, map(ne, read_amount_texts(texts), amounts)))
    # A VAT basis without the source's words for it.
    stated_basis = map(is_not, column["vat_basis"], repeat(_NOT_STATED))
    suspects.update(compress(positions, map(and_, stated_basis, map(not_, column["vat_text"]))))
    # A count the beneficiary states ('14 ondernemingen') other than its beneficiary_count.
    beneficiaries = column["beneficiary"]
    counted = {text: count for text in set(beneficiaries) if (count := leading_count(text)) is not None}
    if counted:
        says = list(map(counted.get, beneficiaries))
        differs = map(ne, says, column["beneficiary_count"])
        suspects.update(compress(positions, map(and_, map(is_not, says, repeat(None)), differs)))
    # A period other than its words read (each distinct pair once; the rows hold their periods while
    # this runs, so an id stays theirs).
    periods, period_texts = column["period"], column["period_text"]
    ids = list(map(id, periods))
    by_id = dict(zip(ids, periods, strict=True))
    odd = {pair for pair in set(zip(ids, period_texts, strict=True)) if period_mismatch(by_id[pair[0]], pair[1])}
    if odd:
        suspects.update(compress(positions, map(odd.__contains__, zip(ids, period_texts, strict=True))))
    return [rows[index] for index in sorted(suspects)]


def _stated_amounts(amounts: Sequence[Any], texts: Sequence[Any]) -> tuple[list[int], list[Decimal], list[str]]:
    """The positions of the rows with both an amount and an amount_text, and those. A long table
    leaves out a few (rows in procedure, done in house): found column-wise, by identity (a search with
    ``tuple.index`` compares each amount with None, a Decimal's comparison each time), and taken out
    of copies of the columns, rather than with a step per row."""
    missing = {
        *compress(range(len(amounts)), map(is_, amounts, repeat(None))),
        *compress(range(len(texts)), map(is_, texts, repeat(None))),
    }
    if len(missing) > _FEW_MISSING:
        stated = list(
            compress(
                range(len(amounts)), map(and_, map(is_not, amounts, repeat(None)), map(is_not, texts, repeat(None)))
            )
        )
        return stated, list(map(amounts.__getitem__, stated)), list(map(texts.__getitem__, stated))
    positions, kept_amounts, kept_texts = list(range(len(amounts))), list(amounts), list(texts)
    for at in sorted(missing, reverse=True):
        del positions[at], kept_amounts[at], kept_texts[at]
    return positions, kept_amounts, kept_texts


def period_mismatch(period: Period | None, period_text: str | None) -> Message | None:
    """Why ``period`` and the source's words for it disagree, or None when they agree or the words
    cannot be read as a period."""
    if period is None or period_text is None:
        return None
    read = parse_period_text(join_fragments(period_text))
    if read is None or read == (period.start, period.end, period.precision):
        return None
    start, end, precision = read
    return Message(
        "period {start} to {end} ({precision}) does not match period_text {text}, which reads {read_start} to "
        "{read_end} ({read_precision}); correct the dates or period_text",
        start=period.start,
        end=period.end,
        precision=period.precision.value,
        text=repr(period_text),
        read_start=start,
        read_end=end,
        read_precision=precision.value,
    )


def check_figures(dataset: Dataset, where: Locations) -> Iterator[Problem]:
    """Figures agree with their words; so does the period a table gives for all its rows."""
    for b, block in enumerate(dataset.main.answer.blocks):
        if isinstance(block, TableBlock):
            mismatch = period_mismatch(block.period, block.period_text)
            if mismatch:
                yield Problem(
                    MAIN_FILE,
                    where.yaml("answer", "blocks", b, "period"),
                    Message("table {id}: {problem}", id=block.id, problem=mismatch),
                )
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
                    Message(
                        "figure {figure}: value {value} does not match its text {text}, which reads {read}; correct "
                        "one of them",
                        figure=figure.id,
                        value=figure.value,
                        text=repr(figure.text),
                        read=parsed if figure.unit is Unit.EUR else format(parsed.normalize(), "f"),
                    ),
                )
            mismatch = period_mismatch(figure.period, figure.period_text)
            if mismatch:
                yield Problem(
                    MAIN_FILE,
                    where.yaml("answer", "blocks", b, "figures", f, "period"),
                    Message("figure {figure}: {mismatch}", figure=figure.id, mismatch=mismatch),
                )
