"""The layers hold: import-linter's contracts in pyproject.toml (core < domains < missions < study < api < cli,
domains independent of each other; private ``_modules`` imported only inside their package), zero ignores.

The second test proves the contract bites: a copy of the package with one domain importing another fails it.
"""

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"


def _lint(src: Path, config: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(src))
    code = ("import sys; from importlinter.cli import lint_imports; "
            "sys.exit(lint_imports(config_filename=sys.argv[1], no_cache=True, no_logo=True))")
    return subprocess.run([sys.executable, "-c", code, str(config)], env=env, cwd=src, capture_output=True, text=True,
                          timeout=600)


def test_contracts_have_no_ignores():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    assert len(config["contracts"]) >= 2
    assert all("ignore_imports" not in c for c in config["contracts"])


def test_layers_and_private_modules_hold():
    result = _lint(SRC, ROOT / "pyproject.toml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_a_domain_importing_another_breaks_the_contract(tmp_path):
    copy = tmp_path / "src"
    shutil.copytree(SRC / "spaceplan", copy / "spaceplan", ignore=shutil.ignore_patterns("__pycache__", "*.npz",
                                                                                            "*.bsp", "data"))
    victim = copy / "spaceplan" / "radiation" / "gcr.py"
    victim.write_text(victim.read_text() + "\n\ndef _violation():\n    from spaceplan.launch import vehicles  # noqa\n")
    private = copy / "spaceplan" / "station" / "decay.py"
    private.write_text(private.read_text() + "\n\ndef _private():\n    from spaceplan.launch import _kernels  # noqa\n")
    result = _lint(copy, ROOT / "pyproject.toml")
    assert result.returncode != 0
    assert "spaceplan.radiation.gcr -> spaceplan.launch.vehicles" in result.stdout
    assert "spaceplan.station.decay -> spaceplan.launch._kernels" in result.stdout
