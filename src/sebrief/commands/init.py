"""``sebrief init``: start a new dataset."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("folder", metavar="DIR", type=click.Path(path_type=Path, file_okay=False))
def init(folder: Path) -> None:
    """Create the files of a new dataset (format version 2) in DIR, to curate a new written question.

    Writes dataset.yaml (every field to fill in empty, with a comment on each, and one example of
    each kind of answer block in comments; its first line points editors to dataset.schema.json),
    dataset.schema.json, rows.csv (the header row of a table), a placeholder source.txt and a
    README.md explaining the format. DIR is created if needed; if it exists and is not empty,
    nothing is written and the exit code is 4.

    `sebrief validate DIR` then lists every field still to fill in.

    \b
    Example:
        sebrief init data/sv-305-2018-2019
        sebrief validate data/sv-305-2018-2019
    """
    from sebrief.skeleton import write_skeleton

    written = write_skeleton(folder)
    click.echo(f"created {folder} with {', '.join(path.name for path in written)}")
    click.echo(f"next: paste the source text into {folder / 'source.txt'}, fill in dataset.yaml (README.md explains")
    click.echo(f"the format) and the rows of any table in rows.csv, then run `sebrief validate {folder}`")
