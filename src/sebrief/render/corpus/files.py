"""The two files of a corpus report, made once for every way of asking for them (``sebrief corpus
report`` writes them; the workbench's corpus page offers them as downloads): the workbook, and the
PDF with the workbook attached, named after the names asked for."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sebrief.brand import Brand
from sebrief.corpus.report import CorpusReport


@dataclass(frozen=True)
class ReportFiles:
    stem: str  # corpus-<the names asked for>
    pdf: bytes
    workbook: bytes


def report_stem(report: CorpusReport) -> str:
    """``corpus-`` and the names asked for as parts of a file name (their matching keys)."""
    from sebrief.corpus.names import name_key

    return "corpus-" + "-".join(("-".join(name_key(name).split())[:60] or "supplier") for name in report.asked)


def report_files(
    report: CorpusReport, lang: str, db_name: str, style: Brand | None = None, template_dir: Path | None = None
) -> ReportFiles:
    """The PDF and the workbook of ``report`` (one with matched rows) in ``lang``; ``template_dir``: a
    folder of templates searched before the built-in ones."""
    from sebrief.i18n import Translator
    from sebrief.render import XLSX_MEDIA_TYPE, Attachment
    from sebrief.render.corpus.html import render_pdf
    from sebrief.render.corpus.workbook import render_workbook
    from sebrief.write import build_timestamp

    t = Translator(lang)
    stem = report_stem(report)
    timestamp = build_timestamp(max(question.date_asked for question in report.questions))
    workbook = render_workbook(report, lang, timestamp, style)
    attachment = Attachment(
        f"{stem}.xlsx",
        workbook,
        t("The workbook: every row, the totals as formulas, the signals"),
        XLSX_MEDIA_TYPE,
    )
    pdf = render_pdf(report, lang, db_name, timestamp, [attachment], style, template_dir)
    return ReportFiles(stem, pdf, workbook)
