"""``sebrief diff``: what changed between two versions of a dataset."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from sebrief.model import Dataset


@click.command()
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the changes as JSON, for tools.")
def diff(old: Path, new: Path, as_json: bool) -> None:
    """List what changed between two versions of a dataset.

    OLD and NEW are dataset folders or their dataset.yaml. One line per change: rows added or
    removed, contracts awarded since (amount, beneficiary, period), changed amounts, periods,
    beneficiaries, descriptions and status, changed classifications of sub-actions, changed
    metadata; then the key figures that moved. With --json: the same as JSON, amounts as strings
    with two decimals, dates as YYYY-MM-DD.

    The exit code is 0 whether or not the versions differ (3 if either cannot be read or is
    invalid), so use the output, or the JSON's has_changes, to tell.

    \b
    Example:
        sebrief diff previous/sv-221-2017-2018 data/sv-221-2017-2018
        sebrief diff --json previous/sv-221-2017-2018 data/sv-221-2017-2018 > changes.json
    """
    from sebrief.diff import diff_datasets

    result = diff_datasets(_load(old), _load(new))
    if as_json:
        click.echo(json.dumps(result.to_json_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo("\n".join(result.text_lines()))


def _load(path: Path) -> Dataset:
    """Load a dataset, naming its folder in each problem (two datasets are in play)."""
    from sebrief.errors import DatasetError, Problem
    from sebrief.load import load_dataset

    try:
        return load_dataset(path)
    except DatasetError as error:
        folder = path if path.is_dir() else path.parent
        problems = [
            p if p.file == str(path) else Problem(str(folder / p.file), p.location, p.message) for p in error.problems
        ]
        raise DatasetError(problems) from None
