"""Orbit decay and lifetime of a station or satellite, numerically and by King-Hele's orbit-averaged method.

Both methods use the same NRLMSIS 2.1 orbit-averaged density table
(:mod:`spaceplan.core.nrlmsis`) driven by observed space weather up to the
snapshot's last day and by NASA MSFC's 5/50/95 % forecast after it:

* ``numerical``: Cowell propagation with J2-J4 and drag at 60 s steps
  (:mod:`spaceplan.core.propagator`); the mean altitude is the daily mean of
  the height above the WGS 84 ellipsoid;
* ``king-hele``: da/dt = -F rho B sqrt(mu a) for near-circular orbits (King-Hele
  1987, *Satellite Orbits in an Atmosphere: Theory and Applications*, ch. 4),
  F = (1 - r w cos i / v)^2 the atmospheric-rotation factor, mean altitude
  a - R_e (1 - f sin^2 i / 2) (the ellipsoid radius averaged along the orbit).

Reentry is declared at 120 km (mean altitude), the customary interface after
which an object survives minutes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from spaceplan.core import king_hele_eccentric_kernel, king_hele_kernel, nrlmsis, space_weather
from spaceplan.core import propagator as prop
from spaceplan.core.constants import DAY, EARTH_FLATTENING, EARTH_GM, EARTH_RADIUS, EARTH_ROTATION_RATE, JULIAN_YEAR
from spaceplan.core.errors import InputError, require_positive, require_range
from spaceplan.core.time import tdb_to_iso, utc_to_tdb
from spaceplan.core.validity import warning
from spaceplan.station.presets import Station

REENTRY_ALTITUDE = 120e3  # m
METHODS = ("numerical", "king-hele")
MONTH_DAYS = 30.44  # the "first month" of the decay rate


def mean_radius(inclination: float) -> float:
    """Ellipsoid radius averaged along a circular orbit of this inclination, R_e (1 - f sin^2 i / 2), m."""
    return EARTH_RADIUS * (1.0 - EARTH_FLATTENING * math.sin(inclination) ** 2 / 2.0)


def rotation_factor(altitude, inclination) -> np.ndarray:
    """King-Hele's F = (1 - r w cos i / v)^2 for a circular orbit (atmosphere co-rotating with the Earth)."""
    r = EARTH_RADIUS + np.asarray(altitude, dtype=float)
    v = np.sqrt(EARTH_GM / r)
    return (1.0 - r * EARTH_ROTATION_RATE * np.cos(inclination) / v) ** 2


@dataclass(frozen=True)
class DecayResult:
    """Mean altitude against time for one activity level and method."""

    name: str
    method: str
    activity: int
    t: np.ndarray  # TDB s
    altitude: np.ndarray  # m, mean altitude
    reentered: bool
    reentry_tdb: float
    notes: tuple[str, ...]
    warnings: tuple = ()

    @property
    def days(self) -> np.ndarray:
        return (self.t - self.t[0]) / DAY

    def rate_m_per_day(self) -> np.ndarray:
        """Decay rate (m/day, positive = losing altitude) at each sample."""
        return -np.gradient(self.altitude, self.days) if len(self.t) > 1 else np.zeros(1)

    def mean_rate_m_per_day(self) -> float:
        span = self.days[-1] - self.days[0]
        return float((self.altitude[0] - self.altitude[-1]) / span) if span > 0 else 0.0

    def altitude_at(self, tdb) -> np.ndarray:
        return np.interp(np.asarray(tdb, float), self.t, self.altitude)

    def to_frame(self):
        """Mean altitude at every output step (pandas DataFrame: date_utc, altitude_km)."""
        from spaceplan.core.results import frame

        return frame({"date_utc": tdb_to_iso(self.t), "altitude_km": self.altitude / 1e3})

    def first_month_window_days(self) -> float:
        """Days over which :meth:`first_month_rate_m_per_day` is measured: a month, or less when the
        run ends (re-entry or the end of the period) sooner."""
        return float(min(MONTH_DAYS, self.days[-1]))

    def first_month_rate_m_per_day(self) -> float:
        """The one decay rate reported (m/day, positive = losing altitude): the mean over the first month,
        or up to re-entry when it comes within the month (never the month-long mean of a station that
        stopped at 120 km after a few days)."""
        days = self.first_month_window_days()
        if days <= 0:
            return 0.0
        return float(self.altitude[0] - self.altitude_at(self.t[0] + days * DAY)) / days

    def to_dict(self) -> dict:
        step = max(1, len(self.t) // 400)
        idx = np.unique(np.r_[np.arange(0, len(self.t), step), len(self.t) - 1])
        return {"name": self.name, "method": self.method, "activity_percentile": self.activity,
                "start_utc": tdb_to_iso(self.t[0]), "end_utc": tdb_to_iso(self.t[-1]),
                "altitude_start_km": float(self.altitude[0] / 1e3), "altitude_end_km": float(self.altitude[-1] / 1e3),
                "mean_decay_m_per_day": self.mean_rate_m_per_day(),
                "decay_first_month_m_per_day": self.first_month_rate_m_per_day(),
                "decay_first_month_window_days": self.first_month_window_days(), "reentered": self.reentered,
                "reentry_utc": tdb_to_iso(self.reentry_tdb) if self.reentered else None,
                "series": [{"date_utc": str(tdb_to_iso(self.t[i], "D")), "altitude_km": float(self.altitude[i] / 1e3)}
                           for i in idx],
                "notes": list(self.notes), "warnings": list(self.warnings)}


def _span(start, end) -> tuple[float, float]:
    """(start, end) as TDB s, both inside the span the models cover (1958-2100: observed space weather and
    the MSFC forecast with its stated extrapolation)."""
    t0 = start if isinstance(start, float) else float(utc_to_tdb(start, "--from"))
    t1 = end if isinstance(end, float) else float(utc_to_tdb(end, "--to"))
    lo, hi = float(utc_to_tdb("1958-01-01")), float(utc_to_tdb("2100-12-31"))
    for field, text, t in (("--from", start, t0), ("--to", end, t1)):
        if not lo <= t <= hi:
            shown = text if isinstance(text, str) else tdb_to_iso(t)
            raise InputError(field, f"{shown} is outside the span of the decay model", "1958-01-01 to 2100-12-31")
    if t1 <= t0:
        raise InputError("--to", "end must be after start", "a date after --from")
    if t1 - t0 > 60 * JULIAN_YEAR:
        raise InputError("--to", "span longer than 60 years", "<= 60 years")
    return t0, t1


def king_hele_run(a0: float, t_start: float, t_end: float, h_stop: float, rot: float, bc: float, re: float,
                  table: nrlmsis.DensityTable, density_scale: float = 1.0):
    """King-Hele decay on ``table`` (:func:`spaceplan.core.king_hele_kernel.king_hele_decay`, steps of at most a day
    and 500 m of altitude loss) from semi-major axis ``a0`` until ``t_end`` or the mean altitude ``h_stop``,
    with the density times ``density_scale``: (t, h, reached, t_reached)."""
    # every step is a full day or loses ~500 m (more, as the density grows downwards): this many suffice
    cap = int((t_end - t_start) / DAY) + int(max(a0 - re - h_stop, 0.0) / 250.0) + 64
    t_out, h_out = np.empty(cap), np.empty(cap)
    log_rho = table.log_rho if density_scale == 1.0 else table.log_rho + math.log(density_scale)
    n, hit, t_hit = king_hele_kernel.king_hele_decay(a0, t_start, t_end, h_stop, rot, bc, EARTH_GM, re, table.t0, table.dt,
                                             table.alt, log_rho, DAY, t_out, h_out)
    return t_out[:n], h_out[:n], bool(hit), float(t_hit)


def eccentric_run(a0: float, e0: float, t_start: float, t_end: float, h_stop: float, inclination: float, bc: float,
                  re: float, table: nrlmsis.DensityTable, density_scale: float = 1.0):
    """Orbit-averaged decay of an eccentric orbit (:func:`spaceplan.core.king_hele_eccentric_kernel.eccentric_decay`,
    King-Hele's a and e equations by quadrature over the orbit on ``table``) from (``a0``, ``e0``) until ``t_end`` or
    the mean altitude a - re reaches ``h_stop``, with the density times ``density_scale``: (t, h, e, reached,
    t_reached)."""
    cap = int((t_end - t_start) / DAY) + int(max(a0 - re - h_stop, 0.0) / 250.0) + 64
    t_out, h_out, e_out = np.empty(cap), np.empty(cap), np.empty(cap)
    log_rho = table.log_rho if density_scale == 1.0 else table.log_rho + math.log(density_scale)
    n, hit, t_hit = king_hele_eccentric_kernel.eccentric_decay(
        a0, e0, t_start, t_end, h_stop, math.cos(inclination), bc, EARTH_GM, re, EARTH_ROTATION_RATE, table.t0,
        table.dt, table.alt, log_rho, DAY, t_out, h_out, e_out)
    return t_out[:n], h_out[:n], e_out[:n], bool(hit), float(t_hit)


def table_for(t0: float, t1: float, altitude: float, inclination: float, activity: int) -> nrlmsis.DensityTable:
    """The density table a decay run needs: from 100 km to 60 km above the start altitude."""
    return nrlmsis.density_table(t0, t1, 100e3, min(altitude + 60e3, nrlmsis.ALT_MAX), inclination, activity)


def orbit_steps(h0: float, step_s: float) -> int:
    """Integration steps in one orbit at mean altitude ``h0`` (at least 1)."""
    period = 2.0 * math.pi * math.sqrt((EARTH_RADIUS + h0) ** 3 / EARTH_GM)
    return max(1, int(round(period / step_s)))


def start_altitude(h0: float, inclination: float, t0: float, force: prop.ForceModel, mass: float,
                   step_s: float) -> float:
    """Altitude above the equatorial radius of the circular osculating start (node, ``circular_state``) whose
    first orbit has the mean ellipsoid height ``h0``: J2 short-period terms shift the orbit mean by a few km."""
    every = orbit_steps(h0, step_s)
    radius = h0 + mean_radius(inclination) - EARTH_RADIUS
    for _ in range(2):
        r, v = prop.circular_state(radius, inclination)
        probe = prop.propagate(r, v, mass, t0, every * step_s, step=step_s, force=force, output_every=every,
                               stop_altitude=REENTRY_ALTITUDE)
        if probe.stopped:  # reenters within its first orbit: no orbit mean to match, start osculating
            break
        radius += h0 - probe.mean_altitude[1]
    return radius


def start_state(station: Station, t0: float, h0: float, force, step_s: float):
    """Circular start state (TEME of date, m and m/s) whose first orbit has the mean ellipsoid height ``h0``."""
    return prop.circular_state(start_altitude(h0, station.inclination, t0, force, station.mass_kg, step_s),
                               station.inclination)


def _numerical(station: Station, t0: float, t1: float, h0: float, table, step_s: float):
    """Cowell run started so that its first orbit's mean ellipsoid height is ``h0``; orbit-mean samples."""
    force = prop.ForceModel(cd_area=station.cd_area, density=table)
    every = orbit_steps(h0, step_s)
    r, v = start_state(station, t0, h0, force, step_s)
    tr = prop.propagate(r, v, station.mass_kg, t0, t1 - t0, step=step_s, force=force, output_every=every,
                        stop_altitude=REENTRY_ALTITUDE)
    # orbit means are stamped at the middle of their orbit; the start is the requested mean altitude
    t = np.r_[t0, tr.t[1:] - 0.5 * every * step_s]
    h = np.r_[h0, tr.mean_altitude[1:]]
    if not tr.stopped and len(t) > 2 and tr.t[-1] - tr.t[-2] < every * step_s - 1.0:
        t, h = t[:-1], h[:-1]  # a partial last orbit has a biased mean
    if tr.stopped:
        t[-1], h[-1] = tr.stop_time, REENTRY_ALTITUDE
    return t, h, tr.stopped, tr.stop_time


def decay(station: Station, start, end, activity: int = 50, method: str = "numerical",
          altitude_km: float | None = None, step_s: float = 60.0, table=None) -> DecayResult:
    """Free decay (no reboosts) of ``station`` from ``start`` to ``end`` (UTC dates or TDB s).

    ``table`` reuses a density table built by :func:`table_for` over a span containing this one."""
    if method not in METHODS:
        raise InputError("method", f"got {method!r}", ", ".join(METHODS))
    h0 = (station.altitude_km if altitude_km is None else float(altitude_km)) * 1e3
    require_range("altitude", h0 / 1e3, 100.0, 2000.0, "km")
    t0, t1 = _span(start, end)
    inc = station.inclination
    table = table if table is not None else table_for(t0, t1, h0, inc, activity)
    re = mean_radius(inc)
    if method == "numerical":
        t, h, hit, t_hit = _numerical(station, t0, t1, h0, table, step_s)
    else:
        t, h, hit, t_hit = king_hele_run(re + h0, t0, t1, REENTRY_ALTITUDE, float(rotation_factor(h0, inc)),
                                         station.ballistic_coefficient, re, table)
    warnings = ()
    if hit:
        warnings = (warning("reenters_within_period", "--to",
                            f"{station.name} re-enters (120 km) on {tdb_to_iso(t_hit, 'D')}, {(t_hit - t0) / DAY:,.1f} days "
                            f"into the period {tdb_to_iso(t0, 'D')} to {tdb_to_iso(t1, 'D')}: rates are over the "
                            "days it stays up"),)
    return DecayResult(station.name, method, int(activity), t, h, bool(hit), float(t_hit), table.notes, warnings)


@dataclass(frozen=True)
class Lifetimes:
    """Semi-analytic lifetimes (years to 120 km) on an altitude x ballistic-coefficient grid."""

    altitude_km: np.ndarray
    ballistic_kg_m2: np.ndarray  # m / (Cd A)
    years: np.ndarray  # (n_alt, n_bc); inf beyond the cap
    activity: int
    start_utc: str
    cap_years: float
    notes: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"altitude_km": self.altitude_km, "ballistic_kg_m2": self.ballistic_kg_m2,
                "lifetime_years": [[None if not np.isfinite(y) else float(y) for y in row] for row in self.years],
                "activity_percentile": self.activity, "start_utc": self.start_utc, "cap_years": self.cap_years,
                "notes": list(self.notes)}


def lifetimes(altitude_km, ballistic_kg_m2, start="2026-01-01", activity: int = 50, inclination_deg: float = 51.6,
              cap_years: float = 30.0, table: nrlmsis.DensityTable | None = None) -> Lifetimes:
    """King-Hele lifetimes for every (altitude, m/(Cd A)) pair: circular orbits, reentry at 120 km.

    ``table`` reuses a density table covering the span and the altitudes (another MSIS version, say)."""
    alt = np.atleast_1d(np.asarray(altitude_km, dtype=float))
    bcs = np.atleast_1d(np.asarray(ballistic_kg_m2, dtype=float))
    require_range("altitude", alt, 120.0, 2000.0, "km")
    require_positive("ballistic coefficient", bcs, unit="kg/m^2")
    require_range("cap", cap_years, 0.01, 60.0, "years")
    inc = math.radians(inclination_deg)
    t0 = float(utc_to_tdb(start, "start"))
    t1 = t0 + cap_years * JULIAN_YEAR
    if table is None:
        table = nrlmsis.density_table(t0, t1, 100e3, float(alt.max()) * 1e3 + 10e3, inc, activity)
    re = mean_radius(inc)
    aa, bb = np.meshgrid(alt * 1e3, bcs, indexing="ij")
    out = np.empty(aa.size)
    king_hele_kernel.king_hele_lifetimes(re + aa.ravel(), 1.0 / bb.ravel(), t0, t1, REENTRY_ALTITUDE,
                                 rotation_factor(aa.ravel(), inc), EARTH_GM, np.full(aa.size, re), table.t0,
                                 table.dt, table.alt, table.log_rho, 5 * DAY, out)
    return Lifetimes(alt, bcs, out.reshape(aa.shape) / JULIAN_YEAR, int(activity), str(start), cap_years,
                     table.notes)


def activity_band(station: Station, start, end, method: str = "king-hele", altitude_km=None) -> dict[int, DecayResult]:
    """Decay at the 5, 50 and 95 % solar-activity levels."""
    return {a: decay(station, start, end, a, method, altitude_km) for a in space_weather.ACTIVITY_LEVELS}
