"""Arguments and options shared by several commands."""

from __future__ import annotations

from pathlib import Path

import click

dataset_argument = click.argument(
    "dataset", required=False, type=click.Path(path_type=Path, exists=False, dir_okay=True)
)
LANG_KEY = "sebrief.lang"  # where ctx.meta keeps --lang, for the messages of errors (sebrief.cli)


def _remember_lang(ctx: click.Context, param: click.Parameter, value: str) -> str:
    ctx.meta[LANG_KEY] = value
    return value


lang_option = click.option(
    "--lang",
    type=click.Choice(["nl", "en"]),
    default="nl",
    show_default=True,
    callback=_remember_lang,
    help="Language of labels, text and messages (a dataset's problems too).",
)
messages_lang_option = click.option(
    "--lang",
    type=click.Choice(["nl", "en"]),
    default="nl",
    show_default=True,
    callback=_remember_lang,
    help="Language of the messages: a dataset's problems.",
)
output_option = click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
    help="Where to write the file; - for standard output.",
)


def report_written(path: Path) -> None:
    """Say where an output went, unless it went to standard output (it would mix with it)."""
    from sebrief.write import is_standard_output

    if not is_standard_output(path):
        click.echo(f"wrote {path}")


def dataset_path(dataset: Path | None) -> Path:
    """The dataset the user named, or the bundled one."""
    from sebrief.resources import bundled_dataset

    return dataset if dataset is not None else bundled_dataset()


previous_option = click.option(
    "--previous",
    type=click.Path(path_type=Path),
    help="An earlier version of the dataset: adds what changed since, and how the key figures moved.",
)
