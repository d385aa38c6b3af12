"""Crew dose for the project's trajectories: tug spirals, station orbits, injections, through one hand-off.

The propulsion domain flies spirals, the station domain knows station orbits; the radiation domain doses
plain phases and trajectories (:func:`spaceplan.radiation.mission.dose_timeline`).  This module converts
one into the other (no domain imports another).
"""

from __future__ import annotations

import numpy as np

from spaceplan.core.constants import DAY
from spaceplan.radiation.mission import DoseTimeline, OrbitStay, Track, dose_timeline


MAX_TRACK_POINTS = 8000  # IGRF L-shells cost ~0.2-2 ms per point: a spiral's history is thinned to this


def spiral_track(spiral, start_tdb: float, inclination_deg: float, label: str = "spiral",
                 max_points: int = MAX_TRACK_POINTS) -> Track:
    """A propulsion ``SpiralResult`` (planar history t, x, y about Earth) as a Track in an orbit plane inclined
    ``inclination_deg`` to the equator (ascending node on the inertial x axis).

    The history (~10^5 points for a 160-day spiral) is thinned to ``max_points`` evenly spaced samples: they
    fall at effectively random orbital phases (hundreds of revolutions), so the time integral samples the
    belts as the spiral crosses them (checked against the full history in tests/missions).
    """
    from spaceplan.core.errors import InputError

    if spiral.body.lower() != "earth":
        raise InputError("spiral", f"the belts exist around Earth only, not {spiral.body}", "an Earth spiral")
    h = np.asarray(spiral.history)
    if len(h) > max_points:
        h = h[np.unique(np.linspace(0, len(h) - 1, max_points).round().astype(int))]
    t = start_tdb + (h[:, 0] - h[0, 0])
    inc = np.radians(inclination_deg)
    r = np.stack([h[:, 1], h[:, 2] * np.cos(inc), h[:, 2] * np.sin(inc)], axis=1)
    keep = np.concatenate([[True], np.diff(t) > 0])
    return Track(label, t[keep], r[keep])


def spiral_dose(spiral, start_tdb: float, inclination_deg: float, shielding_gcm2: float = 10.0,
                material: str = "aluminium") -> DoseTimeline:
    """Crew (or electronics-bay) dose along a spiral: GCR behind the cutoff + AP-8/AE-8 belts, belt days by L-shell."""
    return dose_timeline([spiral_track(spiral, start_tdb, inclination_deg)], shielding_gcm2, material)


def station_dose_per_year(station, start_tdb: float, shielding_gcm2: float = 20.0, years: float = 1.0,
                          sample_every_days: float = 60.0) -> DoseTimeline:
    """Crew dose over ``years`` in a station's orbit (a station preset: ``altitude_km``, ``inclination_deg``)."""
    stay = OrbitStay(station.name, start_tdb, years * 365.25 * DAY, station.altitude_km * 1e3,
                     station.inclination_deg, sample_every_days)
    return dose_timeline([stay], shielding_gcm2)
