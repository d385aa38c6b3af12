"""One registry of real-world things: every vehicle, thruster, station, site, city, constellation...

A *preset* is one real-world thing described in TOML: what is published (with its source) and what
is assumed.  A *kind* is a family of presets (``vehicles``, ``constellations``, ``cities``, ...).

How a domain declares a preset kind
-----------------------------------
Put one TOML file per thing in ``spaceplan/<domain>/presets/<kind>/<name>.toml``.  That is all: the
registry discovers every ``presets/<kind>/`` folder of every ``spaceplan`` sub-package on first use
(no import of the domain, so one domain can read another's presets through the registry without
depending on its code).  A kind may span domains (``vehicles`` holds launch vehicles, tugs and
station freighters); a domain picks the entries it can read with ``load(kind, name, table="stage")``
(only presets with a top-level ``[stage]`` table/array or key count; ``table="vehicle.kind"`` looks
inside ``[vehicle]``).  Conventions in a preset file:

* ``name = "Falcon 9 Block 5"`` (display name; or inside the first table), ``source``/``sources``
  (text or a list; top level or in any table), ``aliases = ["f9", "falcon-9"]`` (top level).
* Many small things may share one *collection* file: ``collection = true`` at the top, then one
  table per thing (``[moscow]`` ...); top-level ``source`` is the default source of every entry.
* Extra folders (a user's own presets, tests) join with :func:`register_folder`.

One name rule
-------------
Names match case- and punctuation-insensitively (:func:`name_key`: ``Soyuz-2.1b``, ``soyuz_2_1b``
and ``SOYUZ 2.1B`` are the same thing); the canonical spelling is the file stem (or collection
table key).  An unknown name raises :class:`~spaceplan.core.errors.UnknownNameError` listing the
near matches (difflib) and every known name.  A string ending in ``.toml`` (or naming an existing
file) is read as a user's own preset by :func:`resolve`.

API: :func:`load`, :func:`names`, :func:`entries`, :func:`known`, :func:`kinds`, :func:`resolve`,
:func:`name_key`, :func:`register_folder`.
"""

from __future__ import annotations

import functools
import importlib.resources
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from spaceplan.core.errors import InputError, ParseError, UnknownNameError, name_key

_EXTRA_FOLDERS: list[tuple[str, Path, str]] = []  # (kind, folder, package label)


@dataclass(frozen=True)
class Preset:
    """One real-world thing: its kind, canonical name, parsed TOML and where it came from."""

    kind: str
    name: str  # canonical spelling (file stem or collection key)
    data: Mapping[str, Any] = field(repr=False)
    path: str  # file it was read from (package-relative for bundled presets)
    package: str  # "spaceplan.launch", ... or "user"
    title: str = ""
    source: str = ""
    aliases: tuple[str, ...] = ()

    def has(self, table: str) -> bool:
        """Whether the preset has ``table`` (a top-level table, array of tables or key; ``vehicle.kind``
        looks one level down)."""
        data: Any = self.data
        for part in table.split("."):
            if not isinstance(data, Mapping) or part not in data:
                return False
            data = data[part]
        return True

    def table(self, table: str) -> dict:
        """A copy of the top-level ``[table]``; ParseError naming the preset when it is missing."""
        if table not in self.data:
            raise ParseError(f"{self.kind} {self.name}", f"{self.path}: missing [{table}] table")
        return dict(self.data[table])

    def to_dict(self) -> dict:
        return {"kind": self.kind, "name": self.name, "title": self.title, "aliases": list(self.aliases),
                "source": self.source, "package": self.package, "path": self.path}


def _text(value) -> str:
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return str(value) if value is not None else ""


def _find(data: Mapping, keys: tuple[str, ...]) -> str:
    """First value of ``keys`` at the top level, else in the first table that has one."""
    for k in keys:
        if k in data and not isinstance(data[k], dict):
            return _text(data[k])
    for v in data.values():
        tables = v if isinstance(v, list) else [v]
        for t in tables:
            if isinstance(t, dict):
                for k in keys:
                    if k in t and not isinstance(t[k], dict):
                        return _text(t[k])
    return ""


def _make(kind: str, name: str, data: dict, path: str, package: str, default_source: str = "") -> Preset:
    aliases = data.get("aliases", ())
    if isinstance(aliases, str) or not all(isinstance(a, str) for a in aliases):
        raise ParseError(f"{kind} {name}", f"{path}: aliases must be a list of strings")
    return Preset(kind=kind, name=name, data=data, path=path, package=package,
                  title=_find(data, ("name", "title")) or name,
                  source=_find(data, ("source", "sources")) or default_source, aliases=tuple(aliases))


def _parse(text: str, where: str) -> dict:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ParseError(where, str(exc)) from None


def _read_folder(kind: str, folder, package: str, label: str) -> list[Preset]:
    out = []
    for f in sorted(folder.iterdir(), key=lambda p: p.name):
        if not f.name.endswith(".toml"):
            continue
        where = f"{label}/{f.name}"
        data = _parse(f.read_text(encoding="utf-8"), where)
        if data.get("collection") is True:
            default = _text(data.get("source", data.get("sources", "")))
            for key, table in data.items():
                if isinstance(table, dict):
                    out.append(_make(kind, key, dict(table), f"{where} [{key}]", package, default))
        else:
            out.append(_make(kind, f.name[:-5], data, where, package))
    return out


@functools.lru_cache(maxsize=1)
def _catalog() -> dict[str, dict[str, Preset]]:
    """kind -> {name_key: preset} for every bundled and registered preset (aliases point to their preset)."""
    found: dict[str, list[Preset]] = {}
    root = importlib.resources.files("spaceplan")
    for pkg in sorted(root.iterdir(), key=lambda p: p.name):
        presets = pkg.joinpath("presets")
        if not (pkg.is_dir() and presets.is_dir()):
            continue
        for kind_dir in sorted(presets.iterdir(), key=lambda p: p.name):
            if kind_dir.is_dir() and not kind_dir.name.startswith(("_", ".")):
                found.setdefault(kind_dir.name, []).extend(
                    _read_folder(kind_dir.name, kind_dir, f"spaceplan.{pkg.name}",
                                 f"spaceplan/{pkg.name}/presets/{kind_dir.name}"))
    for kind, folder, label in _EXTRA_FOLDERS:
        found.setdefault(kind, []).extend(_read_folder(kind, folder, label, str(folder)))
    table: dict[str, dict[str, Preset]] = {}
    for kind, presets in found.items():
        keys: dict[str, Preset] = {}
        for p in presets:
            for spelling in (p.name, *p.aliases):
                k = name_key(spelling)
                if k in keys and keys[k] is not p:
                    raise ParseError(f"{kind} presets", f"{spelling!r} ({p.path}) is also {keys[k].name!r} "
                                     f"({keys[k].path}): names must differ in letters or digits")
                keys[k] = p
        table[kind] = keys
    return table


def register_folder(kind: str, folder: str | Path, label: str = "user") -> None:
    """Add a folder of ``*.toml`` presets of ``kind`` (e.g. a user's own vehicles) to the registry."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError("preset folder", f"no such folder {str(folder)!r}")
    _EXTRA_FOLDERS.append((kind, folder, label))
    _catalog.cache_clear()


def kinds() -> list[str]:
    """Every preset kind found (folder names: ``vehicles``, ``constellations``, ``cities``, ...)."""
    return sorted(_catalog())


def _kind(kind: str) -> dict[str, Preset]:
    cat = _catalog()
    if kind in cat:
        return cat[kind]
    for k in cat:  # singular or other spelling of a kind: "vehicle", "launch-sites"
        if name_key(k) in (name_key(kind), name_key(kind) + "s", name_key(kind) + "es"):
            return cat[k]
    raise UnknownNameError("preset kind", str(kind), list(cat))


def entries(kind: str, table: str | None = None) -> list[Preset]:
    """Every preset of ``kind`` (with sources), sorted by name; only those with ``[table]`` if given."""
    unique = {id(p): p for p in _kind(kind).values()}.values()
    return sorted((p for p in unique if table is None or p.has(table)), key=lambda p: p.name)


def names(kind: str, table: str | None = None) -> list[str]:
    """Canonical names of the presets of ``kind`` (only those with ``[table]`` if given)."""
    return [p.name for p in entries(kind, table)]


def known(kind: str, name: str) -> bool:
    """Whether ``name`` (any case or punctuation, or an alias) is a preset of ``kind``."""
    return name_key(name) in _kind(kind)


def load(kind: str, name: str, table: str | None = None, field: str | None = None) -> Preset:
    """The preset of ``kind`` called ``name`` (any case/punctuation, or an alias).

    With ``table``, only presets having that top-level table qualify (a launch vehicle with
    ``[economics]`` ...).  Raises UnknownNameError (as ``field``, default the kind) naming near
    matches and the allowed names.
    """
    if isinstance(name, Preset):
        return name
    presets = _kind(kind)
    p = presets.get(name_key(name))
    if p is None or (table is not None and not p.has(table)):
        label = field or kind.rstrip("s")
        allowed = names(kind, table)
        if p is not None:
            raise UnknownNameError(label, str(name), allowed, why=f"has no [{table}] data")
        raise UnknownNameError(label, str(name), allowed)
    return p


def is_file_name(text: str) -> bool:
    """Whether ``text`` names a user's TOML file (ends in .toml or is an existing file)."""
    return str(text).lower().endswith(".toml") or Path(str(text)).is_file()


def read_file(kind: str, path: str | Path, field: str | None = None) -> Preset:
    """A user's own preset file of ``kind`` (not registered), with a one-line error when unreadable."""
    path = Path(path)
    label = field or kind.rstrip("s")
    if not path.is_file():
        raise InputError(label, f"no such file {str(path)!r}", "an existing .toml file or a preset name")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ParseError(label, f"cannot read {str(path)!r}: {exc}") from None
    return _make(kind, path.stem, _parse(text, str(path)), str(path), "user")


def resolve(kind: str, name_or_path, table: str | None = None, field: str | None = None) -> Preset:
    """A bundled preset by name, or a user's TOML file when ``name_or_path`` is a file name."""
    if isinstance(name_or_path, Preset):
        return name_or_path
    if isinstance(name_or_path, Path) or is_file_name(str(name_or_path)):
        return read_file(kind, name_or_path, field)
    return load(kind, str(name_or_path), table, field)


__all__ = ["Preset", "entries", "is_file_name", "kinds", "known", "load", "name_key", "names", "read_file",
           "register_folder", "resolve"]
