"""``sebrief serve``: edit, check, preview and build a dataset in the browser."""

from __future__ import annotations

from pathlib import Path

import click

from sebrief.commands.common import lang_option


@click.command()
@click.argument("target", metavar="[DATASET_OR_SOURCE]", required=False, type=click.Path(path_type=Path))
@click.option("--port", type=click.IntRange(0, 65535), default=0, help="Port to listen on (default: a free one).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on; another than "
              "127.0.0.1 lets other machines reach the server (a warning is printed).")  # fmt: skip
@click.option("--no-browser", is_flag=True, help="Do not open the browser; only print the address.")
@click.option("--corpus", type=click.Path(path_type=Path, dir_okay=False), help="The corpus file (made with "
              "`sebrief corpus add`) that the page 'Search the corpus' searches (default: corpus.duckdb in the "
              "folder served, if there is one).")  # fmt: skip
@lang_option
def serve(target: Path | None, port: int, host: str, no_browser: bool, corpus: Path | None, lang: str) -> None:
    """Open the browser on a local application to draft, complete, check and build a brief.

    DATASET_OR_SOURCE is a dataset folder (or its dataset.yaml) to open, or the published
    question and answer (PDF or text) to draft into a new folder beside it, as
    `sebrief new` does. Without it, the start page lists the dataset folders under the current
    folder and takes a document to draft.

    Every change is saved into the dataset's own files at once (atomically; comments in
    dataset.yaml are kept) and checked as `sebrief validate` checks it; the preview of the brief
    follows, also when the files change on disk.

    The page 'Search the corpus' ('Zoeken in het corpus') looks up a supplier's or beneficiary's name in all the answers
    of a corpus (`sebrief corpus add`): the names taken and the similar names not taken, the
    totals per question, minister and year on each VAT basis, and the rows. It searches the file
    named with --corpus, or else corpus.duckdb in the folder served (the current folder, or the
    folder holding the dataset opened).

    The server listens on 127.0.0.1 only and
    answers only requests that carry the token of the printed address. Stop it with Ctrl+C.

    \b
    Example:
        sebrief serve data/my-question
        sebrief serve vraag.pdf            # drafts vraag/ beside it and opens it
        sebrief serve --corpus corpus.duckdb
    """
    from sebrief.serve.run import run

    run(target, port=port, host=host, open_browser=not no_browser, lang=lang, corpus=corpus)
