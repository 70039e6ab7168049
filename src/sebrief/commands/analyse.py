"""``sebrief analyse``: the brief as a terminal summary or as JSON."""

from __future__ import annotations

from pathlib import Path

import click

from sebrief.commands.common import dataset_argument, dataset_path, lang_option


@click.command()
@dataset_argument
@lang_option
@click.option("--json", "as_json", is_flag=True, help="Print the whole brief as JSON (for other tools).")
@click.option("--schema", "show_schema", is_flag=True, help="Print the JSON Schema of the --json output and exit.")
def analyse(dataset: Path | None, lang: str, as_json: bool, show_schema: bool) -> None:
    """Analyse a dataset: each part of the question with the blocks that answer it, totals per kind
    on their VAT basis, timeline, points of attention and follow-up questions.

    Amounts in the JSON are strings with two decimals, dates ISO 8601; the schema is also in
    data/brief.schema.json.

    \b
    Example:
        sebrief analyse                       # readable summary of the bundled dataset
        sebrief analyse --json > brief.json   # the whole brief for other tools
        sebrief analyse --schema              # the JSON Schema of that output
    """
    import json

    from sebrief.engine.serialise import brief_json_schema, brief_to_json

    if show_schema:
        click.echo(json.dumps(brief_json_schema(), indent=2, ensure_ascii=False))
        return
    from sebrief.commands.summary import summary_text
    from sebrief.dataset.load import load_dataset
    from sebrief.engine.analyse import analyse as run_analysis

    brief = run_analysis(load_dataset(dataset_path(dataset)), lang)
    click.echo(brief_to_json(brief) if as_json else summary_text(brief), nl=False)
