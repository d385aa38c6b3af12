"""Peer virtual environments for the Lambert benchmark, created on first use (pip, pinned).

* ``.venv-peers``   pykep 3.0.1 and lamberthub 1.0.0 (with the numpy/numba they resolve to)
* ``.venv-hapsira`` hapsira 0.18.0 (pins matplotlib<3.8, numpy 1.26: needs its own env)

Both live in the repository root (git-ignored by ``.venv-*/``).  ``python benchmarks/peers/envs.py``
creates them ahead of time; ``ensure(name)`` returns the env's python or raises PeerUnavailable
with the reason (the benchmark then reports the peer as unavailable instead of failing).
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

ENVS = {
    # exact pins (what pip resolved on 2026-12-02); a change here re-creates the env
    "peers": ["numpy==2.2.6", "numba==0.68.1", "llvmlite==0.50.0", "lamberthub==1.0.0", "pykep==3.0.1"],
    "hapsira": ["hapsira==0.18.0", "numpy==1.26.4", "numba==0.68.1", "llvmlite==0.50.0", "astropy==7.2.3"],
}


class PeerUnavailable(RuntimeError):
    """A peer environment could not be created or imported."""


def env_dir(name: str) -> Path:
    return ROOT / f".venv-{name}"


def env_python(name: str) -> Path:
    return env_dir(name) / "bin" / "python"


def ensure(name: str, timeout: float = 900.0) -> Path:
    """Create (once) and return the python of the peer environment ``name``."""
    py = env_python(name)
    marker = env_dir(name) / ".spaceplan-ready"
    wanted = " ".join(ENVS[name]) + "\n"
    if marker.exists() and py.exists() and marker.read_text() == wanted:
        return py
    try:
        if not py.exists():
            venv.EnvBuilder(with_pip=True, clear=False).create(env_dir(name))
        proc = subprocess.run(
            [str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check", *ENVS[name]],
            capture_output=True, text=True, timeout=timeout,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise PeerUnavailable(f"could not create .venv-{name}: {exc}") from exc
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        raise PeerUnavailable(f"pip install {' '.join(ENVS[name])} failed: {' | '.join(tail)}")
    marker.write_text(wanted)
    return py


def run_script(env: str, script: str, *args: str, timeout: float = 900.0) -> str:
    """Run ``benchmarks/peers/<script>`` in the env; return its stdout (one JSON line)."""
    py = ensure(env)
    path = Path(__file__).resolve().parent / script
    proc = subprocess.run(
        [str(py), str(path), *args], capture_output=True, text=True, timeout=timeout,
        env={**os.environ, "PYTHONNOUSERSITE": "1", "NUMBA_CACHE_DIR": str(env_dir(env) / "numba-cache")},
    )
    if proc.returncode != 0:
        tail = proc.stderr.strip().splitlines()[-3:]
        raise PeerUnavailable(f"{script} failed: {' | '.join(tail)}")
    return proc.stdout.strip().splitlines()[-1]


if __name__ == "__main__":
    for name in sys.argv[1:] or list(ENVS):
        try:
            print(name, ensure(name))
        except PeerUnavailable as exc:
            print(name, "UNAVAILABLE:", exc)
