"""Labels of the closed vocabularies, in the brief's language."""

from __future__ import annotations

from sebrief.brief import Label
from sebrief.i18n import Translator, _

VOCABULARY: dict[str, dict[str, str]] = {
    "kind": {"subsidy_call": _("Subsidy call"), "public_contract": _("Public contract")},
    "kind_plural": {"subsidy_call": _("Subsidy calls"), "public_contract": _("Public contracts")},
    "theme": {
        "innovation": _("Innovation"),
        "starters": _("Starters"),
        "research": _("Research"),
        "communication": _("Communication"),
        "guide": _("Practical guide"),
        "other": _("Other"),
    },
    "status": {"awarded": _("Awarded"), "in_procedure": _("In procedure")},
    "vat_basis": {
        "excl_vat": _("excl. VAT"),
        "incl_vat": _("incl. VAT"),
        "not_stated": _("VAT not stated"),
    },
    "mode": {
        "administration": _("By the administration itself"),
        "public_contract": _("Through public contracts"),
        "subsidy_call": _("Through subsidy calls"),
        "planned": _("Planned"),
        "not_addressed": _("Not addressed in the answer"),
    },
    "basis": {
        "stated": _("Stated in the answer"),
        "inferred": _("Inferred from the answer and its table"),
        "not_addressed": _("Not addressed"),
    },
    "state": {
        "finished": _("Finished"),
        "running": _("Running"),
        "not_started": _("Not started"),
        "in_procedure": _("In procedure"),
    },
    "coverage": {
        "answered": _("Answered"),
        "partly": _("Partly answered"),
        "not_answered": _("Not answered explicitly"),
    },
    "signal": {
        "just_below_threshold": _("Just below a threshold"),
        "same_supplier_cluster": _("Related awards to one supplier"),
        "concentration": _("Supplier concentration"),
    },
}


def label(t: Translator, vocabulary: str, code: str) -> Label:
    return Label(code=code, label=t(VOCABULARY[vocabulary][code]))
