"""Analyse a version 2 dataset into the brief both renderers lay out."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from dateutil.relativedelta import relativedelta

from sebrief.dataset.model import (
    Basis,
    ClassificationBlock,
    Coverage,
    Dataset,
    FiguresBlock,
    Row,
    TableBlock,
    TextBlock,
    Unit,
    VatBasis,
)
from sebrief.engine import follow_up_questions
from sebrief.engine.aggregates import month_counts, other_groups, per_year, rows_total
from sebrief.engine.brief import (
    BasisAmount,
    BlockView,
    Brief,
    CategoryView,
    Changes,
    ClassificationView,
    ColumnView,
    Definition,
    Evidence,
    FiguresView,
    FigureView,
    GroupingTotals,
    GroupTotal,
    Header,
    ItemGroupView,
    ItemView,
    KeyPoint,
    KindTotal,
    Label,
    Method,
    MoneyColumn,
    PartCoverage,
    PartSection,
    RowEntry,
    Signal,
    TableView,
    TextPointView,
    TextView,
    Timeline,
    Totals,
)
from sebrief.engine.changes import changes_since as brief_changes
from sebrief.engine.coverage import COLUMN_NAMES, PartStatus, judge_category, part_statuses
from sebrief.engine.money import ZERO, awards, basis_totals, cents, excl_vat
from sebrief.engine.signals import points_of_attention, thresholds_used
from sebrief.i18n import Translator, _
from sebrief.quotes import SourceText, join_fragments
from sebrief.reference import LayoutRules, ProcurementRules, layout_rules, procurement_rules

VOCABULARY: dict[str, dict[str, str]] = {
    "status": {"awarded": _("Awarded"), "in_procedure": _("In procedure")},
    "vat_basis": {"excl_vat": _("excl. VAT"), "incl_vat": _("incl. VAT"), "not_stated": _("VAT not stated")},
    "basis": {
        "stated": _("Stated in the answer"),
        "inferred": _("Inferred from the answer"),
        "not_addressed": _("Not addressed"),
    },
    "state": {
        "finished": _("Finished"),
        "running": _("Running"),
        "not_started": _("Not started"),
        "in_procedure": _("In procedure"),
        "no_period": _("No period given"),
    },
    "coverage": {
        "answered": _("Answered"),
        "partly": _("Partly answered"),
        "not_answered": _("Not answered explicitly"),
    },
    "unit": {"eur": _("euro"), "count": _("number"), "fte": _("FTE"), "percent": _("percent")},
}
STATE_ORDER = ("finished", "running", "not_started", "in_procedure", "no_period")


def label(t: Translator, vocabulary: str, code: str) -> Label:
    return Label(code, t(VOCABULARY[vocabulary][code]))


def analyse(
    dataset: Dataset,
    lang: str = "nl",
    rules: ProcurementRules | None = None,
    previous: Dataset | None = None,
    layout: LayoutRules | None = None,
) -> Brief:
    """The brief for a version 2 ``dataset`` in language ``lang`` ("nl" or "en").

    With ``previous`` (an earlier version of the dataset), the brief also says what changed since.
    ``layout``: the layout rules whose numbers of groups listed the totals add up the others for.
    """
    t = Translator(lang)
    rules = rules or procurement_rules()
    layout = layout or layout_rules()
    rate = rules.vat.standard_rate
    source = SourceText.from_text(dataset.source_text)
    statuses = part_statuses(dataset, t)
    rows = row_entries(dataset, source, rate, t)
    found, left_out = awards(dataset, rate)
    signals = points_of_attention(found, rules, t)
    line = timeline(dataset, rows, t)
    months = line.months if line else ()
    totals = table_totals(dataset, dataset.rows, rate, t, months, layout) if dataset.rows else None
    coverage = tuple(
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
    follow_up = follow_up_questions(dataset, statuses, signals, t)
    return Brief(
        header=header(dataset, t),
        introduction=tuple(intro.text for intro in dataset.main.question.introduction),
        parts=part_sections(dataset, statuses, t),
        blocks=tuple(
            block_view(dataset, block, source, rate, t, months, layout) for block in dataset.main.answer.blocks
        ),
        rows=rows,
        totals=totals,
        timeline=line,
        signals=signals,
        coverage=coverage,
        follow_up=follow_up,
        key_points=key_points(dataset, totals, signals, coverage, t),
        method=method(dataset, source, rules, [row.id for row in left_out], found, t),
        changes=changes_since(previous, dataset, t) if previous is not None else None,
    )


def changes_since(previous: Dataset, current: Dataset, t: Translator) -> Changes | None:
    """What changed since ``previous``, worded in ``t``'s language (see sebrief.diff)."""
    return brief_changes(previous, current, t)


def header(dataset: Dataset, t: Translator) -> Header:
    from sebrief.engine.brief import Person

    meta = dataset.metadata
    return Header(
        dataset_id=dataset.id,
        parliament=meta.parliament,
        document_type=meta.document_type,
        number=meta.number,
        session_year=meta.session_year,
        reference=t("Written question no. {number} ({session})", number=meta.number, session=meta.session_year),
        title=meta.title,
        date_asked=meta.date_asked,
        date_answered=meta.date_answered,
        asker=Person(meta.asker.full_name, t("Member of parliament")),
        minister=Person(meta.minister.full_name, meta.minister.portfolio),
        source_file=meta.source.file,
        source_description=meta.source.description.get(t.lang),
        lang=t.lang,
        source_lang=dataset.main.language,
    )


def evidence(dataset: Dataset, source: SourceText, passage_id: str) -> Evidence:
    passage = dataset.passage(passage_id)
    lines = source.locate(passage.text) or (0, 0)
    return Evidence(passage.id, passage.text, passage.part, lines[0], lines[1])


# --- parts ---------------------------------------------------------------------------------


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


# --- rows ----------------------------------------------------------------------------------


def state_on(row: Row, day: dt.date) -> str:
    if not row.is_awarded:
        return "in_procedure"
    if row.period is None:
        return "no_period"
    if row.period.end < day:
        return "finished"
    if row.period.start > day:
        return "not_started"
    return "running"


def row_entries(dataset: Dataset, source: SourceText, rate: Decimal, t: Translator) -> tuple[RowEntry, ...]:
    asked = dataset.metadata.date_asked
    kinds = {k.id: Label(k.id, k.label.get(t.lang)) for k in dataset.main.kinds}
    procurement = {k.id for k in dataset.main.kinds if k.procurement}
    labels = Labels(dataset, t)
    entries = []
    numbers: dict[str, int] = defaultdict(int)
    cursor = [0]  # where the previous row stood: rows stand in order in the source
    for row in dataset.rows:
        numbers[row.table] += 1
        period = row.period
        amount_excl, converted = excl_vat(row, rate)
        incl: Decimal | None
        if row.amount is None or row.vat_basis is VatBasis.NOT_STATED:
            incl = None
        elif row.vat_basis is VatBasis.INCL_VAT:
            incl = row.amount
        else:
            incl = cents(row.amount * (1 + rate))
        entries.append(
            RowEntry(
                id=row.id,
                number=numbers[row.table],
                table_id=row.table,
                kind=kinds[row.kind],
                procurement=row.kind in procurement,
                description=join_fragments(row.description),
                groupings=tuple(
                    (gid, tuple(labels.value(gid, v) for v in values)) for gid, values in row.groupings.items()
                ),
                grouping_basis=tuple((gid, labels.get("basis", b.value)) for gid, b in row.grouping_basis.items()),
                start=period.start if period else None,
                end=period.end if period else None,
                precision=period.precision.value if period else None,
                period_label=labels.period(row),
                duration_months=labels.duration(period.start, period.end) if period else None,
                status=labels.get("status", row.status.value),
                state_at_question=labels.get("state", state_on(row, asked)),
                beneficiary=row.beneficiary,
                beneficiary_count=row.beneficiary_count,
                amount=cents(row.amount) if row.amount is not None else None,
                vat_basis=labels.get("vat_basis", row.vat_basis.value),
                amount_excl_vat=amount_excl,
                amount_incl_vat=incl,
                converted=converted,
                procedure=row.procedure,
                source_ref=row.source_ref,
                source_lines=source_lines(source, row, cursor),
                note=row.note.get(t.lang) if row.note else None,
            )
        )
    return tuple(entries)


class Labels:
    """Labels and formatted periods, each made once: a long table repeats the same few thousands."""

    def __init__(self, dataset: Dataset, t: Translator):
        self.t = t
        self.values = {(g.id, v.id): Label(v.id, v.label.get(t.lang)) for g in dataset.main.groupings for v in g.values}
        self.vocabulary: dict[tuple[str, str], Label] = {}
        self.periods: dict[tuple[dt.date, dt.date, str], str] = {}
        self.durations: dict[tuple[dt.date, dt.date], Decimal] = {}

    def get(self, vocabulary: str, code: str) -> Label:
        key = (vocabulary, code)
        if key not in self.vocabulary:
            self.vocabulary[key] = label(self.t, vocabulary, code)
        return self.vocabulary[key]

    def value(self, grouping_id: str, value_id: str) -> Label:
        return self.values.get((grouping_id, value_id)) or Label(value_id, value_id)

    def period(self, row: Row) -> str:
        period = row.period
        if period is None:
            return self.t("In procedure") if not row.is_awarded else self.t("No period given")
        key = (period.start, period.end, period.precision.value)
        if key not in self.periods:
            self.periods[key] = self.t.period(*key)
        return self.periods[key]

    def duration(self, start: dt.date, end: dt.date) -> Decimal:
        if (start, end) not in self.durations:
            self.durations[(start, end)] = duration_months(start, end)
        return self.durations[(start, end)]


def source_lines(source: SourceText, row: Row, cursor: list[int]) -> tuple[int, int] | None:
    span = source.find(row.description_source or row.description, cursor[0])
    if span is None:
        return None
    cursor[0] = span[0]
    return source.line_at(span[0]), source.line_at(span[1] - 1)


def grouping_label(dataset: Dataset, grouping_id: str, value_id: str, t: Translator) -> Label:
    value = dataset.grouping(grouping_id).value(value_id)
    return Label(value_id, value.label.get(t.lang) if value else value_id)


# --- totals --------------------------------------------------------------------------------


def table_totals(
    dataset: Dataset,
    rows: Iterable[Row],
    rate: Decimal,
    t: Translator,
    months: tuple[dt.date, ...] = (),
    layout: LayoutRules | None = None,
) -> Totals:
    """The totals of ``rows``: per kind (and per month of ``months``, the brief's timeline), per
    beneficiary, per grouping and per year of start; where groups do not overlap, the others after
    each number of groups the ``layout`` lists, added up."""
    rows = tuple(rows)
    listed = (layout or layout_rules()).listed_groups
    per_kind = []
    columns: list[MoneyColumn] = []
    for kind in dataset.main.kinds:
        members = [row for row in rows if row.kind == kind.id]
        if not members:
            continue
        amounts = []
        for total in basis_totals(members, rate):
            column = MoneyColumn(
                f"{kind.id}:{total.vat_basis.value}",
                Label(kind.id, kind.plural.get(t.lang)),
                label(t, "vat_basis", total.vat_basis.value),
                kind.procurement,
            )
            columns.append(column)
            estimate = cents(total.amount * (1 + rate)) if total.vat_basis is VatBasis.EXCL_VAT else None
            amounts.append(BasisAmount(column, total.amount, total.rows, total.converted, estimate))
        per_kind.append(
            KindTotal(
                kind=Label(kind.id, kind.plural.get(t.lang)),
                procurement=kind.procurement,
                rows=len(members),
                awarded=sum(1 for row in members if row.is_awarded),
                in_procedure=sum(1 for row in members if not row.is_awarded),
                amounts=tuple(amounts),
                per_month=month_counts(members, months),
            )
        )
    procurement_total = sum(
        (a.amount for k in per_kind for a in k.amounts if k.procurement and a.column.vat_basis.code == "excl_vat"),
        ZERO,
    )

    def group(key: str, name: str, members: list[Row]) -> GroupTotal:
        return rows_total(key, name, members, columns, procurement_total, rate)

    def ranked(groups: list[GroupTotal]) -> tuple[GroupTotal, ...]:
        return tuple(sorted(groups, key=lambda g: (-sum(g.amounts, ZERO), g.label)))

    awarded = [row for row in rows if row.is_awarded]
    by_beneficiary: dict[str, list[Row]] = defaultdict(list)
    for row in awarded:
        by_beneficiary[row.beneficiary or ""].append(row)
    per_grouping = []
    tables = {b.id: b for b in dataset.main.tables()}
    used = [g for g in dataset.main.groupings if any(g.id in tables[r.table].groupings for r in rows)]
    for grouping in used:
        members_of: dict[str, list[Row]] = defaultdict(list)
        for row in rows:
            for value in row.groupings.get(grouping.id, ()):
                members_of[value].append(row)
        groups = [
            group(value.id, value.label.get(t.lang), members_of[value.id])
            for value in grouping.values
            if members_of[value.id]
        ]
        without = [row for row in rows if not row.groupings.get(grouping.id)]
        if without:
            groups.append(group("", t("(none given)"), without))
        note = (
            t("A row with several values counts under each of them: these totals overlap and do not add up.")
            if grouping.multiple
            else ""
        )
        listing = ranked(groups) if not grouping.multiple else tuple(groups)
        per_grouping.append(
            GroupingTotals(
                Label(grouping.id, grouping.label.get(t.lang)),
                grouping.multiple,
                listing,
                group("total", t("Total"), list(rows)),
                note,
                other_groups(listing, listed, columns, procurement_total, t) if not grouping.multiple else (),
            )
        )
    converted = sum(a.converted for k in per_kind for a in k.amounts)
    beneficiaries = ranked([group(name, name, members) for name, members in by_beneficiary.items()])
    years, year_total = per_year(rows, columns, procurement_total, rate, t)
    return Totals(
        columns=tuple(columns),
        per_kind=tuple(per_kind),
        per_beneficiary=beneficiaries,
        beneficiary_total=group("total", t("Total"), awarded),
        beneficiary_others=other_groups(beneficiaries, listed, columns, procurement_total, t),
        per_grouping=tuple(per_grouping),
        per_year=years,
        year_total=year_total,
        vat_rate=rate,
        vat_note=t(
            "Estimate at the standard Belgian VAT rate of {rate}: some services may be exempt or taxed at "
            "another rate. A total's estimate is computed on the total and can differ by a cent from the sum "
            "of the rows' estimates.",
            rate=t.percent(rate, 0),
        ),
        conversion_note=t(
            "{count} amount(s) given incl. VAT are counted excl. VAT, converted at the standard rate of {rate}, "
            "so that they can be added to amounts excl. VAT and compared with thresholds.",
            count=converted,
            rate=t.percent(rate, 0),
        )
        if converted
        else None,
    )


# --- blocks --------------------------------------------------------------------------------


def block_view(
    dataset: Dataset,
    block: TableBlock | ClassificationBlock | FiguresBlock | TextBlock,
    source: SourceText,
    rate: Decimal,
    t: Translator,
    months: tuple[dt.date, ...] = (),
    layout: LayoutRules | None = None,
) -> BlockView:
    cited = tuple(evidence(dataset, source, pid) for pid in block.evidence)
    if isinstance(block, TableBlock):
        rows = dataset.rows_of(block.id)
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
            totals=table_totals(dataset, rows, rate, t, months, layout),
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
    dataset: Dataset, block: ClassificationBlock, source: SourceText, cited: tuple[Evidence, ...], t: Translator
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
    return t(
        "{count} item(s): {stated} stated in the answer, {inferred} our reading of the answer.",
        count=len(members),
        stated=stated,
        inferred=len(members) - stated,
    )


def duration_months(start: dt.date, end: dt.date) -> Decimal:
    """Length of a period in months (one decimal): whole months plus the part of the next."""
    after = end + dt.timedelta(days=1)
    delta = relativedelta(after, start)
    whole = delta.years * 12 + delta.months
    anchor = start + relativedelta(months=whole)
    fraction = Decimal(delta.days) / Decimal(calendar.monthrange(anchor.year, anchor.month)[1])
    return (Decimal(whole) + fraction).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def month_starts(start: dt.date, end: dt.date) -> tuple[dt.date, ...]:
    months = []
    current = start.replace(day=1)
    while current <= end:
        months.append(current)
        current = (current + dt.timedelta(days=32)).replace(day=1)
    return tuple(months)


# --- timeline, key points, method ----------------------------------------------------------


def timeline(dataset: Dataset, rows: tuple[RowEntry, ...], t: Translator) -> Timeline | None:
    dated = [row for row in rows if row.start and row.end]
    if not dated:
        return None
    asked = dataset.metadata.date_asked
    span_start = min([row.start for row in dated if row.start] + [asked])
    span_end = max([row.end for row in dated if row.end] + [asked])
    counts = {code: sum(1 for row in rows if row.state_at_question.code == code) for code in STATE_ORDER}
    return Timeline(
        date_asked=asked,
        span_start=span_start,
        span_end=span_end,
        months=month_starts(span_start, span_end),
        states=tuple((label(t, "state", code), count) for code, count in counts.items() if count),
    )


def key_points(
    dataset: Dataset,
    totals: Totals | None,
    signals: tuple[Signal, ...],
    coverage: tuple[PartCoverage, ...],
    t: Translator,
) -> tuple[KeyPoint, ...]:
    points = []
    for kind in totals.per_kind if totals else ():
        detail = t(
            "{rows} rows: {awarded} awarded, {pending} in procedure.",
            rows=kind.rows,
            awarded=kind.awarded,
            pending=kind.in_procedure,
        )
        for amount in kind.amounts:
            text = detail
            if amount.incl_vat_estimate is not None:
                text += " " + t(
                    "About {amount} incl. VAT (estimate at {rate}).",
                    amount=t.money(amount.incl_vat_estimate),
                    rate=t.percent(totals.vat_rate if totals else Decimal(0), 0),
                )
            if amount.converted:
                text += " " + t("{count} amount(s) converted from incl. VAT.", count=amount.converted)
            points.append(
                KeyPoint(f"{kind.kind.label} ({amount.column.vat_basis.label})", t.money(amount.amount), text)
            )
    suppliers = [g for g in (totals.per_beneficiary if totals else ()) if g.procurement_excl_vat]
    if suppliers:
        top = max(suppliers, key=lambda g: (g.procurement_excl_vat, g.label))
        points.append(
            KeyPoint(
                t("Largest supplier"),
                top.label,
                t(
                    "{awards} contract(s), {amount} excl. VAT: {share} of the public-contract value.",
                    awards=top.awards,
                    amount=t.money(top.procurement_excl_vat),
                    share=t.percent(top.procurement_share or Decimal(0)),
                ),
            )
        )
    open_parts = [c.part_id for c in coverage if c.status.code != Coverage.ANSWERED.value]
    points.append(
        KeyPoint(
            t("Parts not fully answered"),
            ", ".join(open_parts) or t("none"),
            t("{count} of {total} parts and subparts.", count=len(open_parts), total=len(coverage)),
        )
    )
    for block in dataset.main.answer.blocks:
        if isinstance(block, ClassificationBlock):
            silent = [
                item
                for item in block.items
                if any(c.not_addressed and c.id in item.categories for c in block.categories)
            ]
            points.append(
                KeyPoint(
                    t("Not addressed in the answer: {block}", block=block.title.get(t.lang)),
                    str(len(silent)),
                    first_few([item.text for item in silent], t) or t("none"),
                )
            )
    points.append(
        KeyPoint(t("Points of attention"), str(len(signals)), first_few([s.title for s in signals], t) or t("none"))
    )
    return tuple(points)


def first_few(texts: list[str], t: Translator, shown: int = 5) -> str:
    """Texts for a key point: the first ``shown`` and how many more, so that a key point stays short."""
    if len(texts) <= shown:
        return "; ".join(texts)
    return t("{ids} and {count} more", ids="; ".join(texts[:shown]), count=len(texts) - shown)


def method(
    dataset: Dataset,
    source: SourceText,
    rules: ProcurementRules,
    not_compared: list[str],
    found: list,  # type: ignore[type-arg]
    t: Translator,
) -> Method:
    definitions = (
        Definition(t("Stated in the answer"), t("The minister's answer says so in words; the passage is quoted."), ""),
        Definition(
            t("Inferred"),
            t("Our reading of the answer, with the reason given; never the minister's statement."),
            "",
        ),
        Definition(t("Not addressed"), t("The answer says nothing about it."), ""),
        Definition(
            t("Point of attention"),
            t("A signal from a procurement-integrity indicator that deserves a question; never a finding of fact."),
            t("World Bank / indicatortoolbox.eu; IACRC; DIGIWHIST / opentender.eu"),
        ),
        Definition(t("VAT"), rules.vat.note.get(t.lang), rules.vat.source),
    )
    other_kinds = [k.plural.get(t.lang) for k in dataset.main.kinds if not k.procurement]
    notes = []
    if other_kinds:
        notes.append(
            t(
                "{kinds}: not public procurement; procurement thresholds and supplier signals leave them out.",
                kinds=", ".join(other_kinds),
            )
        )
    if not_compared:
        notes.append(
            t(
                "Left out of the thresholds and supplier signals, for want of a VAT basis or a period: {rows}.",
                rows=", ".join(not_compared),
            )
        )
    if dataset.metadata.date_answered is None:
        notes.append(t("The answer's date is not in the source text and is not given here."))
    notes.append(
        t(
            "Open Contracting's red flags such as 'single bid' need bid-level data this dataset does not have; "
            "they are not computed."
        )
    )
    return Method(
        curation_notes=tuple(note.get(t.lang) for note in dataset.main.curation_notes),
        definitions=definitions,
        thresholds=thresholds_used(found, rules, t.lang),
        passages=tuple(evidence(dataset, source, p.id) for p in dataset.main.answer.passages),
        notes=tuple(notes),
    )
