"""Decay of a low orbit through a geomagnetic storm, against the same days with quiet geomagnetic activity.

Two orbit-averaged NRLMSIS 2.1 tables (:func:`spaceplan.core.nrlmsis.density_table`,
3-hour nodes) over the same days and the same observed F10.7, both in NRLMSIS's
storm-time mode (switch 9 = -1: the 3-hourly ap at t, t-3, t-6, t-9 h and the
12-33 h and 36-57 h means drive the model, not only the daily Ap, which dilutes
a storm of a few hours; Picone et al. 2002, JGR 107, 1468, sec. 2):

* ``storm``: the observed 3-hourly ap (CelesTrak record, AP1..AP8);
* ``quiet``: every ap set to the median daily Ap of the ``quiet_days`` before
  the start (one solar rotation, 27 days, by default): what the same days would
  have looked like without the storm.

``drag_vs_previous_launches`` measures what SpaceX measured (8 Feb 2022 update:
drag "up to 50 percent higher than during previous launches"): the same
deployment orbit flown from each earlier launch's own deployment under the space
weather observed on its own days, and the density at each batch's perigee height
compared at the same time after deployment.  It carries the solar-flux change
between the launches (F10.7 94 on 6 Jan 2022, 127-130 on 3-4 Feb) as well as the
storm, both of which the satellites felt.

A second reference follows Berger et al. (2023, Space Weather 21,
e2022SW003330): the density at the same height averaged over the
``prior_days`` (9) days before the start, observed space weather
(``prior_ratio``); it also carries the F10.7 change between the two periods.

``model="jb2008"`` runs the same comparisons on JB2008 (Bowman et al. 2008,
:mod:`spaceplan.core.jb2008`), the US Space Force's operational empirical model,
whose storm driver is the hourly dTc from Dst and whose solar drivers are SET's
F10/S10/M10/Y10 (bundled for 2021-08-29..2022-04-01); its ``quiet`` run holds
dTc at the median hourly value of the ``quiet_days`` before the start.

The orbit (perigee x apogee, from a deployment state at perigee on the node) is
propagated by Cowell (:mod:`spaceplan.core.propagator`, J2-J4 and drag) in
each; the drag ratio is the ratio of the two densities along the storm run
(per 3-hour node, at the orbit's perigee height, where the drag acts).  The
tables average each orbit latitude over all 8 local times (``every_local_time``):
the default 8-point average carries a UT ripple (+-3 % at 210 km in NRLMSIS 2.1)
that would not cancel between batches deployed at different times of day.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from spaceplan.core import jb2008, nrlmsis, space_weather
from spaceplan.core import propagator as prop
from spaceplan.core.constants import DAY, EARTH_GM, EARTH_RADIUS
from spaceplan.core.errors import InputError, require_positive, require_range
from spaceplan.core.time import tdb_to_iso, utc_to_tdb
from spaceplan.station.decay import REENTRY_ALTITUDE

STEP_DAYS = 0.125  # 3 h, the ap cadence
MODELS = ("nrlmsis", "jb2008")


@dataclass(frozen=True)
class StormDecay:
    start_utc: str
    days: float
    quiet_ap: float | None  # NRLMSIS: the ap of the quiet run (None for JB2008)
    t: np.ndarray  # TDB s, 3-hour nodes
    drag_ratio: np.ndarray  # storm / quiet density at the perigee height of the storm run
    prior_ratio: np.ndarray  # storm density / its mean over the prior_days before the start, same height
    perigee_storm_m: np.ndarray  # per node
    perigee_quiet_m: np.ndarray
    mean_altitude_storm_m: np.ndarray
    mean_altitude_quiet_m: np.ndarray
    reentry_storm_utc: str | None
    reentry_quiet_utc: str | None
    notes: tuple[str, ...]
    warnings: tuple = ()
    model: str = "nrlmsis"
    quiet_dtc_k: float | None = None  # JB2008: the dTc of the quiet run

    @property
    def peak_drag_ratio(self) -> float:
        return float(np.nanmax(self.drag_ratio))

    @property
    def peak_prior_ratio(self) -> float:
        return float(np.nanmax(self.prior_ratio))

    def to_dict(self) -> dict:
        return {"start_utc": self.start_utc, "days": self.days, "model": self.model, "quiet_ap": self.quiet_ap,
                "quiet_dtc_k": self.quiet_dtc_k,
                "peak_drag_increase_percent": 100.0 * (self.peak_drag_ratio - 1.0),
                "peak_increase_over_prior_days_percent": 100.0 * (self.peak_prior_ratio - 1.0),
                "mean_altitude_loss_storm_km": float(self.mean_altitude_storm_m[0] - self.mean_altitude_storm_m[-1]) / 1e3,
                "mean_altitude_loss_quiet_km": float(self.mean_altitude_quiet_m[0] - self.mean_altitude_quiet_m[-1]) / 1e3,
                "reentry_storm_utc": self.reentry_storm_utc, "reentry_quiet_utc": self.reentry_quiet_utc,
                "notes": list(self.notes), "warnings": list(self.warnings)}


def quiet_ap_before(t0: float, days: int = 27) -> float:
    """Median daily Ap over the ``days`` days before ``t0`` (TDB s)."""
    sw = space_weather.msis_inputs(t0 - DAY * np.arange(1, days + 1))
    return float(np.median(sw.aps[:, 0]))


def _perigee_state(perigee: float, apogee: float, inclination: float):
    """Position and velocity at perigee (on the ascending node), heights above the equatorial radius."""
    rp, ra = EARTH_RADIUS + perigee, EARTH_RADIUS + apogee
    r, v = prop.circular_state(perigee, inclination)
    return r, v * math.sqrt(2.0 * ra / (rp + ra))


def _run(r, v, mass, t0, days, cd_area, table):
    step = 30.0
    every = int(round(STEP_DAYS * DAY / step))
    tr = prop.propagate(r, v, mass, t0, days * DAY, step=step, force=prop.ForceModel(cd_area=cd_area, density=table),
                        output_every=1, stop_altitude=REENTRY_ALTITUDE)
    h = tr.altitude
    nodes = np.arange(0, len(tr.t), every)
    window = max(1, int(round(5400.0 / step)))  # about one orbit
    perigee = np.array([h[max(0, i - window):i + window].min() for i in nodes])
    mean = np.array([h[max(0, i - window):i + window].mean() for i in nodes])
    return tr.t[nodes], perigee, mean, (tdb_to_iso(tr.stop_time, "m") if tr.stopped else None)


def _check_model(model: str) -> str:
    if model not in MODELS:
        raise InputError("model", f"got {model!r}", ", ".join(MODELS))
    return model


def _table(model: str, t0: float, t1: float, alt_hi: float, inc: float, quiet: float | None = None):
    """The orbit-averaged 3-hour table of ``model`` (quiet: the ap, or for JB2008 the dTc, held at that value)."""
    if model == "jb2008":
        return jb2008.density_table(t0, t1, 100e3, alt_hi, inc, STEP_DAYS, quiet_dtc=quiet, every_local_time=True)
    return nrlmsis.density_table(t0, t1, 100e3, alt_hi, inc, 50, STEP_DAYS, quiet_ap=quiet, storm_time_ap=True,
                                 every_local_time=True)


def _check_inputs(model, perigee_km, apogee_km, days, mass_kg, cd_area_m2):
    """The deployment orbit, span and satellite of a storm study, refused by name outside their ranges."""
    _check_model(model)
    require_range("perigee", perigee_km, 120.0, 1000.0, "km")
    require_range("apogee", apogee_km, perigee_km, 2000.0, "km")
    require_range("days", days, 0.25, 60.0, "days")
    require_positive("mass", mass_kg, unit="kg")
    require_positive("Cd A", cd_area_m2, unit="m^2")


def storm_decay(perigee_km: float, apogee_km: float, inclination_deg: float, start_utc: str, days: float,
                mass_kg: float, cd_area_m2: float, quiet_days: int = 27, prior_days: int = 9,
                model: str = "nrlmsis") -> StormDecay:
    """Decay from a deployment orbit under the observed space weather and under quiet geomagnetic activity.

    ``model``: "nrlmsis" (NRLMSIS 2.1, storm-time ap) or "jb2008" (JB2008, hourly dTc)."""
    _check_inputs(model, perigee_km, apogee_km, days, mass_kg, cd_area_m2)
    inc = math.radians(inclination_deg)
    t0 = float(utc_to_tdb(start_utc, "start"))
    require_range("prior days", prior_days, 1, 60, "days")
    quiet = jb2008.quiet_dtc_before(t0, quiet_days) if model == "jb2008" else quiet_ap_before(t0, quiet_days)
    args = (model, t0 - (prior_days + 1) * DAY, t0 + (days + 1) * DAY, apogee_km * 1e3 + 30e3, inc)
    storm_tab = _table(*args)
    quiet_tab = _table(*args, quiet=quiet)
    r, v = _perigee_state(perigee_km * 1e3, apogee_km * 1e3, inc)
    t, per_s, mean_s, re_s = _run(r, v, mass_kg, t0, days, cd_area_m2, storm_tab)
    t_q, per_q, mean_q, re_q = _run(r, v, mass_kg, t0, days, cd_area_m2, quiet_tab)
    n = min(len(t), len(t_q))
    rho = storm_tab(t[:n], per_s[:n])
    ratio = rho / quiet_tab(t[:n], per_s[:n])
    before = t0 - DAY * np.arange(prior_days * 8, 0, -1) / 8.0  # 3-hour nodes over the prior days
    prior = np.array([storm_tab(before, np.full(before.shape, h)).mean() for h in per_s[:n]])
    if model == "jb2008":
        quiet_note = f"quiet: dTc = {quiet:.0f} K, the median hourly dTc of the {quiet_days} days before"
    else:
        quiet_note = f"quiet: ap = {quiet:.1f}, the median daily Ap of the {quiet_days} days before"
    notes = storm_tab.notes + (quiet_note,
                               f"prior: the density at the same height averaged over the {prior_days} days before")
    return StormDecay(str(start_utc), float(days), None if model == "jb2008" else quiet, t[:n], ratio, rho / prior,
                      per_s[:n], per_q[:n], mean_s[:n], mean_q[:n], re_s, re_q, notes, model=model,
                      quiet_dtc_k=quiet if model == "jb2008" else None)


@dataclass(frozen=True)
class PreviousLaunchDrag:
    """Drag felt by one batch against earlier batches deployed into the same orbit, at equal time after deployment."""

    start_utc: str
    previous_utc: tuple[str, ...]
    days: float
    elapsed_s: np.ndarray  # per 3-hour node after deployment
    density: np.ndarray  # kg/m^3 at this batch's perigee height
    previous_density: np.ndarray  # (n_previous, n): each earlier batch at its own perigee height
    notes: tuple[str, ...]
    model: str = "nrlmsis"

    @property
    def ratio(self) -> np.ndarray:
        """This batch's density over the mean of the earlier batches', per node."""
        return self.density / self.previous_density.mean(axis=0)

    @property
    def peak_ratio(self) -> float:
        return float(np.nanmax(self.ratio))

    def to_dict(self) -> dict:
        r = self.ratio
        i = int(np.nanargmax(r))
        return {"start_utc": self.start_utc, "previous_utc": list(self.previous_utc), "days": self.days,
                "model": self.model,
                "peak_drag_increase_percent": 100.0 * (self.peak_ratio - 1.0),
                "peak_after_deployment_days": float(self.elapsed_s[i] / DAY),
                "mean_drag_increase_percent": 100.0 * (float(np.nanmean(r)) - 1.0),
                "peak_per_previous_percent": [100.0 * (float(np.nanmax(self.density / p)) - 1.0)
                                              for p in self.previous_density],
                "notes": list(self.notes)}


def _batch_density(perigee_km, apogee_km, inc, t0, days, mass_kg, cd_area_m2, model):
    """Density at the perigee height of one batch's decay under the observed weather, per 3-hour node."""
    tab = _table(model, t0 - DAY, t0 + (days + 1) * DAY, apogee_km * 1e3 + 30e3, inc)
    r, v = _perigee_state(perigee_km * 1e3, apogee_km * 1e3, inc)
    t, perigee, _, _ = _run(r, v, mass_kg, t0, days, cd_area_m2, tab)
    return t - t0, tab(t, perigee), tab.notes


def drag_vs_previous_launches(perigee_km: float, apogee_km: float, inclination_deg: float, start_utc: str,
                              previous_utc, days: float, mass_kg: float, cd_area_m2: float,
                              model: str = "nrlmsis") -> PreviousLaunchDrag:
    """The drag one batch feels after deployment against earlier batches deployed into the same orbit.

    Every batch (``start_utc`` and each of ``previous_utc``: deployment times) flies the same perigee x apogee
    orbit from its own deployment, under the densities of its own days (``model`` "nrlmsis": NRLMSIS 2.1 storm-time
    mode, observed F10.7 and 3-hourly ap; "jb2008": JB2008 with SET's indices and hourly dTc); the comparison is at
    equal time after deployment, at each batch's own perigee height."""
    _check_inputs(model, perigee_km, apogee_km, days, mass_kg, cd_area_m2)
    previous_utc = tuple(str(p) for p in previous_utc)
    if not previous_utc:
        raise InputError("previous_utc", "no earlier launch to compare with", "at least one deployment time")
    inc = math.radians(inclination_deg)
    runs = [_batch_density(perigee_km, apogee_km, inc, float(utc_to_tdb(u, field)), days, mass_kg, cd_area_m2,
                           model) for u, field in [(start_utc, "start")] + [(p, "previous_utc") for p in previous_utc]]
    n = min(len(run[0]) for run in runs)
    notes = runs[0][2] + ("drag: the density at each batch's own perigee height, per 3-hour node after deployment",
                          "previous: " + ", ".join(previous_utc) + " (same orbit, their own observed space weather)")
    return PreviousLaunchDrag(str(start_utc), previous_utc, float(days), runs[0][0][:n], runs[0][1][:n],
                              np.array([run[1][:n] for run in runs[1:]]), notes, model)
