"""Every fixed text of the PDF brief, in the brief's language.

The templates receive these as ``labels``; they are written here with ``t(...)`` so that
``scripts/update-catalogs.sh`` extracts them into ``locale/nl/LC_MESSAGES/pdf.po``.
"""

from __future__ import annotations

from sebrief.brief import Brief
from sebrief.i18n import Translator


def labels(brief: Brief, t: Translator) -> dict[str, str]:
    """The labels of every part of the brief, some with the brief's own values filled in."""
    return {
        **document_labels(brief, t),
        **question1_labels(t),
        **question2_labels(brief, t),
        **closing_labels(t),
    }


def document_labels(brief: Brief, t: Translator) -> dict[str, str]:
    return {
        "document_type": t("Policy brief"),
        "subtitle": t("The written question and the minister's answer, point by point"),
        "date_asked": t("Question asked"),
        "date_answered": t("Answer dated"),
        "date_answered_missing": t("not stated in the source"),
        "asker": t("Asked by"),
        "minister": t("Addressed to"),
        "dataset": t("Dataset"),
        "key_points": t("Key points"),
        "contents": t("Contents"),
        "page_of": t("page {page} of {pages}"),
        "footer_note": t("Analysis made with sebrief from the published question and answer; not an official text."),
        "reading_guide_title": t("How to read this brief"),
        "reading_guide": t(
            "What the minister says is quoted with its line numbers in the source; what we infer is marked "
            "as such and never presented as the minister's words. Amounts are exact to the cent."
        ),
        "source_line": t("source, l. {line}"),
        "source_lines": t("source, ll. {first}–{last}"),
        "source_line_unknown": t("source, line not found"),
        "source_language_note": t("Quotes are in Dutch, as in the source."),
        "question": t("Question {part}"),
        "question_words": t("The question"),
    }


def question1_labels(t: Translator) -> dict[str, str]:
    return {
        "q1_title": t("Question 1: how the convenant's offer is organised now"),
        "pillars": t("The five pillars of the support decree (as the answer lists them)"),
        "initiatives": t("Initiatives the answer names"),
        "pillar": t("Pillar"),
        "pillar_n": t("pillar {number}"),
        "pillars_none": t("no pillar named"),
        "in_the_answer": t("In the answer"),
        "action_n": t("Convenant action {number}"),
        "basis_stated_lead": t("The answer says:"),
        "legend_stated": t("the answer says so in words; the passage is quoted with its lines in the source."),
        "legend_inferred": t(
            "our reading of the answer and its table, with the passages it rests on; not the minister's words."
        ),
        "legend_not_addressed": t("the answer says nothing about it."),
        "basis_inferred_lead": t("Inferred from:"),
        "basis_not_addressed_lead": t("The answer says nothing about this sub-action."),
        "our_reading": t("Our reading"),
        "see_also": t("Also under {group}; its sources are given there."),
        "table_rows": t("Rows in the table"),
        "no_sub_actions": t("No sub-action of the convenant belongs here."),
        "matrix": t("Overview: every sub-action of the convenant"),
        "matrix_caption": t(
            "How each sub-action of the convenant is organised since 1 September 2017, on what basis, "
            "and which rows of the table carry it out."
        ),
        "sub_action": t("Sub-action"),
        "organised": t("How it is organised now"),
        "basis": t("Basis"),
        "part": t("Part"),
        "rows": t("Rows"),
        "coverage": t("Does the answer answer the question?"),
        "coverage_caption": t("Coverage of each part of the question by the answer."),
        "status": t("Status"),
        "reason": t("Why"),
    }


def question2_labels(brief: Brief, t: Translator) -> dict[str, str]:
    asked = t.date(brief.timeline.date_asked)
    return {
        "q2_title": t("Question 2: the calls and public contracts"),
        "rows_caption": t("The answer's table: {count} rows, in the order of the answer.", count=len(brief.rows)),
        "row_number": t("No."),
        "description": t("Description (2a)"),
        "period": t("Duration (2b)"),
        "beneficiary": t("Beneficiaries (2c)"),
        "amount": t("Amount awarded (2d)"),
        "subtotal": t("Subtotal"),
        "months": t("{months} months"),
        "state_on": t("on {date}: {state}"),
        "in_procedure_mark": t("still in procedure: no period, beneficiary or amount yet"),
        "row_notes": t("Notes on the rows"),
        "pillar_basis": t("pillar {pillars} ({basis})"),
        "totals": t("Totals per kind"),
        "totals_caption": t(
            "Subsidy calls and public contracts are kept apart: their amounts are not on the same VAT basis."
        ),
        "kind": t("Kind"),
        "row_count": t("Rows"),
        "awarded": t("Awarded"),
        "in_procedure": t("In procedure"),
        "vat_basis": t("VAT basis"),
        "incl_vat_estimate": t("Incl. VAT (estimate)"),
        "not_applicable": t("–"),
        "grand_total": t("Both kinds together (order of magnitude only)"),
        "per_beneficiary": t("Amounts per beneficiary"),
        "per_beneficiary_caption": t(
            "Awarded amounts per beneficiary; subsidy calls (no VAT statement) and public contracts (excl. VAT) "
            "in separate bars."
        ),
        "subsidy_amount": t("Subsidy calls"),
        "contract_amount": t("Public contracts excl. VAT"),
        "contract_share": t("Share of public-contract value"),
        "per_pillar": t("Amounts per pillar"),
        "timeline": t("Timeline of the rows"),
        "timeline_caption": t(
            "Duration of each row; the vertical line marks the date the question was asked ({date}). "
            "Rows with a period in months are drawn from the first to the last day of those months.",
            date=asked,
        ),
        "states_on": t("On {date}:", date=asked),
        "chart_beneficiaries_alt": t(
            "Bar chart of the awarded amounts per beneficiary; the same figures are in the table below it."
        ),
        "chart_timeline_alt": t(
            "Timeline of the rows of the answer's table, with the date the question was asked marked; "
            "the same periods are in the table of question 2."
        ),
        "chart_asked": t("question asked {date}", date=asked),
        "chart_subsidy": t("subsidy call (no VAT statement)"),
        "chart_contract": t("public contract (excl. VAT)"),
        "chart_month_precision": t("period given in months"),
        "chart_in_procedure": t("in procedure: no period"),
        "coverage_q2": t("Coverage of parts 2a-2d"),
    }


def closing_labels(t: Translator) -> dict[str, str]:
    return {
        "signals": t("Points of attention"),
        "signals_intro": t(
            "Signals from procurement-integrity indicators that deserve a question. They are not findings: "
            "each can have a good explanation. Only public contracts count, on amounts excl. VAT."
        ),
        "signal_n": t("Point of attention {number}"),
        "signal_rows": t("Rows concerned"),
        "definition": t("Definition"),
        "source": t("Source"),
        "signals_none": t("No point of attention."),
        "follow_up": t("Follow-up questions"),
        "follow_up_intro": t("Questions drawn from what the answer leaves open, ready to be asked."),
        "follows_up_on": t("Follows up on"),
        "ref_part": t("part"),
        "ref_sub_action": t("sub-action"),
        "ref_row": t("row"),
        "ref_signal": t("point of attention"),
        "method": t("Sources and method"),
        "source_text": t("The source"),
        "passages": t("Passages of the answer cited"),
        "passage": t("Passage"),
        "lines": t("Lines"),
        "curation_notes": t("Notes on the curation"),
        "definitions": t("Definitions"),
        "thresholds": t("Procurement thresholds used"),
        "threshold": t("Threshold"),
        "threshold_amount": t("Amount excl. VAT"),
        "valid": t("Valid"),
        "valid_from_to": t("{start} to {end}"),
        "valid_from": t("from {start}"),
        "notes": t("Limits of this analysis"),
        "amounts_vat": t("Amounts and VAT"),
        "changes": t("Changes since the previous version"),
        "key_figure": t("Key figure"),
        "previous_version": t("Previous version"),
        "this_version": t("This version"),
        "change": t("Change"),
        "attachments": t("Files embedded in this PDF"),
        "attachments_intro": t(
            "Open the attachments panel of your PDF reader to save them; they hold the figures of this brief."
        ),
    }
