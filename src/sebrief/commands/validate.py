"""``sebrief validate`` and ``sebrief schema``."""

from __future__ import annotations

import json
from pathlib import Path

import click

from sebrief.commands.common import dataset_argument, dataset_path


@click.command()
@dataset_argument
def validate(dataset: Path | None) -> None:
    """Check a dataset and list every problem with its file and line.

    \b
    Example:
        sebrief validate data/sv-221-2017-2018
    """
    from sebrief.load import load_dataset

    loaded = load_dataset(dataset_path(dataset))
    kinds = {kind: sum(1 for row in loaded.rows if row.kind == kind) for kind in sorted({r.kind for r in loaded.rows})}
    summary = ", ".join(
        f"{count} {kind.value.replace('_', ' ')}{'s' if count != 1 else ''}" for kind, count in kinds.items()
    )
    click.echo(f"{loaded.id}: valid ({len(loaded.rows)} rows: {summary})")


@click.command()
def schema() -> None:
    """Print the JSON Schema of dataset.yaml, for editors that validate while you curate.

    \b
    Example:
        sebrief schema > dataset.schema.json
    """
    from sebrief.schema import dataset_json_schema

    click.echo(json.dumps(dataset_json_schema(), indent=2, ensure_ascii=False))
