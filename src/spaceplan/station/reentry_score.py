"""Scoring reentry forecasts against a known reentry, the way the IADC reentry test campaigns do.

For each lead time L (30, 14, 7, 3 and 1 days) the forecast of
:func:`spaceplan.station.reentry.forecast` is made from the element sets
published up to ``actual - L`` only: B is fitted on the last 60 days of them
with the OBSERVED space weather (King-Hele's eccentric-orbit decay, the same
model as the forecast, least squares on the sets' semi-major axes), and after
the last set's epoch F10.7 and Ap are held at their means over the 81 days
before it (persistence; no forecast and no hindsight).  The window is the
5-95 % interval of a log-normal error of rho B: the density's sigma_ln =
ln(1.25) / 1.645 = 13.6 % (thermosphere-model and solar-forecast error, ISO
27852:2016 sec. 6; x1.25 and x0.8 alone) and the fit's standard error of ln B,
added in quadrature.

Scores per forecast (IADC convention, e.g. Pardini & Anselmo 2013, "Re-entry
predictions for uncontrollable satellites: results and challenges"):

* error = nominal - actual; relative error = |error| / (actual - epoch of the
  last element set used), the share of the remaining lifetime; the IADC
  campaigns find about +-20-25 % to be typical, whatever the lead;
* whether the window contains the actual reentry.

An actual time known to a day only is given with its half-width
(``uncertainty_days``); a lead is scored only where that is at most 10 % of the
lead, and skipped (with the reason) where no element set lies within half the
lead (at least a day) before the cut-off.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from spaceplan.core.constants import DAY
from spaceplan.core.errors import InputError
from spaceplan.core.time import tdb_to_iso
from spaceplan.station.reentry import ElementSet, ReentryForecast, forecast

LEAD_DAYS = (30.0, 14.0, 7.0, 3.0, 1.0)
RULE_OF_THUMB = (0.20, 0.25)  # IADC: |error| / remaining lifetime


@dataclass(frozen=True)
class ScoredForecast:
    lead_days: float
    forecast: ReentryForecast
    last_epoch_tdb: float
    error_days: float  # nominal - actual
    remaining_days: float  # actual - last element set used
    contains: bool

    @property
    def relative_error(self) -> float:
        return abs(self.error_days) / self.remaining_days

    def to_dict(self) -> dict:
        f = self.forecast
        return {"lead_days": self.lead_days, "last_element_set_utc": tdb_to_iso(self.last_epoch_tdb, "m"),
                "nominal_utc": tdb_to_iso(f.nominal_tdb, "m"), "window_start_utc": tdb_to_iso(f.early_tdb, "m"),
                "window_end_utc": tdb_to_iso(f.late_tdb, "m"), "window_days": f.width_days,
                "error_days": self.error_days, "remaining_days": self.remaining_days,
                "relative_error": self.relative_error, "window_contains_actual": self.contains,
                "mass_per_area_kg_m2": 1.0 / f.ballistic_m2_kg}


@dataclass(frozen=True)
class ReentryScore:
    name: str
    actual_tdb: float
    uncertainty_days: float
    scored: tuple[ScoredForecast, ...]
    skipped: tuple[tuple[float, str], ...]  # (lead days, reason)

    def at(self, lead_days: float) -> ScoredForecast | None:
        return next((s for s in self.scored if s.lead_days == lead_days), None)

    def to_dict(self) -> dict:
        return {"name": self.name, "actual_utc": tdb_to_iso(self.actual_tdb, "m"),
                "actual_uncertainty_days": self.uncertainty_days, "forecasts": [s.to_dict() for s in self.scored],
                "skipped": [{"lead_days": lead, "reason": why} for lead, why in self.skipped]}


def score(tles: list[ElementSet], actual_tdb: float, leads=LEAD_DAYS, uncertainty_days: float = 0.0,
          name: str | None = None) -> ReentryScore:
    """Forecast from the element sets known ``lead`` days before ``actual_tdb`` and score each forecast."""
    if not tles:
        raise InputError("tle_file", "no element sets", "a TLE history")
    if not np.isfinite(actual_tdb) or actual_tdb <= tles[0].epoch_tdb:
        raise InputError("--score", f"{tdb_to_iso(actual_tdb, 'm')} is not after the first element set",
                         "the actual reentry time, after the history starts")
    scored, skipped = [], []
    for lead in leads:
        cutoff = actual_tdb - lead * DAY
        known = [e for e in tles if e.epoch_tdb <= cutoff]
        if uncertainty_days > 0.1 * lead:
            skipped.append((lead, f"actual time known to +-{uncertainty_days:.2f} d, over 10 % of the lead"))
            continue
        if not known or cutoff - known[-1].epoch_tdb > max(0.5 * lead, 1.0) * DAY:
            skipped.append((lead, "no element set within half the lead before the cut-off"))
            continue
        try:
            f = forecast(known)
        except InputError as exc:
            skipped.append((lead, f"no forecast: {exc}"))
            continue
        last = known[-1].epoch_tdb
        scored.append(ScoredForecast(float(lead), f, last, (f.nominal_tdb - actual_tdb) / DAY,
                                     (actual_tdb - last) / DAY, bool(f.contains(actual_tdb))))
    return ReentryScore(name or tles[0].name, float(actual_tdb), float(uncertainty_days), tuple(scored),
                        tuple(skipped))


@dataclass(frozen=True)
class Funnel:
    """Per lead time over many objects: how many windows hold the reentry, and the median relative error."""

    lead_days: tuple[float, ...]
    n: tuple[int, ...]
    hit_rate: tuple[float, ...]
    median_relative_error: tuple[float, ...]

    def to_dict(self) -> dict:
        return {"rows": [{"lead_days": lead, "forecasts": n, "window_hit_rate": h, "median_relative_error": m,
                          "iadc_rule_of_thumb": list(RULE_OF_THUMB)}
                         for lead, n, h, m in zip(self.lead_days, self.n, self.hit_rate, self.median_relative_error)]}


def funnel(scores: list[ReentryScore], leads=LEAD_DAYS) -> Funnel:
    n, hits, med = [], [], []
    for lead in leads:
        rows = [s.at(lead) for s in scores if s.at(lead) is not None]
        n.append(len(rows))
        hits.append(float(np.mean([r.contains for r in rows])) if rows else float("nan"))
        med.append(float(np.median([r.relative_error for r in rows])) if rows else float("nan"))
    return Funnel(tuple(float(x) for x in leads), tuple(n), tuple(hits), tuple(med))
