"""``sebrief new``: draft a dataset from a published written question and its answer."""

from __future__ import annotations

from pathlib import Path

import click

from sebrief.commands.common import lang_option


@click.command()
@click.argument("source", metavar="SOURCE", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("folder", metavar="DIR", type=click.Path(path_type=Path, file_okay=False))
@lang_option
def new(source: Path, folder: Path, lang: str) -> None:
    """Draft a dataset (format version 2) in DIR from the published question and answer SOURCE.

    SOURCE is the published PDF (read through its text layer), the answer in Word (.docx), the
    parliament's web page (.html) or its text (UTF-8: as typed, copied from a viewer one table cell
    a line, or written by pdftotext with or without -layout). DIR gets dataset.yaml, one CSV file
    per table of the answer (rows.csv for a single table) and source.txt, the text the draft was
    read from (a Word or web page's tables one row a line, cells separated by ' | '): the metadata,
    the question's parts, the answer's passages, its tables, the figures it lists and a text block
    for each part answered without a table are drafted; what only a person can decide is left
    empty with a comment saying what to fill in. An amount is drafted only when it is read in full,
    and the totals the answer states are compared with the rows. The command ends with what it
    could not read, what is still to do (the problems `sebrief validate DIR` lists) and what the
    drafter could not find or asks you to check.

    DIR is created if needed; if it exists and is not empty, nothing is written and the exit
    code is 4. A SOURCE that cannot be read gives exit code 3. --lang sets the language of the
    command's own lines, of the problems it lists (as `sebrief validate --lang` gives them), of the
    drafter's notes and of the comments in dataset.yaml (Dutch by default).

    \b
    Example:
        sebrief new vraag.pdf data/my-question
        sebrief validate data/my-question
        sebrief build data/my-question
    """
    from sebrief.dataset.load import load_dataset
    from sebrief.draft.emit import write_draft
    from sebrief.errors import DatasetError
    from sebrief.i18n import Translator

    t = Translator(lang)
    files = write_draft(source, folder, lang)
    click.echo(t("drafted {folder} from {source}: {files}", folder=folder, source=source.name,
                 files=", ".join(files.files)))  # fmt: skip
    tables = t.plural("{count} table", "{count} tables", files.tables)
    rows = t.plural("{count} row", "{count} rows", files.rows)
    passages = t.plural("{count} passage", "{count} passages", files.passages)
    click.echo("  " + t("{tables} with {rows}, {passages} of the answer; the text they quote is in source.txt",
                        tables=tables, rows=rows, passages=passages))  # fmt: skip
    unread = [gap for gap in files.gaps if gap.what == "source"]
    if unread:
        click.echo("")
        click.echo(t("what could not be read from {source} as it stands ({count}):", source=source.name,
                     count=len(unread)))  # fmt: skip
        for gap in unread:
            click.echo(f"  {gap.hint_text(t)}")
    try:
        load_dataset(folder)
    except DatasetError as error:
        problems = error.problems
    else:
        problems = []
    if problems:
        click.echo("")
        click.echo(t("still to do, as `sebrief validate {folder}` lists it ({count}):", folder=folder,
                     count=len(problems)))  # fmt: skip
        for problem in problems:
            click.echo(f"  {problem.text(t)}")
    else:
        click.echo(t("`sebrief validate {folder}`: the draft is a valid dataset", folder=folder))
    gaps = [gap for gap in files.gaps if gap.what != "source"]
    if gaps:
        click.echo("")
        click.echo(t("what the drafter could not find or asks you to check ({count}):", count=len(gaps)))
        for gap in gaps:
            click.echo(f"  {gap.text(t)}")
    click.echo("")
    click.echo(
        t(
            "next: fill in what is listed (the comments in dataset.yaml say what), check the draft against the "
            "published document, run `sebrief validate {folder}` until it reports the dataset valid, then "
            "`sebrief build {folder}`",
            folder=folder,
        )
    )
