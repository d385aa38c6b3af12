"""Exchange files from the CLI: ``--oem`` (CCSDS OEM), ``--czml`` (Cesium) and element-set exports.

Paths are checked before any computation (:func:`spaceplan.cli._common.check_output_path`) and files
are written through :func:`spaceplan.cli._common.output_file` (all of the file or nothing).
"""

from __future__ import annotations

from pathlib import Path

from spaceplan.cli._common import check_output_path, output_file
from spaceplan.core.errors import InputError

OEM_HELP = ("Also write the trajectory as a CCSDS OEM 2.0 file (.xml: XML, anything else: KVN), EME2000 or ICRF, "
            "UTC for Earth orbits, TDB for heliocentric ones; checked before computing.")
CZML_HELP = "Also write a CZML scene (for Cesium) to this file (.czml or .json); checked before computing."
CZML_SUFFIXES = (".czml", ".json")


def check_oem(path: str | None, field: str = "--oem") -> None:
    check_output_path(field, path, "file")


def check_czml(path: str | None, field: str = "--czml") -> None:
    if path is None:
        return
    if Path(path).suffix.lower() not in CZML_SUFFIXES:
        raise InputError(field, f"unknown CZML file extension {Path(path).suffix or '(none)'!r} in {path!r}",
                         " or ".join(CZML_SUFFIXES))
    check_output_path(field, path, "file")


def save_oem(path, histories, time_system: str | None = None) -> Path:
    """Write one OEM file (one object, one or more segments) atomically."""
    from spaceplan.core.oem import format_of, write_oem

    with output_file(path) as tmp:
        write_oem(tmp, histories, fmt=format_of(path), time_system=time_system)
    return Path(path)


def save_oem_folder(folder, histories, suffix: str = ".oem") -> list[Path]:
    """One OEM file per object in ``folder`` (created if missing), named after each OBJECT_ID."""
    out = []
    for h in histories:
        out.append(save_oem(Path(folder) / f"{h.object_id}{suffix}", h))
    return out


def save_text(path, text: str) -> Path:
    """Write text (UTF-8) atomically."""
    with output_file(path) as tmp:
        Path(tmp).write_text(text, encoding="utf-8")
    return Path(path)
