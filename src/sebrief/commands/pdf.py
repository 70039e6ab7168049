"""``sebrief pdf`` and ``sebrief html``: write the policy brief."""

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
    template_dir_option,
)

full_listing_option = click.option(
    "--full-listing",
    is_flag=True,
    help="List every row of every table in the brief, one line a row, however many (by default a table of more "
    "rows than data/reference/layout.yaml's listed_rows is shown as totals, its rows in the workbook).",
)


@click.command()
@dataset_argument
@output_option
@lang_option
@template_dir_option
@brand_option
@previous_option
@full_listing_option
def pdf(
    dataset: Path | None,
    output: Path | None,
    lang: str,
    template_dir: Path | None,
    brand: Path | None,
    previous: Path | None,
    full_listing: bool,
) -> None:
    """Write the PDF policy brief (PDF/A-3a, with the workbook and the dataset attached).

    Default output: reports/<dataset id>.pdf (or reports/<dataset id>.en.pdf with --lang en).

    \b
    Example:
        sebrief pdf                                # reports/sv-221-2017-2018.pdf
        sebrief pdf data/my-question -o brief.pdf --lang en
        sebrief pdf -o - | lpr                     # to standard output, to print
        sebrief pdf data/v2 --previous data/v1        # adds the changes since v1
        sebrief pdf data/big --full-listing           # every row listed, however many
        sebrief pdf --brand style/brand.yaml          # in a house style: logo, colours, footer
    """
    import os

    from sebrief.build import output_stems, render_dataset, render_dataset_overlapped
    from sebrief.write import default_output, write_atomic

    source = dataset_path(dataset)
    house = house_style(brand, source)
    # On two or more cores, WeasyPrint lays the brief out in a second process (same bytes).
    render = render_dataset_overlapped if (os.cpu_count() or 1) > 1 else render_dataset
    rendered = render(source, lang, previous, template_dir, full_listing=full_listing, brand=house)
    suffix = ".pdf" if lang == "nl" else f".{lang}.pdf"
    # Named as `sebrief build` names it: after the id, as the loader reads it.
    report_written(write_atomic(output or default_output(output_stems([source])[0], suffix), rendered.pdf))


@click.command()
@dataset_argument
@output_option
@lang_option
@template_dir_option
@brand_option
@full_listing_option
def html(
    dataset: Path | None,
    output: Path | None,
    lang: str,
    template_dir: Path | None,
    brand: Path | None,
    full_listing: bool,
) -> None:
    """Write the policy brief as HTML, for a quick preview in a browser.

    \b
    Example:
        sebrief html -o /tmp/brief.html && xdg-open /tmp/brief.html
    """
    from sebrief.pipeline import html_text, prepare, write_output

    source = dataset_path(dataset)
    house = house_style(brand, source)
    prepared = prepare(source, lang, attach=False)
    suffix = ".html" if lang == "nl" else f".{lang}.html"
    page = html_text(prepared, template_dir, full_listing=full_listing, brand=house)
    report_written(write_output(page.encode("utf-8"), output, prepared, suffix))
