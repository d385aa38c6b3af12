"""Walker constellations as SGP4 element sets: CCSDS OMM (XML, KVN, JSON, CSV) and two-line elements.

What is exported.  spaceplan's Walker model (:mod:`spaceplan.constellation.shells`) is itself a
*mean-element* model: circular orbits of mean semi-major axis a = R + h whose node and argument of
latitude drift at the secular J2 rates (Brouwer 1959).  Its positions carry no short-period terms.
So each satellite is exported as the SGP4 mean elements of the same mean orbit at the epoch:

* e = 0, argument of perigee 0, mean anomaly = the model's argument of latitude u(epoch), RAAN(epoch)
  and i as in the model (elements drifted from the model's element epoch to the export epoch);
* mean motion: SGP4 reads the TLE/OMM ``MEAN_MOTION`` as a Kozai mean motion and turns it into its
  Brouwer mean motion n'' (Hoots & Roehrich 1980, Spacetrack Report #3, eqs. for a1, delta1, a0, delta0).
  We choose ``MEAN_MOTION`` so that SGP4's n'' equals the model's n = sqrt(mu / a^3) (solved by
  iterating on SGP4's own initialisation, ``Satrec.sgp4init``); SGP4's secular J2 rates of node and
  argument of latitude then equal the model's (its extra J2^2 and J4 terms add ~1e-6 of n: < 1 km/day);
* BSTAR = 0, MEAN_MOTION_DOT = MEAN_MOTION_DDOT = 0: the Walker model has no drag;
* WGS 72 constants as every SGP4 element set; REF_FRAME TEME, TIME_SYSTEM UTC, CENTER_NAME EARTH.

Not exported: an osculating-to-mean conversion.  SGP4 adds its J2 short-period terms to these mean
elements, so its positions differ from the Walker model's at any instant by those terms, about
(3/2) J2 R^2 / a ~ 10 km per axis at LEO (tested below 20 km at epoch and one day later).

Catalogue numbers: modelled satellites have none; they are numbered from ``first_catalog_number``
(default 90000, above the numbers assigned so far).  A TLE holds five digits (up to 99999; the
Alpha-5 scheme is not used); an OMM holds any number.  International designators are
``YYYY-999`` plus a piece code (A..Z without I and O, then AA...), a fictitious launch 999.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import math
from dataclasses import dataclass
from xml.sax.saxutils import escape

import numpy as np

from spaceplan.constellation.shells import Constellation, WalkerShell, j2_rates, shell_elements
from spaceplan.core.constants import EARTH_GM
from spaceplan.core.errors import InputError

__all__ = ["ElementSet", "walker_element_sets", "tle_text", "omm_text", "OMM_FORMATS"]

OMM_FORMATS = ("xml", "kvn", "json", "csv")
FIRST_CATALOG_NUMBER = 90_000
TLE_MAX_CATALOG_NUMBER = 99_999
_PIECE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # international designator pieces skip I and O
_SGP4_EPOCH0 = _dt.datetime(1949, 12, 31)  # sgp4init's epoch origin (days)
_RAD_PER_MIN = 60.0  # rad/s -> rad/min


@dataclass(frozen=True)
class ElementSet:
    """One satellite's SGP4 element set (a ``sgp4.api.Satrec``) and its names."""

    name: str
    object_id: str
    satrec: object

    def omm_fields(self) -> dict:
        from sgp4.exporter import export_omm

        fields = export_omm(self.satrec, self.name)
        fields["OBJECT_ID"] = self.object_id
        return fields

    def tle_lines(self) -> tuple[str, str]:
        from sgp4.exporter import export_tle

        return export_tle(self.satrec)


def _piece(k: int) -> str:
    """Piece code of the k-th object of a launch (0 -> A, 23 -> Z, 24 -> AA, ...)."""
    n = len(_PIECE_LETTERS)
    out = ""
    k += 1
    while k > 0:
        k, rem = divmod(k - 1, n)
        out = _PIECE_LETTERS[rem] + out
    return out


def _kozai_for(n_brouwer_rad_min: float, inclination: float) -> float:
    """The Kozai mean motion (rad/min) that SGP4 turns into ``n_brouwer_rad_min`` (e = 0).

    Iterates on SGP4's own initialisation: ``Satrec.a`` is its Brouwer semi-major axis (Earth radii),
    a = (xke / n'')^(2/3), so n'' = xke a^-3/2 with WGS 72's xke."""
    from sgp4.api import WGS72, Satrec
    from sgp4.earth_gravity import wgs72

    sat = Satrec()
    no = n_brouwer_rad_min
    for _ in range(20):
        sat.sgp4init(WGS72, "i", 1, 27_000.0, 0.0, 0.0, 0.0, 0.0, 0.0, inclination, 0.0, no, 0.0)
        ratio = n_brouwer_rad_min / (wgs72.xke * sat.a ** -1.5)
        no *= ratio
        if abs(ratio - 1.0) < 1e-14:
            break
    return no


def _epoch_days(epoch_utc: _dt.datetime) -> float:
    return (epoch_utc - _SGP4_EPOCH0).total_seconds() / 86400.0


def walker_element_sets(constellation: Constellation | WalkerShell, epoch_tdb: float, *,
                        element_epoch_tdb: float = 0.0,
                        first_catalog_number: int = FIRST_CATALOG_NUMBER) -> list[ElementSet]:
    """SGP4 element sets of every satellite (order of :func:`spaceplan.constellation.shells.positions_eci`)
    at ``epoch_tdb``, from the Walker elements referred to ``element_epoch_tdb`` (module docstring)."""
    from sgp4.api import WGS72, Satrec

    from spaceplan.core.time import tdb_to_datetime64

    shells = (constellation,) if isinstance(constellation, WalkerShell) else constellation.shells
    key = (constellation.name if isinstance(constellation, WalkerShell) else (constellation.key or constellation.name))
    if int(first_catalog_number) != first_catalog_number or first_catalog_number < 1:
        raise InputError("first_catalog_number", f"got {first_catalog_number!r}", "integer >= 1")
    stamp = tdb_to_datetime64(float(epoch_tdb)).astype("datetime64[us]").item()
    year = stamp.year
    days = _epoch_days(stamp)
    dt = float(epoch_tdb) - float(element_epoch_tdb)
    out: list[ElementSet] = []
    number = int(first_catalog_number)
    for s_index, shell in enumerate(shells):
        a, _, inc, raan0, _, u0 = shell_elements(shell)
        draan, du = j2_rates(a, inc)
        raan = np.mod(raan0 + draan * dt, 2 * math.pi)
        u = np.mod(u0 + du * dt, 2 * math.pi)
        n = math.sqrt(EARTH_GM / shell.semi_major_axis ** 3) * _RAD_PER_MIN
        no_kozai = _kozai_for(n, shell.inclination_rad)
        revs = np.floor(du * dt / (2 * math.pi))  # revolutions flown since the element epoch
        for k in range(shell.count):
            plane, slot = divmod(k, shell.sats_per_plane)
            sat = Satrec()
            sat.sgp4init(WGS72, "i", number, days, 0.0, 0.0, 0.0, 0.0, 0.0, shell.inclination_rad, float(u[k]),
                         no_kozai, float(raan[k]))
            sat.classification = "U"
            piece = _piece(len(out))
            sat.intldesg = f"{year % 100:02d}999{piece}"
            sat.ephtype = 0
            sat.elnum = 999
            sat.revnum = int(max(revs[k], 0)) % 100_000
            name = f"{key.upper()} {s_index + 1}-{plane + 1}-{slot + 1}"
            out.append(ElementSet(name, f"{year}-999{piece}", sat))
            number += 1
    return out


def tle_text(sets: list[ElementSet], names: bool = True) -> str:
    """Three-line (``names``) or two-line element sets, one per satellite."""
    if sets and sets[-1].satrec.satnum > TLE_MAX_CATALOG_NUMBER:
        raise InputError("--first-number", f"catalogue numbers run to {sets[-1].satrec.satnum}, past five digits",
                         f"first number + satellites - 1 <= {TLE_MAX_CATALOG_NUMBER} for TLE (OMM takes any)")
    lines = []
    for s in sets:
        if names:
            lines.append(s.name[:24])
        lines.extend(s.tle_lines())
    return "\n".join(lines) + "\n"


_META = ("OBJECT_NAME", "OBJECT_ID", "CENTER_NAME", "REF_FRAME", "TIME_SYSTEM", "MEAN_ELEMENT_THEORY")
_MEAN = ("EPOCH", "MEAN_MOTION", "ECCENTRICITY", "INCLINATION", "RA_OF_ASC_NODE", "ARG_OF_PERICENTER",
         "MEAN_ANOMALY")
_TLE = ("EPHEMERIS_TYPE", "CLASSIFICATION_TYPE", "NORAD_CAT_ID", "ELEMENT_SET_NO", "REV_AT_EPOCH", "BSTAR",
        "MEAN_MOTION_DOT", "MEAN_MOTION_DDOT")
_UNITS = {"MEAN_MOTION": "rev/day", "INCLINATION": "deg", "RA_OF_ASC_NODE": "deg", "ARG_OF_PERICENTER": "deg",
          "MEAN_ANOMALY": "deg", "BSTAR": "1/ER", "MEAN_MOTION_DOT": "rev/day**2", "MEAN_MOTION_DDOT": "rev/day**3"}


def _value(v) -> str:
    return repr(float(v)) if isinstance(v, float) else str(v)


def omm_text(sets: list[ElementSet], fmt: str = "xml", originator: str = "spaceplan") -> str:
    """CCSDS OMM 2.0 (CCSDS 502.0-B-2) of every satellite: ``xml`` (an ``<ndm>`` of ``<omm>`` messages as
    CelesTrak serves them), ``kvn`` (messages one after another), ``json`` (array of flat objects) or ``csv``."""
    if fmt not in OMM_FORMATS:
        raise InputError("format", f"got {fmt!r}", ", ".join(OMM_FORMATS))
    rows = [s.omm_fields() for s in sets]
    created = _dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None).isoformat(timespec="seconds")
    if fmt == "json":
        return json.dumps([{k: r[k] for k in _META + _MEAN + _TLE} for r in rows], indent=1) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(_META[:1] + _META[1:2] + _MEAN + _TLE), extrasaction="ignore",
                                lineterminator="\n")
        writer.writeheader()
        for r in rows:
            writer.writerow({k: _value(v) for k, v in r.items()})
        return buf.getvalue()
    if fmt == "kvn":
        parts = []
        for r in rows:
            lines = ["CCSDS_OMM_VERS = 2.0", f"CREATION_DATE = {created}", f"ORIGINATOR = {originator}", ""]
            lines += [f"{k} = {_value(r[k])}" for k in _META] + [""]
            lines += [f"{k} = {_value(r[k])}" + (f" [{_UNITS[k]}]" if k in _UNITS else "") for k in _MEAN] + [""]
            lines += [f"{k} = {_value(r[k])}" + (f" [{_UNITS[k]}]" if k in _UNITS else "") for k in _TLE]
            parts.append("\n".join(lines) + "\n")
        return "\n".join(parts)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<ndm xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xsi:noNamespaceSchemaLocation="https://sanaregistry.org/r/ndmxml_unqualified/ndmxml-2.0.0-master-2.0.xsd">']
    for r in rows:
        out += ['  <omm id="CCSDS_OMM_VERS" version="2.0">', "    <header>",
                f"      <CREATION_DATE>{created}</CREATION_DATE>", f"      <ORIGINATOR>{escape(originator)}</ORIGINATOR>",
                "    </header>", "    <body>", "      <segment>", "        <metadata>"]
        out += [f"          <{k}>{escape(_value(r[k]))}</{k}>" for k in _META]
        out += ["        </metadata>", "        <data>", "          <meanElements>"]
        out += [f"            <{k}>{escape(_value(r[k]))}</{k}>" for k in _MEAN]
        out += ["          </meanElements>", "          <tleParameters>"]
        out += [f"            <{k}>{escape(_value(r[k]))}</{k}>" for k in _TLE]
        out += ["          </tleParameters>", "        </data>", "      </segment>", "    </body>", "  </omm>"]
    out.append("</ndm>")
    return "\n".join(out) + "\n"
