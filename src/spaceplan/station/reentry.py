"""Reentry windows from a TLE history: fit the ballistic coefficient, decay to 120 km, give the window.

1. TLEs are read with ``sgp4`` (checksums verified, epochs in time order).  Each
   gives a semi-major axis a (the SGP4 Kozai mean motion), an eccentricity e and
   a mean altitude a - R, R the orbit-averaged ellipsoid radius.
2. The decay model is King-Hele's theory for ECCENTRIC orbits (da/dt and de/dt
   averaged over the orbit, King-Hele 1987 ch. 3-4, by quadrature on the NRLMSIS
   table: :mod:`spaceplan.core.king_hele_eccentric_kernel`): the drag acts mostly
   near perigee and the orbit circularises as it decays, which a near-circular
   decay on the mean altitude cannot follow (for e ~ 0.015, a CZ-5B core stage,
   it forecasts reentry days early).  For e -> 0 it is the circular
   da/dt = -F rho B sqrt(mu a) of :mod:`.decay`.
3. B = Cd A / m is fitted with the SAME model to the semi-major axes of the
   element sets of the last ``fit_days`` (the "fitted a(t)" of Saunders et al.
   2012, Sang, Bennett & Smith 2013 and Gondelach, Armellin & Lidtke 2017, who
   estimate B from the TLE semi-major-axis decay, the last for rocket bodies in
   eccentric orbits; the TLE's n-dot is not used: it is a fitting by-product of
   SGP4's element-set generation).  The model starts from the first set's e and
   a + da0; (da0, ln B) minimise the squared misses of a at every set's epoch
   (``scipy.optimize.least_squares``, started from the two-set solution: B such
   that the run from the first set reaches the last one's a, Brent's method).
   The formal standard error of ln B, s^2 (J^T J)^-1 with s^2 the residual
   variance over n - 2 degrees of freedom, is kept (three sets or more).  A
   single TLE falls back on its B*: B = 2 B* / rho0, rho0 = 0.15696615 kg m^-2
   ER^-1 (Vallado 2013, eq. 9-42).
4. From the last TLE's (a, e) the decay is continued to 120 km mean altitude with
   the space weather held at its 81-day mean before that epoch (persistence: no
   hindsight).  The window is the 5-95 % interval of a log-normal error of rho B:
   sigma_ln = sqrt(0.136^2 + sigma_lnB^2), the density part 0.136 = ln(1.25) /
   1.645 (the +-20-25 % uncertainty of thermosphere models and short-term solar
   forecasts, ISO 27852:2016 sec. 6 and IADC reentry-campaign practice) and the
   fit's own standard error of ln B added in quadrature (rho and B enter the
   drag only as their product); the runs with rho B x exp(-+1.645 sigma_ln)
   bound the window (x0.8 and x1.25 when B is exact).

An operator's published orbit (perigee and apogee heights on a date, as the
China Manned Space Engineering Office issued daily for Tiangong-1 in March
2018) enters the same fit through :func:`published_state`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.optimize import brentq, least_squares

from spaceplan.core import nrlmsis
from spaceplan.core.constants import DAY, EARTH_GM
from spaceplan.core.errors import InputError, ParseError, require_range
from spaceplan.core.time import tdb_to_iso, utc_to_tdb
from spaceplan.core.tle import read_tle
from spaceplan.station.decay import REENTRY_ALTITUDE, eccentric_run, mean_radius

RHO0_BSTAR = 0.15696615  # kg m^-2 ER^-1, SGP4 reference density for B*
DENSITY_SCALES = (0.8, 1.25)  # the density-only window: exp(-+1.645 SIGMA_LN_DENSITY)
SIGMA_LN_DENSITY = math.log(1.25) / 1.645  # 13.6 %, log-normal density error (ISO 27852:2016 sec. 6)
Z_95 = 1.645  # 5-95 % of a normal distribution
FIRST_HORIZON_DAYS = 60.0


@dataclass(frozen=True)
class ElementSet:
    name: str
    epoch_tdb: float
    mean_altitude: float  # m
    inclination: float  # rad
    bstar: float  # 1/ER
    line_no: int
    eccentricity: float = 0.0  # SGP4 mean e (0 for a circular published orbit)

    @property
    def semi_major_axis(self) -> float:
        """a (m): the mean altitude plus the orbit-averaged ellipsoid radius."""
        return self.mean_altitude + mean_radius(self.inclination)


@dataclass(frozen=True)
class ReentryForecast:
    name: str
    fit_from_utc: str
    fit_to_utc: str
    n_tles: int
    ballistic_m2_kg: float  # fitted Cd A / m
    nominal_tdb: float
    early_tdb: float
    late_tdb: float
    notes: tuple[str, ...]
    ballistic_sigma_ln: float = 0.0  # standard error of ln B from the fit (0: exact or not fitted)

    @property
    def width_days(self) -> float:
        return (self.late_tdb - self.early_tdb) / DAY

    def contains(self, tdb: float) -> bool:
        return self.early_tdb <= tdb <= self.late_tdb

    def to_dict(self) -> dict:
        return {"name": self.name, "fit_from_utc": self.fit_from_utc, "fit_to_utc": self.fit_to_utc,
                "tles": self.n_tles, "ballistic_coefficient_m2_kg": self.ballistic_m2_kg,
                "mass_per_area_kg_m2": 1.0 / self.ballistic_m2_kg,
                "ballistic_coefficient_sigma_ln": self.ballistic_sigma_ln, "nominal_utc": tdb_to_iso(self.nominal_tdb, "m"),
                "window_start_utc": tdb_to_iso(self.early_tdb, "m"), "window_end_utc": tdb_to_iso(self.late_tdb, "m"),
                "window_days": self.width_days, "notes": list(self.notes)}


def read_tles(path_or_text: str | Path, field: str = "tle_file") -> list[ElementSet]:
    """Element sets from a TLE file (2- or 3-line format), checked by the one TLE reader
    (:func:`spaceplan.core.tle.read_tle`, strict: the first bad line is an error naming it) and in time order."""
    from sgp4.api import Satrec

    if isinstance(path_or_text, str) and "\n" in path_or_text:
        text = path_or_text  # the TLE text itself
    elif Path(path_or_text).is_file():
        try:
            text = Path(path_or_text).read_text()
        except UnicodeDecodeError:
            raise ParseError(field, f"{str(path_or_text)!r} is not a text file of element sets") from None
    else:
        raise InputError(field, f"no such file {str(path_or_text)!r}")
    records, _ = read_tle(text, source=field, strict=True)
    out = []
    for rec in records:
        sat = Satrec.twoline2rv(*rec.tle)
        if sat.error:
            raise ParseError(field, f"line {rec.line}: sgp4 cannot use this element set (error {sat.error})")
        n = sat.no_kozai / 60.0  # rad/s
        a = (EARTH_GM / n ** 2) ** (1.0 / 3.0)
        year = sat.epochyr + (2000 if sat.epochyr < 57 else 1900)
        epoch = np.datetime64(f"{year}-01-01") + np.timedelta64(int(round((sat.epochdays - 1) * DAY * 1e6)), "us")
        out.append(ElementSet(rec.name or f"NORAD {sat.satnum}", float(utc_to_tdb(epoch)),
                              a - mean_radius(sat.inclo), sat.inclo, sat.bstar, rec.line, float(sat.ecco)))
    if not out:
        raise ParseError(field, "no two-line element sets found")
    for a, b in zip(out, out[1:]):
        if b.epoch_tdb <= a.epoch_tdb:
            raise InputError(field, f"line {b.line_no}: epoch {tdb_to_iso(b.epoch_tdb)} is not after the previous "
                             f"one ({tdb_to_iso(a.epoch_tdb)})", "element sets in increasing time order")
    return out


def published_state(epoch_tdb: float, perigee_altitude: float, apogee_altitude: float, inclination: float,
                    name: str = "published state") -> ElementSet:
    """A published orbit (heights in m above the ellipsoid, inclination in rad) as an element set for :func:`forecast`.

    The mean altitude is (h_p + h_a) / 2, which equals a - R_e (R_e the
    orbit-averaged ellipsoid radius), the same quantity the TLEs give, and
    e = (h_a - h_p) / (2 a).  B* is
    unknown (0), so a forecast needs at least one other element set to fit B.
    """
    require_range("perigee altitude", perigee_altitude / 1e3, REENTRY_ALTITUDE / 1e3, 2000.0, "km")
    require_range("apogee altitude", apogee_altitude / 1e3, perigee_altitude / 1e3, 2000.0, "km")
    require_range("inclination", math.degrees(inclination), 0.0, 180.0, "deg")
    if not math.isfinite(epoch_tdb):
        raise InputError("epoch", "not a finite time", "a date")
    a = mean_radius(inclination) + 0.5 * (perigee_altitude + apogee_altitude)
    return ElementSet(name, float(epoch_tdb), 0.5 * (perigee_altitude + apogee_altitude), float(inclination), 0.0, 0,
                      (apogee_altitude - perigee_altitude) / (2.0 * a))


def _fit_ballistic(tles: list[ElementSet], inc: float, re: float, table) -> tuple[float, float, str]:
    """B (m^2/kg) fitted by the eccentric decay to the sets' semi-major axes, its standard error in ln B, a note."""
    t = np.array([e.epoch_tdb for e in tles])
    a_obs = np.array([e.mean_altitude for e in tles]) + re
    e0 = tles[0].eccentricity

    def model(da0: float, bc: float) -> np.ndarray:
        tt, hh, _, _, _ = eccentric_run(a_obs[0] + da0, e0, t[0], t[-1], REENTRY_ALTITUDE, inc, bc, re, table)
        return np.interp(t, tt, hh) + re

    try:
        log_b = brentq(lambda lb: model(0.0, math.exp(lb))[-1] - a_obs[-1], math.log(1e-4), math.log(1.0), xtol=1e-4)
    except ValueError:
        raise InputError("tle_file", "no ballistic coefficient between 1e-4 and 1 m^2/kg reproduces the decay "
                         "between the first and last element sets", "a decaying object's TLE history") from None
    if len(tles) < 3:
        return math.exp(log_b), 0.0, f"B fitted to the semi-major-axis decay between {len(tles)} element sets"
    res = least_squares(lambda p: (model(p[0] * 1e3, math.exp(p[1])) - a_obs) / 1e3, [0.0, log_b], diff_step=1e-4,
                        x_scale=[1.0, 0.1])
    if not (res.success and 1e-4 <= math.exp(res.x[1]) <= 1.0):
        return math.exp(log_b), 0.0, (f"B fitted to the semi-major-axis decay between the first and last of "
                                      f"{len(tles)} element sets (least squares did not converge)")
    s2 = float(res.fun @ res.fun) / (len(tles) - 2)
    try:
        sigma = math.sqrt(max(s2 * np.linalg.inv(res.jac.T @ res.jac)[1, 1], 0.0))
    except np.linalg.LinAlgError:
        sigma = 0.0
    return (math.exp(res.x[1]), sigma,
            f"B fitted (least squares) to the semi-major axes of {len(tles)} element sets: rms miss "
            f"{math.sqrt(float(res.fun @ res.fun) / len(tles)) * 1e3:.0f} m, start a {res.x[0] * 1e3:+.0f} m, "
            f"standard error of ln B {sigma:.1%}")


def forecast(tles: list[ElementSet], horizon_days: float = 400.0, fit_days: float = 60.0) -> ReentryForecast:
    """Fit B on the element sets of the last ``fit_days`` (at least two) and forecast the window from the last one."""
    if not tles:
        raise InputError("tle_file", "no element sets", "at least one element set")
    for a, b in zip(tles, tles[1:]):
        if b.epoch_tdb <= a.epoch_tdb:
            raise InputError("tle_file", f"{b.name} at {tdb_to_iso(b.epoch_tdb)} is not after {tdb_to_iso(a.epoch_tdb)}",
                             "element sets in increasing time order")
    recent = [e for e in tles if e.epoch_tdb >= tles[-1].epoch_tdb - fit_days * DAY]
    if len(recent) < 2 and len(tles) >= 2:
        recent = tles[-2:]
    tles = recent
    first, last = tles[0], tles[-1]
    inc = float(np.mean([e.inclination for e in tles]))
    re = mean_radius(inc)
    if last.mean_altitude < REENTRY_ALTITUDE:
        raise InputError("tle_file", f"last element set is already at {last.mean_altitude / 1e3:.0f} km",
                         "mean altitude above 120 km")
    apogee = max(e.mean_altitude + (e.mean_altitude + re) * e.eccentricity for e in tles)
    alt_hi = min(max(first.mean_altitude + 40e3, apogee + 20e3), nrlmsis.ALT_MAX)

    def table_to(days):  # the same daily nodes whatever the end: a shorter table is a prefix of a longer one
        return nrlmsis.density_table(first.epoch_tdb - DAY, last.epoch_tdb + days * DAY, 100e3, alt_hi, inc, 50,
                                     step_days=1.0, persist_after=last.epoch_tdb)

    # most forecasts end within weeks: build the table to FIRST_HORIZON_DAYS first (pymsis dominates the cost)
    # and to the full horizon only when a run does not reach 120 km by then
    short = min(horizon_days, FIRST_HORIZON_DAYS)
    table = table_to(short)
    notes = list(table.notes)
    sigma_b = 0.0
    if len(tles) >= 2 and last.epoch_tdb - first.epoch_tdb > 2 * DAY:
        bc, sigma_b, note = _fit_ballistic(tles, inc, re, table)
        notes.append(f"{note}; mean altitude {first.mean_altitude / 1e3:.1f} -> {last.mean_altitude / 1e3:.1f} km, "
                     f"e {first.eccentricity:.4f} -> {last.eccentricity:.4f}")
    else:
        bc = 2.0 * last.bstar / (RHO0_BSTAR)
        if not bc > 0:
            raise InputError("tle_file", "one element set with B* <= 0 gives no drag estimate", "B* > 0 or a history")
        notes.append("single element set: B = 2 B* / rho0 (SGP4 convention)")
    spread = math.exp(Z_95 * math.hypot(SIGMA_LN_DENSITY, sigma_b))
    if sigma_b > 0:
        notes.append(f"window: rho B x {1 / spread:.2f} .. x {spread:.2f} (density 13.6 % and B {sigma_b:.1%}, "
                     "log-normal, 5-95 %)")
    for days in (short, horizon_days):
        if days != short:
            table = table_to(days)
        runs = [eccentric_run(re + last.mean_altitude, last.eccentricity, last.epoch_tdb,
                              last.epoch_tdb + days * DAY, REENTRY_ALTITUDE, inc, bc, re, table, scale)
                for scale in (1.0, 1.0 / spread, spread)]
        if all(run[3] for run in runs) or days == horizon_days:
            break
    if not all(run[3] for run in runs):
        raise InputError("tle_file", f"no reentry within {horizon_days:g} days of the last element set",
                         "an object decaying within the horizon")
    times = [run[4] for run in runs]
    return ReentryForecast(first.name, tdb_to_iso(first.epoch_tdb, "m"), tdb_to_iso(last.epoch_tdb, "m"), len(tles),
                           bc, times[0], min(times), max(times), tuple(notes), sigma_b)
