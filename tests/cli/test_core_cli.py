"""CLI contract: --version, --help, one-line errors with exit code 2."""

import subprocess
import sys

import pytest

from spaceplan import __version__

CLI = [sys.executable, "-c", "from spaceplan.cli import main; main()"]


def run(*args):
    return subprocess.run(CLI + list(args), capture_output=True, text=True, timeout=120)


def test_version():
    result = run("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"spaceplan {__version__}"


def test_help_lists_commands():
    result = run("--help")
    assert result.returncode == 0 and "study" in result.stdout


def test_error_is_one_line_without_traceback(tmp_path):
    result = run("study", str(tmp_path / "missing.toml"), "--out", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "scenario" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [["windows"], ["bogus"], ["radiation", "dose", "-t", "deep_space:10d", "--shielding", "abc"]])
def test_usage_errors_are_one_line_and_exit_2(args):
    """Missing arguments, unknown commands and unparsable option values: one line on stderr, exit 2."""
    proc = run(*args)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "--help" in lines[0]
    assert proc.stdout == ""
