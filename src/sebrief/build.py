"""``sebrief build``: both outputs of many datasets, rendered in parallel, written by one process.

Workers load, analyse and render a dataset to bytes; the parent names the files (stable and
collision-free), writes them atomically and reports. A dataset that fails leaves no file behind
and does not stop the others.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sebrief.errors import ExitCode, OutputError, SebriefError
from sebrief.write import REPORTS_DIR, write_atomic


@dataclass(frozen=True)
class Rendered:
    """The outputs of one dataset, in memory."""

    source: Path
    pdf: bytes
    xlsx: bytes


@dataclass(frozen=True)
class Outcome:
    source: Path
    written: tuple[Path, ...] = ()
    error: str | None = None
    exit_code: int = ExitCode.OK

    @property
    def ok(self) -> bool:
        return self.error is None


def render_dataset(
    source: Path, lang: str = "nl", previous: Path | None = None, template_dir: Path | None = None
) -> Rendered:
    """Load, analyse and render one dataset to bytes (in a worker process or in this one)."""
    from sebrief.pipeline import pdf_bytes, prepare, workbook_bytes

    prepared = prepare(source, lang, previous)
    workbook = workbook_bytes(prepared)
    return Rendered(source, pdf_bytes(prepared, template_dir, workbook=workbook), workbook)


def render_dataset_overlapped(
    source: Path, lang: str = "nl", previous: Path | None = None, template_dir: Path | None = None
) -> Rendered:
    """One dataset on two cores, the same bytes as ``render_dataset``.

    A forked process imports WeasyPrint while this one loads and analyses the dataset, then lays
    the brief out while this one builds the workbook; it writes the PDF once the attachments come.
    """
    import multiprocessing

    context = multiprocessing.get_context("fork")
    ours, theirs = context.Pipe()
    worker = context.Process(target=_pdf_worker, args=(theirs,), daemon=True)
    worker.start()
    theirs.close()
    try:
        from sebrief.pipeline import attachments, html_text, prepare, workbook_bytes
        from sebrief.render.pdf.html import template_folders

        prepared = prepare(source, lang, previous)
        # The HTML lists the attachments' names and descriptions, not their bytes.
        listing = attachments(prepared, workbook=b"")
        html = html_text(prepared, template_dir, attachments=listing)
        ours.send((html, template_folders(template_dir), prepared.timestamp))
        workbook = workbook_bytes(prepared)
        ours.send(attachments(prepared, workbook))
        status, payload = ours.recv()
    except BaseException:
        worker.kill()
        raise
    finally:
        ours.close()
        worker.join()
    if status != "ok":
        raise RuntimeError(f"the PDF could not be rendered: {payload}")
    return Rendered(source, payload, workbook)


def _pdf_worker(connection: Any) -> None:
    """The second process of ``render_dataset_overlapped``: lay out, then write, the PDF."""
    try:
        from sebrief.render.pdf.document import lay_out, write_document

        html, folders, timestamp = connection.recv()
        laid_out = lay_out(html, folders=folders)
        files = connection.recv()
        pdf = write_document(laid_out, folders=folders, attachments=files, timestamp=timestamp)
        connection.send(("ok", pdf))
    except EOFError:  # the parent stopped first (an invalid dataset): nothing to render
        pass
    except BaseException as error:  # reported by the parent
        connection.send(("error", f"{type(error).__name__}: {error}"))
    finally:
        connection.close()


def _render_safely(
    source: Path, lang: str, previous: Path | None = None, overlapped: bool = False
) -> Rendered | Outcome:
    try:
        if overlapped:
            return render_dataset_overlapped(source, lang, previous)
        return render_dataset(source, lang, previous)
    except SebriefError as error:
        return Outcome(source, error=str(error), exit_code=error.exit_code)
    except Exception as error:
        return Outcome(source, error=f"internal error: {type(error).__name__}: {error}", exit_code=ExitCode.FAILURE)


def _warm_up() -> None:
    """Import the heavy libraries once per worker, before the first dataset."""
    import sebrief.pipeline
    import sebrief.render.pdf
    import sebrief.render.xlsx  # noqa: F401


def peek_id(source: Path) -> str:
    """The dataset id as its main file states it (the folder's name if it cannot be read)."""
    from sebrief.load import MAIN_FILE

    folder = source if source.is_dir() else source.parent
    try:
        import yaml

        data = yaml.safe_load((folder / MAIN_FILE).read_text(encoding="utf-8"))
        identifier = data.get("id") if isinstance(data, dict) else None
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError):
        identifier = None
    return identifier if isinstance(identifier, str) and identifier else folder.name


def output_stems(sources: Sequence[Path]) -> list[str]:
    """A file stem per dataset: its id, or its id and a hash of its folder where ids collide."""
    ids = [peek_id(source) for source in sources]
    counts = Counter(ids)
    stems = []
    for source, identifier in zip(sources, ids, strict=True):
        stem = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in identifier)
        if counts[identifier] > 1:
            stem += "-" + hashlib.sha256(str(source.resolve()).encode("utf-8")).hexdigest()[:8]
        stems.append(stem)
    return stems


def iter_rendered(
    sources: Sequence[Path], lang: str, jobs: int, previous: Path | None = None
) -> Iterator[Rendered | Outcome]:
    """Rendered datasets (or failures) in the order of ``sources``."""
    if jobs <= 1 or len(sources) <= 1:
        for source in sources:
            yield _render_safely(source, lang, previous, overlapped=jobs > 1)
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=_warm_up) as pool:
        yield from pool.map(_render_safely, sources, [lang] * len(sources))


def build(
    sources: Sequence[Path],
    out_dir: Path = REPORTS_DIR,
    jobs: int | None = None,
    lang: str = "nl",
    progress: Callable[[int, int, Outcome], None] | None = None,
    previous: Path | None = None,
) -> list[Outcome]:
    """Build the PDF and the workbook of every dataset; return one outcome per dataset.

    ``previous`` (an earlier version, for a single dataset) adds the changes since to both outputs.
    """
    if previous is not None and len(sources) != 1:
        raise ValueError("a previous version goes with exactly one dataset")
    jobs = jobs or os.cpu_count() or 1
    suffix = "" if lang == "nl" else f".{lang}"
    stems = output_stems(sources)
    outcomes = []
    for index, result in enumerate(iter_rendered(sources, lang, jobs, previous)):
        outcome = result if isinstance(result, Outcome) else _write(result, out_dir, stems[index] + suffix)
        outcomes.append(outcome)
        if progress:
            progress(index + 1, len(sources), outcome)
    return outcomes


def _write(rendered: Rendered, out_dir: Path, stem: str) -> Outcome:
    try:
        pdf = write_atomic(out_dir / f"{stem}.pdf", rendered.pdf)
        xlsx = write_atomic(out_dir / f"{stem}.xlsx", rendered.xlsx)
    except OutputError as error:
        return Outcome(rendered.source, error=str(error), exit_code=error.exit_code)
    return Outcome(rendered.source, written=(pdf, xlsx))


def exit_code(outcomes: Sequence[Outcome]) -> int:
    failed = [o for o in outcomes if not o.ok]
    if not failed:
        return ExitCode.OK
    if len(outcomes) == 1:
        return failed[0].exit_code
    return ExitCode.PARTIAL_BUILD
