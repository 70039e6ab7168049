"""``sebrief build``: the PDF brief and the workbook of one or many datasets."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from sebrief.commands.common import (
    brand_option,
    lang_option,
    previous_option,
    template_dir_option,
    warn_about_house_styles,
)

if TYPE_CHECKING:
    from sebrief.i18n import Translator


@click.command()
@click.argument("datasets", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--out-dir", type=click.Path(path_type=Path, file_okay=False), default=Path("reports"), show_default=True,
    help="Folder for the outputs: <dataset id>.pdf and <dataset id>.xlsx.",
)  # fmt: skip
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Datasets rendered at once (default: number of cores).")
@lang_option
@previous_option
@click.option(
    "--full-listing", is_flag=True,
    help="List every row of every table in the PDF, one line a row, however many (by default a very long table "
    "is shown as totals, its rows in the workbook).",
)  # fmt: skip
@template_dir_option
@brand_option
def build(
    datasets: tuple[Path, ...],
    out_dir: Path,
    jobs: int | None,
    lang: str,
    previous: Path | None,
    full_listing: bool,
    template_dir: Path | None,
    brand: Path | None,
) -> None:
    """Build the PDF brief (with the workbook and dataset attached) and the workbook.

    Without DATASETS, the bundled dataset. Several datasets are built in parallel; one that fails
    is reported and leaves no file behind, and the others are still built (exit code 5).

    \b
    Example:
        sebrief build                                  # reports/sv-221-2017-2018.{pdf,xlsx}
        sebrief build data/q1 data/q2 --out-dir out --jobs 2
        sebrief build data/v2 --previous data/v1       # with the changes since v1
        sebrief build data/big --full-listing          # the PDF lists every row, however many
        sebrief build data/q1 --brand style/brand.yaml --template-dir my-templates
    """
    from sebrief.build import build as run_build
    from sebrief.build import exit_code
    from sebrief.i18n import Translator
    from sebrief.resources import bundled_dataset

    t = Translator(lang)
    sources = list(datasets) or [bundled_dataset()]
    names = {bundled_dataset(): t("the bundled dataset {name}", name=bundled_dataset().name)}
    if previous is not None and len(sources) != 1:
        raise click.UsageError("--previous goes with exactly one DATASET")
    interactive = sys.stderr.isatty() and len(sources) > 1
    warn_about_house_styles(brand, sources)

    def progress(done: int, total: int, outcome: object) -> None:
        from sebrief.build import Outcome

        assert isinstance(outcome, Outcome)
        name = names.get(outcome.source, str(outcome.source))
        if interactive:
            click.echo(f"\r[{done}/{total}] {name}"[:79].ljust(79), err=True, nl=done == total)
        if outcome.ok:
            click.echo(t("built {name}: {files}", name=name, files=", ".join(str(p) for p in outcome.written)))
        else:
            if outcome.traceback:  # SEBRIEF_DEBUG is set
                click.echo(outcome.traceback.rstrip("\n"), err=True)
            click.echo(t("failed {name}: {error}", name=name, error=outcome.error), err=True)

    outcomes = run_build(sources, out_dir=out_dir, jobs=jobs, lang=lang, progress=progress, previous=previous,
                          full_listing=full_listing, template_dir=template_dir, brand_file=brand)  # fmt: skip
    failed = sum(1 for o in outcomes if not o.ok)
    if len(outcomes) > 1 or failed:
        click.echo(tally(len(outcomes), failed, t), err=True)
    pdfs = [path for o in outcomes if o.ok for path in o.written if path.suffix == ".pdf"]
    if pdfs:
        click.echo(which_to_send(pdfs, lang))
    sys.exit(exit_code(outcomes))


def tally(total: int, failed: int, t: Translator) -> str:
    """How many of the datasets were built and how many failed."""
    return t.plural(
        "{built} of {count} dataset built, {failed} failed",
        "{built} of {count} datasets built, {failed} failed",
        total,
        built=total - failed,
        failed=failed,
    )


def which_to_send(pdfs: list[Path], lang: str) -> str:
    """The file to attach when sending a brief: its PDF, which carries the workbook and the dataset."""
    from sebrief.i18n import Translator

    t = Translator(lang)
    if len(pdfs) == 1:
        return t(
            "To send the brief, attach {pdf}: the workbook and the dataset are attached inside it "
            "(many PDF viewers hide attachments; the workbook is also next to it).",
            pdf=pdfs[0],
        )
    return t(
        "To send a brief, attach its PDF: the workbook and the dataset are attached inside it "
        "(many PDF viewers hide attachments; the workbook is also next to it)."
    )
