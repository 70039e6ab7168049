"""Changes since a previous version of the dataset, worded for the brief (``--previous``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel

from sebrief.analysis.labels import label
from sebrief.brief import ChangeLine, Changes, FigureDelta, Label
from sebrief.diff import Award, Change, ChangeKind, DatasetDiff, Section, diff_datasets
from sebrief.i18n import Translator, _
from sebrief.model import Dataset, Localized, Period, RowKind

SECTIONS = {
    Section.DATASET: _("Dataset"),
    Section.METADATA: _("Metadata"),
    Section.ROW: _("Table row"),
    Section.ACTION: _("Convenant action"),
    Section.SUB_ACTION: _("Sub-action"),
    Section.PILLAR: _("Pillar"),
    Section.PASSAGE: _("Passage"),
    Section.INITIATIVE: _("Initiative"),
    Section.QUESTION: _("Question"),
    Section.CURATION_NOTE: _("Curation note"),
    Section.SOURCE: _("Source text"),
}
# The dataset's field names as a reader knows them; other fields keep their name.
FIELDS = {
    "amount": _("amount"),
    "amount_text": _("amount as written"),
    "beneficiary": _("beneficiary"),
    "beneficiary_count": _("number of beneficiaries"),
    "description": _("description"),
    "period": _("period"),
    "period_text": _("period as written"),
    "status": _("status"),
    "theme": _("theme"),
    "pillars": _("pillars"),
    "vat_basis": _("basis of the amount (VAT)"),
    "modes": _("how it is organised"),
    "basis": _("basis"),
    "evidence": _("evidence"),
    "rows": _("linked rows"),
    "note": _("note"),
    "text": _("text"),
    "date_answered": _("date of the answer"),
    "date_asked": _("date asked"),
    "title": _("title"),
}
KINDS = {
    ChangeKind.ADDED: _("added"),
    ChangeKind.REMOVED: _("removed"),
    ChangeKind.CHANGED: _("changed"),
    ChangeKind.AWARDED: _("awarded"),
}


def changes_since(previous: Dataset, current: Dataset, t: Translator) -> Changes:
    diff = diff_datasets(previous, current)
    lines = tuple(_line(change, t) for change in diff.changes)
    summary = (
        t("{count} change(s) since version {previous}.", count=len(lines), previous=previous.id)
        if lines
        else t("No changes since version {previous}.", previous=previous.id)
    )
    return Changes(previous.id, summary, lines, _figures(diff, t))


def _line(change: Change, t: Translator) -> ChangeLine:
    section = Label(change.section.value, t(SECTIONS[change.section]))
    kind = Label(change.kind.value, t(KINDS[change.kind]))
    subject = f"{section.label} {change.subject}".strip()
    if change.kind is ChangeKind.AWARDED and isinstance(change.new, Award):
        award = change.new
        text = t(
            "{subject} awarded: {amount} ({vat}) to {beneficiary}, {period}.",
            subject=subject,
            amount=t.money(award.amount),
            vat=label(t, "vat_basis", award.vat_basis.value).label,
            beneficiary=award.beneficiary,
            period=_value(award.period, t),
        )
    elif change.kind is ChangeKind.CHANGED:
        text = t(
            "{subject}: {field} changed from {old} to {new}.",
            subject=subject,
            field=t(FIELDS[change.field]) if change.field in FIELDS else (change.field or "–"),
            old=_value(change.old, t),
            new=_value(change.new, t),
        )
    elif change.kind is ChangeKind.ADDED:
        text = t("{subject} added.", subject=subject)
    else:
        text = t("{subject} removed.", subject=subject)
    return ChangeLine(section, change.subject, kind, text)


def _value(value: object, t: Translator) -> str:
    if value is None:
        return "–"
    if isinstance(value, Decimal):
        return t.money(value)
    if isinstance(value, Period):
        return t.period(value.start, value.end, value.precision.value)
    if isinstance(value, dt.date):
        return t.date(value)
    if isinstance(value, Localized):
        return value.get(t.lang)
    if isinstance(value, tuple):
        return ", ".join(_value(item, t) for item in value) or "–"
    if isinstance(value, BaseModel):
        return "…"
    text = str(value)
    return text if len(text) <= 80 else text[:79] + "…"


def _figures(diff: DatasetDiff, t: Translator) -> tuple[FigureDelta, ...]:
    labels = {
        f"total.{RowKind.SUBSIDY_CALL.value}": t("Subsidy calls (VAT not stated)"),
        f"total.{RowKind.PUBLIC_CONTRACT.value}": t("Public contracts (excl. VAT)"),
        f"rows.{RowKind.SUBSIDY_CALL.value}": t("Subsidy calls (rows)"),
        f"rows.{RowKind.PUBLIC_CONTRACT.value}": t("Public contracts (rows)"),
        "rows_in_procedure": t("Rows in procedure"),
    }
    deltas = []
    for figure in diff.figure_changes():
        previous, current = Decimal(figure.old), Decimal(figure.new)
        deltas.append(
            FigureDelta(
                name=figure.name,
                label=labels.get(figure.name, figure.label),
                previous=previous,
                current=current,
                delta=current - previous,
                is_money=figure.name.startswith("total."),
            )
        )
    return tuple(deltas)
