"""``sebrief followup``: write the brief's follow-up questions as a draft written question."""

from __future__ import annotations

import re
from pathlib import Path
from typing import cast

import click

from sebrief.commands.common import (
    brand_option,
    dataset_argument,
    dataset_path,
    house_style,
    lang_option,
    output_option,
    report_written,
)

FORMATS = ("docx", "odt", "md", "txt")
NUMBERS = re.compile(r"\s*[0-9]+(\s*-\s*[0-9]+)?\s*(,\s*[0-9]+(\s*-\s*[0-9]+)?\s*)*")


def parse_numbers(value: str) -> tuple[int, ...]:
    """'1,3,5' or '2-4,7' as the numbers it names; raises click.BadParameter on anything else."""
    if not NUMBERS.fullmatch(value):
        raise click.BadParameter(
            f"{value!r} is not a list of question numbers; give numbers separated by commas, e.g. --only 1,3,5 "
            "(a range as 2-4)",
            param_hint="--only",
        )
    numbers: list[int] = []
    for piece in value.split(","):
        first, _, last = piece.partition("-")
        start, end = int(first), int(last or first)
        if end < start:
            raise click.BadParameter(f"the range {piece.strip()!r} runs backwards; write it as {end}-{start}",
                                     param_hint="--only")  # fmt: skip
        numbers.extend(range(start, end + 1))
    return tuple(numbers)


def numbers_text(numbers: tuple[int, ...]) -> str:
    """Numbers as runs: '1-14', '1-3, 5'."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)


@click.command()
@dataset_argument
@output_option
@click.option(
    "--only",
    "only",
    metavar="1,3,5",
    help="Only these follow-up questions, numbered as in the brief (1,3,5; a range as 2-4).",
)
@lang_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="docx (Word, the default), odt (OpenDocument, written by sebrief itself: no LibreOffice needed), "
    "md (Markdown) or txt (plain text, to paste into the parliament's web form). Without it, the extension "
    "of -o decides, else docx.",
)
@brand_option
def followup(
    dataset: Path | None, output: Path | None, only: str | None, lang: str, fmt: str | None, brand: Path | None
) -> None:
    """Write the follow-up questions of the brief as a draft written question to the minister.

    The draft is addressed to the minister of the original question, refers to that question and says
    which parts the answer left open, then lists the follow-up questions with their numbers in the brief,
    each with what it builds on; the brief (PDF) and the workbook are named as attachments. The questions
    are the analysis' own, word for word (see `sebrief analyse`); quotes stay in the source's language.

    Default output: reports/<dataset id>.followup.docx (.followup.en.docx with --lang en; .odt, .md or
    .txt with --format). The same dataset gives the same bytes. A house style (--brand, or the
    brand.yaml beside the dataset) gives the Word and OpenDocument texts a letterhead with the
    organisation's logo and name, its colours, fonts and footer; md and txt stay plain.

    \b
    Example:
        sebrief followup                            # reports/sv-221-2017-2018.followup.docx
        sebrief followup --only 1,3,5               # only follow-up questions 1, 3 and 5
        sebrief followup data/my-question --format odt --lang en
        sebrief followup --format txt -o -          # plain text, to paste into a web form
        sebrief followup --brand style/brand.yaml   # with the letterhead of a house style
    """
    from sebrief.i18n import Translator
    from sebrief.pipeline import prepare, write_output
    from sebrief.render.followup import Format, UnknownQuestions, logo_not_shown, render_followup

    numbers = parse_numbers(only) if only is not None else None
    chosen_format = cast(Format, fmt or _format_of(output))
    source = dataset_path(dataset)
    house = house_style(brand, source)
    left_out = logo_not_shown(house, chosen_format)
    if left_out is not None:
        t = Translator(lang)
        text = t(
            "the logo {name} is an SVG, which a Word document cannot hold, so the follow-up is written without "
            "it; name a PNG logo in the house style file (logo: logo.png), or write the follow-up with --format odt",
            name=repr(left_out.filename),
        )
        click.echo(t("warning: {text}", text=text), err=True)
    prepared = prepare(source, lang, attach=False)
    language = "" if lang == "nl" else f".{lang}"
    names = (f"{prepared.dataset_id}{language}.pdf", f"{prepared.dataset_id}{language}.xlsx")
    try:
        data = render_followup(prepared.brief, fmt=chosen_format, numbers=numbers, attachments=names,
                               timestamp=prepared.timestamp, brand=house)  # fmt: skip
    except UnknownQuestions as error:
        missing = ", ".join(map(str, error.unknown))
        valid = f"1 to {len(error.valid)}" if error.valid == tuple(range(1, len(error.valid) + 1)) else None
        have = (
            f"the brief's follow-up questions are numbered {valid or numbers_text(error.valid)}"
            if error.valid
            else "the brief has no follow-up question"
        )
        raise click.BadParameter(f"there is no follow-up question {missing}: {have}", param_hint="--only") from error
    report_written(write_output(data, output, prepared, f".followup{language}.{chosen_format}"))


def _format_of(output: Path | None) -> str:
    suffix = output.suffix.lower().lstrip(".") if output is not None else ""
    return suffix if suffix in FORMATS else "docx"
