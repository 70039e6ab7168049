"""Reference data: procurement thresholds and VAT rates (each with its source) for the analysis, and
the thresholds of the layout of the PDF brief and the workbook by table size."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import Field, model_validator

from sebrief.dataset.fields import Frozen, Localized, Text
from sebrief.resources import reference_file

PROCUREMENT_FILE = "procurement-be.yaml"
LAYOUT_FILE = "layout.yaml"


class ThresholdRule(Frozen):
    id: str
    name_nl: Text
    name_en: Text
    amount: Annotated[Decimal, Field(gt=0)]
    valid_from: dt.date
    valid_to: dt.date | None
    source: Localized  # where the value comes from, described in each language of the outputs

    def in_force(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def name(self, lang: str) -> str:
        return self.name_nl if lang == "nl" else self.name_en


class VatRule(Frozen):
    standard_rate: Annotated[Decimal, Field(gt=0, lt=1)]
    reduced_rates: tuple[Decimal, ...]
    source: Localized
    note: Localized


class SignalSettings(Frozen):
    just_below_band: Annotated[Decimal, Field(gt=0, lt=1)]


class ProcurementRules(Frozen):
    schema_version: int
    thresholds: tuple[ThresholdRule, ...]
    vat: VatRule
    signals: SignalSettings

    def threshold(self, rule_id: str, day: dt.date) -> ThresholdRule | None:
        """The value of threshold ``rule_id`` in force on ``day``, if any."""
        return next((rule for rule in self.thresholds if rule.id == rule_id and rule.in_force(day)), None)


@cache
def procurement_rules(path: Path | None = None) -> ProcurementRules:
    source = path or reference_file(PROCUREMENT_FILE)
    return ProcurementRules.model_validate(yaml.safe_load(source.read_text(encoding="utf-8")))


class LayoutRules(Frozen):
    """How the PDF brief and the workbook lay out the answer's tables, by their number of rows and
    groups (see ``layout.yaml``)."""

    schema_version: int
    detailed_rows: Annotated[int, Field(ge=0)]
    listed_rows: Annotated[int, Field(ge=0)]
    chunk_rows: Annotated[int, Field(ge=1)]
    top_n: Annotated[int, Field(ge=1)]
    description_chars: Annotated[int, Field(ge=8)]
    beneficiary_chars: Annotated[int, Field(ge=8)]
    clusters_shown: Annotated[int, Field(ge=1)]
    grid_rows: Annotated[int, Field(ge=0)]
    group_lines: Annotated[int, Field(ge=1)]
    chart_groups: Annotated[int, Field(ge=1)]

    @model_validator(mode="after")
    def _ordered(self) -> LayoutRules:
        if self.listed_rows < self.detailed_rows:
            raise ValueError("listed_rows must be at least detailed_rows")
        if self.group_lines < self.chart_groups:
            raise ValueError("group_lines must be at least chart_groups")
        return self

    @property
    def listed_groups(self) -> tuple[int, ...]:
        """The numbers of largest groups a layout lists before it adds up the others in one line: the
        brief's beneficiaries (``top_n``), a sheet of groups (``group_lines``) and its chart
        (``chart_groups``)."""
        return tuple(sorted({self.top_n, self.group_lines, self.chart_groups}))

    def mode(self, rows: int, full_listing: bool = False) -> str:
        """'detailed', 'listed' or 'aggregated': how a table of ``rows`` rows is laid out."""
        if rows <= self.detailed_rows:
            return "detailed"
        if rows <= self.listed_rows or full_listing:
            return "listed"
        return "aggregated"


@cache
def layout_rules(path: Path | None = None) -> LayoutRules:
    source = path or reference_file(LAYOUT_FILE)
    return LayoutRules.model_validate(yaml.safe_load(source.read_text(encoding="utf-8")))
