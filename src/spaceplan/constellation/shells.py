"""Walker shells and constellations: definitions, presets and J2-secular propagation.

A Walker *delta* pattern i:T/P/F (Walker 1984, "Satellite constellations", JBIS 37:559)
has P orbit planes with S = T/P satellites each, ascending nodes spread evenly over
360 deg and a relative phase between adjacent planes of F x 360/T deg (0 <= F < P).
A Walker *star* (polar, Adams & Rider 1987) spreads the nodes over 180 deg only.
The spread can be set explicitly with ``raan_spread_rad`` (e.g. OneWeb's ~180 deg).

Propagation is circular with the secular J2 drift of the mean elements
(Vallado 2013, eqs. 9-41 and 9-42; Brouwer 1959), e = 0:

    dOmega/dt = -3/2 n J2 (R/a)^2 cos i
    du/dt     =  n [1 + 3/4 J2 (R/a)^2 (8 cos^2 i - 2)]   (= n + domega/dt + dM0/dt)

with n = sqrt(mu/a^3).  Positions are in an inertial frame of date whose x axis is
the mean equinox (treated as TEME, so :func:`spaceplan.core.frames.teme_to_ecef`
rotates them to ECEF).  Elements are referred to ``epoch_tdb`` (default J2000).

Validity envelope (:data:`SHELL_ENVELOPE`, applied by :func:`shell_warnings`; the results of coverage,
latency, deployment and capacity carry its warnings):

* refused (:class:`WalkerShell`): altitude outside 100-50,000 km (no orbit below the Karman line),
  inclination outside 0-180 deg, P and S not integers >= 1, phasing F not an integer 0 <= F < P
  (Walker 1984: i:T/P/F with T = P S);
* warned: altitude below 150 km (a circular orbit re-enters within hours there: 0.0-0.4 d for
  m/(Cd A) 25-200 kg/m^2 at median solar activity, King-Hele on NRLMSIS 2.1, ``spaceplan station
  lifetime``; this propagation has no drag), and above GEO, 35,786 km (the Moon's and the Sun's
  pulls exceed J2's there: Montenbruck & Gill 2000, *Satellite Orbits*, fig. 3.1; this propagation has
  J2 only).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from spaceplan.core import registry
from spaceplan.core.constants import EARTH_GM, EARTH_J2, EARTH_RADIUS
from spaceplan.core.errors import InputError, ParseError, UnknownNameError, require_range
from spaceplan.core.validity import Bound, Envelope, check

PATTERNS = ("delta", "star")
GEO_ALTITUDE_M = 35_786e3
MIN_ALTITUDE_M, MAX_ALTITUDE_M = 100e3, 50_000e3  # refused outside (WalkerShell)

SHELL_ENVELOPE = Envelope("the J2-secular Walker propagation", inputs=(
    Bound("altitude_m", 150e3, None, code="below_drag_limit", unit="km", scale=1e-3, label="altitude",
          why="a circular orbit re-enters within hours below 150 km and the propagation has no drag"),
    Bound("altitude_m", None, GEO_ALTITUDE_M, code="above_geo", unit="km", scale=1e-3, label="altitude",
          why="above GEO the Moon's and Sun's pulls exceed J2's (Montenbruck & Gill 2000, fig. 3.1) and the "
          "propagation has J2 only"),
))


@dataclass(frozen=True)
class WalkerShell:
    """One Walker shell of circular orbits (SI: metres, radians)."""

    name: str
    altitude_m: float
    inclination_rad: float
    planes: int
    sats_per_plane: int
    phasing: int = 0
    pattern: str = "delta"
    raan_spread_rad: float | None = None
    raan0_rad: float = 0.0
    assumed: tuple[str, ...] = ()  # names of parameters that are assumptions, not published values

    def __post_init__(self):
        if not MIN_ALTITUDE_M <= self.altitude_m <= MAX_ALTITUDE_M:  # in km, as every altitude flag shows it
            raise InputError(f"shell {self.name!r} altitude", f"got {self.altitude_m / 1e3:g} km",
                             f"{MIN_ALTITUDE_M / 1e3:g} to {MAX_ALTITUDE_M / 1e3:g} km")
        require_range(f"shell {self.name!r} inclination_rad", self.inclination_rad, 0.0, math.pi, "rad")
        for fld in ("planes", "sats_per_plane"):
            value = getattr(self, fld)
            if int(value) != value or value < 1:
                raise InputError(f"shell {self.name!r} {fld}", f"got {value!r}", "integer >= 1")
        if int(self.phasing) != self.phasing or not 0 <= self.phasing < max(self.planes, 1):
            raise InputError(f"shell {self.name!r} phasing", f"got {self.phasing!r}", f"integer 0 to {self.planes - 1}")
        if self.pattern not in PATTERNS:
            raise UnknownNameError(f"shell {self.name!r} pattern", self.pattern, PATTERNS)
        if self.raan_spread_rad is not None:
            require_range(f"shell {self.name!r} raan_spread_rad", self.raan_spread_rad, 0.0, 2 * math.pi, "rad")

    @property
    def count(self) -> int:
        return self.planes * self.sats_per_plane

    @property
    def semi_major_axis(self) -> float:
        return EARTH_RADIUS + self.altitude_m

    @property
    def node_spread(self) -> float:
        if self.raan_spread_rad is not None:
            return self.raan_spread_rad
        return 2.0 * math.pi if self.pattern == "delta" else math.pi

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "altitude_km": self.altitude_m / 1e3,
            "inclination_deg": math.degrees(self.inclination_rad),
            "planes": self.planes,
            "sats_per_plane": self.sats_per_plane,
            "satellites": self.count,
            "phasing": self.phasing,
            "pattern": self.pattern,
            "raan_spread_deg": math.degrees(self.node_spread),
            "assumed": list(self.assumed),
        }


@dataclass(frozen=True)
class Constellation:
    """A named set of Walker shells, with the operator and the source of the numbers."""

    name: str
    shells: tuple[WalkerShell, ...]
    operator: str = ""
    source: str = ""
    notes: str = ""
    key: str = ""  # preset key it was loaded from, if any
    isl: bool | None = None  # laser inter-satellite links (None: not declared, e.g. a user's TOML file)
    isl_source: str = ""  # where the presence or absence of ISLs is published
    gateways: str = ""  # gateway network preset (kind ``gateways``) whose sites relay bent-pipe traffic

    def __post_init__(self):
        if not self.shells:
            raise InputError(f"constellation {self.name!r} shells", "no shells", ">= 1 shell")
        object.__setattr__(self, "shells", tuple(self.shells))

    @property
    def count(self) -> int:
        return sum(s.count for s in self.shells)

    def shell_of_satellite(self) -> np.ndarray:
        """Index of the shell of each satellite, in the order of :func:`positions_eci`."""
        return np.concatenate([np.full(s.count, k, dtype=np.int32) for k, s in enumerate(self.shells)])

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "key": self.key,
            "operator": self.operator,
            "satellites": self.count,
            "shells": [s.to_dict() for s in self.shells],
            "source": self.source,
            "notes": self.notes,
            "isl": self.isl,
            "isl_source": self.isl_source,
            "gateways": self.gateways,
        }


def shell_warnings(system) -> tuple[dict, ...]:
    """The :data:`SHELL_ENVELOPE` warnings of every shell of ``system`` (a Constellation, a WalkerShell or anything
    else: none), each field named ``shell 'NAME' altitude``."""
    shells = (system,) if isinstance(system, WalkerShell) else getattr(system, "shells", ())
    out: list[dict] = []
    for sh in shells:
        if isinstance(sh, WalkerShell):
            out += [w for w in check(SHELL_ENVELOPE, f"shell {sh.name!r}", altitude_m=sh.altitude_m) if w not in out]
    return tuple(out)


def spread_counts(shell_sizes, n) -> list[int]:
    """How many of ``n`` satellites each shell gets when they are dealt round-robin over shells of these sizes
    (a full shell is skipped); ``n`` must be an integer from 1 to the total."""
    total = sum(shell_sizes)
    if int(n) != n or not 1 <= n <= total:
        raise InputError("satellites", f"got {n!r}", f"integer 1 to {total}")
    per = [0] * len(shell_sizes)
    k = 0
    while sum(per) < n:
        j = k % len(shell_sizes)
        if per[j] < shell_sizes[j]:
            per[j] += 1
        k += 1
    return per


def shell_elements(shell: WalkerShell) -> tuple[np.ndarray, ...]:
    """Arrays (a, e, i, raan, argp, u0) of every satellite of ``shell`` at the element epoch.

    Satellite (plane j, slot k): raan = raan0 + j * spread / P,
    u0 = 2 pi k / S + 2 pi F j / T (Walker 1984).  Order: plane-major.
    """
    p, s, t = shell.planes, shell.sats_per_plane, shell.count
    j = np.repeat(np.arange(p), s)
    k = np.tile(np.arange(s), p)
    raan = np.mod(shell.raan0_rad + j * shell.node_spread / p, 2 * np.pi)
    u0 = np.mod(2 * np.pi * k / s + 2 * np.pi * shell.phasing * j / t, 2 * np.pi)
    a = np.full(t, shell.semi_major_axis)
    return a, np.zeros(t), np.full(t, shell.inclination_rad), raan, np.zeros(t), u0


def j2_rates(a, inclination) -> tuple[np.ndarray, np.ndarray]:
    """(dRAAN/dt, du/dt) in rad/s of circular orbits under secular J2 (module docstring)."""
    a = np.asarray(a, dtype=float)
    n = np.sqrt(EARTH_GM / a**3)
    k = EARTH_J2 * (EARTH_RADIUS / a) ** 2
    ci = np.cos(inclination)
    return -1.5 * n * k * ci, n * (1.0 + 0.75 * k * (8.0 * ci * ci - 2.0))


def constellation_elements(constellation: Constellation | WalkerShell) -> tuple[np.ndarray, ...]:
    """Concatenated (a, e, i, raan, argp, u0) over every shell."""
    shells = (constellation,) if isinstance(constellation, WalkerShell) else constellation.shells
    parts = [shell_elements(s) for s in shells]
    return tuple(np.concatenate([p[k] for p in parts]) for k in range(6))


def _elements(constellation, indices) -> tuple[np.ndarray, ...]:
    els = constellation_elements(constellation)
    return els if indices is None else tuple(x[np.asarray(indices, dtype=np.int64)] for x in els)


def positions_eci(constellation: Constellation | WalkerShell, tdb, epoch_tdb: float = 0.0,
                  indices=None) -> np.ndarray:
    """Inertial (TEME-like) positions (T, N, 3) in m of every satellite (or of ``indices`` only) at TDB
    epochs ``tdb`` (T,).

    Circular orbits with J2 secular RAAN and argument-of-latitude drift from ``epoch_tdb``.
    Memory is T x N x 24 bytes: stream long spans in chunks (see :func:`ecef_chunks`).
    """
    a, _, inc, raan0, _, u0 = _elements(constellation, indices)
    dt = np.atleast_1d(np.asarray(tdb, dtype=float)) - float(epoch_tdb)
    draan, du = j2_rates(a, inc)
    raan = raan0[None, :] + draan[None, :] * dt[:, None]
    u = u0[None, :] + du[None, :] * dt[:, None]
    cu, su = np.cos(u), np.sin(u)
    co, so = np.cos(raan), np.sin(raan)
    ci, si = np.cos(inc), np.sin(inc)
    out = np.empty(u.shape + (3,))
    out[..., 0] = a * (co * cu - so * su * ci)
    out[..., 1] = a * (so * cu + co * su * ci)
    out[..., 2] = a * (su * si)
    return out


def velocities_eci(constellation: Constellation | WalkerShell, tdb, epoch_tdb: float = 0.0,
                   indices=None) -> np.ndarray:
    """Inertial velocities (T, N, 3) m/s matching :func:`positions_eci` (including the node drift)."""
    a, _, inc, raan0, _, u0 = _elements(constellation, indices)
    dt = np.atleast_1d(np.asarray(tdb, dtype=float)) - float(epoch_tdb)
    draan, du = j2_rates(a, inc)
    raan = raan0[None, :] + draan[None, :] * dt[:, None]
    u = u0[None, :] + du[None, :] * dt[:, None]
    cu, su, co, so, ci, si = np.cos(u), np.sin(u), np.cos(raan), np.sin(raan), np.cos(inc), np.sin(inc)
    out = np.empty(u.shape + (3,))
    out[..., 0] = a * (du * (-co * su - so * cu * ci) + draan * (-so * cu - co * su * ci))
    out[..., 1] = a * (du * (-so * su + co * cu * ci) + draan * (co * cu - so * su * ci))
    out[..., 2] = a * du * cu * si
    return out


def ecef_chunks(constellation: Constellation | WalkerShell, tdb, chunk_steps: int = 32, epoch_tdb: float = 0.0):
    """Yield (tdb_chunk, ECEF positions (t, N, 3) m) over ``tdb`` in chunks of ``chunk_steps`` steps.

    ECI -> ECEF by GMST (UT1 = UTC); see :mod:`spaceplan.core.frames` for the error bound.
    """
    from spaceplan.core.frames import gmst_from_tdb, rot3_apply

    tdb = np.atleast_1d(np.asarray(tdb, dtype=float))
    theta = np.atleast_1d(gmst_from_tdb(tdb))
    for start in range(0, len(tdb), chunk_steps):
        sl = slice(start, start + chunk_steps)
        r = positions_eci(constellation, tdb[sl], epoch_tdb)
        yield tdb[sl], rot3_apply(theta[sl][:, None], r)


# --- presets -----------------------------------------------------------------------------------


def list_presets() -> list[str]:
    """Names of the bundled constellation presets (registry kind ``constellations``)."""
    return registry.names("constellations")

_OVERRIDABLE = ("altitude_km", "inclination_deg", "planes", "sats_per_plane", "phasing", "pattern", "raan_spread_deg")


def _shell_from_table(table: dict, where: str) -> WalkerShell:
    try:
        spread = table.get("raan_spread_deg")
        return WalkerShell(
            name=str(table.get("name", f"{table['altitude_km']}/{table['inclination_deg']}")),
            altitude_m=float(table["altitude_km"]) * 1e3,
            inclination_rad=math.radians(float(table["inclination_deg"])),
            planes=int(table["planes"]),
            sats_per_plane=int(table["sats_per_plane"]),
            phasing=int(table.get("phasing", 0)),
            pattern=str(table.get("pattern", "delta")),
            raan_spread_rad=None if spread is None else math.radians(float(spread)),
            raan0_rad=math.radians(float(table.get("raan0_deg", 0.0))),
            assumed=tuple(table.get("assumed", ())),
        )
    except KeyError as exc:
        raise ParseError(where, f"shell lacks key {exc.args[0]!r}", "altitude_km, inclination_deg, planes, sats_per_plane") from None


def constellation_from_dict(data: dict, where: str = "constellation", key: str = "") -> Constellation:
    """Build a :class:`Constellation` from a parsed TOML/JSON dict (``[[shell]]`` tables)."""
    shells = data.get("shell") or data.get("shells")
    if not shells:
        raise ParseError(where, "no [[shell]] table", "at least one [[shell]] with altitude_km, inclination_deg, planes, sats_per_plane")
    return Constellation(
        name=str(data.get("name", key or where)),
        shells=tuple(_shell_from_table(t, where) for t in shells),
        operator=str(data.get("operator", "")),
        source=str(data.get("source", "")),
        notes=str(data.get("notes", "")),
        key=key,
        isl=_isl_flag(data.get("isl"), where),
        isl_source=str(data.get("isl_source", "")),
        gateways=str(data.get("gateways", "")),
    )


def _isl_flag(value, where: str) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise ParseError(where, f"isl = {value!r}", "true or false (whether the satellites have inter-satellite links)")


def load_constellation(name_or_path: str | Path | Constellation, **overrides) -> Constellation:
    """Load a bundled preset by name (see :func:`list_presets`) or a TOML file by path.

    ``overrides`` (``altitude_km``, ``inclination_deg``, ``planes``, ``sats_per_plane``,
    ``phasing``, ``pattern``, ``raan_spread_deg``) replace that value in every shell:
    use them for parameters a preset marks as assumed (e.g. Rassvet's altitude).
    Raises UnknownNameError (listing the presets) for an unknown name.
    """
    if isinstance(name_or_path, Constellation):
        where = name_or_path.name
        const = name_or_path
    else:
        preset = registry.resolve("constellations", name_or_path, field="constellation")
        where = preset.path if preset.package == "user" else f"preset {preset.name}"
        const = constellation_from_dict(dict(preset.data), where, preset.name)
    if overrides:
        unknown = set(overrides) - set(_OVERRIDABLE)
        if unknown:
            raise UnknownNameError("override", sorted(unknown)[0], _OVERRIDABLE)
        new_shells = []
        for s in const.shells:
            table = s.to_dict()
            table["raan0_deg"] = math.degrees(s.raan0_rad)
            table["assumed"] = [a for a in s.assumed if a not in overrides]
            table.update({k: v for k, v in overrides.items() if v is not None})
            if overrides.get("pattern") is not None and overrides.get("raan_spread_deg") is None:
                table.pop("raan_spread_deg")  # a new pattern brings its own node spread (delta 360, star 180 deg)
            new_shells.append(_shell_from_table(table, where))
        const = replace(const, shells=tuple(new_shells),
                        notes=(const.notes + f" Overridden: {overrides}.").strip())
    return const
