"""The error of a user's template, apart from the modules that render: what a caller catches
without importing Jinja, matplotlib or WeasyPrint."""

from __future__ import annotations

from sebrief.errors import ExitCode, SebriefError


class TemplateError(SebriefError):
    """A template of the user's --template-dir could not be used."""

    exit_code = ExitCode.USAGE
