"""The corpus page of ``sebrief serve``: a name looked up across the answers of a corpus file.

The corpus is the file named with ``sebrief serve --corpus DB``, or else ``corpus.duckdb`` in the
folder the workbench serves. It is opened read-only for each search (``sebrief corpus add`` may
refill it between two searches). The search is ``sebrief.corpus.queries.supplier``, the same as
``sebrief corpus supplier``: the names taken, the similar names not taken (each can be added to
the search), the totals per VAT basis (never added across bases) per question, minister and year,
then the rows, at most ``MAX_ROWS`` of them on the page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from sebrief.corpus.queries import BasisSum, SupplierReport
from sebrief.engine.vocabulary import VOCABULARY
from sebrief.errors import SebriefError
from sebrief.i18n import Translator

CORPUS_FILE = "corpus.duckdb"
MAX_ROWS = 500  # rows shown on the page; the totals count them all
MAX_NAMES = 60  # similar names shown
MAX_GROUPS = 300  # lines of a table of totals
MAX_ASKED = 20  # names searched together
MAX_NAME = 200  # characters of one name


def corpus_file(explicit: Path | None, base: Path) -> Path | None:
    """The corpus the workbench searches: the one named, or ``corpus.duckdb`` in its folder."""
    if explicit is not None:
        return explicit
    found = base / CORPUS_FILE
    return found if found.is_file() else None


def asked_names(values: list[str]) -> list[str]:
    """The names of the request, trimmed, without empty ones or repeats, at most ``MAX_ASKED``."""
    names = [" ".join(value.split())[:MAX_NAME] for value in values]
    return list(dict.fromkeys(name for name in names if name))[:MAX_ASKED]


def corpus_view(db: Path | None, names: list[str], t: Translator) -> dict[str, Any]:
    """What the corpus page shows for a search of ``names`` in the corpus ``db``."""
    view: dict[str, Any] = {"db": db, "db_name": db.name if db else "", "names": names, "error": "", "report": None}
    if db is None:
        return view
    from sebrief.corpus.queries import supplier
    from sebrief.corpus.store import connect

    try:
        connection = connect(db, read_only=True)
        try:
            size = connection.execute("SELECT count(*), coalesce(sum(row_count), 0) FROM questions").fetchone()
            view["size"] = t(
                "{questions} and {rows} in {db}",
                questions=t.plural("{count} question", "{count} questions", size[0] if size else 0),
                rows=t.plural("{count} row", "{count} rows", size[1] if size else 0),
                db=db.name,
            )
            report = supplier(connection, names) if names else None
        finally:
            connection.close()
    except SebriefError as error:
        view["error"] = error.describe(t.lang)
        return view
    if report is not None:
        view["report"] = _report(report, names, t)
    return view


def _link(names: list[str]) -> str:
    return "/corpus?" + urlencode([("name", name) for name in names]) if names else "/corpus"


def _report(report: SupplierReport, names: list[str], t: Translator) -> dict[str, Any]:
    labels = {
        seen.dataset_id: t("nr. {number} ({session})", number=seen.number, session=seen.session_year)
        for seen in report.questions
    }
    similar = list(report.similar_rows.items())
    rows = report.rows[:MAX_ROWS]
    more = len(similar) - MAX_NAMES

    def rows_text(count: int) -> str:
        return t.plural("{count} row", "{count} rows", count)

    return {
        "asked": [{"name": name, "remove": _link([n for n in names if n != name])} for name in names],
        "taken": [(name, rows_text(count)) for name, count in report.taken_rows.items()],
        "similar": [
            {"name": name, "rows": rows_text(count), "add": _link([*names, name])}
            for name, count in similar[:MAX_NAMES]
        ],
        "similar_more": t.plural(
            "and {count} more similar name: search more precisely to see it.",
            "and {count} more similar names: search more precisely to see them.",
            more,
        )
        if more > 0
        else "",
        "row_count": len(report.rows),
        "summary": t(
            "{rows} in {questions}.",
            rows=rows_text(len(report.rows)),
            questions=t.plural("{count} question", "{count} questions", len(report.questions)),
        ),
        "shown": len(rows),
        "totals": _sums(report.totals, None, t),
        "by": [
            (t("Per question"), t("question"), _sums(report.by["question"], labels, t)),
            (t("Per minister"), t("minister"), _sums(report.by["minister"], {}, t)),
            (t("Per year"), t("year"), _sums(report.by["year"], {}, t)),
        ],
        "rows": [_row(row, labels, t) for row in rows],
        "downloads": {
            kind: f"/corpus/report.{kind}?" + urlencode([("name", name) for name in names]) for kind in ("pdf", "xlsx")
        },
    }


def _sums(sums: tuple[BasisSum, ...], labels: dict[str, str] | None, t: Translator) -> dict[str, Any]:
    lines = [
        {
            "group": None if labels is None else labels.get(item.group or "", item.group or t("no period")),
            "vat": t(VOCABULARY["vat_basis"][item.vat_basis]),
            "rows": item.rows,
            "awarded": item.awarded,
            "in_procedure": item.in_procedure,
            "in_house": item.in_house,
            "amount": "" if item.amount is None else t.money(item.amount),
        }
        for item in sums
    ]
    more = len(lines) - MAX_GROUPS
    return {
        "lines": lines[:MAX_GROUPS],
        "more": t.plural(
            "and {count} more line: the command sebrief corpus supplier gives them all.",
            "and {count} more lines: the command sebrief corpus supplier gives them all.",
            more,
        )
        if more > 0
        else "",
    }


def _row(row: dict[str, Any], labels: dict[str, str], t: Translator) -> dict[str, str]:
    kind = row["kind_label_nl"] if t.lang == "nl" else row["kind_label_en"]
    return {
        "question": labels.get(row["dataset_id"], row["dataset_id"]),
        "parliament": row["parliament"] or "",
        "minister": row["minister"] or "",
        "date": t.date(row["date_asked"]) if row["date_asked"] else "",
        "name": row["beneficiary"] or "",
        "kind": kind or row["kind"],
        "status": t(VOCABULARY["status"][row["status"]]),
        "vat": t(VOCABULARY["vat_basis"][row["vat_basis"]]),
        "amount": "" if row["amount"] is None else t.money(row["amount"]),
        "source": row["source_ref"] or "",
        "passage": row["amount_text"] or "",
        "period": row["period_text"] or "",
        "row_id": row["row_id"],
    }


def report_download(db: Path | None, names: list[str], kind: str, lang: str) -> tuple[str, bytes] | None:
    """The corpus report of ``names`` as ``kind`` ("pdf" or "xlsx"): the file name and its bytes, the
    same files as ``sebrief corpus report``; None when there is no corpus or no row has the names."""
    if db is None or not names or kind not in ("pdf", "xlsx"):
        return None
    from sebrief.brand import load_brand
    from sebrief.corpus.report import supplier_report
    from sebrief.corpus.store import connect
    from sebrief.render.corpus.files import report_files

    connection = connect(db, read_only=True)
    try:
        found = supplier_report(connection, names)
    finally:
        connection.close()
    if not found.found:
        return None
    files = report_files(found, lang, db.name, load_brand(None, db.parent))
    return f"{files.stem}.{kind}", files.pdf if kind == "pdf" else files.workbook
