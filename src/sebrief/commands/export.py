"""``sebrief export``: the dataset as OCDS, CSV or JSON, for other tools."""

from __future__ import annotations

from pathlib import Path
from typing import cast

import click

from sebrief.commands.common import dataset_argument, dataset_path


@click.command()
@dataset_argument
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["ocds", "csv", "json"]),
    required=True,
    help="ocds: OCDS 1.1 release package of the public contracts; csv: the table rows; json: the whole dataset.",
)
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(path_type=Path, allow_dash=True),
    help="Write to this file (replaced in one step) instead of standard output; - is standard output.",
)
def export(dataset: Path | None, fmt: str, output: Path | None) -> None:
    """Export a dataset for other tools: OCDS, CSV or JSON, in UTF-8.

    \b
    ocds  one OCDS 1.1 release per public contract ("award", or "tender" while in
          procedure), amounts excl. VAT with valueAddedTaxIncluded false. Subsidy calls
          are not public contracts and are left out (standard error says how many).
          The ocid prefix "ocds-sebrief" is a placeholder, not a registered prefix.
    csv   the table rows, with the columns of rows.csv; amounts like 9835.60.
    json  the whole dataset: metadata, question, actions, answer, rows, curation notes;
          amounts as strings like "9835.60", dates as YYYY-MM-DD.

    The same dataset always gives the same bytes (OCDS's publishedDate comes from
    SOURCE_DATE_EPOCH or the dataset's dates, never from the clock).

    \b
    Example:
        sebrief export --format ocds -o sv-221.ocds.json
        sebrief export data/my-question --format csv > rows.csv
    """
    from sebrief.export import ExportFormat, export_bytes
    from sebrief.load import load_dataset

    loaded = load_dataset(dataset_path(dataset))
    chosen = cast(ExportFormat, fmt)  # click.Choice admits only the export formats
    data = export_bytes(loaded, chosen)
    if chosen == "ocds":
        from sebrief.export.ocds import excluded_rows

        left_out = excluded_rows(loaded)
        if left_out:
            ids = ", ".join(row.id for row in left_out)
            count = len(left_out)
            click.echo(
                f"note: {count} subsidy call{'s' if count != 1 else ''} ({ids}) left out: "
                "OCDS describes public contracts, and a subsidy call is not one",
                err=True,
            )
    if output is None or str(output) == "-":
        click.get_binary_stream("stdout").write(data)
        return
    from sebrief.commands.common import report_written
    from sebrief.write import write_atomic

    report_written(write_atomic(output, data))
