"""One loader for every constellation command: a preset name or a file -> the constellation object.

:func:`load_source` accepts

* a bundled preset name (``starlink_gen1``; see :func:`~spaceplan.constellation.shells.list_presets`),
* a TOML file of ``[[shell]]`` tables (a Walker constellation), or
* a satellite catalog: TLE/3LE or CCSDS OMM in XML, KVN, JSON or CSV
  (:mod:`spaceplan.core.tle`),

and tells files apart by their content, not by their extension (a ``.txt`` of TLEs or an OMM
JSON saved as ``.tle`` both work).  A catalog comes back as a :class:`CatalogConstellation`,
which the coverage engine, the comparison, the ground tracks, the latency router (bent pipe) and
the capacity estimate take like a Walker :class:`~spaceplan.constellation.shells.Constellation`:
its satellites are propagated with SGP4 (``Catalog``), its "shells" are the groups of
:func:`~spaceplan.constellation.catalog.group_shells` (mean altitude and inclination).  A file
that no format reads raises :class:`~spaceplan.core.errors.ParseError` naming the formats tried
and the first bad line of each.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from spaceplan.constellation.catalog import Catalog, ShellGroup, group_shells, sniff_format
from spaceplan.constellation.shells import Constellation, load_constellation, spread_counts
from spaceplan.core.errors import InputError, ParseError

CATALOG_SUFFIXES = (".tle", ".3le", ".txt", ".xml", ".kvn", ".json", ".csv")
_FORMAT_NAMES = {"tle": "TLE/3LE", "xml": "OMM XML", "kvn": "OMM KVN", "json": "OMM JSON", "csv": "OMM CSV"}


@dataclass(frozen=True)
class CatalogShell:
    """A group of catalog satellites sharing mean altitude and inclination (a "shell")."""

    name: str
    altitude_m: float
    inclination_rad: float
    count: int
    planes: int | None
    indices: np.ndarray = field(repr=False)  # into the catalog's satellite order

    def to_dict(self) -> dict:
        return {"name": self.name, "altitude_km": self.altitude_m / 1e3,
                "inclination_deg": math.degrees(self.inclination_rad), "satellites": self.count,
                "planes": self.planes}


@dataclass(frozen=True, eq=False)
class CatalogConstellation:
    """A TLE/OMM catalog in the role of a constellation (SGP4 positions, grouped shells).

    Callable: ``self(tdb)`` gives ECEF positions (T, N, 3) in m (NaN where SGP4 failed), the
    form :func:`spaceplan.constellation.coverage.coverage` takes for any propagator.
    """

    catalog: Catalog
    name: str
    key: str = ""
    operator: str = ""
    notes: str = ""
    shells: tuple[CatalogShell, ...] = ()

    @classmethod
    def from_catalog(cls, catalog: Catalog, name: str | None = None) -> "CatalogConstellation":
        if len(catalog) == 0:
            raise InputError("constellation", f"catalog {catalog.source!r} holds no usable satellite",
                             "a TLE/OMM file with at least one readable element set")
        groups: tuple[ShellGroup, ...] = group_shells(catalog)
        index = {int(n): k for k, n in enumerate(catalog.norad_ids)}
        shells = []
        for g in groups:
            idx = np.array(sorted(index[int(n)] for n in g.norad_ids), dtype=np.int64)
            shells.append(CatalogShell(f"{g.altitude_m / 1e3:.0f} km / {math.degrees(g.inclination_rad):.1f} deg",
                                       g.altitude_m, g.inclination_rad, g.count, g.planes, idx))
        notes = f"{len(catalog.issues)} records rejected" if catalog.issues else ""
        return cls(catalog, name or Path(catalog.source).name, "", "", notes, tuple(shells))

    @property
    def count(self) -> int:
        return len(self.catalog)

    @property
    def source(self) -> str:
        return self.catalog.source

    def shell_of_satellite(self) -> np.ndarray:
        """Index of the shell (group) of each satellite, in catalog order."""
        out = np.zeros(self.count, dtype=np.int32)
        for k, sh in enumerate(self.shells):
            out[sh.indices] = k
        return out

    def ecef(self, tdb) -> np.ndarray:
        """(T, N, 3) ECEF positions in m at TDB epochs (NaN where SGP4 reports an error)."""
        return self.catalog.positions_ecef(np.atleast_1d(np.asarray(tdb, dtype=float)))

    __call__ = ecef

    def spread_indices(self, n: int) -> np.ndarray:
        """``n`` satellites spread round-robin over the shells and evenly inside each."""
        per = spread_counts([sh.count for sh in self.shells], n)
        out = []
        for sh, m in zip(self.shells, per):
            if m:
                out.extend(sh.indices[np.linspace(0, sh.count - 1, m).round().astype(int)].tolist())
        return np.asarray(sorted(set(out)), dtype=np.int64)

    def to_dict(self) -> dict:
        d = self.catalog.to_dict()
        d.update({"name": self.name, "key": self.key, "satellites": self.count,
                  "shells": [s.to_dict() for s in self.shells]})
        return d


Source = Constellation | CatalogConstellation


def _toml_problem(text: str) -> tuple[dict | None, str]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return None, str(exc)
    if not (data.get("shell") or data.get("shells")):
        return None, "no [[shell]] table"
    return data, ""


def _catalog_problem(cat: Catalog | None, error: str) -> str:
    if error:
        return error
    if cat is not None and cat.issues:
        first = cat.issues[0]
        return f"line {first.line}: {first.message}"
    return "no element set found"


def read_source_file(path: str | Path, *, field: str = "constellation", strict: bool = False) -> Source:
    """A constellation file, format by content: TOML ``[[shell]]`` tables or a TLE/OMM catalog."""
    path = Path(path)
    if not path.is_file():
        raise InputError(field, f"no such file {str(path)!r}", "a preset name or an existing TOML/TLE/OMM file")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ParseError(str(path), f"not UTF-8 text ({exc.reason} at byte {exc.start}); formats tried: "
                                    "TOML [[shell]] file, TLE/3LE, OMM XML/KVN/JSON/CSV") from None
    fmt = sniff_format(text)  # '[' opens both a JSON array and a TOML table: TOML is tried first
    tried = []
    data, problem = _toml_problem(text)
    if data is not None:
        return load_constellation(path)
    tried.append(("TOML [[shell]] file", problem))
    cat, error = None, ""
    try:
        cat = Catalog.from_text(text, fmt, str(path), strict=strict)
    except ParseError as exc:
        error = str(exc)
    if cat is not None and len(cat):
        return CatalogConstellation.from_catalog(cat)
    tried.append((_FORMAT_NAMES[fmt] + " (detected from the content)", _catalog_problem(cat, error)))
    detail = "; ".join(f"as {name}: {problem}" for name, problem in tried)
    raise ParseError(str(path), f"no constellation or satellite read ({detail})",
                     "a TOML file of [[shell]] tables, TLE/3LE, or CCSDS OMM XML, KVN, JSON or CSV")


def load_source(name_or_path, *, altitude_km: float | None = None, field: str = "constellation") -> Source:
    """A preset name, a TOML file or a TLE/OMM catalog file -> Constellation or CatalogConstellation.

    ``altitude_km`` replaces the altitude of every Walker shell (presets whose altitude is an
    assumption); it does not apply to a catalog, whose orbits are what the element sets say.
    """
    if isinstance(name_or_path, (Constellation, CatalogConstellation)):
        const = name_or_path
    elif isinstance(name_or_path, Catalog):
        const = CatalogConstellation.from_catalog(name_or_path)
    else:
        text = str(name_or_path)
        path = Path(text)
        if path.is_file():
            const = read_source_file(path, field=field)
        elif text.lower().endswith(CATALOG_SUFFIXES + (".toml",)) or "/" in text or "\\" in text:
            raise InputError(field, f"no such file {text!r}", "a preset name or an existing TOML/TLE/OMM file")
        else:
            const = load_constellation(text)
    if altitude_km is not None:
        if isinstance(const, CatalogConstellation):
            raise InputError("--altitude", "a TLE/OMM catalog keeps the altitudes of its element sets",
                             "a Walker preset or TOML file")
        from spaceplan.core.errors import require_range

        require_range("--altitude", altitude_km, 100.0, 50_000.0, "km")
        const = load_constellation(const, altitude_km=altitude_km)
    return const
