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

    for name in ("interplanetary", "study", "constellation", "launch", "mars", "starship", "radiation", "presets",
                 "propulsion", "power", "station", "sweep", "viewer", "claims"):
        importlib.import_module(f"spaceplan.cli.{name}").register(app)


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
