"""``sebrief xlsx``: write the workbook."""

from __future__ import annotations

from pathlib import Path

import click

from sebrief.commands.common import (
    brand_option,
    dataset_argument,
    dataset_path,
    house_style,
    lang_option,
    output_option,
    previous_option,
    report_written,
)


@click.command()
@dataset_argument
@output_option
@lang_option
@previous_option
@brand_option
def xlsx(dataset: Path | None, output: Path | None, lang: str, previous: Path | None, brand: Path | None) -> None:
    """Write the Excel workbook: the question part by part, the answer's tables and totals as live formulas.

    Default output: reports/<dataset id>.xlsx (or reports/<dataset id>.en.xlsx with --lang en).

    \b
    Example:
        sebrief xlsx                               # reports/sv-221-2017-2018.xlsx
        sebrief xlsx data/my-question -o my.xlsx --lang en
        sebrief xlsx -o - > my.xlsx                # to standard output
        sebrief xlsx data/v2 --previous data/v1       # adds a sheet of changes
        sebrief xlsx --brand style/brand.yaml         # header and chart colours of a house style
    """
    from sebrief.pipeline import prepare, workbook_bytes, write_output

    source = dataset_path(dataset)
    house = house_style(brand, source)
    prepared = prepare(source, lang, previous, attach=False)
    workbook = workbook_bytes(prepared, house)
    report_written(write_output(workbook, output, prepared, ".xlsx" if lang == "nl" else f".{lang}.xlsx"))
