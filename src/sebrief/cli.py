"""The ``sebrief`` command: thin click wrappers around the library.

Heavy libraries (WeasyPrint, matplotlib, openpyxl, pydantic) are imported inside the commands that
need them, so that ``sebrief --help`` stays fast.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import traceback
from typing import Any

import click

from sebrief import __version__
from sebrief.commands.common import LANG_KEY
from sebrief.errors import ExitCode, SebriefError


class SebriefGroup(click.Group):
    """Turns sebrief's own errors into a message and an exit code, without a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SebriefError as error:
            # In the language of the command's --lang (recorded by its option); in English for the
            # commands without one, whose other output is English too.
            click.echo(error.report(ctx.meta.get(LANG_KEY, "en")), err=True)
            sys.exit(error.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)
        except Exception as error:
            if os.environ.get("SEBRIEF_DEBUG"):
                traceback.print_exc()
            click.echo(f"internal error: {type(error).__name__}: {error}", err=True)
            click.echo("This is a bug in sebrief; set SEBRIEF_DEBUG=1 to see the traceback.", err=True)
            sys.exit(ExitCode.FAILURE)


# Each command lives in sebrief/commands/<module>.py and is imported only when it is used or
# listed, so that a command's dependencies never slow down another command.
COMMANDS: dict[str, str] = {
    "build": "build",
    "validate": "validate",
    "analyse": "analyse",
    "xlsx": "xlsx",
    "pdf": "pdf",
    "html": "pdf",
    "diff": "diff",
    "export": "export",
    "init": "init",
    "migrate": "migrate",
    "new": "new",
    "schema": "validate",
    "followup": "followup",
    "serve": "serve",
    "corpus": "corpus",
}


class LazyGroup(SebriefGroup):
    # Whether this run is the program itself (``sebrief``, ``python -m sebrief``: its arguments taken
    # from sys.argv, its end the process's end), not an invocation from Python (a test's runner).
    as_program = False

    def main(self, *args: Any, **kwargs: Any) -> Any:
        arguments = kwargs.get("args", args[0] if args else None)
        standalone = kwargs.get("standalone_mode", args[3] if len(args) > 3 else True)
        self.as_program = arguments is None and bool(standalone)
        return super().main(*args, **kwargs)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name in COMMANDS if self._module_exists(name))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS or not self._module_exists(cmd_name):
            return None
        module = importlib.import_module(f"sebrief.commands.{COMMANDS[cmd_name]}")
        command = getattr(module, cmd_name)
        assert isinstance(command, click.Command)
        return command

    @staticmethod
    def _module_exists(cmd_name: str) -> bool:
        return importlib.util.find_spec(f"sebrief.commands.{COMMANDS[cmd_name]}") is not None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="sebrief")
def main() -> None:
    """Turn a parliamentary written question and its answer into a workbook and a policy brief.

    \b
    Example:
        sebrief build                  # both reports of the bundled dataset, in reports/
        sebrief validate data/my-question

    Exit codes: 0 ok, 1 internal error, 2 usage error, 3 invalid dataset,
    4 output could not be written, 5 some datasets of a build failed.
    """
