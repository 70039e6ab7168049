"""``sebrief corpus``: many datasets in one DuckDB file, queried across questions."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from sebrief.commands.common import lang_option, template_dir_option

db_argument = click.argument("db", type=click.Path(path_type=Path, dir_okay=False))


@click.group()
def corpus() -> None:
    """A corpus of answers: many datasets' rows with their questions in one DuckDB file, queried
    across questions (one supplier across ministers and years, or any SQL).

    \b
    Example:
        sebrief corpus add corpus.duckdb data/
        sebrief corpus supplier corpus.duckdb "Fictief Advies"
        sebrief corpus query corpus.duckdb "SELECT minister, count(*) FROM corpus_rows GROUP BY ALL"
    """


@corpus.command()
@db_argument
@click.argument("datasets", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--parquet",
    type=click.Path(path_type=Path, file_okay=False),
    help="Also write the whole corpus as Parquet files into this folder (questions.parquet, answer_rows.parquet).",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    help="Read and validate the datasets in this many processes (default: one per core from 50 "
    "datasets on; the corpus file is written by one).",
)
@lang_option
def add(db: Path, datasets: tuple[Path, ...], parquet: Path | None, jobs: int | None, lang: str) -> None:
    """Add datasets to the corpus DB (made if it does not exist); a dataset already in it (the same
    id) is replaced. A folder that is not a dataset is searched for dataset.yaml files. A dataset that
    does not validate is not added, with its problems; the others are (exit code 5).

    \b
    Example:
        sebrief corpus add corpus.duckdb data/sv-221-2017-2018 data/more-questions/
        sebrief corpus add corpus.duckdb data/ --parquet shared/corpus/ --jobs 2
    """
    from sebrief.corpus.loading import default_jobs, read_all
    from sebrief.corpus.store import Batches, Prepared, connect, dataset_folders, export_parquet
    from sebrief.errors import ExitCode
    from sebrief.i18n import Translator

    t = Translator(lang)
    connection = connect(db)
    batches = Batches(connection)
    added = failed = 0

    def stored(done: list[tuple[Prepared, bool]]) -> None:
        for prepared, replaced in done:
            rows, dataset_id = prepared.rows, prepared.dataset_id
            if replaced:
                click.echo(
                    t.plural("{id}: replaced ({count} row)", "{id}: replaced ({count} rows)", rows, id=dataset_id)
                )
            else:
                click.echo(t.plural("{id}: added ({count} row)", "{id}: added ({count} rows)", rows, id=dataset_id))

    folders = list(dataset_folders(list(datasets)))
    for folder, prepared, problems in read_all(folders, lang, jobs or default_jobs(len(folders))):
        if prepared is None:
            failed += 1
            click.echo(t("{dataset}: not added", dataset=folder), err=True)
            click.echo(problems, err=True)
            continue
        stored(batches.add(prepared))
        added += 1
    stored(batches.flush())
    found = connection.execute("SELECT count(*), coalesce(sum(row_count), 0) FROM questions").fetchone()
    if parquet is not None:
        for path in export_parquet(connection, parquet):
            click.echo(t("wrote {path}", path=path))
    connection.close()
    questions, rows = found if found else (0, 0)
    click.echo(
        t(
            "{db}: {questions} in the corpus, {rows}",
            db=db,
            questions=t.plural("{count} question", "{count} questions", questions),
            rows=t.plural("{count} row", "{count} rows", rows),
        )
    )
    if failed:
        sys.exit(ExitCode.PARTIAL_BUILD if added else ExitCode.INVALID_DATASET)


@corpus.command()
@db_argument
@click.argument("names", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the rows and totals as JSON (for other tools).")
@lang_option
def supplier(db: Path, names: tuple[str, ...], as_json: bool, lang: str) -> None:
    """Every row of one supplier or beneficiary across the questions of the corpus DB: its totals per
    question, per minister and per year (of the period's start) on each VAT basis, never added
    across bases, and the questions where it appears.

    Names are compared without case, accents, punctuation and legal form (BV, NV, CVBA, VZW,
    BVBA, SA, SPRL, ASBL...). The names taken are listed, and so are names that look alike but
    were not taken: give them as more NAMES to count them with it.

    \b
    Example:
        sebrief corpus supplier corpus.duckdb "Fictief Advies"
        sebrief corpus supplier corpus.duckdb "Fictief Advies" "Fictief Advies en Partners" --json
    """
    import json

    from sebrief.corpus.queries import supplier as find_supplier
    from sebrief.corpus.queries import supplier_json
    from sebrief.corpus.store import connect
    from sebrief.corpus.text import supplier_text
    from sebrief.i18n import Translator

    connection = connect(db, read_only=True)
    report = find_supplier(connection, list(names))
    connection.close()
    if as_json:
        click.echo(json.dumps(supplier_json(report), indent=2, ensure_ascii=False))
    else:
        click.echo(supplier_text(report, Translator(lang)), nl=False)


@corpus.command()
@db_argument
@click.argument("sql")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON lines, one object a row.")
@lang_option
def query(db: Path, sql: str, as_json: bool, lang: str) -> None:
    """Run SQL on the corpus DB, read-only: tables questions and answer_rows, and the view corpus_rows
    (each row with its question). Nothing can be changed, and no other file read or written.

    \b
    Example:
        sebrief corpus query corpus.duckdb "SELECT minister, vat_basis, sum(amount) FROM corpus_rows GROUP BY ALL"
    """
    import json

    import duckdb

    from sebrief.corpus.store import CorpusError, connect
    from sebrief.corpus.text import result_text
    from sebrief.errors import ExitCode, Message

    connection = connect(db, read_only=True)
    try:
        result = connection.execute(sql)
        columns = [column[0] for column in result.description or ()]
        lines = result.fetchall()
    except duckdb.Error as error:
        raise CorpusError(Message("the query failed: {error}", error=str(error)), ExitCode.USAGE) from error
    finally:
        connection.close()
    if as_json:
        for line in lines:
            click.echo(json.dumps(dict(zip(columns, line, strict=True)), ensure_ascii=False, default=_plain))
    else:
        click.echo(result_text(columns, lines), nl=False)


def _plain(value: object) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


@corpus.command()
@db_argument
@click.option(
    "--supplier",
    "names",
    multiple=True,
    required=True,
    help="The supplier's name; give it again for each other name to count with it.",
)
@click.option(
    "--out-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("reports"),
    show_default=True,
    help="Folder for the PDF and the workbook.",
)
@click.option(
    "--brand",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A house style file (see the README's 'House style'). By default the brand.yaml beside the corpus "
    "file, if there is one.",
)
@template_dir_option
@lang_option
def report(
    db: Path, names: tuple[str, ...], out_dir: Path, brand: Path | None, template_dir: Path | None, lang: str
) -> None:
    """A cross-question brief (PDF) and workbook of one supplier across the questions of the corpus DB:
    every row with its question and source line, its totals per question, minister and year on each
    VAT basis (never added across bases), and signals to check: several awards just under a
    procurement threshold in the answers of one minister, and its share of each minister's total.

    Names are compared as `sebrief corpus supplier` compares them; names that look alike but were
    not taken are listed in the report.

    \b
    Example:
        sebrief corpus report corpus.duckdb --supplier "Fictief Advies"
        sebrief corpus report corpus.duckdb --supplier "Fictief Advies" --supplier "Fictief Advies en Partners" \\
            --out-dir reports/corpus --lang en
        sebrief corpus report corpus.duckdb --supplier "Fictief Advies" --template-dir my-templates
    """
    from sebrief.commands.common import house_style
    from sebrief.corpus.report import supplier_report
    from sebrief.corpus.store import CorpusError, connect
    from sebrief.errors import ExitCode, Message
    from sebrief.i18n import Translator
    from sebrief.render.corpus.files import report_files
    from sebrief.write import write_together

    t = Translator(lang)
    connection = connect(db, read_only=True)
    try:
        found = supplier_report(connection, list(names))
    finally:
        connection.close()
    if not found.found:
        similar = ", ".join(f'"{name}"' for name, _ in found.similar)
        message = Message(
            "no row of the corpus {db} has the name {names} (compared without case, accents, punctuation and legal "
            "form); nothing was written. Check the spelling with `sebrief corpus supplier {db} NAME`.",
            db=str(db),
            names=" + ".join(f'"{name}"' for name in names),
        )
        if similar:
            message = Message(
                "no row of the corpus {db} has the name {names}; names that look alike: {similar}. Give one of "
                "them with --supplier; nothing was written.",
                db=str(db),
                names=" + ".join(f'"{name}"' for name in names),
                similar=similar,
            )
        raise CorpusError(message, ExitCode.USAGE)
    files = report_files(found, lang, db.name, house_style(brand, db.parent), template_dir)
    written = [(out_dir / f"{files.stem}.pdf", files.pdf), (out_dir / f"{files.stem}.xlsx", files.workbook)]
    for path in write_together(written):
        click.echo(t("wrote {path}", path=path))
