"""``sebrief build``: both outputs of many datasets, rendered in parallel, written by one process.

Workers load, analyse and render a dataset to bytes; the parent names the files (stable and
collision-free), writes them atomically and reports. A dataset that fails leaves no file behind
and does not stop the others. The processes this module starts end when the process that started
them ends, even when it is killed (``end_with_parent``).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import multiprocessing
import os
import signal
import sys
import traceback
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sebrief.brand import Brand
from sebrief.errors import ExitCode, OutputError, SebriefError
from sebrief.write import REPORTS_DIR, build_timestamp, write_together

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


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
    traceback: str | None = None  # of an internal error, with SEBRIEF_DEBUG set

    @property
    def ok(self) -> bool:
        return self.error is None


def render_dataset(
    source: Path,
    lang: str = "nl",
    previous: Path | None = None,
    template_dir: Path | None = None,
    full_listing: bool = False,
    brand: Brand | None = None,
) -> Rendered:
    """Load, analyse and render one dataset to bytes (in a worker process or in this one), in the
    house style ``brand`` (``sebrief.brand.load_brand``)."""
    from sebrief.pipeline import pdf_bytes, prepare, workbook_bytes

    prepared = prepare(source, lang, previous)
    workbook = workbook_bytes(prepared, brand)
    pdf = pdf_bytes(prepared, template_dir, workbook=workbook, full_listing=full_listing, brand=brand)
    return Rendered(source, pdf, workbook)


def render_dataset_overlapped(
    source: Path,
    lang: str = "nl",
    previous: Path | None = None,
    template_dir: Path | None = None,
    full_listing: bool = False,
    brand: Brand | None = None,
) -> Rendered:
    """One dataset on two cores, the same bytes as ``render_dataset``.

    A forked process imports WeasyPrint while this one loads and analyses the dataset, then lays
    the brief out while this one draws the charts, packs the dataset's JSON and builds the workbook;
    it writes the PDF once the attachments come.
    """
    context = multiprocessing.get_context("fork")
    ours, theirs = context.Pipe()
    worker = context.Process(target=_pdf_worker, args=(theirs, ours, os.getpid()), daemon=True)
    worker.start()
    theirs.close()
    try:
        from sebrief.pipeline import analysed, attachment_listing, attachments, with_dataset_json, workbook_bytes
        from sebrief.quotes import quote_fragments

        prepared, dataset = analysed(source, lang, previous)
        # The HTML's libraries (templates, then charts: 45 MB) are imported once the analysis is done:
        # into the memory it used for its work and freed, not on top of its peak.
        from sebrief.render.pdf.charts import DeferredCharts
        from sebrief.render.pdf.html import html_for, template_folders

        # The HTML lists the attachments' names and descriptions, not their bytes. With the built-in
        # templates it names the charts by URL: matplotlib is imported and they are drawn once the HTML
        # is sent, while the other process begins the layout, which needs them some way in. A user's
        # templates get them inline (as data: URIs), as they may use them otherwise than as images.
        listing = attachment_listing(prepared)
        charts = DeferredCharts() if template_dir is None else None
        html = html_for(prepared.brief, template_dir=template_dir, attachments=listing, timestamp=prepared.timestamp,
                        full_listing=full_listing, brand=brand, deferred_charts=charts)  # fmt: skip
        workbook = b""
        try:
            ours.send((html, template_folders(template_dir), prepared.timestamp, listing))
            del html
            ours.send(charts.draw() if charts is not None else {})
            del charts
            # The loading and the analysis ran without the cycle collector: what they left in cycles
            # is freed here, while the other process lays the brief out (135,000 rows: about 50 MB).
            gc.collect()
            prepared = with_dataset_json(prepared, dataset)
            del dataset  # its rows live on in the brief; the rest (the source text) is not needed
            # The quotes looked up hold the rows' texts, scattered through the memory the rows took:
            # let go of them, and that memory goes back to the system (135,000 rows: about 200 MB).
            quote_fragments.cache_clear()
            workbook = workbook_bytes(prepared, brand)
            files = attachments(prepared, workbook)
            # The brief is not needed while the PDF is finished: its memory is freed before the
            # files are packed to be sent (135,000 rows: 80 MB, some in cycles, some held by the
            # quotes the workbook looked up).
            del prepared
            quote_fragments.cache_clear()
            gc.collect()
            ours.send(files)
            del files
        except BrokenPipeError:
            pass  # the layout process stopped early: its report, read next, says why
        try:
            status, payload, remote = ours.recv()
            if status == "ok":  # the PDF comes as it is, not pickled: one copy of it here, not two
                payload = ours.recv_bytes()
        except EOFError:
            status, payload, remote = "error", "the layout process ended without a word", ""
    except BaseException:
        worker.kill()
        raise
    finally:
        ours.close()
        worker.join()
    if status != "ok":
        if isinstance(payload, str) and payload.startswith(f"{LAYOUT_ERROR}: "):
            raise OutputError(payload.removeprefix(f"{LAYOUT_ERROR}: ")) from RemoteTraceback(remote)
        raise RuntimeError(f"the PDF could not be rendered: {payload}") from RemoteTraceback(remote)
    return Rendered(source, payload, workbook)


LAYOUT_ERROR = "LayoutError"  # the name of sebrief.render.pdf.document.LayoutError, as the layout process reports it


class RemoteTraceback(Exception):
    """The traceback of an error in another process, shown as the cause of the error it made here."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def end_with_parent(parent_pid: int | None) -> bool:
    """In a forked process: have it killed when its parent ends; False if the parent already has.

    On Linux the kernel sends SIGKILL when the parent (the thread that forked) ends, however it
    ends. Comparing the parent's pid closes the race of a parent that ended before the request.
    Elsewhere, the child's pipe to its parent tells it (see ``_pdf_worker``).
    """
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    return parent_pid is None or os.getppid() == parent_pid


def _pdf_worker(connection: Any, parent_end: Any, parent_pid: int) -> None:
    """The second process of ``render_dataset_overlapped``: lay out, draw, then finish the PDF with its files."""
    # Without the parent's end of the pipe here, the parent's death closes the pipe: recv ends.
    parent_end.close()
    if not end_with_parent(parent_pid):
        connection.close()
        return
    try:
        from sebrief.render.pdf.document import lay_out, write_document

        html, folders, timestamp, listing = connection.recv()
        # The charts come next: read when the layout first needs one, and in any case before the files.
        charts = functools.cache(connection.recv)
        laid_out = lay_out(html, folders=folders, charts=charts)
        charts()
        # The pages are drawn and the fonts subset while the workbook is still being built.
        pdf = write_document(laid_out, folders=folders, attachments=listing, timestamp=timestamp,
                             arriving=connection.recv)  # fmt: skip
        connection.send(("ok", None, ""))
        connection.send_bytes(pdf)
    except EOFError:  # the parent stopped first (an invalid dataset): nothing to render
        pass
    except BaseException as error:  # reported by the parent
        with contextlib.suppress(OSError):
            connection.send(("error", f"{type(error).__name__}: {error}", traceback.format_exc()))
    finally:
        connection.close()


def _render_safely(
    source: Path,
    lang: str,
    previous: Path | None = None,
    overlapped: bool = False,
    full_listing: bool = False,
    template_dir: Path | None = None,
    brand_file: Path | None = None,
) -> Rendered | Outcome:
    try:
        from sebrief.brand import load_brand

        brand = load_brand(brand_file, source)  # --brand, else the dataset's own brand.yaml, if any
        render = render_dataset_overlapped if overlapped else render_dataset
        return render(source, lang, previous, template_dir, full_listing=full_listing, brand=brand)
    except SebriefError as error:
        return Outcome(source, error=error.describe(lang), exit_code=error.exit_code)
    except Exception as error:
        return Outcome(
            source,
            error=f"internal error: {type(error).__name__}: {error}",
            exit_code=ExitCode.FAILURE,
            traceback=traceback.format_exc() if os.environ.get("SEBRIEF_DEBUG") else None,
        )


def _start_worker(parent_pid: int | None) -> None:
    """A worker of the pool: it ends with its parent, and imports the heavy libraries first."""
    if not end_with_parent(parent_pid):
        os._exit(1)
    _warm_up()


def _warm_up() -> None:
    """Import the heavy libraries once per worker, before the first dataset (the charts' too:
    ``sebrief.render.pdf.html`` no longer brings matplotlib with it)."""
    import matplotlib.backends.backend_svg
    import matplotlib.figure  # noqa: F401

    import sebrief.pipeline
    import sebrief.render.pdf.html
    import sebrief.render.xlsx  # noqa: F401


def peek_id(source: Path) -> str:
    """The dataset id as the loader reads it (the folder's name if the main file cannot be read).

    The main file is parsed as the loader parses it (a date-like id stays the string it reads
    as), so that every command names the outputs of a dataset alike. A file the loader rejects
    is reported when the dataset itself is loaded, with its location.
    """
    from sebrief.dataset.reading import MAIN_FILE, _parse_yaml

    folder = source if source.is_dir() else source.parent
    try:
        text = (folder / MAIN_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return folder.name
    parsed = _parse_yaml(text, [])
    data = parsed[0] if parsed is not None else None
    identifier = data.get("id") if isinstance(data, dict) else None
    return identifier.strip() if isinstance(identifier, str) and identifier.strip() else folder.name


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
    sources: Sequence[Path],
    lang: str,
    jobs: int,
    previous: Path | None = None,
    full_listing: bool = False,
    template_dir: Path | None = None,
    brand_file: Path | None = None,
) -> Iterator[Rendered | Outcome]:
    """Rendered datasets (or failures) in the order of ``sources``."""
    if jobs <= 1 or len(sources) <= 1:
        for source in sources:
            yield _render_safely(source, lang, previous, jobs > 1, full_listing, template_dir, brand_file)
        return
    context = multiprocessing.get_context()
    # A worker's parent is this process, except under a fork server.
    parent = None if context.get_start_method() == "forkserver" else os.getpid()
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_start_worker, initargs=(parent,)
    ) as pool:
        count = len(sources)
        yield from pool.map(_render_safely, sources, [lang] * count, [None] * count, [False] * count,
                            [full_listing] * count, [template_dir] * count, [brand_file] * count)  # fmt: skip


def build(
    sources: Sequence[Path],
    out_dir: Path = REPORTS_DIR,
    jobs: int | None = None,
    lang: str = "nl",
    progress: Callable[[int, int, Outcome], None] | None = None,
    previous: Path | None = None,
    full_listing: bool = False,
    template_dir: Path | None = None,
    brand_file: Path | None = None,
) -> list[Outcome]:
    """Build the PDF and the workbook of every dataset; return one outcome per dataset.

    ``previous`` (an earlier version, for a single dataset) adds the changes since to both outputs;
    ``full_listing`` lists every row of every table in the PDF, whatever its size; ``template_dir``
    holds templates that replace the built-in ones; ``brand_file`` is the house style of every
    dataset (by default each dataset's own brand.yaml, if it has one).
    """
    if previous is not None and len(sources) != 1:
        raise ValueError("a previous version goes with exactly one dataset")
    build_timestamp()  # an unusable SOURCE_DATE_EPOCH is reported once, before any work
    jobs = jobs or os.cpu_count() or 1
    suffix = "" if lang == "nl" else f".{lang}"
    stems = output_stems(sources)
    outcomes = []
    rendered = iter_rendered(sources, lang, jobs, previous, full_listing, template_dir, brand_file)
    for index, result in enumerate(rendered):
        outcome = result if isinstance(result, Outcome) else _write(result, out_dir, stems[index] + suffix)
        outcomes.append(outcome)
        if progress:
            progress(index + 1, len(sources), outcome)
    return outcomes


def _write(rendered: Rendered, out_dir: Path, stem: str) -> Outcome:
    """Both files of a dataset, or neither: a failure leaves the previous pair in place."""
    try:
        written = write_together([(out_dir / f"{stem}.pdf", rendered.pdf), (out_dir / f"{stem}.xlsx", rendered.xlsx)])
    except OutputError as error:
        return Outcome(rendered.source, error=str(error), exit_code=error.exit_code)
    return Outcome(rendered.source, written=tuple(written))


def exit_code(outcomes: Sequence[Outcome]) -> int:
    failed = [o for o in outcomes if not o.ok]
    if not failed:
        return ExitCode.OK
    if len(outcomes) == 1:
        return failed[0].exit_code
    return ExitCode.PARTIAL_BUILD
