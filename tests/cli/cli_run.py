"""Run the ``spaceplan`` entry point in-process for the CLI regression tests: exit code, stdout, stderr."""

import sys

import pytest

from spaceplan.cli import main


def run_cli(argv, monkeypatch, capsys):
    """(exit code, stdout, stripped stderr) of ``spaceplan ARGV`` (0 when the command returns normally)."""
    monkeypatch.setattr(sys, "argv", ["spaceplan", *argv])
    monkeypatch.delenv("SPACEPLAN_DEBUG", raising=False)
    code = 0
    try:
        main()
    except SystemExit as stop:
        code = stop.code or 0
    out, err = capsys.readouterr()
    return code, out, err.strip()


def refused(argv, monkeypatch, capsys, flag):
    """Assert ``spaceplan ARGV`` is refused on one line naming ``flag``, exit 2, nothing on stdout; the message."""
    code, out, err = run_cli(argv, monkeypatch, capsys)
    assert code == 2 and out == "" and len(err.splitlines()) == 1, (code, out, err)
    assert err.startswith(f"error: {flag}: "), err
    return err


def run_cli_exit(argv, monkeypatch, capsys):
    """As :func:`run_cli`, for a command that must end in ``SystemExit`` (any code)."""
    monkeypatch.setattr(sys, "argv", ["spaceplan", *argv])
    monkeypatch.delenv("SPACEPLAN_DEBUG", raising=False)
    with pytest.raises(SystemExit) as stop:
        main()
    out, err = capsys.readouterr()
    return stop.value.code, out, err.strip()
