"""The ``spaceplan`` command line: a thin layer over the Python API.

Each domain has its own module here that registers commands; heavy imports
(numba kernels, cvxpy, matplotlib) happen inside the commands so that
``spaceplan --help`` stays fast.  Errors print one line on stderr and exit 2.
"""

from __future__ import annotations

import functools
import os
import sys

import typer

from spaceplan import __version__
from spaceplan.core.errors import SpaceplanError

app = typer.Typer(
    name="spaceplan",
    help="Turn claims about space programs into numbers from physics and real data.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        print(f"spaceplan {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    """spaceplan: launch windows, constellations, launch vehicles, crew radiation and studies."""


def _register() -> None:
    """Attach every domain's commands (modules import their domain lazily)."""
    import importlib

    for name in ("interplanetary", "study", "constellation", "launch", "mars", "starship", "entry", "radiation", "presets",
                 "propulsion", "power", "station", "sweep", "viewer", "claims"):
        importlib.import_module(f"spaceplan.cli.{name}").register(app)
    _escape_help_markup(app)


def _literal(text):
    """``text`` with every ``[`` escaped for rich: help is plain text, and rich markup would eat
    ``[sweep]`` or ``[[shell]]`` as style tags (issue 19, item 14)."""
    import re

    return text if not text else re.sub(r"(?<!\\)\[", r"\\[", text)


def _escape_help_markup(typer_app: typer.Typer) -> None:
    """Escape the help of every command and parameter once, here, instead of in each help string."""
    import inspect

    commands = list(typer_app.registered_commands)
    for group in typer_app.registered_groups:
        group.help = _literal(group.help)
        group.typer_instance.info.help = _literal(group.typer_instance.info.help)
        commands += group.typer_instance.registered_commands
    for cmd in commands:
        cmd.help = _literal(cmd.help or inspect.getdoc(cmd.callback))
        for param in inspect.signature(cmd.callback).parameters.values():
            info = param.default
            if isinstance(info, typer.models.ParameterInfo) and info.help:
                info.help = _literal(info.help)


_register()


@functools.lru_cache(maxsize=1)
def _command():
    """The click command tree of ``app``, built once per process (typer rebuilds it on every call)."""
    return typer.main.get_command(app)


def main() -> None:
    """Entry point: run the app, turning spaceplan and usage errors into one line and exit code 2."""
    try:  # typer >= 0.2x vendors click; older releases use click itself
        from typer._click import exceptions as cx
    except ImportError:  # pragma: no cover
        from click import exceptions as cx

    try:
        rc = _command()(standalone_mode=False)
    except SpaceplanError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(2)
    except cx.NoArgsIsHelpError as exc:  # bare group: its help, as asked
        print(exc.ctx.get_help() if exc.ctx else str(exc))
        sys.exit(0)
    except cx.UsageError as exc:  # bad option value, missing argument, unknown command
        where = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
        print(f"error: {exc.format_message()}{where}", file=sys.stderr)
        sys.exit(2)
    except typer.Abort:
        print("interrupted", file=sys.stderr)
        sys.exit(130)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:  # never a traceback for the user; SPACEPLAN_DEBUG=1 shows it
        if os.environ.get("SPACEPLAN_DEBUG"):
            raise
        print(f"internal error: {type(exc).__name__}: {exc} (set SPACEPLAN_DEBUG=1 for details)", file=sys.stderr)
        sys.exit(1)
    sys.exit(rc if isinstance(rc, int) else 0)
