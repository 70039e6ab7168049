"""``sebrief export``: the dataset as OCDS, CSV or JSON, for other tools."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

import click

from sebrief.commands.common import dataset_argument, dataset_path, messages_lang_option

if TYPE_CHECKING:
    from sebrief.dataset.model import Row


@click.command()
@dataset_argument
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["ocds", "csv", "json"]),
    required=True,
    help="ocds: OCDS 1.1 release package of the procurement rows; csv: every table's rows; json: the whole dataset.",
)
@click.option(
    "--csv-dialect",
    "csv_dialect",
    type=click.Choice(["excel", "standard"]),
    default=None,
    help="With --format csv: excel (the default) for Excel in Belgium: ';' between fields, UTF-8 with a BOM, "
    "CRLF, amounts like 9835,60; standard for other tools: commas, UTF-8 without BOM, LF, amounts like 9835.60.",
)
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(path_type=Path, allow_dash=True),
    help="Write to this file (replaced in one step) instead of standard output; - is standard output.",
)
@messages_lang_option
def export(dataset: Path | None, fmt: str, csv_dialect: str | None, output: Path | None, lang: str) -> None:
    """Export a dataset for other tools and for Excel: OCDS, CSV or JSON, in UTF-8.

    \b
    ocds  one OCDS 1.1 release per row of a kind the dataset marks as public
          procurement ("award", or "tender" while in procedure), amounts on the VAT
          basis the answer states (valueAddedTaxIncluded false or true; left out
          when not stated), the procedure in procurementMethodDetails. Rows of
          other kinds (subsidies, grants...) are left out (standard error says
          which). The ocid prefix "ocds-sebrief" is a placeholder,
          not a registered prefix. A dataset without procurement rows is a
          usage error.
    csv   every table's rows: a table column, the columns of the tables' CSV
          files and one column per grouping. By default as Excel in Belgium
          opens it on a double-click: ';' between fields, UTF-8 with a BOM
          (so that Excel reads "België" right), CRLF, amounts like 9835,60.
          With --csv-dialect standard, for other tools: commas, UTF-8 without
          BOM, LF, amounts like 9835.60. sebrief reads both back as a table.
    json  the whole dataset: metadata, question, kinds, groupings, answer blocks,
          rows, curation notes and the source text's SHA-256; amounts as strings
          like "9835.60", dates as YYYY-MM-DD.

    The same dataset always gives the same bytes (OCDS's publishedDate comes from
    SOURCE_DATE_EPOCH or the dataset's dates, never from the clock).

    \b
    Example:
        sebrief export --format ocds -o sv-221.ocds.json
        sebrief export data/my-question --format csv > rows.csv
        sebrief export --format csv --csv-dialect standard -o rows.csv
    """
    from sebrief.dataset.load import load_dataset
    from sebrief.export import ExportFormat, export_bytes
    from sebrief.export.tabular import CsvDialect, rows_csv_bytes

    if csv_dialect is not None and fmt != "csv":
        raise click.UsageError(f"--csv-dialect is for --format csv, not --format {fmt}; leave it out")
    loaded = load_dataset(dataset_path(dataset))
    chosen = cast(ExportFormat, fmt)  # click.Choice admits only the export formats
    if chosen == "csv":
        data = rows_csv_bytes(loaded, cast(CsvDialect, csv_dialect or "excel"))
    else:
        data = export_bytes(loaded, chosen)
    if chosen == "ocds":
        from sebrief.export.ocds import excluded_rows

        excluded = excluded_rows(loaded)
        procurement = {kind.id for kind in loaded.main.kinds if kind.procurement}
        left_out = [row for row in excluded if row.kind not in procurement]
        if left_out:
            kinds = {row.kind for row in left_out}
            names = ", ".join(k.plural.en for k in loaded.main.kinds if k.id in kinds)
            count = len(left_out)
            click.echo(
                f"note: {count} row{'s' if count != 1 else ''} ({_ids(left_out)}) left out: "
                f"OCDS describes public procurement, and the dataset does not mark {names} as procurement",
                err=True,
            )
        in_house = [row for row in excluded if row.kind in procurement]
        if in_house:
            count = len(in_house)
            click.echo(
                f"note: {count} row{'s' if count != 1 else ''} ({_ids(in_house)}) left out: done in house "
                "(status in_house), awarded to no one, so neither a tender nor an award",
                err=True,
            )
    if output is None or str(output) == "-":
        click.get_binary_stream("stdout").write(data)
        return
    from sebrief.commands.common import report_written
    from sebrief.write import write_atomic

    report_written(write_atomic(output, data))


def _ids(rows: list[Row]) -> str:
    """The ids of ``rows`` for a note: the first ten and how many more."""
    shown = ", ".join(row.id for row in rows[:10])
    return shown if len(rows) <= 10 else f"{shown} and {len(rows) - 10} more"
