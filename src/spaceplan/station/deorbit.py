"""Controlled deorbit: perigee-lowering burns, the final burn, its finite-burn cost and the debris footprint.

Sequence (the ISS plan of NASA's ISS Deorbit Analysis Summary, 2024, and Mir's
in 2001): the station decays naturally to ~330 km; the deorbit vehicle then
lowers perigee to ~225 km in ``lowering_burns`` burns at apogee, and a final
burn at apogee drops perigee to ``final_perigee_km`` (assumed 50 km by
default) so that the station enters steeply over the South Pacific Ocean
Uninhabited Area (SPOUA, centred near Point Nemo, 48.88 S 123.39 W).

* impulsive dv from vis-viva at apogee, propellant from the rocket equation
  with the combined station + vehicle mass, burn after burn;
* finite burns are flown with :mod:`spaceplan.core.propagator` (retrograde
  thrust centred on apogee, duration found by the secant method so that the
  osculating perigee hits its target): the difference to the impulsive dv is
  the finite-burn (gravity/steering) loss, large for a single long burn;
* footprint: after the final burn, fragments with m/(Cd A) from 10 to 1000
  kg/m^2 are propagated with drag (NRLMSIS 2.1 table from 80 km, extrapolated
  below with its lowest scale height) to 70 km; the line of those points is the
  footprint's length.  The burn's argument of latitude is chosen so that the
  nominal fragment (100 kg/m^2) reaches 70 km at Point Nemo's latitude, and the
  longitudes are then shifted to Point Nemo (choosing the orbit on which to burn
  picks the longitude).  The descent from 70 km to the sea is not modelled.
  So the reported number is the *ballistic spread* (``ballistic_spread_km``): the along-track distance between the
  10 and the 1000 kg/m^2 fragments from one break-up point, with no break-up velocity dispersion, lift, winds or
  cross-track spread.  It is a lower bound on the debris footprint, not the footprint: the safety footprints
  quoted for controlled station re-entries are several thousand km long and ~300 km wide (up to ~300 x 5,370 km,
  as cited by the National Academies for the ISS).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from spaceplan.core import nrlmsis
from spaceplan.core import propagator as prop
from spaceplan.core.constants import DAY, EARTH_GM, EARTH_MEAN_RADIUS, EARTH_RADIUS, G0
from spaceplan.core.errors import InfeasibleError, InputError, require_range
from spaceplan.core.frames import ecef_to_geodetic, eci_to_ecef
from spaceplan.core.time import utc_to_tdb
from spaceplan.core.validity import warning
from spaceplan.station.decay import mean_radius
from spaceplan.station.presets import Station, Vehicle

POINT_NEMO = (-48.8767, -123.3933)  # deg
FRAGMENT_BALLISTIC = (10.0, 30.0, 100.0, 300.0, 1000.0)  # kg/m^2
FOOTPRINT_ALTITUDE = 70e3  # m


def _v_apo(ra: float, rp: float) -> float:
    return math.sqrt(EARTH_GM * 2.0 * rp / (ra * (ra + rp)))


@dataclass(frozen=True)
class Burn:
    label: str
    dv_impulsive_m_s: float
    dv_finite_m_s: float
    duration_s: float
    propellant_kg: float
    perigee_after_km: float

    def to_dict(self) -> dict:
        return {"label": self.label, "dv_impulsive_m_s": self.dv_impulsive_m_s, "dv_finite_m_s": self.dv_finite_m_s,
                "finite_burn_loss_m_s": self.dv_finite_m_s - self.dv_impulsive_m_s, "duration_s": self.duration_s,
                "propellant_kg": self.propellant_kg, "perigee_after_km": self.perigee_after_km}


@dataclass(frozen=True)
class DeorbitPlan:
    station: str
    vehicle: str
    multi_burn: tuple[Burn, ...]
    single_burn: Burn
    propellant_available_kg: float
    footprint_lat_deg: np.ndarray
    footprint_lon_deg: np.ndarray
    ballistic_spread_km: float  # along-track, 10 to 1000 kg/m^2 from one break-up point: not the full footprint
    notes: tuple[str, ...]
    # after the final burn (TEME of date, m, m/s, unit mass) the nominal 100 kg/m^2 fragment's state at
    # ``entry_tdb``; rotating it by ``entry_lon_shift_rad`` about z puts its 70 km point on the footprint
    entry_state: np.ndarray = field(default=None, repr=False, compare=False)
    entry_tdb: float = float("nan")
    entry_lon_shift_rad: float = 0.0
    warnings: tuple = ()

    @property
    def multi_propellant_kg(self) -> float:
        return float(sum(b.propellant_kg for b in self.multi_burn))

    def to_dict(self) -> dict:
        return {"station": self.station, "vehicle": self.vehicle, "multi_burn": [b.to_dict() for b in self.multi_burn],
                "multi_burn_dv_m_s": float(sum(b.dv_finite_m_s for b in self.multi_burn)),
                "multi_burn_propellant_kg": self.multi_propellant_kg, "single_burn": self.single_burn.to_dict(),
                "propellant_available_kg": self.propellant_available_kg,
                "footprint": [{"ballistic_kg_m2": b, "lat_deg": float(la), "lon_deg": float(lo)}
                              for b, la, lo in zip(FRAGMENT_BALLISTIC, self.footprint_lat_deg,
                                                   self.footprint_lon_deg)],
                "ballistic_spread_km": self.ballistic_spread_km, "ballistic_spread_scope": BALLISTIC_SPREAD_SCOPE,
                "notes": list(self.notes), "warnings": list(self.warnings)}


BALLISTIC_SPREAD_SCOPE = ("along-track spread at 70 km of fragments of 10-1000 kg/m^2 from one break-up point; "
                          "no break-up velocity dispersion, lift, winds or cross-track spread: a lower bound on "
                          "the debris footprint")


def _perigee(y) -> float:
    r = np.linalg.norm(y[:3])
    v2 = float(np.dot(y[3:6], y[3:6]))
    energy = v2 / 2 - EARTH_GM / r
    a = -EARTH_GM / (2 * energy)
    h = np.cross(y[:3], y[3:6])
    e = math.sqrt(max(0.0, 1 - float(np.dot(h, h)) / (EARTH_GM * a)))
    return a * (1 - e)


def _finite_burn(y0, t0, thrust, isp, target_rp, dv_guess, re) -> tuple[np.ndarray, float, float]:
    """Retrograde burn centred on the current point reaching osculating perigee ``target_rp``: (state, dur, dv)."""
    m0 = y0[6]

    def fly(dur):
        # start half a burn earlier: back-propagate the coast so that the burn is centred here
        back = prop.propagate(y0[:3], -y0[3:6], m0, 0.0, dur / 2, step=min(10.0, dur / 4), force=prop.ForceModel(zonal=0))
        yb = back.state[-1].copy()
        yb[3:6] *= -1
        burns = np.array([[t0 - dur / 2, t0 + dur / 2, -thrust, isp]])
        tr = prop.propagate(yb[:3], yb[3:6], m0, t0 - dur / 2, dur, step=min(10.0, dur / 4),
                            force=prop.ForceModel(zonal=0, burns=burns))
        return tr.state[-1]

    d0 = m0 * (1 - math.exp(-dv_guess / (isp * G0))) * isp * G0 / thrust
    d1 = d0 * 1.02
    f0 = _perigee(fly(d0)) - target_rp
    y1 = fly(d1)
    f1 = _perigee(y1) - target_rp
    for _ in range(20):
        if abs(f1) < 5.0 or f1 == f0:
            break
        d0, d1, f0 = d1, d1 - f1 * (d1 - d0) / (f1 - f0), f1
        y1 = fly(d1)
        f1 = _perigee(y1) - target_rp
    return y1, d1, isp * G0 * math.log(m0 / y1[6])


def _fragment_point(y, t, b, table, re):
    """Where a fragment of ballistic coefficient ``b`` = Cd A / m (m^2/kg) passes FOOTPRINT_ALTITUDE."""
    force = prop.ForceModel(cd_area=b, density=table, zonal=2)  # unit mass: Cd A = b
    tr = prop.propagate(y[:3], y[3:6], 1.0, t, 3 * 3600.0, step=5.0, force=force, output_every=100000,
                        stop_altitude=FOOTPRINT_ALTITUDE)
    if not tr.stopped:
        raise InfeasibleError(f"fragment with m/CdA {b:g} kg/m^2 did not re-enter within 3 h of the final burn")
    lat, lon, _ = ecef_to_geodetic(eci_to_ecef(tr.state[-1, :3], tr.t[-1]))
    return math.degrees(float(lat)), math.degrees(float(lon))


def deorbit_plan(station: Station, vehicle: Vehicle, start_altitude_km: float = 330.0,
                 lowering_perigee_km: float = 225.0, final_perigee_km: float = 50.0, lowering_burns: int = 2,
                 epoch: str = "2030-12-01") -> DeorbitPlan:
    """Multi-burn (``lowering_burns`` + final) against a single burn, both from a circular ``start_altitude_km``."""
    require_range("start altitude", start_altitude_km, 200.0, 600.0, "km")
    require_range("lowering perigee", lowering_perigee_km, 100.0, start_altitude_km, "km")
    require_range("final perigee", final_perigee_km, -100.0, lowering_perigee_km, "km")
    if not 1 <= int(lowering_burns) <= 10:
        raise InputError("lowering_burns", f"got {lowering_burns!r}", "1 to 10")
    inc = station.inclination
    re = mean_radius(inc)
    ra = re + start_altitude_km * 1e3
    rp_low = re + lowering_perigee_km * 1e3
    rp_fin = re + final_perigee_km * 1e3
    m = station.mass_kg + vehicle.dry_mass_kg + vehicle.propellant_kg
    t0 = float(utc_to_tdb(epoch, "epoch"))
    r, v = prop.circular_state(ra - EARTH_RADIUS, inc)
    y = np.concatenate([r, v, [m]])
    burns, rp = [], ra
    targets = [ra - (ra - rp_low) * (k + 1) / lowering_burns for k in range(lowering_burns)] + [rp_fin]
    for k, target in enumerate(targets):
        dv_imp = _v_apo(ra, rp) - _v_apo(ra, target)
        y_new, dur, dv = _finite_burn(y, t0, vehicle.thrust_n, vehicle.isp_s, target, dv_imp, re)
        label = f"perigee lowering {k + 1}" if k < lowering_burns else "final (entry) burn"
        burns.append(Burn(label, dv_imp, dv, dur, y[6] - y_new[6], (_perigee(y_new) - re) / 1e3))
        # one orbit later the station is back at apogee (the same inertial point, apsidal drift neglected)
        y = np.concatenate([y[:3], y[3:6] / np.linalg.norm(y[3:6]) * _v_apo(ra, target), [y_new[6]]])
        rp = target
    y_final = y
    dv_single = _v_apo(ra, ra) - _v_apo(ra, rp_fin)
    y0 = np.concatenate([r, v, [m]])
    y_s, dur_s, dv_s = _finite_burn(y0, t0, vehicle.thrust_n, vehicle.isp_s, rp_fin, dv_single, re)
    single = Burn("single burn", dv_single, dv_s, dur_s, m - y_s[6], (_perigee(y_s) - re) / 1e3)
    total = sum(b.propellant_kg for b in burns)
    notes = [f"combined mass {m / 1e3:.1f} t ({station.name} + {vehicle.name} fully fuelled)",
             f"final perigee {final_perigee_km:g} km (assumed entry target), start {start_altitude_km:g} km circular"]
    warnings = ()
    if total > vehicle.propellant_kg:
        notes.append(f"NOT FEASIBLE with {vehicle.name}: needs {total:,.0f} kg of {vehicle.propellant_kg:,.0f} kg")
        warnings = (warning("propellant_short", "--vehicle", f"{vehicle.name} carries {vehicle.propellant_kg:,.0f} kg "
                            f"but the burns need {total:,.0f} kg: this deorbit cannot be flown with it"),)
    lats, lons, y_entry, shift = _footprint(y_final, t0, inc, re)
    if math.degrees(min(inc, math.pi - inc)) - 2.0 < -POINT_NEMO[0]:
        notes.append(f"inclination {station.inclination_deg:g} deg does not reach Point Nemo's latitude: the nominal "
                     f"fragment is aimed at {lats[FRAGMENT_BALLISTIC.index(100.0)]:.1f} deg, {POINT_NEMO[1]:g} deg")
    length = _ground_distance(lats[0], lons[0], lats[-1], lons[-1])
    return DeorbitPlan(station.name, vehicle.name, tuple(burns), single, vehicle.propellant_kg, lats, lons, length,
                       tuple(notes), y_entry, t0, math.radians(shift), warnings)


def _footprint(y_apo, t0, inc, re) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """Fragment 70 km points, the nominal one placed at Point Nemo (see the module docstring); also the burn
    state and the longitude shift (deg) that placed it."""
    table = nrlmsis.density_table(t0, t0 + 2 * DAY, 80e3, 400e3, inc, 50)
    ra = np.linalg.norm(y_apo[:3])
    va = np.linalg.norm(y_apo[3:6])

    def state_at(u):
        r, v = prop.circular_state(ra - EARTH_RADIUS, inc, 0.0, u)
        return np.concatenate([r, v / np.linalg.norm(v) * va, [1.0]])

    reach = math.degrees(min(inc, math.pi - inc))
    target = max(POINT_NEMO[0], -(reach - 2.0))  # an orbit below 49 deg aims as far south as it reaches
    us = np.radians(np.arange(0.0, 360.0, 30.0))
    lat_of = [(_fragment_point(state_at(u), t0, 1 / 100.0, table, re)[0]) for u in us]
    best = None
    for k in range(len(us)):
        a, b = lat_of[k] - target, lat_of[(k + 1) % len(us)] - target
        if a * b <= 0 and abs(a - b) < 90:
            best = (us[k], us[k] + math.radians(30.0), a, b)
            break
    if best is None:
        raise InfeasibleError("no burn point puts the footprint at Point Nemo's latitude (inclination too low?)")
    u0, u1, f0, f1 = best
    for _ in range(12):
        um = u0 - f0 * (u1 - u0) / (f1 - f0)
        fm = _fragment_point(state_at(um), t0, 1 / 100.0, table, re)[0] - target
        if abs(fm) < 0.05:
            break
        u0, f0, u1, f1 = (um, fm, u1, f1) if fm * f1 < 0 else (u0, f0, um, fm)
    y = state_at(um)
    pts = np.array([_fragment_point(y, t0, 1 / b, table, re) for b in FRAGMENT_BALLISTIC])
    nominal = FRAGMENT_BALLISTIC.index(100.0)
    shift = POINT_NEMO[1] - pts[nominal, 1]
    lons = (pts[:, 1] + shift + 180.0) % 360.0 - 180.0
    return pts[:, 0], lons, y, float(shift)


def _ground_distance(lat1, lon1, lat2, lon2) -> float:
    """Great-circle distance (km) on the mean sphere."""
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    c = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return EARTH_MEAN_RADIUS / 1e3 * math.acos(max(-1.0, min(1.0, c)))
