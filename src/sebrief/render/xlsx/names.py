"""Sheet names in the workbook's language, and the defined names formulas refer to.

Sheet names come from the message catalog; defined names are identifiers, the same in every
language, so that a formula reads the same whichever language the workbook is in.
"""

from __future__ import annotations

from dataclasses import dataclass

from sebrief.i18n import Translator, _

# Defined names of the key totals.
TOTAL_SUBSIDY_CALLS = "Total_subsidy_calls"
TOTAL_PUBLIC_CONTRACTS = "Total_public_contracts_excl_VAT"
TOTAL_PUBLIC_CONTRACTS_INCL_VAT = "Total_public_contracts_incl_VAT_estimate"
TOTAL_BOTH_KINDS = "Total_both_kinds_mixed_VAT_bases"
VAT_RATE = "VAT_rate"
DATE_ASKED = "Date_asked"
# Defined names of the criteria cells (the labels the table uses) and of the table's columns.
KIND_LABEL = {"subsidy_call": "Kind_subsidy_call", "public_contract": "Kind_public_contract"}
STATUS_AWARDED = "Status_awarded"
TABLE_NAME = "Rows"


@dataclass(frozen=True)
class SheetNames:
    overview: str
    question1: str
    question2: str
    beneficiaries: str
    themes: str
    timeline: str
    attention: str
    follow_up: str
    method: str
    changes: str

    @classmethod
    def translated(cls, t: Translator) -> SheetNames:
        return cls(*(t(name) for name in SHEET_NAMES))

    def in_order(self) -> tuple[str, ...]:
        return (
            self.overview,
            self.question1,
            self.question2,
            self.beneficiaries,
            self.themes,
            self.timeline,
            self.attention,
            self.follow_up,
            self.method,
        )


SHEET_NAMES = (
    _("Overview"),
    _("Question 1"),
    _("Question 2"),
    _("Per beneficiary"),
    _("Per theme"),
    _("Timeline"),
    _("Points of attention"),
    _("Follow-up questions"),
    _("Sources and method"),
    _("Changes"),
)
