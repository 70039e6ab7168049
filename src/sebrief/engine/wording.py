"""Changes worded in the brief's language: ``Wording`` tells each change of one diff.

Fields are named as a reader knows them, values written as the brief writes them: kinds,
groupings and their values, categories and blocks by the labels and titles the dataset gives
them (the old version's for old values, the new version's for new ones), amounts, numbers and
dates the Belgian way in Dutch.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from sebrief.dataset.fields import shorten
from sebrief.dataset.model import (
    Binding,
    ClassificationBlock,
    Dataset,
    Figure,
    FiguresBlock,
    Item,
    Localized,
    PartAnswer,
    Period,
    Row,
    Unit,
)
from sebrief.engine.brief_changes import ChangeLine
from sebrief.engine.brief_values import Label
from sebrief.engine.change_names import (
    BLOCK_KINDS,
    EMPTY,
    FIELDS,
    KINDS,
    METADATA_FIELDS,
    NAMED,
    SECTION_FIELDS,
    SECTIONS,
    SHORT,
)
from sebrief.engine.coverage import COLUMN_NAMES
from sebrief.engine.diff import Change, ChangeKind, DatasetDiff, QuestionPart, RowAward, Section
from sebrief.engine.key_figures import KeyFigure
from sebrief.engine.vocabulary import label
from sebrief.i18n import Translator


def _vocabulary(t: Translator, vocabulary: str, code: str) -> str:
    """The brief's own words for statuses, bases and units."""
    return label(t, vocabulary, code).label


def _shorten(text: str) -> str:
    return shorten(" ".join(text.split()), SHORT)


def _quoted(text: str) -> str:
    return f"'{_shorten(text)}'"


class Wording:
    """Words the changes of one diff in one language."""

    def __init__(self, diff: DatasetDiff, t: Translator):
        self.diff = diff
        self.t = t

    # --- lines ---

    def line(self, change: Change) -> ChangeLine:
        t = self.t
        section = Label(change.section.value, t(SECTIONS[change.section]))
        kind = Label(change.kind.value, t(KINDS[change.kind]))
        subject = self.subject(change)
        if change.kind is ChangeKind.AWARDED and isinstance(change.new, RowAward):
            award = change.new
            values = {
                "subject": subject,
                "amount": t.money(award.amount),
                "vat": _vocabulary(t, "vat_basis", award.vat_basis.value),
                "beneficiary": award.beneficiary,
            }
            if award.period is not None:
                period = t.period(award.period.start, award.period.end, award.period.precision.value)
                text = t("{subject} awarded: {amount} ({vat}) to {beneficiary}, {period}.", period=period, **values)
            else:
                text = t("{subject} awarded: {amount} ({vat}) to {beneficiary}.", **values)
        elif change.section is Section.SOURCE:
            # The source's SHA-256 tells tools that it changed; a reader is told so in words.
            text = t("{subject}: the text changed.", subject=subject)
        elif change.kind is ChangeKind.CHANGED:
            text = t(
                "{subject}: {field} changed from {old} to {new}.",
                subject=subject,
                field=self.field(change),
                old=self.value(change, change.old, self.diff.old),
                new=self.value(change, change.new, self.diff.new),
            )
        else:
            added = change.kind is ChangeKind.ADDED
            version = self.diff.new if added else self.diff.old
            what = self.summary(change, change.new if added else change.old, version)
            if added:
                text = (
                    t("{subject} added: {what}.", subject=subject, what=what)
                    if what
                    else t("{subject} added.", subject=subject)
                )
            else:
                text = (
                    t("{subject} removed: {what}.", subject=subject, what=what)
                    if what
                    else t("{subject} removed.", subject=subject)
                )
        return ChangeLine(section, change.subject, kind, text)

    def subject(self, change: Change) -> str:
        text = f"{self.t(SECTIONS[change.section])} {change.subject}".strip()
        if change.kind is ChangeKind.CHANGED and change.section in NAMED:
            # A changed block, kind or grouping with the name a reader knows it by (the new one).
            text += f" ({self.name(change.section, change.subject)})"
        elif change.within:
            within = (
                self.grouping_label(change.within)
                if change.section is Section.GROUPING_VALUE
                else self.block_title(change.within)
            )
            text += f" ({within})"
        return text

    def name(self, section: Section, subject: str) -> str:
        """The new version's title of a block, label of a kind or of a grouping."""
        if section is Section.BLOCK:
            return self.block_title(subject)
        if section is Section.KIND:
            return self.kind_label(subject, self.diff.new)
        return self.grouping_label(subject)

    def field(self, change: Change) -> str:
        t = self.t
        name = change.field
        head, _dot, key = name.partition(".")
        if change.section is Section.METADATA:
            return t(METADATA_FIELDS[name]) if name in METADATA_FIELDS else name
        if head == "groupings" and key:
            return self.grouping_label(key)
        if head == "grouping_basis" and key:
            return t("basis of {grouping}", grouping=self.grouping_label(key))
        if head == "answers" and key:
            return t("answer to part {part}", part=key)
        if head == "dimensions" and key:
            return key
        message = SECTION_FIELDS.get((change.section, name)) or FIELDS.get(name)
        return t(message) if message else name

    # --- values ---

    def value(self, change: Change, value: Any, version: Dataset) -> str:
        t = self.t
        if value is None or value == ():
            return EMPTY
        name, section = change.field, change.section
        head, _dot, key = name.partition(".")
        if section is Section.ROW and name == "kind":
            return self.kind_label(value, version)
        if section is Section.ROW and name == "table":
            return _quoted(self.block_title(value, version))
        if section is Section.BLOCK and name == "kind":
            return t(BLOCK_KINDS[value]) if value in BLOCK_KINDS else str(value)
        if section is Section.BLOCK and name == "groupings":
            return ", ".join(self.grouping_label(g, version) for g in value)
        if section is Section.QUESTION and name == "answered_by":
            return "; ".join(_quoted(self.block_title(b, version)) for b in value)
        if section is Section.ITEM and name == "categories":
            return ", ".join(self.category_label(change.within, c, version) for c in value)
        if section is Section.FIGURE and name == "value":
            figure = self.figure(change, version)
            return self.figure_value(value, figure.unit if figure else None)
        if name == "unit":
            return _vocabulary(t, "unit", str(value)) if value != Unit.OTHER else str(value)
        if name == "status":
            return _vocabulary(t, "status", str(value))
        if name == "vat_basis":
            return _vocabulary(t, "vat_basis", str(value))
        if name == "basis" or head == "grouping_basis":
            return _vocabulary(t, "basis", str(value))
        if head == "groupings" and key:
            return ", ".join(self.value_label(key, v, version) for v in value)
        if isinstance(value, PartAnswer):
            return f"{_vocabulary(t, 'coverage', value.status.value)} ({_vocabulary(t, 'basis', value.basis.value)})"
        if isinstance(value, tuple) and value and all(isinstance(b, Binding) for b in value):
            return "; ".join(f"{b.part}: {t(COLUMN_NAMES[b.column])}" for b in value)
        return self.plain(value)

    def plain(self, value: Any) -> str:
        t = self.t
        if value is None:
            return EMPTY
        if isinstance(value, bool):
            return t("yes") if value else t("no")
        if isinstance(value, Decimal):
            return t.money(value)
        if isinstance(value, Period):
            return t.period(value.start, value.end, value.precision.value)
        if isinstance(value, dt.date):
            return t.date(value)
        if isinstance(value, Localized):
            return _quoted(value.get(t.lang))
        if isinstance(value, tuple):
            return ", ".join(self.plain(item).strip("'") for item in value) or EMPTY
        if isinstance(value, str):
            return _quoted(value)
        if isinstance(value, BaseModel):
            return "…"
        return str(value)

    def figure_value(self, value: Decimal, unit: Unit | None) -> str:
        t = self.t
        if unit is Unit.EUR:
            return t.money(value)
        exponent = value.normalize().as_tuple().exponent
        decimals = max(0, -exponent) if isinstance(exponent, int) else 0
        number = t.number(value, decimals)
        return f"{number} %" if unit is Unit.PERCENT else number

    def summary(self, change: Change, item: Any, version: Dataset) -> str:
        """What an added or removed item is, in a few words; "" when its id says it all."""
        t = self.t
        if isinstance(item, Row):
            return f"{self.kind_label(item.kind, version)} {_quoted(item.description)}, {self.row_state(item)}"
        if isinstance(item, Item):
            categories = ", ".join(self.category_label(change.within, c, version) for c in item.categories)
            return f"{_quoted(item.text)} ({categories})"
        if isinstance(item, Figure):
            return f"{_shorten(item.label.get(t.lang))}: {self.figure_value(item.value, item.unit)}"
        if isinstance(item, QuestionPart):
            return _quoted(item.text)
        if isinstance(item, Localized):
            return _quoted(item.get(t.lang))
        if change.section is Section.BLOCK:
            return f"{_quoted(item.title.get(t.lang))} ({t(BLOCK_KINDS[item.kind])})"
        if change.section is Section.TEXT_POINT:
            return _quoted(item.summary.get(t.lang)) if item.summary else ""
        for name in ("label", "text"):
            value = getattr(item, name, None)
            if isinstance(value, Localized):
                return _quoted(value.get(t.lang))
            if isinstance(value, str):
                return _quoted(value)
        return ""

    def row_state(self, row: Row) -> str:
        t = self.t
        if not row.is_awarded or row.amount is None:
            return t("in procedure")
        parts = [
            f"{t.money(row.amount)} ({_vocabulary(t, 'vat_basis', row.vat_basis.value)})",
            row.beneficiary or EMPTY,
        ]
        if row.period is not None:
            parts.append(t.period(row.period.start, row.period.end, row.period.precision.value))
        return ", ".join(parts)

    # --- labels from the dataset ---

    def _versions(self, version: Dataset | None) -> Iterable[Dataset]:
        """Where to look a label up: the version the value is from, then the new and the old one."""
        return (version, self.diff.new, self.diff.old) if version is not None else (self.diff.new, self.diff.old)

    def kind_label(self, kind_id: str, version: Dataset, plural: bool = False) -> str:
        for dataset in self._versions(version):
            kind = next((k for k in dataset.main.kinds if k.id == kind_id), None)
            if kind is not None:
                return (kind.plural if plural else kind.label).get(self.t.lang)
        return kind_id

    def block_title(self, block_id: str, version: Dataset | None = None) -> str:
        for dataset in self._versions(version):
            block = dataset.main.block(block_id)
            if block is not None:
                return block.title.get(self.t.lang)
        return block_id

    def grouping_label(self, grouping_id: str, version: Dataset | None = None) -> str:
        for dataset in self._versions(version):
            grouping = next((g for g in dataset.main.groupings if g.id == grouping_id), None)
            if grouping is not None:
                return grouping.label.get(self.t.lang)
        return grouping_id

    def value_label(self, grouping_id: str, value_id: str, version: Dataset) -> str:
        for dataset in self._versions(version):
            grouping = next((g for g in dataset.main.groupings if g.id == grouping_id), None)
            value = grouping.value(value_id) if grouping else None
            if value is not None:
                return value.label.get(self.t.lang)
        return value_id

    def category_label(self, block_id: str, category_id: str, version: Dataset) -> str:
        for dataset in self._versions(version):
            block = dataset.main.block(block_id)
            if isinstance(block, ClassificationBlock):
                category = next((c for c in block.categories if c.id == category_id), None)
                if category is not None:
                    return category.label.get(self.t.lang)
        return category_id

    def figure(self, change: Change, version: Dataset) -> Figure | None:
        block = version.main.block(change.within)
        if isinstance(block, FiguresBlock):
            return next((f for f in block.figures if f.id == change.subject), None)
        return None

    # --- key figures ---

    def figure_label(self, figure: KeyFigure) -> str:
        t = self.t
        if figure.kind is None:
            return t("Rows done in house") if figure.name == "rows_in_house" else t("Rows in procedure")
        plural = self.kind_label(figure.kind, self.diff.new, plural=True)
        if figure.vat_basis is None:
            return t("{kind} (rows)", kind=plural)
        return f"{plural} ({_vocabulary(t, 'vat_basis', figure.vat_basis.value)})"

    def figure_line(self, figure: KeyFigure) -> str:
        t = self.t

        def shown(value: Decimal | int) -> str:
            return t.money(Decimal(value)) if figure.is_money else t.number(value, 0)

        delta = figure.delta
        sign = "+" if delta > 0 else "-" if delta < 0 else ""  # before the euro sign: "-€ 25.884,51"
        return t(
            "{label}: {old} -> {new} ({delta})",
            label=self.figure_label(figure),
            old=shown(figure.old),
            new=shown(figure.new),
            delta=sign + shown(-delta if delta < 0 else delta),
        )
