"""The brief as HTML: Jinja templates (a user's folder first, then the built-ins) filled with the brief.

Autoescaping is on and undefined names are errors, so text from a dataset always prints as text
and a template that names a missing value fails loudly instead of printing a blank.

Template folders are shared between people, so a template is treated as untrusted: it is rendered
in Jinja's immutable sandbox (no Python internals, no changes to the values it is given, message
placeholders filled by the sandbox's formatter), and a template file that resolves, after
symbolic links, outside the template folders is refused instead of read.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEscapeFormatter, SandboxedFormatter
from markupsafe import Markup

from sebrief.brand import Brand
from sebrief.engine.brief import Brief
from sebrief.i18n import Translator
from sebrief.render import Attachment
from sebrief.render.pdf.charts import DeferredCharts
from sebrief.render.pdf.context import template_context
from sebrief.render.pdf.errors import TemplateError
from sebrief.resources import templates_dir

MAIN_TEMPLATE = "brief.html"


def template_folders(template_dir: Path | None = None) -> tuple[Path, ...]:
    """The folders templates and their assets are read from, in the order they are searched."""
    builtin = templates_dir()
    return (template_dir, builtin) if template_dir is not None else (builtin,)


class TemplateRefused(jinja2.TemplateError):
    """A template file that may not be used: outside the template folders, or not readable as text."""


class ConfinedLoader(jinja2.BaseLoader):
    """Templates from ``folders``, searched in order, like a FileSystemLoader over the same folders.

    A file that resolves (after symbolic links, in the file's name or in a folder on its way)
    outside every template folder is refused, even if the file it points to does not exist, so
    that a link never silently falls back to a built-in template either. ``..`` in a template
    name is refused by Jinja itself.
    """

    def __init__(self, folders: Sequence[Path]) -> None:
        self.folders = tuple(Path(os.path.abspath(folder)) for folder in folders)
        self.roots = tuple(Path(os.path.realpath(folder)) for folder in folders)

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)
        for folder in self.folders:
            path = folder.joinpath(*pieces)
            if not os.path.lexists(path):
                continue
            real = Path(os.path.realpath(path))
            if not any(real.is_relative_to(root) for root in self.roots):
                raise TemplateRefused(
                    f"{path}: leads through a symbolic link to {real}, outside the template folders; templates "
                    f"are read only from the template folders: copy the file into {folder} instead of linking to it"
                )
            if not real.is_file():
                continue
            try:
                source = real.read_text(encoding="utf-8")
                mtime = real.stat().st_mtime
            except UnicodeDecodeError as error:
                raise TemplateRefused(
                    f"{path}: not UTF-8 text (byte 0x{error.object[error.start]:02x} at offset {error.start}); "
                    "save the template with UTF-8 encoding"
                ) from error
            except OSError as error:
                raise TemplateRefused(
                    f"{path}: cannot be read ({error.strerror or error}); check its permissions"
                ) from error

            def uptodate(real: Path = real, mtime: float = mtime) -> bool:
                try:
                    return real.stat().st_mtime == mtime
                except OSError:
                    return False

            return source, os.path.normpath(path), uptodate
        raise jinja2.TemplateNotFound(template)


@cache
def environment(folders: tuple[Path, ...]) -> jinja2.Environment:
    env = ImmutableSandboxedEnvironment(
        loader=ConfinedLoader(folders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["fill"] = fill
    return env


@jinja2.pass_environment
def fill(env: jinja2.Environment, message: str, **values: object) -> str:
    """A label with its placeholders filled in: ``{{ labels.months|fill(months=...) }}``.

    The placeholders are filled by the sandbox's formatter, so that ``{x.__globals__}`` in a
    template's message reaches no further than the same expression in the template would.
    """
    return sandboxed_format(env, message, values)


def sandboxed_format(env: jinja2.Environment, message: str, values: dict[str, Any]) -> str:
    """``message.format(**values)``, with the attribute and item look-ups of the sandbox."""
    formatter: SandboxedFormatter
    if isinstance(message, Markup):
        formatter = SandboxedEscapeFormatter(env, escape=message.escape)
    else:
        formatter = SandboxedFormatter(env)
    return type(message)(formatter.vformat(message, (), values))


class TemplateTranslator:
    """``fmt`` in the templates: the brief's translator, with its messages filled in by the sandbox.

    ``fmt.money``, ``fmt.date`` and the other formatters are the translator's own; calling ``fmt``
    or ``fmt.plural`` formats the message with the sandbox's formatter, not with ``str.format``.
    """

    def __init__(self, translator: Translator, env: jinja2.Environment) -> None:
        self._translator = translator
        self._env = env

    def __call__(self, message: str, **values: object) -> str:
        text = self._translator(message)
        return sandboxed_format(self._env, text, values) if values else text

    def plural(self, singular: str, plural: str, count: int, **values: object) -> str:
        text = self._translator._ngettext(singular, plural, count)
        return sandboxed_format(self._env, text, {"count": count, **values})

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._translator, name)


def html_for(
    brief: Brief,
    *,
    template_dir: Path | None = None,
    attachments: Sequence[Attachment] = (),
    timestamp: dt.datetime | None = None,
    full_listing: bool = False,
    brand: Brand | None = None,
    deferred_charts: DeferredCharts | None = None,
) -> str:
    """The brief as one HTML document; ``attachments`` and ``timestamp`` only matter for the PDF.
    ``full_listing``: every row of every table listed, whatever its size; ``brand``: a house style;
    ``deferred_charts``: the charts named by URL, to be drawn later (``DeferredCharts``)."""
    folders = template_folders(template_dir)
    env = environment(folders)
    context = template_context(brief, attachments=attachments, timestamp=timestamp, full_listing=full_listing,
                               brand=brand, deferred_charts=deferred_charts)  # fmt: skip
    context["fmt"] = TemplateTranslator(context["fmt"], env)
    return rendered(env, MAIN_TEMPLATE, context, template_dir)


def rendered(env: jinja2.Environment, name: str, context: dict[str, Any], template_dir: Path | None) -> str:
    """The template ``name`` rendered with ``context``; a fault of a template from the user's
    ``template_dir`` is a ``TemplateError`` that says where and how to fix it."""
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateError as error:
        if template_dir is None:
            raise  # a fault in the built-in templates is a bug in sebrief
        raise TemplateError(template_problem(error, template_dir)) from error


def template_problem(error: jinja2.TemplateError, template_dir: Path) -> str:
    if isinstance(error, TemplateRefused):
        return str(error.message)
    if isinstance(error, jinja2.TemplateSyntaxError):
        return f"{error.filename or error.name}, line {error.lineno}: {error.message}; fix the template"
    if isinstance(error, jinja2.TemplateNotFound):
        return f"template {error.name!r} is neither in {template_dir} nor among the built-in templates"
    where = failed_line(error, template_folders(template_dir))
    if isinstance(error, SecurityError):
        return (
            f"{where or f'a template in {template_dir}'}: refused: {error.message} Templates are rendered in a "
            "sandbox; use the values the built-in templates use, not Python internals"
        )
    where = f"{where}: " if where else f"a template in {template_dir} failed: "
    return f"{where}{error.message}; check the names it uses against the built-ins"


def failed_line(error: BaseException, folders: Sequence[Path]) -> str:
    """'FILE, line N' of the template line being rendered when ``error`` was raised, if known.

    Jinja rewrites the traceback of a rendering error so that its frames name the template files
    and their lines; the innermost such frame is where the template failed.
    """
    roots = tuple(Path(os.path.abspath(folder)) for folder in folders)
    found = ""
    trace = error.__traceback__
    while trace is not None:
        filename = trace.tb_frame.f_code.co_filename
        if any(Path(filename).is_relative_to(root) for root in roots):
            found = f"{filename}, line {trace.tb_lineno}"
        trace = trace.tb_next
    return found
