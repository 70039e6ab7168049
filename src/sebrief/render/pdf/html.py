"""The brief as HTML: Jinja templates (a user's folder first, then the built-ins) filled with the brief.

Autoescaping is on and undefined names are errors, so text from a dataset always prints as text
and a template that names a missing value fails loudly instead of printing a blank.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import jinja2

from sebrief.brief import Brief
from sebrief.errors import ExitCode, SebriefError
from sebrief.render import Attachment
from sebrief.render.pdf.context import template_context
from sebrief.resources import templates_dir

MAIN_TEMPLATE = "brief.html"


def template_folders(template_dir: Path | None = None) -> tuple[Path, ...]:
    """The folders templates and their assets are read from, in the order they are searched."""
    builtin = templates_dir()
    return (template_dir, builtin) if template_dir is not None else (builtin,)


@cache
def environment(folders: tuple[Path, ...]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(folder) for folder in folders]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["fill"] = fill
    return env


def fill(message: str, **values: object) -> str:
    """A label with its placeholders filled in: ``{{ labels.months|fill(months=...) }}``."""
    return message.format(**values)


def html_for(
    brief: Brief,
    *,
    template_dir: Path | None = None,
    attachments: Sequence[Attachment] = (),
    timestamp: dt.datetime | None = None,
) -> str:
    """The brief as one HTML document; ``attachments`` and ``timestamp`` only matter for the PDF."""
    folders = template_folders(template_dir)
    context = template_context(brief, attachments=attachments, timestamp=timestamp)
    try:
        return environment(folders).get_template(MAIN_TEMPLATE).render(context)
    except jinja2.TemplateError as error:
        if template_dir is None:
            raise  # a fault in the built-in templates is a bug in sebrief
        raise TemplateError(template_problem(error, template_dir)) from error


class TemplateError(SebriefError):
    """A template of the user's --template-dir could not be used."""

    exit_code = ExitCode.USAGE


def template_problem(error: jinja2.TemplateError, template_dir: Path) -> str:
    if isinstance(error, jinja2.TemplateSyntaxError):
        return f"{error.filename or error.name}, line {error.lineno}: {error.message}; fix the template"
    if isinstance(error, jinja2.TemplateNotFound):
        return f"template {error.name!r} is neither in {template_dir} nor among the built-in templates"
    return f"a template in {template_dir} failed: {error.message}; check the names it uses against the built-ins"
