"""Reading user and preset TOML files with errors that name the field (never a traceback)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from spaceplan.core.errors import InputError, ParseError


def read_toml_file(path: str | Path, field: str, table: str | None = None) -> dict[str, Any]:
    """The parsed TOML document at ``path`` (or its ``[table]``), for the input named ``field``.

    A missing file is an :class:`InputError`, malformed TOML or a missing table a
    :class:`ParseError`, both naming ``field`` and the file.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(field, f"no such file {str(path)!r}")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ParseError(field, f"{path}: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ParseError(field, f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})", "a UTF-8 TOML file") from None
    if table is None:
        return data
    if table not in data:
        raise ParseError(field, f"{path}: missing [{table}] table")
    return dict(data[table])
