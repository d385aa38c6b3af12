"""Satellite catalogs from TLE / OMM element sets, propagated with the ``sgp4`` library.

A :class:`Catalog` holds names, NORAD ids, epochs, mean elements and the ``sgp4``
``Satrec`` objects of a set of satellites read from a TLE/3LE file or a CCSDS OMM
message (XML, KVN, JSON, CSV; see :mod:`spaceplan.core.tle`).  Propagation
uses the library's vectorized ``SatrecArray.sgp4`` (Vallado et al. 2006, "Revisiting
Spacetrack Report #3", AIAA 2006-6753; the C++ code of the ``sgp4`` package, verified
against its own SGP4-VER.TLE / tcppver.out).  spaceplan adds no SGP4 of its own.

Positions come out in TEME (the SGP4 frame) in metres and are rotated to ECEF with
:func:`spaceplan.core.frames.teme_to_ecef` (GMST IAU-82, UT1 = UTC: <= 0.5 km error at
LEO, see that module).  SGP4 error codes (1..6, ``sgp4.api.SGP4_ERRORS``, plus spaceplan's
100 for a non-finite state the library returned without a code) are returned
per satellite and time step; the positions there are NaN and are listed by
:meth:`CatalogStates.failures`, never used silently.

:func:`group_shells` clusters a catalog into shells on mean altitude and inclination
and counts orbit planes by clustering the RAAN after moving every node to a common
epoch with the secular J2 rate (Vallado 2013, eq. 9-41).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from sgp4.api import SGP4_ERRORS, Satrec, SatrecArray

from spaceplan.core.constants import DAY, EARTH_GM, EARTH_J2, EARTH_RADIUS, J2000_JD
from spaceplan.core.errors import InputError, ParseError
from spaceplan.core import tle as _omm

FORMATS = ("tle", "xml", "kvn", "json", "csv")

#: spaceplan's own error code in :attr:`CatalogStates.error`: SGP4 returned a NaN/inf state with
#: code 0 (the library's codes are 1..6, ``sgp4.api.SGP4_ERRORS``).
NONFINITE_STATE = 100
ERROR_MESSAGES = {**SGP4_ERRORS, NONFINITE_STATE: "non-finite state without an SGP4 error code (spaceplan code 100)"}
_J2000_LABEL = np.datetime64("2000-01-01T12:00:00", "ns")


def _utc_jd_split(tdb) -> tuple[np.ndarray, np.ndarray]:
    """UTC Julian date (whole, fraction) for TDB seconds past J2000 (the form ``sgp4`` takes)."""
    from spaceplan.core.frames import tdb_to_jd_ut1

    whole, frac = tdb_to_jd_ut1(np.atleast_1d(np.asarray(tdb, dtype=float)))
    return np.asarray(whole, dtype=float), np.asarray(frac, dtype=float)


def jd_utc_to_tdb(jd_whole, jd_frac) -> np.ndarray:
    """TDB seconds past J2000 for UTC Julian dates split as (whole, fraction) (to 1 ns)."""
    from spaceplan.core.time import utc_to_tdb

    days = (np.asarray(jd_whole, dtype=float) - J2000_JD) + np.asarray(jd_frac, dtype=float)
    stamps = _J2000_LABEL + np.round(days * DAY * 1e9).astype("int64").astype("timedelta64[ns]")
    return np.atleast_1d(utc_to_tdb(stamps))


@dataclass(frozen=True, eq=False)
class CatalogStates:
    """SGP4 states of every catalog satellite at every epoch.

    ``r_teme``/``v_teme``: (T, N, 3) m, m/s; ``error``: (T, N) uint8 SGP4 error code (0 = ok);
    positions are NaN wherever ``error != 0`` and finite wherever ``error == 0``: a non-finite
    state that the library returns without an error code gets spaceplan's own code
    :data:`NONFINITE_STATE` (100).
    """

    tdb: np.ndarray
    r_teme: np.ndarray
    v_teme: np.ndarray
    error: np.ndarray
    norad_ids: np.ndarray

    @property
    def ok(self) -> np.ndarray:
        return self.error == 0

    def positions_ecef(self) -> np.ndarray:
        """(T, N, 3) ECEF positions in m (NaN where SGP4 failed)."""
        from spaceplan.core.frames import teme_to_ecef

        return teme_to_ecef(self.r_teme, self.tdb[:, None])

    def failures(self) -> list[dict]:
        """One entry per satellite with any SGP4 error: NORAD id, first failing epoch index, code, message."""
        out = []
        bad = np.flatnonzero(np.any(self.error != 0, axis=0))
        for j in bad:
            k = int(np.flatnonzero(self.error[:, j])[0])
            code = int(self.error[k, j])
            out.append({"norad_id": int(self.norad_ids[j]), "first_step": k, "code": code,
                        "message": ERROR_MESSAGES.get(code, "unknown SGP4 error"),
                        "failed_steps": int(np.count_nonzero(self.error[:, j]))})
        return out

    def to_dict(self) -> dict:
        return {"epochs": len(self.tdb), "satellites": int(self.r_teme.shape[1]),
                "satellite_steps_ok": int(np.count_nonzero(self.ok)), "failures": self.failures()}


@dataclass(frozen=True, eq=False)
class Catalog:
    """Satellites read from element sets, with their ``Satrec`` objects (frozen).

    Arrays (derived from the Satrecs at construction): ``norad_ids`` (N,), ``epochs_tdb``
    (N,) TDB s past J2000, ``inclination``, ``raan``, ``arg_perigee``, ``mean_anomaly`` (rad),
    ``eccentricity``, ``mean_motion`` (Kozai, rad/s), ``bstar`` (1/earth radii),
    ``semi_major_axis`` (m, from the un-Kozai'd mean motion, WGS 72 radius).
    ``issues`` lists the records that were not read (file line and reason).
    """

    names: tuple[str, ...]
    satrecs: tuple[Satrec, ...]
    source: str = ""
    issues: tuple[_omm.ParseIssue, ...] = ()
    norad_ids: np.ndarray = field(init=False, repr=False)
    epochs_tdb: np.ndarray = field(init=False, repr=False)
    inclination: np.ndarray = field(init=False, repr=False)
    raan: np.ndarray = field(init=False, repr=False)
    arg_perigee: np.ndarray = field(init=False, repr=False)
    mean_anomaly: np.ndarray = field(init=False, repr=False)
    eccentricity: np.ndarray = field(init=False, repr=False)
    mean_motion: np.ndarray = field(init=False, repr=False)
    bstar: np.ndarray = field(init=False, repr=False)
    semi_major_axis: np.ndarray = field(init=False, repr=False)

    def __post_init__(self):
        sats = tuple(self.satrecs)
        if len(self.names) != len(sats):
            raise InputError("catalog names", f"{len(self.names)} names for {len(sats)} satellites", "one name per satellite")
        object.__setattr__(self, "satrecs", sats)
        object.__setattr__(self, "names", tuple(self.names))
        object.__setattr__(self, "issues", tuple(self.issues))

        def arr(attr, dtype=float):
            return np.array([getattr(s, attr) for s in sats], dtype=dtype)

        set_ = lambda k, v: object.__setattr__(self, k, v)  # noqa: E731
        set_("norad_ids", arr("satnum", np.int64))
        set_("epochs_tdb", jd_utc_to_tdb(arr("jdsatepoch"), arr("jdsatepochF")) if sats else np.zeros(0))
        set_("inclination", arr("inclo"))
        set_("raan", arr("nodeo"))
        set_("arg_perigee", arr("argpo"))
        set_("mean_anomaly", arr("mo"))
        set_("eccentricity", arr("ecco"))
        set_("mean_motion", arr("no_kozai") / 60.0)
        set_("bstar", arr("bstar"))
        set_("semi_major_axis", arr("a") * arr("radiusearthkm") * 1e3)
        object.__setattr__(self, "_array", SatrecArray(list(sats)) if sats else None)

    def __len__(self) -> int:
        return len(self.satrecs)

    @property
    def mean_altitude(self) -> np.ndarray:
        """Mean altitude a - R_E (m), R_E = WGS 84 equatorial radius."""
        return self.semi_major_axis - EARTH_RADIUS

    # --- construction ------------------------------------------------------------------------

    @classmethod
    def from_text(cls, text: str, fmt: str | None = None, source: str = "<text>", *, strict: bool = False,
                  checksum: bool = True, ignore_trailing: bool = False) -> "Catalog":
        """Parse element sets in ``fmt`` (tle, xml, kvn, json, csv; sniffed when None)."""
        fmt = (fmt or sniff_format(text)).lower()
        if fmt not in FORMATS:
            raise InputError("format", f"unknown catalog format {fmt!r}", ", ".join(FORMATS))
        if fmt == "tle":
            records, issues = _omm.read_tle(text, source, strict=strict, checksum=checksum, ignore_trailing=ignore_trailing)
        else:
            reader = {"xml": _omm.read_omm_xml, "kvn": _omm.read_omm_kvn, "json": _omm.read_omm_json,
                      "csv": _omm.read_omm_csv}[fmt]
            records, issues = reader(text, source, strict=strict)
        names, sats = [], []
        issues = list(issues)
        for rec in records:
            sat, problem, norad = _satrec_of(rec)
            if problem:
                if strict:
                    raise ParseError(f"{source} line {rec.line}", problem + (f" (NORAD {norad})" if norad else ""))
                issues.append(_omm.ParseIssue(source, rec.line, problem, norad))
                continue
            names.append(rec.name or f"NORAD {sat.satnum}")
            sats.append(sat)
        return cls(tuple(names), tuple(sats), source, tuple(issues))

    @classmethod
    def from_file(cls, path: str | Path, fmt: str | None = None, **kwargs) -> "Catalog":
        """Read a catalog file; the format is read from the content (an XML, JSON, KVN or CSV signature
        wins over the extension: an OMM JSON saved as ``.tle`` is read as JSON), else the extension."""
        path = Path(path)
        if not path.is_file():
            raise InputError("catalog file", f"no such file {str(path)!r}", "an existing TLE/OMM file")
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ParseError(str(path), f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
        if fmt is None:
            sniffed = sniff_format(text)
            fmt = sniffed if sniffed != "tle" else {".xml": "xml", ".json": "json", ".csv": "csv", ".kvn": "kvn",
                                                    ".tle": "tle", ".3le": "tle", ".txt": None}.get(path.suffix.lower())
        return cls.from_text(text, fmt, str(path), **kwargs)

    @classmethod
    def from_satrecs(cls, satrecs, names=None, source: str = "<satrecs>") -> "Catalog":
        sats = tuple(satrecs)
        return cls(tuple(names) if names is not None else tuple(f"NORAD {s.satnum}" for s in sats), sats, source)

    def select(self, mask_or_index) -> "Catalog":
        """A new catalog with the satellites picked by a boolean mask or an index array."""
        idx = np.arange(len(self))[np.asarray(mask_or_index)]
        return Catalog(tuple(self.names[i] for i in idx), tuple(self.satrecs[i] for i in idx), self.source, self.issues)

    # --- propagation -------------------------------------------------------------------------

    def propagate_jd(self, jd_whole, jd_frac) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Raw ``SatrecArray.sgp4`` call on UTC Julian dates: (error (N,T), r (N,T,3) km, v km/s)."""
        if self._array is None:
            raise InputError("catalog", "empty catalog", "at least one satellite")
        return self._array.sgp4(np.ascontiguousarray(jd_whole, dtype=float), np.ascontiguousarray(jd_frac, dtype=float))

    def propagate(self, tdb) -> CatalogStates:
        """SGP4 states (TEME, SI) of every satellite at TDB epochs ``tdb`` (scalar or (T,))."""
        tdb = np.atleast_1d(np.asarray(tdb, dtype=float))
        if not np.all(np.isfinite(tdb)):
            raise InputError("tdb", "non-finite epoch", "finite TDB seconds past J2000")
        whole, frac = _utc_jd_split(tdb)
        err, r, v = self.propagate_jd(whole, frac)
        silent = (err == 0) & ~(np.isfinite(r).all(axis=-1) & np.isfinite(v).all(axis=-1))
        if silent.any():
            err[silent] = NONFINITE_STATE
        bad = err != 0
        if bad.any():  # NaN exactly where error != 0
            r[bad] = np.nan
            v[bad] = np.nan
        np.multiply(r, 1e3, out=r)
        np.multiply(v, 1e3, out=v)
        return CatalogStates(tdb, r.transpose(1, 0, 2), v.transpose(1, 0, 2), err.T, self.norad_ids)

    def positions_teme(self, tdb) -> np.ndarray:
        """(T, N, 3) TEME positions in m (NaN where SGP4 failed; see :meth:`propagate` for the codes)."""
        return self.propagate(tdb).r_teme

    def positions_ecef(self, tdb) -> np.ndarray:
        """(T, N, 3) ECEF positions in m (NaN where SGP4 failed)."""
        return self.propagate(tdb).positions_ecef()

    def to_dict(self, group: bool = False) -> dict:
        out = {
            "source": self.source,
            "satellites": len(self),
            "rejected_records": len(self.issues),
            "issues": [i.to_dict() for i in self.issues],
            "epoch_first_utc": _iso(self.epochs_tdb.min()) if len(self) else None,
            "epoch_last_utc": _iso(self.epochs_tdb.max()) if len(self) else None,
            "mean_altitude_km": {"min": _km(self.mean_altitude.min()), "max": _km(self.mean_altitude.max())} if len(self) else None,
        }
        if group and len(self):
            out["shells"] = [g.to_dict() for g in group_shells(self)]
        return out


def _iso(tdb: float) -> str:
    from spaceplan.core.time import tdb_to_iso

    return str(tdb_to_iso(float(tdb)))


def _km(x: float) -> float:
    return round(float(x) / 1e3, 3)


def _satrec_of(rec: _omm.RawRecord) -> tuple[Satrec | None, str | None, int | None]:
    """Build a Satrec with the sgp4 library; (satrec, problem text, NORAD id)."""
    if rec.tle is not None:
        try:
            sat = Satrec.twoline2rv(*rec.tle)
        except (ValueError, RuntimeError) as exc:  # the library's own format errors
            return None, f"sgp4 could not read the TLE: {exc}", None
        problem = _tle_disagreement(sat, *rec.tle) or _unusable_at_epoch(sat)
        return (None if problem else sat), problem, int(sat.satnum)
    fields, errors, norad = _omm.omm_fields_for_sgp4(rec)
    if errors:
        bad_line = min((rec.field_lines.get(e.split()[0], rec.line) for e in errors), default=rec.line)
        return None, "; ".join(errors) + (f" (field on line {bad_line})" if bad_line != rec.line else ""), norad
    from sgp4 import omm as sgp4_omm

    sat = Satrec()
    try:
        sgp4_omm.initialize(sat, fields)
    except (ValueError, KeyError, OverflowError) as exc:
        return None, f"sgp4 could not initialize from the OMM fields: {exc}", norad
    problem = _unusable_at_epoch(sat)
    return (None if problem else sat), problem, norad


def _tle_disagreement(sat: Satrec, l1: str, l2: str) -> str | None:
    """Cross-check what ``sgp4``'s C++ reader parsed against the TLE columns (Kelso's layout).

    The library scans fields with sscanf: a stray character can shift every later field without
    an exception (epoch 0, NaN states, error code 0).  Any disagreement rejects the record."""
    try:
        year, day = int(l1[18:20]), float(l1[20:32])
        inc, mm = float(l2[8:16]), float(l2[52:63])
        ecc = int(l2[26:33]) * 1e-7
    except ValueError:
        return "TLE fields are not numbers where sgp4 reads them"
    checks = (("epoch year", sat.epochyr, year, 0.0), ("epoch day", sat.epochdays, day, 1e-8),
              ("inclination deg", math.degrees(sat.inclo), inc, 1e-6), ("eccentricity", sat.ecco, ecc, 1e-9),
              ("mean motion rev/day", sat.no_kozai * 1440.0 / (2 * math.pi), mm, 1e-7))
    for what, got, want, tol in checks:
        if not (abs(got - want) <= tol * max(1.0, abs(want))):
            return f"sgp4 read {what} {got!r} where the columns say {want!r} (misaligned fields)"
    return None


def _unusable_at_epoch(sat: Satrec) -> str | None:
    """A Satrec that SGP4 propagates to a non-finite state at its own epoch with no error code."""
    err, r, v = sat.sgp4_tsince(0.0)
    if err == 0 and not all(math.isfinite(x) for x in (*r, *v)):
        return "SGP4 gives a non-finite state at the element epoch (no library error code)"
    return None


def sniff_format(text: str) -> str:
    """Guess the catalog format from the first non-blank characters."""
    head = text.lstrip()[:200]
    if head.startswith("<"):
        return "xml"
    if head.startswith(("[", "{")):
        return "json"
    if head.startswith(("CCSDS_OMM_VERS", "COMMENT")):
        return "kvn"
    first = head.splitlines()[0] if head else ""
    if "," in first and "NORAD_CAT_ID" in first.upper():
        return "csv"
    return "tle"


def load_catalog(path: str | Path, fmt: str | None = None, **kwargs) -> Catalog:
    """Read a TLE/3LE or OMM (XML, KVN, JSON, CSV) file into a :class:`Catalog`."""
    return Catalog.from_file(path, fmt, **kwargs)


# --- shells ---------------------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class ShellGroup:
    """Satellites of a catalog sharing mean altitude and inclination (within tolerances)."""

    altitude_m: float  # median mean altitude
    inclination_rad: float  # median
    count: int
    norad_ids: np.ndarray
    planes: int | None  # RAAN clusters at a common epoch; None when nodes are spread without gaps
    altitude_spread_m: float
    inclination_spread_rad: float

    def to_dict(self) -> dict:
        return {
            "altitude_km": round(self.altitude_m / 1e3, 1),
            "inclination_deg": round(math.degrees(self.inclination_rad), 2),
            "satellites": self.count,
            "planes": self.planes,
            "sats_per_plane": round(self.count / self.planes, 1) if self.planes else None,
            "altitude_spread_km": round(self.altitude_spread_m / 1e3, 1),
            "inclination_spread_deg": round(math.degrees(self.inclination_spread_rad), 3),
        }


def _split_sorted(values: np.ndarray, tol: float) -> list[np.ndarray]:
    """Indices grouped by single-linkage along one dimension: split where a sorted gap exceeds ``tol``."""
    order = np.argsort(values, kind="stable")
    gaps = np.diff(values[order]) > tol
    return np.split(order, np.flatnonzero(gaps) + 1)


def _circular_clusters(angles: np.ndarray, tol: float) -> int | None:
    """Number of clusters of angles on a circle separated by gaps > tol (None if no such gap)."""
    if len(angles) == 0:
        return 0
    a = np.sort(np.mod(angles, 2 * np.pi))
    gaps = np.diff(np.concatenate([a, [a[0] + 2 * np.pi]]))
    n = int(np.count_nonzero(gaps > tol))
    return n if n > 0 else None


def group_shells(catalog: Catalog, altitude_tol_m: float = 10e3, inclination_tol_rad: float = math.radians(0.5),
                 raan_tol_rad: float = math.radians(2.0), min_members: int = 1, epoch_tdb: float | None = None) -> tuple[ShellGroup, ...]:
    """Cluster satellites into shells by inclination, then mean altitude (single linkage with tolerances).

    Planes: every RAAN is moved to ``epoch_tdb`` (default: latest element epoch) with the
    secular J2 rate dOmega/dt = -3/2 n J2 (R/p)^2 cos i (Vallado 2013 eq. 9-41), then
    clustered on the circle with gap tolerance ``raan_tol_rad``.  Groups smaller than
    ``min_members`` are dropped (e.g. satellites still raising their orbits).
    """
    if len(catalog) == 0:
        return ()
    t_ref = float(np.max(catalog.epochs_tdb)) if epoch_tdb is None else float(epoch_tdb)
    a, e, i = catalog.semi_major_axis, catalog.eccentricity, catalog.inclination
    n = np.sqrt(EARTH_GM / a**3)
    p = a * (1 - e**2)
    raan_rate = -1.5 * n * EARTH_J2 * (EARTH_RADIUS / p) ** 2 * np.cos(i)
    raan_ref = catalog.raan + raan_rate * (t_ref - catalog.epochs_tdb)
    alt = catalog.mean_altitude
    groups = []
    for by_inc in _split_sorted(i, inclination_tol_rad):
        for sub in _split_sorted(alt[by_inc], altitude_tol_m):
            idx = by_inc[sub]
            if len(idx) < min_members:
                continue
            groups.append(ShellGroup(
                altitude_m=float(np.median(alt[idx])), inclination_rad=float(np.median(i[idx])), count=len(idx),
                norad_ids=catalog.norad_ids[idx], planes=_circular_clusters(raan_ref[idx], raan_tol_rad),
                altitude_spread_m=float(np.ptp(alt[idx])), inclination_spread_rad=float(np.ptp(i[idx]))))
    groups.sort(key=lambda g: -g.count)
    return tuple(groups)
