"""The brief's method: curation notes, definitions, thresholds used, the passages cited, and notes
on what was left out and why."""

from __future__ import annotations

from sebrief.dataset.model import Dataset, RowStatus
from sebrief.engine.brief_values import Definition, Method
from sebrief.engine.evidence import evidence
from sebrief.engine.listing import listed_rows
from sebrief.engine.signals import ContractAward, thresholds_used
from sebrief.i18n import Translator
from sebrief.quotes import Locator
from sebrief.reference import ProcurementRules

IN_HOUSE = RowStatus.IN_HOUSE


def method(
    dataset: Dataset,
    source: Locator,
    rules: ProcurementRules,
    not_compared: list[str],
    found: list[ContractAward],
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
        Definition(t("VAT"), rules.vat.note.get(t.lang), rules.vat.source.get(t.lang)),
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
            t.plural(
                "Left out of the thresholds and supplier signals, for want of a VAT basis: {number} row ({rows}).",
                "Left out of the thresholds and supplier signals, for want of a VAT basis: {number} rows ({rows}).",
                len(not_compared),
                number=t.number(len(not_compared), 0),
                rows=listed_rows(not_compared, t),
            )
        )
    undated = [award.id for award in found if award.period is None]
    if undated:
        notes.append(
            t.plural(
                "Without a period, left out of the thresholds and of the overlapping awards, but counted in the "
                "supplier concentration: {number} row ({rows}).",
                "Without a period, left out of the thresholds and of the overlapping awards, but counted in the "
                "supplier concentration: {number} rows ({rows}).",
                len(undated),
                number=t.number(len(undated), 0),
                rows=listed_rows(undated, t),
            )
        )
    in_house = sum(1 for row in dataset.rows if row.status is IN_HOUSE)
    if in_house:
        notes.append(
            t.plural(
                "{number} row is work the administration does itself: awarded to no one, it has no amount and "
                "stays out of the totals and the supplier signals.",
                "{number} rows are work the administration does itself: awarded to no one, they have no amount "
                "and stay out of the totals and the supplier signals.",
                in_house,
                number=t.number(in_house, 0),
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
