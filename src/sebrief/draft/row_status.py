"""The status of a drafted table row: awarded, in procedure, done in house, or left for a person.

A row is **in house** when its cost cell states no cost ('/', '-', 'nihil', 'geen kosten', 'eigen
middelen', empty, or the table has no cost column) and its procedure or beneficiary cell says the
administration did the work itself ('eigen dienst', 'in eigen beheer', 'intern', 'door de
administratie zelf', 'eigen personeel', 'zelf uitgevoerd'). A status the source writes ('In
procedure') makes it in procedure, as does a row with no cost and nothing else; a row with an
amount and no such words is awarded. What fits none of these (no cost but a beneficiary, in-house
words beside an amount) is left for a person: no status, and the reason why, which the drafter
lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from sebrief.draft.structure import RowStatus
from sebrief.draft.values import NONE_TEXTS
from sebrief.errors import Message

# What a cost cell writes for no cost at all, besides '/' and '-'.
NO_COST_TEXTS = frozenset(
    {*NONE_TEXTS, "nihil", "geen", "geen kosten", "geen kost", "geen meerkost", "kosteloos", "eigen middelen"}
)
NO_COST_PATTERN = r"nihil|geen\s+(?:meer)?kosten?|kosteloos|eigen\s+middelen"
# Words that say the administration did the work itself; searched for in the procedure or the
# beneficiary cell ('Uitgevoerd door eigen dienst', 'In eigen beheer').
_IN_HOUSE_RE = re.compile(
    r"\b(?:eigen\s+(?:dienst(?:en)?|personeel|medewerkers|team)|in\s+eigen\s+(?:beheer|regie|huis)"
    r"|door\s+(?:de\s+)?(?:administratie|dienst|diensten|afdeling|departement|agentschap)\s+zelf"
    r"|zelf\s+(?:uitgevoerd|gerealiseerd|georganiseerd|gedaan)|in-house"
    r"|intern(?:e)?\s+(?:uitgevoerd|uitvoering|gerealiseerd|georganiseerd|productie))\b",
    re.IGNORECASE,
)
# 'Intern' alone says so only as the whole procedure cell ('Interne audit' as a beneficiary is a service's name).
_INTERNAL_CELL_RE = re.compile(r"^\s*(?:intern|interne|intern\s+uitgevoerd)\s*\.?\s*$", re.IGNORECASE)


def no_cost(text: str | None) -> bool:
    """Whether a cost cell states no cost ('/', 'nihil', 'Geen kosten.')."""
    return normalise(text) in NO_COST_TEXTS


def normalise(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip(" .;").lower()


def says_in_house(procedure: str | None, beneficiary: str | None) -> bool:
    """Whether the procedure or the beneficiary cell says the administration did the work itself."""
    return any(_IN_HOUSE_RE.search(text or "") for text in (procedure, beneficiary)) or bool(
        _INTERNAL_CELL_RE.match(procedure or "")
    )


@dataclass(frozen=True)
class DraftedStatus:
    status: RowStatus | None  # None: for a person to decide
    doubt: Message | None = None  # why it is left to a person


def row_status(
    status_text: str | None, amount: Decimal | None, amount_text: str | None, beneficiary: str | None,
    procedure: str | None, has_amount_column: bool,
) -> DraftedStatus:  # fmt: skip
    """The status of a row from its cells; None with the reason when the cells do not settle it."""
    in_house = says_in_house(procedure, beneficiary)
    if status_text is not None:
        return DraftedStatus(RowStatus.IN_PROCEDURE)
    if amount is not None:
        if in_house:
            return DraftedStatus(None, Message("it says it was done in house but gives an amount ('{text}'): set "
                                               "status to in_house (and leave amount empty) or to awarded",
                                               text=amount_text))  # fmt: skip
        return DraftedStatus(RowStatus.AWARDED)
    if in_house and (not has_amount_column or no_cost(amount_text)):  # no cost, or no cost column at all
        return DraftedStatus(RowStatus.IN_HOUSE)
    if not has_amount_column or not no_cost(amount_text):
        if in_house:  # a cost that could not be read
            return DraftedStatus(
                None, Message("it says it was done in house: set status to in_house, awarded or in_procedure")
            )
        return DraftedStatus(RowStatus.AWARDED if amount_text else RowStatus.IN_PROCEDURE)
    if beneficiary is not None:
        cost = f"'{amount_text}'" if amount_text else Message("empty")
        return DraftedStatus(None, Message("it names '{beneficiary}' but no cost ({cost}): set status to in_house "
                                           "(done by the administration itself), in_procedure or awarded",
                                           beneficiary=beneficiary, cost=cost))  # fmt: skip
    if normalise(amount_text) not in NONE_TEXTS:  # 'geen kosten', 'nihil': no cost, said in words
        return DraftedStatus(None, Message("its cost reads '{text}': set status to in_house (done by the "
                                           "administration itself), in_procedure or awarded",
                                           text=amount_text))  # fmt: skip
    return DraftedStatus(RowStatus.IN_PROCEDURE)
