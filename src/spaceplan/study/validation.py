"""The registry of validation cases (``validation.toml``): what each model is checked against.

Read by the HTML report's appendix and by ``tests/validation/test_registry.py``, which keeps it in step
with the validation tests (every test file has a case, every case names a test file).
"""

from __future__ import annotations

import importlib.resources
from dataclasses import dataclass
from pathlib import Path

from spaceplan.core.toml_files import read_toml_file

_FIELDS = ("test", "domain", "check", "ours", "published", "tolerance", "source")


@dataclass(frozen=True)
class ValidationCase:
    test: str  # file stem in tests/validation/
    domain: str
    check: str
    ours: str
    published: str
    tolerance: str
    source: str

    def to_dict(self) -> dict:
        return {f: getattr(self, f) for f in _FIELDS}


def registry_path() -> Path:
    return Path(str(importlib.resources.files("spaceplan.study") / "validation.toml"))


def load_cases(path: str | Path | None = None) -> tuple[ValidationCase, ...]:
    """Every [[case]] of the registry, in file order."""
    from spaceplan.core.errors import InputError

    data = read_toml_file(path or registry_path(), "validation registry")
    cases = []
    for i, row in enumerate(data.get("case", [])):
        missing = [f for f in _FIELDS if not isinstance(row.get(f), str) or not row.get(f)]
        if missing or set(row) - set(_FIELDS):
            raise InputError(f"validation case {i}", f"missing {missing} or unknown {sorted(set(row) - set(_FIELDS))}",
                             ", ".join(_FIELDS))
        cases.append(ValidationCase(**{f: row[f] for f in _FIELDS}))
    return tuple(cases)
