"""The totals of a set of rows: per kind on each VAT basis, per beneficiary, per grouping value and
per year, and the groups after the largest added up."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from sebrief.dataset.model import Dataset, Row, VatBasis
from sebrief.engine.aggregates import added, month_counts, other_groups, size_key
from sebrief.engine.brief_totals import BasisAmount, GroupingTotals, GroupTotal, KindTotal, MoneyColumn, Totals
from sebrief.engine.brief_values import Label
from sebrief.engine.money import ZERO, cents, kind_sums
from sebrief.engine.tally import Placings, per_year
from sebrief.engine.vocabulary import label
from sebrief.i18n import Translator
from sebrief.reference import LayoutRules, layout_rules


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
    kinds = {kind.id: kind for kind in dataset.main.kinds}
    of_kind: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        of_kind[row.kind].append(row)
    per_kind = []
    columns: list[MoneyColumn] = []
    for sums in kind_sums(dataset, rows, rate):
        kind = kinds[sums.kind]
        amounts = []
        for total in sums.totals:
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
                rows=sums.rows,
                awarded=sums.awarded,
                in_procedure=sums.in_procedure,
                in_house=sums.in_house,
                amounts=tuple(amounts),
                per_month=month_counts(of_kind[kind.id], months),
                row_ids=tuple(row.id for row in of_kind[kind.id]),
            )
        )
    procurement_total = sum(
        (a.amount for k in per_kind for a in k.amounts if k.procurement and a.column.vat_basis.code == "excl_vat"),
        ZERO,
    )

    placings = Placings.of(rows, columns, rate, procurement_total)
    group = placings.group

    def ranked(groups: list[GroupTotal]) -> tuple[GroupTotal, ...]:
        return tuple(sorted(groups, key=lambda g: (size_key(g, columns), g.label)))

    # Every row once: the years added up (they do not overlap; amounts add up exactly, to the cent).
    years, every_row = per_year(rows, placings, t)
    awarded = [at for at in range(len(rows)) if placings.awarded[at]]
    by_beneficiary: dict[str, list[int]] = defaultdict(list)
    for at in awarded:
        by_beneficiary[rows[at].beneficiary or ""].append(at)
    per_grouping = []
    tables = {b.id: b for b in dataset.main.tables()}
    present = {row.table for row in rows}
    used = [g for g in dataset.main.groupings if any(g.id in tables[table].groupings for table in present)]
    for grouping in used:
        members_of: dict[str, list[int]] = defaultdict(list)
        without: list[int] = []
        for at, row in enumerate(rows):
            values = row.groupings.get(grouping.id)
            if not values:
                without.append(at)
                continue
            for value in values:
                members_of[value].append(at)
        groups = [
            group(value.id, value.label.get(t.lang), members_of[value.id])
            for value in grouping.values
            if members_of[value.id]
        ]
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
                every_row,
                note,
                other_groups(listing, listed, columns, procurement_total, t) if not grouping.multiple else (),
                tuple(sorted(range(len(listing)), key=lambda at: (size_key(listing[at], columns), at))),
            )
        )
    converted = sum(a.converted for k in per_kind for a in k.amounts)
    beneficiaries = ranked([group(name, name, members) for name, members in by_beneficiary.items()])
    return Totals(
        columns=tuple(columns),
        per_kind=tuple(per_kind),
        per_beneficiary=beneficiaries,
        beneficiary_total=added("total", t("Total"), beneficiaries, columns, procurement_total),
        beneficiary_others=other_groups(beneficiaries, listed, columns, procurement_total, t),
        per_grouping=tuple(per_grouping),
        per_year=years,
        year_total=every_row,
        vat_rate=rate,
        vat_note=t(
            "Estimate at the standard Belgian VAT rate of {rate}: some services may be exempt or taxed at "
            "another rate. A total's estimate is computed on the total and can differ by a cent from the sum "
            "of the rows' estimates.",
            rate=t.percent(rate, 0),
        ),
        conversion_note=t.plural(
            "{count} amount given incl. VAT is counted excl. VAT, converted at the standard rate of {rate}, "
            "so that it can be added to amounts excl. VAT and compared with thresholds.",
            "{count} amounts given incl. VAT are counted excl. VAT, converted at the standard rate of {rate}, "
            "so that they can be added to amounts excl. VAT and compared with thresholds.",
            converted,
            rate=t.percent(rate, 0),
        )
        if converted
        else None,
    )
