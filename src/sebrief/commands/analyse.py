"""``sebrief analyse``: the brief model as a terminal summary or as JSON."""

from __future__ import annotations

from pathlib import Path

import click

from sebrief.commands.common import dataset_argument, dataset_path, lang_option


@click.command()
@dataset_argument
@lang_option
@click.option("--json", "as_json", is_flag=True, help="Print the whole brief model as JSON (for other tools).")
@click.option("--schema", "show_schema", is_flag=True, help="Print the JSON Schema of the --json output and exit.")
def analyse(dataset: Path | None, lang: str, as_json: bool, show_schema: bool) -> None:
    """Analyse a dataset: parts 1a-c and 2a-d, totals, timeline, points of attention, follow-up.

    Amounts in the JSON are strings with two decimals, dates ISO 8601.

    \b
    Example:
        sebrief analyse                       # readable summary of the bundled dataset
        sebrief analyse --json > brief.json   # the whole model for other tools
    """
    import json

    from sebrief.analysis.serialise import brief_json_schema, brief_to_json

    if show_schema:
        click.echo(json.dumps(brief_json_schema(), indent=2, ensure_ascii=False))
        return
    from sebrief.analysis import analyse as run_analysis
    from sebrief.analysis.summary import summary_text
    from sebrief.load import load_dataset

    brief = run_analysis(load_dataset(dataset_path(dataset)), lang)
    click.echo(brief_to_json(brief) if as_json else summary_text(brief), nl=not as_json)
