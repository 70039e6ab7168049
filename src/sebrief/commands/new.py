"""``sebrief new``: draft a dataset from a published written question and its answer."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("source", metavar="SOURCE", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("folder", metavar="DIR", type=click.Path(path_type=Path, file_okay=False))
def new(source: Path, folder: Path) -> None:
    """Draft a dataset (format version 2) in DIR from the published question and answer SOURCE.

    SOURCE is the published PDF (read through its text layer) or its text (UTF-8). DIR gets
    dataset.yaml, one CSV file per table of the answer (rows.csv for a single table) and
    source.txt, the text the draft was read from: the metadata, the question's parts, the
    answer's passages and its tables are drafted; what only a person can decide is left empty
    with a comment saying what to fill in. The command ends with what is still to do: the
    problems `sebrief validate DIR` lists, and what the drafter could not find.

    DIR is created if needed; if it exists and is not empty, nothing is written and the exit
    code is 4. A SOURCE that cannot be read gives exit code 3.

    \b
    Example:
        sebrief new vraag.pdf data/my-question
        sebrief validate data/my-question
        sebrief build data/my-question
    """
    from sebrief.dataset.load import load_dataset
    from sebrief.draft.emit import write_draft
    from sebrief.errors import DatasetError

    files = write_draft(source, folder)
    click.echo(f"drafted {folder} from {source.name}: {', '.join(files.files)}")
    click.echo(
        f"  {files.tables} table(s) with {files.rows} row(s), {files.passages} passage(s) of the answer; "
        "the text they quote is in source.txt"
    )
    try:
        load_dataset(folder)
    except DatasetError as error:
        problems = error.problems
    else:
        problems = []
    if problems:
        click.echo("")
        click.echo(f"still to do, as `sebrief validate {folder}` lists it ({len(problems)}):")
        for problem in problems:
            click.echo(f"  {problem}")
    else:
        click.echo(f"`sebrief validate {folder}`: the draft is a valid dataset")
    if files.gaps:
        click.echo("")
        click.echo(f"what the drafter could not find or asks you to check ({len(files.gaps)}):")
        for gap in files.gaps:
            click.echo(f"  {gap}")
    click.echo("")
    click.echo(
        "next: fill in what is listed (the comments in dataset.yaml say what), check the draft against the "
        f"published document, run `sebrief validate {folder}` until it reports the dataset valid, then "
        f"`sebrief build {folder}`"
    )
