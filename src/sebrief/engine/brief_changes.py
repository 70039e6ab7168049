"""The part of the brief that says what changed since a previous version of the dataset."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sebrief.engine.brief_values import Label


@dataclass(frozen=True)
class ChangeLine:
    """One change since the previous version of the dataset, in the brief's language."""

    section: Label
    subject: str
    kind: Label
    text: str


@dataclass(frozen=True)
class FigureDelta:
    """A key figure in the previous and this version."""

    name: str
    label: str
    previous: Decimal
    current: Decimal
    delta: Decimal
    is_money: bool


@dataclass(frozen=True)
class Changes:
    """What changed since the previous version of the dataset (``--previous``)."""

    previous_id: str
    summary: str
    lines: tuple[ChangeLine, ...]
    figures: tuple[FigureDelta, ...]
