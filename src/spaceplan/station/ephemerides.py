"""Station trajectories as state histories for CCSDS OEM files (:mod:`spaceplan.core.oem`).

* :func:`decay_states`: the numerical free-decay run of :func:`spaceplan.station.decay.decay` (Cowell,
  J2-J4, NRLMSIS 2.1 drag, 60 s steps, same start state and density table), every state kept (or every
  ``sample_s``) until the end date or 120 km;
* :func:`deorbit_states`: after the final deorbit burn of :func:`spaceplan.station.deorbit.deorbit_plan`,
  the nominal fragment (m / (Cd A) = 100 kg/m^2, the one aimed at Point Nemo) down to 70 km, 5 s steps,
  rotated about the pole by the plan's longitude shift so that its last point is the footprint's nominal
  point.

The propagator works in TEME of date; the states are rotated to EME2000 (:func:`spaceplan.core.frames.
teme_to_eme2000`).
"""

from __future__ import annotations

import math

import numpy as np

from spaceplan.core import nrlmsis
from spaceplan.core import propagator as prop
from spaceplan.core.constants import DAY
from spaceplan.core.errors import InputError, require_range
from spaceplan.core.frames import teme_to_eme2000
from spaceplan.core.oem import StateHistory, object_id
from spaceplan.core.time import tdb_to_iso
from spaceplan.station import decay as _decay
from spaceplan.station.deorbit import FOOTPRINT_ALTITUDE, DeorbitPlan
from spaceplan.station.presets import Station

__all__ = ["decay_states", "deorbit_states", "deorbit_czml"]


def _eme2000(t, state) -> tuple[np.ndarray, np.ndarray]:
    return teme_to_eme2000(state[:, :3], state[:, 3:6], t)


def decay_states(station: Station, start, end, activity: int = 50, altitude_km: float | None = None,
                 step_s: float = 60.0, sample_s: float | None = None) -> StateHistory:
    """States of the numerical free decay from ``start`` to ``end`` (UTC dates or TDB s), one every
    ``sample_s`` (default: every integration step)."""
    h0 = (station.altitude_km if altitude_km is None else float(altitude_km)) * 1e3
    require_range("altitude", h0 / 1e3, 100.0, 2000.0, "km")
    sample_s = step_s if sample_s is None else float(sample_s)
    every = int(round(sample_s / step_s))
    if every < 1 or abs(every * step_s - sample_s) > 1e-9 * sample_s:
        raise InputError("sample", f"{sample_s:g} s is not a multiple of the {step_s:g} s step",
                         f"a multiple of {step_s:g} s")
    t0, t1 = _decay._span(start, end)
    table = _decay.table_for(t0, t1, h0, station.inclination, activity)
    force = prop.ForceModel(cd_area=station.cd_area, density=table)
    r, v = _decay.start_state(station, t0, h0, force, step_s)
    # whole steps: UTC dates are a few us to ms off whole TDB steps, which would shrink every step to fit
    steps = math.floor((t1 - t0) / step_s + 1e-6)
    duration = steps * step_s if t1 - t0 - steps * step_s < 4e-3 else t1 - t0
    tr = prop.propagate(r, v, station.mass_kg, t0, duration, step=step_s, force=force, output_every=every,
                        stop_altitude=_decay.REENTRY_ALTITUDE)
    r_e, v_e = _eme2000(tr.t, tr.state)
    end_note = (f"reentry (120 km) at {tdb_to_iso(tr.stop_time)}" if tr.stopped else f"ends {tdb_to_iso(tr.t[-1])}")
    notes = (f"spaceplan free decay of {station.name}: Cowell J2-J4 + drag, NRLMSIS 2.1 at the {activity} % "
             f"solar-activity level, {step_s:g} s steps, start mean altitude {h0 / 1e3:g} km; {end_note}",
             f"mass {station.mass_kg:g} kg, Cd A {station.cd_area:g} m^2; no reboosts",
             "computed in TEME of date, rotated to EME2000 (skyfield TEME rotation, IAU 2000B)")
    return StateHistory(station.name, object_id(station.key), "EARTH", "EME2000", tr.t, r_e, v_e, notes)


def _entry_teme(plan: DeorbitPlan, station: Station, step_s: float) -> tuple[np.ndarray, np.ndarray]:
    """(TDB epochs, TEME states (n, 7)) of the nominal fragment from the final burn to 70 km."""
    if plan.entry_state is None:
        raise InputError("plan", "this deorbit plan carries no entry state", "a plan from deorbit_plan()")
    t0 = float(plan.entry_tdb)
    table = nrlmsis.density_table(t0, t0 + 2 * DAY, 80e3, 400e3, station.inclination, 50)
    y = np.asarray(plan.entry_state, dtype=float)
    force = prop.ForceModel(cd_area=1 / 100.0, density=table, zonal=2)  # unit mass: Cd A = 1 / (100 kg/m^2)
    tr = prop.propagate(y[:3], y[3:6], 1.0, t0, 3 * 3600.0, step=step_s, force=force,
                        stop_altitude=FOOTPRINT_ALTITUDE)
    if not tr.stopped:
        raise InputError("plan", "the nominal fragment does not reach 70 km within 3 h", "a plan from deorbit_plan()")
    c, s = math.cos(plan.entry_lon_shift_rad), math.sin(plan.entry_lon_shift_rad)
    rot = np.array([[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]])
    state = tr.state.copy()
    state[:, :3] = state[:, :3] @ rot.T
    state[:, 3:6] = state[:, 3:6] @ rot.T
    return tr.t, state


def deorbit_states(plan: DeorbitPlan, station: Station, step_s: float = 5.0) -> StateHistory:
    """The nominal fragment's path from the final burn to 70 km (see the module docstring)."""
    t, state = _entry_teme(plan, station, step_s)
    r_e, v_e = _eme2000(t, state)
    notes = (f"spaceplan controlled deorbit of {plan.station} with {plan.vehicle}: after the final burn, the nominal "
             "fragment (m/(Cd A) 100 kg/m^2) to 70 km; J2 + drag (NRLMSIS 2.1), "
             f"{step_s:g} s steps",
             "the orbit is chosen so that this fragment's 70 km point is the footprint's nominal point "
             "(Point Nemo's longitude)",
             "computed in TEME of date, rotated to EME2000 (skyfield TEME rotation, IAU 2000B)")
    return StateHistory(f"{plan.station} deorbit", object_id(f"{station.key} deorbit"), "EARTH", "EME2000",
                        t, r_e, v_e, notes)


def deorbit_czml(plan: DeorbitPlan, station: Station, step_s: float = 5.0) -> str:
    """CZML: the nominal fragment's descent (Earth-fixed), its ground track, the fragment footprint line
    (m/(Cd A) 10 to 1000 kg/m^2 at 70 km) with each fragment's point, and Point Nemo."""
    from spaceplan.core.czml import PALETTE, document, moving_packet, point_packet, track_packet
    from spaceplan.core.frames import ecef_to_geodetic, teme_to_ecef
    from spaceplan.station.deorbit import FRAGMENT_BALLISTIC, POINT_NEMO

    t, state = _entry_teme(plan, station, step_s)
    ecef = teme_to_ecef(state[:, :3], t)
    lat, lon, _ = ecef_to_geodetic(ecef)
    packets = [moving_packet("entry", f"{plan.station}: nominal fragment", t, ecef, PALETTE[5]),
               track_packet("entry-track", "ground track to 70 km", np.degrees(lat), np.degrees(lon), PALETTE[5]),
               track_packet("footprint",
                            f"ballistic spread {plan.ballistic_spread_km:,.0f} km (70 km, one break-up point)",
                            plan.footprint_lat_deg, plan.footprint_lon_deg, PALETTE[1], width=4.0)]
    for b, la, lo in zip(FRAGMENT_BALLISTIC, plan.footprint_lat_deg, plan.footprint_lon_deg):
        packets.append(point_packet(f"fragment-{b:g}", f"{b:g} kg/m2", la, lo, PALETTE[1]))
    packets.append(point_packet("point-nemo", "Point Nemo", POINT_NEMO[0], POINT_NEMO[1], PALETTE[0]))
    return document(f"{plan.station} controlled deorbit with {plan.vehicle}", t[0], t[-1], packets, multiplier=10.0)
