"""The brief's closed vocabularies: a code (a row's status, an amount's VAT basis, a part's
coverage...) and its label in the brief's language. Every output names these codes the same way."""

from __future__ import annotations

from sebrief.engine.brief import Label
from sebrief.i18n import Translator, _

VOCABULARY: dict[str, dict[str, str]] = {
    "status": {"awarded": _("Awarded"), "in_procedure": _("In procedure"), "in_house": _("Done in house")},
    "vat_basis": {"excl_vat": _("excl. VAT"), "incl_vat": _("incl. VAT"), "not_stated": _("VAT not stated")},
    "basis": {
        "stated": _("Stated in the answer"),
        "inferred": _("Inferred from the answer"),
        "not_addressed": _("Not addressed"),
    },
    "state": {
        "finished": _("Finished"),
        "running": _("Running"),
        "not_started": _("Not started"),
        "in_procedure": _("In procedure"),
        "no_period": _("No period given"),
    },
    "coverage": {
        "answered": _("Answered"),
        "partly": _("Partly answered"),
        "not_answered": _("Not answered explicitly"),
    },
    "unit": {"eur": _("euro"), "count": _("number"), "fte": _("FTE"), "percent": _("percent")},
}
# The states of a row on the date the question was asked, in the order they are counted.
STATE_ORDER = ("finished", "running", "not_started", "in_procedure", "no_period")


def label(t: Translator, vocabulary: str, code: str) -> Label:
    """The ``code`` of ``vocabulary`` with its label in ``t``'s language."""
    return Label(code, t(VOCABULARY[vocabulary][code]))
