"""``sebrief validate`` and ``sebrief schema``."""

from __future__ import annotations

import atexit
import json
import os
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from sebrief.commands.common import dataset_argument, dataset_path, lang_option

if TYPE_CHECKING:
    from sebrief.dataset.model import Dataset
    from sebrief.dataset.tablefile import TableFormat
    from sebrief.i18n import Translator


@click.command()
@dataset_argument
@lang_option
def validate(dataset: Path | None, lang: str) -> None:
    """Check a dataset and list every problem with its file, line and how to fix it.

    A valid dataset is summed up: its rows per kind (with the kinds' labels from the dataset), its
    answer blocks per kind, and its question parts with how many are answered. A table's file read
    other than as comma-separated UTF-8 is named with how it was read: the separator and encoding
    of a CSV file saved by Excel, or the sheet of an .xlsx workbook. The problems and the summary
    are in the language of --lang.

    \b
    Example:
        sebrief validate data/sv-221-2017-2018
    """
    from sebrief.collector import cycle_collection_paused
    from sebrief.dataset.load import load_dataset

    formats: list[TableFormat] = []
    # The summary too runs with the collector paused: switched back on between loading and summing
    # up, it would scan the rows of a long table again and again (a second at 135,000 rows). So does
    # the end: switched back on, its first pass would scan every object the loading made (they are
    # all still in its youngest generation), just before the program ends.
    with cycle_collection_paused():
        # The rows are checked column by column and only counted: kept in columns, none is built.
        valid = load_dataset(dataset_path(dataset), formats, rows_on_demand=True)
        click.echo(validation_summary(valid, lang, formats))
        _end_without_freeing(click.get_current_context())


def _end_without_freeing(ctx: click.Context) -> None:
    """End the program here, its output written, without freeing the dataset's objects one by one
    (a long table's rows: a quarter of a second at 135,000 rows): the process's end frees its
    memory at once.

    Only when this run is the program (not a command invoked from Python, as tests do), with no
    tracer or profiler that writes its findings at exit and no other thread to wait for. What runs
    at any exit still runs: the functions registered with atexit, and the flushing of stdout and
    stderr, so that the output is whole (written to a pipe too). If a flush fails (a pipe closed
    early), the program ends as it always does, and Python says so as it always does."""
    run_exit_functions = getattr(atexit, "_run_exitfuncs", None)  # (CPython's)
    if (
        not getattr(ctx.find_root().command, "as_program", False)
        or run_exit_functions is None
        or sys.gettrace()
        or sys.getprofile()
        or threading.active_count() > 1
    ):
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    run_exit_functions()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    os._exit(0)


def validation_summary(dataset: Dataset, lang: str = "nl", formats: Sequence[TableFormat] = ()) -> str:
    """What ``sebrief validate`` says of a valid dataset, and how its tables' files were read."""
    from sebrief.engine.inventory import inventory
    from sebrief.i18n import Translator

    t = Translator(lang)
    lines = [*inventory(dataset, t), *(_read_as(fmt, t) for fmt in formats if not fmt.standard)]
    return "\n".join([t("{id}: valid", id=dataset.id), *(f"  {line}" for line in lines)])


def _read_as(fmt: TableFormat, t: Translator) -> str:
    """How a table's file was read, when it is not comma-separated UTF-8."""
    from sebrief.i18n import _

    if fmt.workbook:
        return t("{file}: read from the Excel workbook, sheet '{sheet}'", file=fmt.file, sheet=fmt.sheet)
    separator = t(_("tab")) if fmt.separator == "\t" else f"'{fmt.separator}'"
    encodings = {"utf-8": _("UTF-8"), "utf-8-sig": _("UTF-8 with BOM"), "cp1252": _("Windows-1252")}
    encoding = t(encodings[fmt.encoding])
    if fmt.separator == ";" or fmt.encoding != "utf-8":  # what Excel writes, not a hand-made file
        return t(
            "{file}: read as Excel CSV (separator {separator}, {encoding})",
            file=fmt.file,
            separator=separator,
            encoding=encoding,
        )
    return t(
        "{file}: read as CSV (separator {separator}, {encoding})", file=fmt.file, separator=separator, encoding=encoding
    )


@click.command()
def schema() -> None:
    """Print the JSON Schema of dataset.yaml, for editors that validate while you curate.

    \b
    Example:
        sebrief schema > dataset.schema.json
    """
    from sebrief.schema import dataset_json_schema

    click.echo(json.dumps(dataset_json_schema(), indent=2, ensure_ascii=False))
