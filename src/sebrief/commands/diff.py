"""``sebrief diff``: what changed between two versions of a dataset."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from sebrief.commands.common import lang_option

if TYPE_CHECKING:
    from sebrief.dataset.model import Dataset


@click.command()
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the changes as JSON, for tools.")
@lang_option
def diff(old: Path, new: Path, as_json: bool, lang: str) -> None:
    """List what changed between two versions of a dataset.

    OLD and NEW are dataset folders or their dataset.yaml (format version 2). One line per
    change, in the language of --lang: rows added or removed in any table, rows awarded since
    (amount and VAT basis, beneficiary, period), changed amounts, periods, beneficiaries,
    descriptions, status, kinds, groupings, procedures and VAT bases; parts of the question and
    the blocks that answer them; answer blocks added, removed or changed (a classification's
    items, figures' values, a text's evidence); metadata, curation notes and the source text.
    Then the key figures that moved: rows and totals per kind and per VAT basis (never added up
    across), rows in procedure. With --json: the same for tools, with codes, amounts as strings
    with two decimals and dates as YYYY-MM-DD.

    The exit code is 0 whether or not the versions differ (3 if either cannot be read or is
    invalid), so use the output, or the JSON's has_changes, to tell.

    \b
    Example:
        sebrief diff previous/sv-221-2017-2018 data/sv-221-2017-2018
        sebrief diff --json previous/sv-221-2017-2018 data/sv-221-2017-2018 > changes.json
    """
    from sebrief.engine.changes import diff_json, diff_lines
    from sebrief.engine.diff import diff_datasets
    from sebrief.i18n import Translator

    t = Translator(lang)
    result = diff_datasets(_load(old), _load(new))
    if as_json:
        click.echo(json.dumps(diff_json(result, t), indent=2, ensure_ascii=False))
    else:
        click.echo("\n".join(diff_lines(result, t)))


def _load(path: Path) -> Dataset:
    """Load a dataset, naming its folder in each problem (two datasets are in play)."""
    from sebrief.dataset.load import load_dataset
    from sebrief.errors import DatasetError, Problem

    try:
        return load_dataset(path)
    except DatasetError as error:
        folder = path if path.is_dir() else path.parent
        problems = [
            p if p.file == str(path) else Problem(str(folder / p.file), p.location, p.message) for p in error.problems
        ]
        raise DatasetError(problems) from None
