"""Reference data the analysis uses: procurement thresholds and VAT rates, each with its source."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import Field

from sebrief.dataset.fields import Frozen, Localized, Text
from sebrief.resources import reference_file

PROCUREMENT_FILE = "procurement-be.yaml"


class ThresholdRule(Frozen):
    id: str
    name_nl: Text
    name_en: Text
    amount: Annotated[Decimal, Field(gt=0)]
    valid_from: dt.date
    valid_to: dt.date | None
    source: Text

    def in_force(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def name(self, lang: str) -> str:
        return self.name_nl if lang == "nl" else self.name_en


class VatRule(Frozen):
    standard_rate: Annotated[Decimal, Field(gt=0, lt=1)]
    reduced_rates: tuple[Decimal, ...]
    source: Text
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
