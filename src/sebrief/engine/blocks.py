"""The answer's blocks as the brief lays them out: a table with its totals, a classification with
its categories and items, figures, or text."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sebrief.dataset.model import Basis, ClassificationBlock, Dataset, FiguresBlock, Row, TableBlock, TextBlock, Unit
from sebrief.engine.brief_blocks import (
    BlockView,
    CategoryView,
    ClassificationView,
    ColumnView,
    FiguresView,
    FigureView,
    ItemGroupView,
    ItemView,
    TableView,
    TextPointView,
    TextView,
)
from sebrief.engine.brief_totals import Totals
from sebrief.engine.brief_values import Evidence, Label
from sebrief.engine.coverage import COLUMN_NAMES, judge_category
from sebrief.engine.evidence import evidence
from sebrief.engine.totals import table_totals
from sebrief.engine.vocabulary import label
from sebrief.i18n import Translator
from sebrief.quotes import Locator
from sebrief.reference import LayoutRules


def block_view(
    dataset: Dataset,
    block: TableBlock | ClassificationBlock | FiguresBlock | TextBlock,
    source: Locator,
    rate: Decimal,
    t: Translator,
    months: tuple[dt.date, ...] = (),
    layout: LayoutRules | None = None,
    *,
    rows: tuple[Row, ...] | None = None,
    totals: Totals | None = None,
) -> BlockView:
    """The block as the brief lays it out. For a table: ``rows``, its rows when the caller has them
    (``Dataset.rows_of``), and ``totals``, their totals when the caller has them already."""
    cited = tuple(evidence(dataset, source, pid) for pid in block.evidence)
    if isinstance(block, TableBlock):
        rows = dataset.rows_of(block.id) if rows is None else rows
        order = [s.id for s in dataset.main.question.all_parts()]
        binds = sorted(block.binds, key=lambda b: order.index(b.part) if b.part in order else len(order))
        return TableView(
            id=block.id,
            title=block.title.get(t.lang),
            note=block.note.get(t.lang) if block.note else None,
            evidence=cited,
            columns=tuple(ColumnView(b.column.value, t(COLUMN_NAMES[b.column]), b.part) for b in binds),
            groupings=tuple(Label(g, dataset.grouping(g).label.get(t.lang)) for g in block.groupings),
            has_procedure=any(row.procedure for row in rows),
            row_ids=tuple(row.id for row in rows),
            totals=totals or table_totals(dataset, rows, rate, t, months, layout),
            period_text=block.period_text,
            period_label=t.period(block.period.start, block.period.end, block.period.precision.value)
            if block.period
            else None,
        )
    if isinstance(block, ClassificationBlock):
        return classification_view(dataset, block, source, cited, t)
    if isinstance(block, FiguresBlock):
        figures = tuple(
            FigureView(
                id=f.id,
                label=f.label.get(t.lang),
                text=f.text,
                value=f.value,
                unit=Label(f.unit.value, f.unit_label.get(t.lang))
                if f.unit is Unit.OTHER and f.unit_label
                else label(t, "unit", f.unit.value),
                vat_basis=label(t, "vat_basis", f.vat_basis.value) if f.vat_basis else None,
                period_label=t.period(f.period.start, f.period.end, f.period.precision.value) if f.period else None,
                dimensions=tuple(f.dimensions.items()),
                source_lines=source.locate(f.text),
            )
            for f in block.figures
        )
        units = {(f.unit.code, f.vat_basis.code if f.vat_basis else "") for f in figures}
        return FiguresView(
            id=block.id,
            title=block.title.get(t.lang),
            note=block.note.get(t.lang) if block.note else None,
            evidence=cited,
            figures=figures,
            chart=len(figures) > 2 and len(units) == 1,
        )
    return TextView(
        id=block.id,
        title=block.title.get(t.lang),
        note=block.note.get(t.lang) if block.note else None,
        evidence=cited,
        points=tuple(
            TextPointView(
                evidence(dataset, source, point.passage),
                point.summary.get(t.lang) if point.summary else None,
                tuple(
                    (gid, tuple(grouping_label(dataset, gid, v, t) for v in values))
                    for gid, values in point.groupings.items()
                ),
            )
            for point in block.points
        ),
    )


def classification_view(
    dataset: Dataset, block: ClassificationBlock, source: Locator, cited: tuple[Evidence, ...], t: Translator
) -> ClassificationView:
    categories = {c.id: c for c in block.categories}
    subparts = {p.id: p.text for p in dataset.main.question.all_parts()}
    items = tuple(
        ItemView(
            id=item.id,
            group_id=item.group,
            text=item.text,
            categories=tuple(Label(c, categories[c].label.get(t.lang)) for c in item.categories),
            basis=label(t, "basis", item.basis.value),
            evidence=tuple(evidence(dataset, source, pid) for pid in item.evidence),
            rows=item.rows,
            note=item.note.get(t.lang),
        )
        for item in block.items
    )
    views = []
    for category in block.categories:
        members = [item for item in block.items if category.id in item.categories]
        views.append(
            CategoryView(
                id=category.id,
                label=category.label.get(t.lang),
                part_id=category.answers,
                question=subparts.get(category.answers) if category.answers else None,
                not_addressed=category.not_addressed,
                summary=_category_summary(block, category.id, t),
                item_ids=tuple(item.id for item in members),
                rows=tuple(dict.fromkeys(r for item in members for r in item.rows)),
            )
        )
    return ClassificationView(
        id=block.id,
        title=block.title.get(t.lang),
        intro=block.intro.get(t.lang) if block.intro else None,
        evidence=cited,
        categories=tuple(views),
        groups=tuple(
            ItemGroupView(
                g.id,
                g.number,
                g.text,
                tuple((gid, tuple(grouping_label(dataset, gid, v, t) for v in vs)) for gid, vs in g.groupings.items()),
            )
            for g in block.groups
        ),
        items=items,
    )


def _category_summary(block: ClassificationBlock, category_id: str, t: Translator) -> str:
    category = next(c for c in block.categories if c.id == category_id)
    members = [item for item in block.items if category_id in item.categories]
    if category.answers or category.not_addressed:
        return judge_category(block, category, t).reason
    stated = sum(1 for item in members if item.basis is Basis.STATED)
    return t.plural(
        "{count} item: {stated} stated in the answer, {inferred} our reading of the answer.",
        "{count} items: {stated} stated in the answer, {inferred} our reading of the answer.",
        len(members),
        stated=stated,
        inferred=len(members) - stated,
    )


def grouping_label(dataset: Dataset, grouping_id: str, value_id: str, t: Translator) -> Label:
    value = dataset.grouping(grouping_id).value(value_id)
    return Label(value_id, value.label.get(t.lang) if value else value_id)
