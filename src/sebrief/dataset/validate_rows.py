"""Rules of a version 2 dataset on its rows and its quotes.

Each row's kind and grouping values are defined (in the table's groupings); every quote is verbatim in
the source text; and amounts, periods, counts and figures agree with the words the source gives for
them.
"""

from __future__ import annotations

from collections.abc import Iterator

from sebrief.dataset.amounts import parse_amount_text, parse_quantity_text, read_amount_text
from sebrief.dataset.fields import shorten
from sebrief.dataset.locations import MAIN_FILE, Locations, YamlPath, choices, path_text
from sebrief.dataset.model import (
    ClassificationBlock,
    Dataset,
    FiguresBlock,
    Period,
    TableBlock,
    Unit,
    VatBasis,
)
from sebrief.dataset.periods import leading_count, parse_period_text
from sebrief.dataset.verbatim import VerbatimSource
from sebrief.dataset.verbatim import row_quotes as row_quotes  # where the tests and tools have found it
from sebrief.errors import Message, Problem
from sebrief.quotes import join_fragments


def check_rows(dataset: Dataset, where: Locations) -> Iterator[Problem]:
    """Each row's kind and grouping values are defined, in the table's groupings."""
    main = dataset.main
    kinds = {k.id for k in main.kinds}
    tables = {t.id: t for t in main.tables()}
    groupings = {g.id: g for g in main.groupings}
    values_of = {g.id: {v.id for v in g.values} for g in main.groupings}
    for row in dataset.rows:
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


def check_quotes(dataset: Dataset, where: Locations) -> Iterator[Problem]:
    source = VerbatimSource.of(dataset)  # its normalised text kept for the analysis
    for path, text in yaml_quotes(dataset):
        if not source.found(text):
            yield Problem(
                MAIN_FILE,
                where.yaml(*path),
                Message("{path}: {quote}", path=path_text(path), quote=_not_verbatim(text)),
            )
    for row, column, text in source.missing_in_rows(dataset.rows):
        yield Problem(*where.row(row, column), _not_verbatim(text))


def _not_verbatim(text: str) -> Message:
    return Message(
        "{quote} not found verbatim in the source text; copy it exactly (white space may differ)",
        quote=repr(shorten(text)),
    )


def check_row_texts(dataset: Dataset, where: Locations) -> Iterator[Problem]:
    periods: dict[tuple[int, str], Message | None] = {}  # a long table repeats a few periods and their words
    not_stated = VatBasis.NOT_STATED
    for row in dataset.rows:
        fields = row.__dict__  # read as a dict: a long table has each field read once per row
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
        if fields["vat_basis"] is not not_stated and not fields["vat_text"]:
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
            continue
        key = (id(period), period_text)  # the rows hold their periods while this runs: an id stays theirs
        if key in periods:
            mismatch = periods[key]
        else:
            mismatch = periods[key] = period_mismatch(period, period_text)
        if mismatch:
            yield Problem(*where.row(row, "period_start"), mismatch)


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
