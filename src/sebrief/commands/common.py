"""Arguments and options shared by several commands."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from sebrief.brand import Brand

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

template_dir_option = click.option(
    "--template-dir",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="A folder of templates searched before the built-in ones (same names override).",
)
brand_option = click.option(
    "--brand",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A house style file: the organisation, its logo, colours, fonts and footer (see the README's "
    "'House style'). By default the brand.yaml beside the dataset, if there is one.",
)


def house_style(option: Path | None, dataset: Path) -> Brand:
    """The house style that applies to ``dataset`` (``--brand``, else its brand.yaml, else none); what
    the user should know of it (a font not installed, a colour of low contrast) on standard error, in
    the language of the command's ``--lang``."""
    from sebrief.brand import load_brand
    from sebrief.i18n import Translator

    brand = load_brand(option, dataset)
    if brand.warnings:
        context = click.get_current_context(silent=True)
        t = Translator(context.meta.get(LANG_KEY, "en") if context is not None else "en")  # as cli.py's errors
        for warning in brand.warnings:
            click.echo(t("warning: {text}", text=warning.text(t)), err=True)
    return brand


def warn_about_house_styles(option: Path | None, datasets: list[Path]) -> None:
    """The warnings of each house style file ``sebrief build`` will use, once per file; an invalid
    file is reported with the dataset it belongs to, when that is built."""
    from sebrief.brand import BrandError, brand_file

    seen: set[Path] = set()
    for dataset in datasets:
        found = brand_file(option, dataset)
        if found is None or found in seen:
            continue
        seen.add(found)
        with contextlib.suppress(BrandError):
            house_style(option, dataset)
