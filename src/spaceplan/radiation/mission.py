"""One hand-off for every mission model: a dose timeline from plain phases and trajectories.

A mission (round trip, Starship architecture, tug spiral, station orbit, Apollo-like flight) is handed
over as an ordered list of

* :class:`~spaceplan.radiation.timeline.Phase` (a stay at a named location: deep space, Mars surface,
  lunar orbit, ...), dosed by :func:`~spaceplan.radiation.timeline.mission_dose` (GCR, SPE, shelter);
* :class:`Track` (epochs + geocentric inertial positions, any trajectory near Earth: LEO orbit, spiral,
  injection, translunar coast), dosed sample by sample by :func:`.trajectory.dose_along` (GCR behind
  the geomagnetic cutoff + AP-8/AE-8 belts);
* :class:`OrbitStay` (a long stay in a circular Earth orbit: ISS, ROS), dosed from one-day samples of
  the orbit every ``sample_every_days`` (orbit-averaged rates between them).

No other domain's types: the mission layer (``spaceplan.missions``) turns its results into these.
The result lists each item's GCR, trapped and SPE dose, the cumulative dose curve and belt days, with the
plain-words assessment of the whole (worst 30 days in Gy-Eq: trapped protons at RBE 1.5).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from spaceplan.core.constants import DAY
from spaceplan.core.errors import InputError, require_positive
from spaceplan.radiation import trajectory
from spaceplan.radiation.assessment import Assessment, assess
from spaceplan.radiation.timeline import MissionDose, Phase, mission_dose, worst_window_dose

TRAPPED_RBE = 1.5  # NCRP 132: protons (Gy-Eq for the 30-day BFO limit)


@dataclass(frozen=True)
class Track:
    """A sampled geocentric trajectory: epochs (TDB s) and inertial positions (m, shape (n, 3))."""

    label: str
    tdb: np.ndarray = field(repr=False)
    r_eci_m: np.ndarray = field(repr=False)


@dataclass(frozen=True)
class OrbitStay:
    """A stay of ``duration_s`` in a circular Earth orbit starting at ``start_tdb``."""

    label: str
    start_tdb: float
    duration_s: float
    altitude_m: float
    inclination_deg: float
    sample_every_days: float = 30.0


@dataclass(frozen=True)
class TimelineItem:
    label: str
    kind: str  # "phase", "track", "orbit"
    start_day: float  # mission elapsed time at its start
    duration_days: float
    gcr_sv: float
    trapped_sv: float
    spe_sv: float
    absorbed_gy: float
    cumulative_sv: float
    inner_belt_days: float = 0.0
    outer_belt_days: float = 0.0

    @property
    def dose_sv(self) -> float:
        return self.gcr_sv + self.trapped_sv + self.spe_sv

    def to_dict(self) -> dict:
        return {"label": self.label, "kind": self.kind, "start_day": self.start_day,
                "duration_days": self.duration_days, "gcr_msv": self.gcr_sv * 1e3, "trapped_msv": self.trapped_sv * 1e3,
                "spe_msv": self.spe_sv * 1e3, "dose_msv": self.dose_sv * 1e3, "absorbed_mgy": self.absorbed_gy * 1e3,
                "cumulative_msv": self.cumulative_sv * 1e3, "inner_belt_days": self.inner_belt_days,
                "outer_belt_days": self.outer_belt_days}


@dataclass(frozen=True)
class DoseTimeline:
    """Dose over a mission: items in order, cumulative curve (days, Sv), totals and the assessment."""

    items: tuple[TimelineItem, ...]
    curve_days: np.ndarray = field(repr=False)
    curve_sv: np.ndarray = field(repr=False)
    shielding_gcm2: float = 20.0
    material: str = "aluminium"
    assessment_detail: Assessment | None = field(default=None, repr=False)
    warnings: tuple = ()

    @property
    def total_sv(self) -> float:
        return float(sum(i.dose_sv for i in self.items))

    @property
    def trapped_sv(self) -> float:
        return float(sum(i.trapped_sv for i in self.items))

    @property
    def absorbed_gy(self) -> float:
        return float(sum(i.absorbed_gy for i in self.items))

    def to_dict(self) -> dict:
        a = self.assessment_detail
        return {"total_msv": self.total_sv * 1e3, "trapped_msv": self.trapped_sv * 1e3,
                "absorbed_mgy": self.absorbed_gy * 1e3, "shielding_gcm2": self.shielding_gcm2,
                "material": self.material, "duration_days": float(self.curve_days[-1]) if len(self.curve_days) else 0.0,
                "inner_belt_days": sum(i.inner_belt_days for i in self.items),
                "outer_belt_days": sum(i.outer_belt_days for i in self.items),
                "assessment": None if a is None else a.text, "items": [i.to_dict() for i in self.items],
                "warnings": list(self.warnings)}


def _orbit_track_rates(stay: OrbitStay, shielding: float, material: str) -> tuple[float, float, float, float, float]:
    """(GCR Sv, trapped Sv, absorbed Gy, inner belt days, outer belt days) over an orbit stay."""
    n = max(1, int(np.ceil(stay.duration_s / (stay.sample_every_days * DAY))))
    span = stay.duration_s / n
    gcr = trapped = absorbed = inner = outer = 0.0
    for k in range(n):
        t, r = trajectory.circular_orbit(stay.start_tdb + k * span, stay.altitude_m, stay.inclination_deg,
                                         min(DAY, max(span, 3600.0)), 60.0)
        d = trajectory.dose_along(t, r, shielding, material)
        days = (t[-1] - t[0]) / DAY
        scale = span / DAY / days
        gcr += d.gcr_sv * scale
        trapped += d.trapped_sv * scale
        absorbed += d.absorbed_gy * scale
        belt = d.belt_days()
        inner += belt["inner_belt_days"] * scale
        outer += belt["outer_belt_days"] * scale
    return gcr, trapped, absorbed, inner, outer


def dose_timeline(items, shielding_gcm2: float = 20.0, material: str = "aluminium", solar_activity=None,
                  spe: str | None = None, spe_phase: int | None = None, shelter_gcm2: float | None = None) -> DoseTimeline:
    """The dose timeline of a mission given as :class:`Phase`, :class:`Track` and :class:`OrbitStay` items.

    Phases keep the options of :func:`mission_dose` (``solar_activity``, ``spe`` on phase number
    ``spe_phase`` counted among the phases, ``shelter_gcm2``); tracks and orbit stays take their
    modulation from their dates.
    """
    items = _dated(list(items))
    if not items:
        raise InputError("items", "the mission timeline is empty", "at least one phase, track or orbit stay")
    require_positive("shielding_gcm2", shielding_gcm2, allow_zero=True, unit="g/cm^2")
    phases = [it for it in items if isinstance(it, Phase)]
    md: MissionDose | None = None
    if phases:
        md = mission_dose(phases, shielding_gcm2, material, solar_activity, spe, spe_phase, shelter_gcm2)
    elif spe is not None:
        raise InputError("spe", "an SPE needs a phase (a location) to hit", "a timeline with a Phase item")
    rows, segments, track_warnings = [], [], []
    clock, cum, k_phase, impulse = 0.0, 0.0, 0, None
    curve_t, curve_h = [0.0], [0.0]
    for n, it in enumerate(items):
        if isinstance(it, Phase):
            p = md.phases[k_phase]
            k_phase += 1
            days = p.duration_days
            row = dict(label=p.label, kind="phase", gcr=p.gcr_dose_sv, trapped=0.0, spe=p.spe_dose_sv,
                       absorbed=p.absorbed_gy, inner=0.0, outer=0.0)
            segments.append((clock * DAY, (clock + days) * DAY, p.gcr_bfo_gy_eq / max(p.duration_s, 1e-9)))
            if p.spe_dose_sv > 0:
                impulse = (clock * DAY, (clock + days) * DAY, p.spe_dose_sv)
            t_rel, h_rel = [days], [p.dose_sv]
        elif isinstance(it, Track):
            d = trajectory.dose_along(it.tdb, it.r_eci_m, shielding_gcm2, material)
            track_warnings.append(d)
            days = (d.tdb[-1] - d.tdb[0]) / DAY if len(d.tdb) > 1 else 0.0
            belt = d.belt_days()
            row = dict(label=it.label or f"track {n + 1}", kind="track", gcr=d.gcr_sv, trapped=d.trapped_sv, spe=0.0,
                       absorbed=d.absorbed_gy, inner=belt["inner_belt_days"], outer=belt["outer_belt_days"])
            if days > 0:
                segments.append((clock * DAY, (clock + days) * DAY, TRAPPED_RBE * d.absorbed_gy / (days * DAY)))
                rel = (d.tdb - d.tdb[0]) / DAY
                inc = np.concatenate([[0.0], np.cumsum(0.5 * (d.total_sv_per_day[1:] + d.total_sv_per_day[:-1])
                                                       * np.diff(rel))])
                t_rel, h_rel = list(rel[1:]), list(inc[1:])
            else:
                t_rel, h_rel = [], []
        elif isinstance(it, OrbitStay):
            gcr_sv, trapped_sv, absorbed, inner, outer = _orbit_track_rates(it, shielding_gcm2, material)
            days = it.duration_s / DAY
            row = dict(label=it.label, kind="orbit", gcr=gcr_sv, trapped=trapped_sv, spe=0.0, absorbed=absorbed,
                       inner=inner, outer=outer)
            segments.append((clock * DAY, (clock + days) * DAY, TRAPPED_RBE * absorbed / max(it.duration_s, 1e-9)))
            t_rel, h_rel = [days], [gcr_sv + trapped_sv]
        else:
            raise InputError(f"item {n + 1}", f"expected a Phase, Track or OrbitStay, got {type(it).__name__}")
        curve_t += [clock + t for t in t_rel]
        curve_h += [cum + h for h in h_rel]
        cum += row["gcr"] + row["trapped"] + row["spe"]
        rows.append(TimelineItem(row["label"], row["kind"], clock, days, row["gcr"], row["trapped"], row["spe"],
                                 row["absorbed"], cum, row["inner"], row["outer"]))
        clock += days
    total = sum(r.dose_sv for r in rows)
    absorbed = sum(r.absorbed_gy for r in rows)
    a = md.assessment_detail if md is not None else None
    verdict = assess(total, a.acute_bfo_gy if a else 0.0, worst_window_dose(segments, impulse),
                     "" if a is None else _acute_source(md), absorbed,
                     unsheltered_bfo_gy=None if a is None else a.acute_bfo_unsheltered_gy,
                     shelter="" if shelter_gcm2 is None else f"+{shelter_gcm2:g} g/cm^2 polyethylene for the hours of the event")
    from spaceplan.core.validity import collect
    from spaceplan.radiation.gcr import shielding_warnings

    found = collect([{"warnings": list(shielding_warnings(shielding_gcm2))}] + track_warnings)
    return DoseTimeline(tuple(rows), np.asarray(curve_t), np.asarray(curve_h), float(shielding_gcm2), material, verdict,
                        tuple(found))


def _dated(items: list) -> list:
    """Undated phases that follow a dated item (a track, an orbit stay, a dated phase) start where it ends."""
    import dataclasses

    out, clock = [], None
    for it in items:
        if isinstance(it, Phase):
            if it.start_tdb is None and clock is not None:
                it = dataclasses.replace(it, start_tdb=clock)
            clock = None if it.start_tdb is None else it.start_tdb + it.duration_s
        elif isinstance(it, Track):
            clock = float(np.asarray(it.tdb)[-1]) if len(it.tdb) else clock
        elif isinstance(it, OrbitStay):
            clock = it.start_tdb + it.duration_s
        out.append(it)
    return out


def _acute_source(md: MissionDose) -> str:
    for k, p in enumerate(md.phases):
        if p.spe is not None and p.spe.bfo_gy > 0:
            return f"the {p.spe.title} event during phase {k + 1} ({p.location})"
    return ""
