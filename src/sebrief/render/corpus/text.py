"""The words of a corpus report, in the language of a ``Translator``: labels, and the sentences of
its signals. The PDF and the workbook say the same things with the same words."""

from __future__ import annotations

from decimal import Decimal

from sebrief.corpus.report import CorpusReport
from sebrief.corpus.report_rows import Question, Row
from sebrief.corpus.report_signals import BelowSignal, Share, Unchecked
from sebrief.engine.signals import IACRC, WORLD_BANK
from sebrief.engine.vocabulary import VOCABULARY
from sebrief.i18n import Translator

DIGIWHIST = "DIGIWHIST / opentender.eu indicator 'Winner contract share'"


def labels(t: Translator) -> dict[str, str]:
    """The report's headings and column names."""
    return {
        "kicker": t("Corpus of written questions · supplier report"),
        "subtitle": t(
            "Every row of one supplier across the answers of the corpus, its totals and the signals to check"
        ),
        "names_asked": t("Names asked for"),
        "corpus": t("Corpus"),
        "questions_seen": t("Questions where it appears"),
        "ministers": t("Ministers"),
        "made": t("Made by sebrief from the corpus {db}"),
        "page_of": t("page {page} of {pages}"),
        "reading": t("How to read this report"),
        "stated": t("Stated in the answers"),
        "stated_gloss": t("the rows and amounts as the answers give them, each with its question and source line"),
        "computed": t("Computed by sebrief"),
        "computed_gloss": t("sums of those amounts, per VAT basis: amounts incl. and excl. VAT are never added up"),
        "inferred": t("Inferred by sebrief"),
        "inferred_gloss": t("signals to check, worded as questions: never findings, never accusations"),
        "totals": t("Totals per VAT basis"),
        "totals_intro": t(
            "Sums of the amounts the answers state, on each VAT basis apart; rows without an amount are counted, "
            "not added."
        ),
        "per_question": t("Per question"),
        "per_minister": t("Per minister"),
        "per_year": t("Per year (of the period's start)"),
        "rows": t("The rows"),
        "rows_intro": t("Every row of the names taken, in the order of the questions and of each answer's rows."),
        "names": t("Names taken and names left apart"),
        "names_intro": t("Names are compared without case, accents, punctuation and legal form (BV, NV, VZW, SA...)."),
        "names_taken": t("Names taken as this supplier"),
        "names_similar": t("Also similar, NOT taken"),
        "names_similar_none": t("No other name of the corpus looks like it."),
        "names_similar_how": t('To count a name too, name it as well: --supplier "{name}".'),
        "signals": t("Signals to check"),
        "signals_intro": t(
            "What sebrief infers from the rows above: questions to ask, not findings. Each names the rows it rests on."
        ),
        "below": t("Awards just under a threshold, per minister"),
        "below_none": t("No minister has several awards to this supplier just under a threshold."),
        "shares": t("Share of each minister's total in the corpus"),
        "shares_intro": t(
            "The supplier's amounts as a share of all amounts of the same minister in the corpus, on the same VAT "
            "basis. A share of the questions in this corpus only, not of the minister's spending."
        ),
        "shares_question": t(
            "Does this share hold beyond the questions in the corpus, and how were these contracts awarded?"
        ),
        "unchecked": t("Awards not compared with a threshold"),
        "to_check": t("To check"),
        "definition": t("Definition"),
        "source": t("Source"),
        "method": t("Method"),
        "question": t("Question"),
        "dataset": t("Dataset"),
        "minister": t("Minister"),
        "date_asked": t("Date asked"),
        "row": t("Row"),
        "name": t("Name as given"),
        "kind": t("Kind"),
        "status": t("Status"),
        "vat_basis": t("VAT basis"),
        "amount": t("Amount"),
        "amount_text": t("Amount as written"),
        "period": t("Period"),
        "year": t("Year"),
        "source_line": t("Source line"),
        "row_count": t("Rows"),
        "priced": t("With an amount"),
        "made_of": t("Made of"),
        "questions": t("Questions"),
        "excl_compared": t("Excl. VAT, compared"),
        "threshold": t("Threshold"),
        "low": t("Band from"),
        "just_under": t("Just under?"),
        "supplier_amount": t("Supplier"),
        "minister_total": t("Minister's total in the corpus"),
        "share": t("Share"),
        "vat_rate": t("Standard VAT rate (amounts incl. VAT converted for the comparison only)"),
        "band": t("Band under a threshold that counts as just under"),
        "signal": t("Signal"),
        "name_rows": t("Rows in the corpus"),
        "no_period": t("no period"),
        "whole_corpus": t("all questions"),
    }


def question_label(t: Translator, question: Question) -> str:
    return t("nr. {number} ({session})", number=question.number, session=question.session_year)


def vat(t: Translator, basis: str) -> str:
    return t(VOCABULARY["vat_basis"][basis])


def status(t: Translator, code: str) -> str:
    return t(VOCABULARY["status"][code])


def kind(t: Translator, row: Row) -> str:
    return (row.kind_label_nl if t.lang == "nl" else row.kind_label_en) or row.kind


def money(t: Translator, amount: Decimal | None) -> str:
    return "–" if amount is None else t.money(amount)


def supplier_name(report: CorpusReport) -> str:
    return " + ".join(report.asked)


def below_title(t: Translator, report: CorpusReport, signal: BelowSignal) -> str:
    rule = signal.thresholds[-1]
    return t(
        "{minister}: {count} awards to {supplier} just under the threshold of the {threshold}",
        minister=signal.minister,
        count=len(signal.rows),
        supplier=supplier_name(report),
        threshold=rule.name(t.lang),
    )


def below_text(t: Translator, report: CorpusReport, signal: BelowSignal) -> str:
    values = ", ".join(
        t("{amount} from {day}", amount=t.money(rule.amount), day=t.date(rule.valid_from)) for rule in signal.thresholds
    )
    return t.plural(
        "In {count} answer of minister {minister}, {awards} awarded public contracts to {supplier} have an amount "
        "excl. VAT within {band} under the threshold in force on their start date ({values}).",
        "In {count} answers of minister {minister}, {awards} awarded public contracts to {supplier} have an amount "
        "excl. VAT within {band} under the threshold in force on their start date ({values}).",
        len(signal.questions),
        minister=signal.minister,
        awards=len(signal.rows),
        supplier=supplier_name(report),
        band=t.percent(report.band, 0),
        values=values,
    )


def below_question(t: Translator, signal: BelowSignal) -> str:
    return t(
        "Are these {count} contracts separate purchases, or one need split into parts that each stay "
        "under the threshold? Ask which procedure was followed for each, and whether they were compared or bundled.",
        count=len(signal.rows),
    )


def below_definition(t: Translator) -> str:
    return t(
        "Several purchases from one supplier, each just under a threshold, can point to a split purchase; "
        "splitting a contract to stay under a threshold is forbidden. A signal to check, not a finding: the "
        "contracts may be distinct. Amounts incl. VAT are converted at the standard rate for the comparison only."
    )


def below_source(t: Translator, signal: BelowSignal) -> str:
    return "; ".join(dict.fromkeys([WORLD_BANK, IACRC, *(rule.source.get(t.lang) for rule in signal.thresholds)]))


def share_text(t: Translator, report: CorpusReport, share: Share, questions: str) -> str:
    return t(
        "{supplier} has {share} of the amounts {basis} in the answers of minister {minister} in this corpus: {amount} "
        "of {total} ({rows} of {total_rows} rows with an amount, in {questions}).",
        supplier=supplier_name(report),
        share=t.percent(share.share),
        basis=vat(t, share.vat_basis),
        minister=share.minister,
        amount=t.money(share.amount),
        total=t.money(share.total),
        rows=share.rows,
        total_rows=share.total_rows,
        questions=questions,
    )


def unchecked_reason(t: Translator, item: Unchecked) -> str:
    if item.reason == "not_stated":
        return t("the answer states no VAT basis for its amount")
    return t("the answer gives no period, so no threshold can be dated")


def method_lines(t: Translator, report: CorpusReport) -> list[str]:
    return [
        t(
            "The rows are those of the corpus whose name has the same key as a name asked for: the name in lower "
            "case, without accents, punctuation and legal form. Names that only look alike are listed, not counted."
        ),
        t(
            "Totals add the amounts as the answers state them, on each VAT basis apart (excl. VAT, incl. VAT, not "
            "stated), to the cent; the year is that of the period's start."
        ),
        t(
            "Just under a threshold: awarded rows of a kind of public contract, with an amount excl. VAT (or incl. "
            "VAT converted at {rate}) within {band} under a procurement threshold in force on the start date; "
            "several such awards in the answers of one minister make a signal. Thresholds and rate come from "
            "sebrief's reference data, each with its source.",
            rate=t.percent(report.vat_rate, 0),
            band=t.percent(report.band, 0),
        ),
        t(
            "Shares divide the supplier's amounts by every amount of the same minister in the corpus on the same "
            "VAT basis: the corpus holds only the answers added to it."
        ),
    ]
