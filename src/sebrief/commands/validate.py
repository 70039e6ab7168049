"""``sebrief validate`` and ``sebrief schema``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from sebrief.commands.common import dataset_argument, dataset_path

if TYPE_CHECKING:
    from sebrief.dataset.model import Dataset


@click.command()
@dataset_argument
@click.option(
    "--lang", type=click.Choice(["nl", "en"]), hidden=True, help="Accepted for older scripts; changes nothing."
)
def validate(dataset: Path | None, lang: str | None) -> None:
    """Check a dataset and list every problem with its file, line and how to fix it.

    A valid dataset is summed up: its rows per kind (with the kinds' labels from the dataset), its
    answer blocks per kind, and its question parts with how many are answered. The problems and
    the summary are in English, the language of the dataset's fields.

    \b
    Example:
        sebrief validate data/sv-221-2017-2018
    """
    from sebrief.dataset.load import load_dataset

    click.echo(validation_summary(load_dataset(dataset_path(dataset))))


def validation_summary(dataset: Dataset) -> str:
    """What ``sebrief validate`` says of a valid dataset, in the language of its problems (English)."""
    from sebrief.engine.inventory import inventory
    from sebrief.i18n import Translator

    t = Translator("en")
    return "\n".join([t("{id}: valid", id=dataset.id), *(f"  {line}" for line in inventory(dataset, t))])


@click.command()
def schema() -> None:
    """Print the JSON Schema of dataset.yaml, for editors that validate while you curate.

    \b
    Example:
        sebrief schema > dataset.schema.json
    """
    from sebrief.schema import dataset_json_schema

    click.echo(json.dumps(dataset_json_schema(), indent=2, ensure_ascii=False))
