"""Cargo to Mars orbit or lunar orbit: NEP tug vs NTP stage vs chemical stack.

Common assumptions (stated in every result):

* start in a circular low Earth orbit: 800 km for the NEP tug (its reactor is switched on only there,
  Roscosmos), 400 km for the impulsive stacks; the launchers' LEO payloads (200 km) are used as is;
* destination: a 500 km circular low Mars orbit, or a 100 km circular low lunar orbit;
* NEP (Mars): numerical spiral escape to C3 = 0 (:mod:`spiral`), a Sims-Flanagan rendezvous leg Earth ->
  Mars with C3 = 0 and v-infinity 0 (:mod:`sims_flanagan`: on a sweep of times of flight, the shortest
  within 2 % of the least propellant), a numerical capture spiral at Mars; the tug's propellant load is sized to the mission
  (tankage per kg), iterated to a fixed point;
* NEP (Moon): Edelbaum spiral from 800 km to the Moon's distance with the plane change from the
  launch inclination to the Moon's orbit (:mod:`edelbaum`; constant thrust, so time = propellant /
  mass flow), then a capture spiral at the Moon from C3 = 0;
* impulsive (Mars): the least total delta-v (departure + capture burns, patched conics) on the
  Lambert porkchop of the departure window; (Moon) a Hohmann transfer to the Moon's distance and
  capture; no gravity losses, no aerocapture;
* NTP: one stage flies every burn (DRA 5.0's core stage) with tanks scaling with the hydrogen load;
  chemical: one stage per burn, each sized for what it pushes (a stack), its dry mass a fixed part plus a
  tankage fraction of its propellant (:mod:`stages`, fitted per propellant to flown stages).

IMLEO is the mass to be placed in LEO (tug or stages + propellant + cargo); launches per launcher = the larger
of ceil(IMLEO / payload) and ceil(propellant volume / fairing envelope volume) (published envelopes in the launch
presets; liquid hydrogen is 70.85 kg/m^3, so volume binds hydrogen stages), and the result says which bound.  The reactor's energy budget is P x thrusting time; U-235 burn-up ~1.0 g per
MWt-day (about 200 MeV per fission).
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field

import numpy as np

from spaceplan.core.constants import DAY, EARTH_RADIUS, MARS, MOON, body
from spaceplan.core.errors import InfeasibleError, InputError, require_positive
from spaceplan.core.validity import Envelope, check, physical
from spaceplan.propulsion import presets
from spaceplan.propulsion.edelbaum import edelbaum
from spaceplan.propulsion.spiral import spiral_capture, spiral_escape
from spaceplan.propulsion.stages import size_stage

DESTINATIONS = ("mars-orbit", "lunar-orbit")
NEP_LEO_ALT_M = 800e3
IMPULSIVE_LEO_ALT_M = 400e3
MARS_ORBIT_ALT_M = 500e3
LUNAR_ORBIT_ALT_M = 100e3
MOON_DISTANCE_M = 384_400e3
MOON_ORBIT_INCL_TO_LAUNCH_RAD = math.radians(51.7 - 23.4)  # Vostochny-class 51.7 deg to a ~23 deg lunar plane (assumed mid-cycle)
U235_G_PER_MWT_DAY = 1.0

# Physical bounds of an option (the tug's own envelope, tanks and reactor life, is its preset's: NEP_ENVELOPE)
ENVELOPE = Envelope(
    "the propulsion trade",
    outputs=(physical("imleo_kg", "mass", "IMLEO"), physical("propellant_out_kg", "mass", "propellant"),
             physical("dv_m_s", "dv", "delta-v", 1e-3, "km/s"), physical("trip_out_s", "time", "trip time", 1 / DAY, "d")))


@dataclass(frozen=True)
class Option:
    """One way of flying the cargo (SI)."""

    name: str
    kind: str  # nep | ntp | chemical
    feasible: bool
    imleo_kg: float  # initial mass in LEO
    propellant_kg: float
    trip_time_s: float
    dv_m_s: float
    launches: dict
    phases: tuple = ()
    reactor_energy_mwh_e: float = 0.0
    reactor_energy_mwd_t: float = 0.0
    u235_burnup_g: float = 0.0
    note: str = ""
    propellant_volume_m3: float | None = None  # None: not modelled (NEP: the folded tug's volume is not published)
    launch_binding: dict = field(default_factory=dict)  # launcher -> "mass", "volume" (whichever needs more) or
    # "mass only (...)" when the volume or the launcher's fairing envelope is unknown
    key: str = ""  # the preset's key (short name for tables)
    warnings: tuple = ()

    def to_dict(self) -> dict:
        return {"name": self.name, "kind": self.kind, "feasible": self.feasible, "imleo_t": self.imleo_kg / 1e3,
                "propellant_t": self.propellant_kg / 1e3, "trip_time_days": self.trip_time_s / DAY,
                "dv_km_s": self.dv_m_s / 1e3, "launches": self.launches, "phases": list(self.phases),
                "reactor_energy_mwh_e": self.reactor_energy_mwh_e, "reactor_energy_mwd_t": self.reactor_energy_mwd_t,
                "u235_burnup_g": self.u235_burnup_g, "note": self.note, "propellant_volume_m3": self.propellant_volume_m3,
                "launches_bound_by": self.launch_binding, "key": self.key,
                "warnings": list(self.warnings)}


@dataclass(frozen=True)
class Comparison:
    cargo_kg: float
    destination: str
    options: tuple[Option, ...]
    launchers: tuple[str, ...]
    assumptions: str
    verdict: str
    spiral_days: dict = field(default_factory=dict)  # vehicle name -> Earth escape spiral days
    warnings: tuple = ()  # every option's warnings

    def to_dict(self) -> dict:
        return {"cargo_t": self.cargo_kg / 1e3, "destination": self.destination,
                "options": [o.to_dict() for o in self.options], "launchers": list(self.launchers),
                "assumptions": self.assumptions, "verdict": self.verdict, "escape_spiral_days": self.spiral_days,
                "warnings": list(self.warnings)}


def _launches(mass_kg: float, launchers, volume_m3: float | None = None) -> tuple[dict, dict]:
    """Launches per launcher, by mass (LEO payload) and by volume (the published fairing envelope against the
    propellant's volume; cargo and dry hardware not counted, so a lower bound), whichever needs more; and which
    bound it.  Without a volume or an envelope the count is by mass."""
    counts, bound = {}, {}
    for lv in launchers:
        by_mass = int(math.ceil(mass_kg / lv.leo_payload_kg - 1e-9))
        by_volume = (0 if volume_m3 is None or lv.payload_volume_m3 is None
                     else int(math.ceil(volume_m3 / lv.payload_volume_m3 - 1e-9)))
        counts[lv.name] = max(by_mass, by_volume)
        bound[lv.name] = ("volume" if by_volume > by_mass else "mass" if volume_m3 is not None
                          and lv.payload_volume_m3 is not None else "mass only (no volume or no envelope)")
    return counts, bound


def _phase(name, dv, time_s, prop, dry_kg=None):
    out = {"phase": name, "dv_km_s": dv / 1e3, "days": time_s / DAY, "propellant_t": prop / 1e3}
    if dry_kg is not None:
        out["stage_dry_t"] = dry_kg / 1e3
    return out


# --- impulsive -----------------------------------------------------------------------------------

def _burn_dv_escape(c3, mu, r):
    """Impulse at radius r on a circular orbit that leaves (or, reversed, captures) with energy C3 = v_inf^2."""
    return np.sqrt(c3 + 2 * mu / r) - np.sqrt(mu / r)


def _mars_burns(window):
    """Least departure + capture delta-v on the porkchop of the window; returns (dv1, dv2, tof, point)."""
    from spaceplan.core.time import epoch_grid
    from spaceplan.core.porkchop import porkchop

    t_dep = epoch_grid(window[0], 4 * DAY, stop_tdb=window[1])
    t_arr = epoch_grid(window[0] + 120 * DAY, 4 * DAY, stop_tdb=window[1] + 400 * DAY)  # every TOF 120-400 d
    pc = porkchop("earth", "mars", t_dep, t_arr, tof_bounds=(120 * DAY, 400 * DAY), ridge_deg=1.0)
    mu_e, r_e = body("earth").gm, EARTH_RADIUS + IMPULSIVE_LEO_ALT_M
    mu_m, r_m = MARS.gm, MARS.radius + MARS_ORBIT_ALT_M
    c3 = pc.c3.astype(float)
    vinf = pc.vinf_arrival.astype(float)
    dv1 = _burn_dv_escape(c3, mu_e, r_e)
    dv2 = _burn_dv_escape(vinf ** 2, mu_m, r_m)
    tot = np.where(np.isfinite(dv1 + dv2), dv1 + dv2, np.inf)
    k, i, j = np.unravel_index(int(np.argmin(tot)), tot.shape)
    if not np.isfinite(tot[k, i, j]):
        raise InfeasibleError("no ballistic Earth-Mars transfer in the departure window")
    return float(dv1[k, i, j]), float(dv2[k, i, j]), float(t_arr[j] - t_dep[i]), float(t_dep[i])


def _moon_burns():
    mu, r1, r2 = body("earth").gm, EARTH_RADIUS + IMPULSIVE_LEO_ALT_M, MOON_DISTANCE_M
    a = 0.5 * (r1 + r2)
    dv1 = math.sqrt(mu * (2 / r1 - 1 / a)) - math.sqrt(mu / r1)
    vinf = math.sqrt(mu / r2) - math.sqrt(mu * (2 / r2 - 1 / a))
    rl = MOON.radius + LUNAR_ORBIT_ALT_M
    dv2 = float(_burn_dv_escape(vinf ** 2, MOON.gm, rl))
    return dv1, dv2, math.pi * math.sqrt(a ** 3 / mu)


def impulsive_option(stage, cargo_kg, dv1, dv2, tof_s, launchers) -> Option:
    """NTP (one stage, both burns) or chemical (one stage per burn) to deliver ``cargo_kg``."""
    c = stage.exhaust_speed_m_s
    if stage.kind == "ntp":
        engines = stage.stage_dry_kg  # engines + fixed structure
        tank = stage.tank_fraction
        # both burns by one stage: solve the second burn's payload (cargo + stage dry) jointly by iteration
        mp_total, dry = 0.0, engines
        for _ in range(50):
            m_after = cargo_kg + dry
            m_mid = m_after * math.exp(dv2 / c)
            m0 = m_mid * math.exp(dv1 / c)
            mp_new = m0 - m_after
            dry_new = engines + tank * mp_new
            if dry_new > 10 * (m0 + 1):
                raise InfeasibleError(f"{stage.name}: tank mass diverges")
            if abs(mp_new - mp_total) < 1e-6:
                break
            mp_total, dry = mp_new, dry_new
        if tank * (math.exp((dv1 + dv2) / c) - 1.0) >= 1.0:
            raise InfeasibleError(f"{stage.name}: tanks too heavy for {(dv1 + dv2) / 1e3:.2f} km/s")
        mp_total *= 1.0 + stage.boiloff_fraction
        imleo = cargo_kg + dry + mp_total
        burn_s = mp_total * c / stage.thrust_n
        m_after = cargo_kg + dry
        mp2 = m_after * (math.exp(dv2 / c) - 1.0)
        vol = None if stage.propellant_density_kg_m3 is None else mp_total / stage.propellant_density_kg_m3
        counts, bound = _launches(imleo, launchers, vol)
        return _checked(Option(stage.name, "ntp", True, imleo, mp_total, tof_s, dv1 + dv2, counts,
                               (_phase("departure burn", dv1, 0.0, mp_total - mp2),
                                _phase("cruise + capture burn", dv2, tof_s, mp2)),
                               note=f"one stage, engines fire {burn_s / 60:.0f} min in all", propellant_volume_m3=vol,
                               launch_binding=bound, key=stage.key))
    model = stage.mass_model()
    cap = size_stage(cargo_kg, dv2, c, model, stage.boiloff_fraction, f"{stage.name} capture stage")
    dep = size_stage(cap.initial_mass_kg, dv1, c, model, 0.0, f"{stage.name} departure stage")
    mp1, mp2 = dep.propellant_kg, cap.propellant_kg
    imleo = dep.initial_mass_kg
    n_units = math.ceil(mp1 / stage.propellant_capacity_kg - 1e-9) + math.ceil(mp2 / stage.propellant_capacity_kg - 1e-9)
    vol = None if model.bulk_density_kg_m3 is None else (mp1 + mp2) / model.bulk_density_kg_m3
    counts, bound = _launches(imleo, launchers, vol)
    return _checked(Option(stage.name, "chemical", True, imleo, mp1 + mp2, tof_s, dv1 + dv2, counts,
                  (_phase("departure stage", dv1, 0.0, mp1, dep.dry_kg), _phase("capture stage", dv2, tof_s, mp2, cap.dry_kg)),
                  note=f"a two-stage stack ({n_units} stage loads of {stage.propellant_capacity_kg / 1e3:.1f} t; stage dry "
                       f"mass {model.fixed_kg:,.0f} kg + {model.tankage_fraction:.1%} of its {model.propellant} load)",
                  propellant_volume_m3=vol, launch_binding=bound, key=stage.key))


# --- NEP -----------------------------------------------------------------------------------------

def _nep_masses(v, prop):
    return v.dry_mass_kg + prop * v.tankage_fraction


def nep_lunar(v, cargo_kg, launchers) -> Option:
    c, thrust = v.exhaust_speed_m_s, v.thrust_n
    mdot = thrust / c
    prop = 3000.0
    for _ in range(30):
        m0 = _nep_masses(v, prop) + prop + cargo_kg
        esc = edelbaum(EARTH_RADIUS + NEP_LEO_ALT_M, MOON_DISTANCE_M, MOON_ORBIT_INCL_TO_LAUNCH_RAD, thrust / m0,
                       body("earth").gm)
        dv1 = float(esc.dv_m_s)
        m1 = m0 * math.exp(-dv1 / c)
        m_final = _nep_masses(v, prop) + cargo_kg
        cap = spiral_capture("moon", MOON.radius + LUNAR_ORBIT_ALT_M, thrust, c, m_final)
        need = (m0 - m1) + cap.propellant_kg
        # arrival mass of the capture must equal m1: adjust the load
        new = prop + (cap.mass_start_kg - m1)
        if abs(new - prop) < 0.5:
            prop = new
            break
        prop = max(new, 1.0)
    t1 = (m0 - m1) / mdot
    total_t = t1 + cap.time_s
    return _nep_option(v, cargo_kg, m0, need, total_t, dv1 + cap.dv_m_s, launchers,
                       (_phase("Edelbaum spiral 800 km -> Moon distance", dv1, t1, m0 - m1),
                        _phase("capture spiral to 100 km", cap.dv_m_s, cap.time_s, cap.propellant_kg)),
                       "Edelbaum: constant thrust, plane change 28 deg, Moon's gravity ignored until capture")


def _checked(o: Option, warnings: tuple = ()) -> Option:
    """``o`` checked against :data:`ENVELOPE`, carrying ``warnings``."""
    check(ENVELOPE, o.key or o.name, imleo_kg=o.imleo_kg, propellant_out_kg=o.propellant_kg, dv_m_s=o.dv_m_s,
          trip_out_s=o.trip_time_s)
    return dataclasses.replace(o, warnings=o.warnings + tuple(warnings))


def _nep_option(v, cargo, m0, prop, time_s, dv, launchers, phases, note):
    thrusting = prop / v.mass_flow_kg_s
    e_mwh = v.electric_power_w * thrusting / 3.6e9
    mwd_t = v.thermal_power_w * thrusting / 1e6 / DAY
    counts, bound = _launches(m0, launchers)
    o = Option(v.name, "nep", True, m0, prop, time_s, dv, counts, phases, e_mwh, mwd_t,
               mwd_t * U235_G_PER_MWT_DAY, note, launch_binding=bound, key=v.key)
    return _checked(o, v.envelope_warnings(prop, time_s))


def nep_mars(v, cargo_kg, launchers, helio_departure_tdb, tofs_days=(350, 400, 500, 650, 800),
             n_segments=10) -> Option:
    from spaceplan.propulsion.sims_flanagan import LowThrustSpacecraft, _warm, solve_leg, tof_sweep

    c, thrust = v.exhaust_speed_m_s, v.thrust_n
    prop = 8000.0
    best = None
    for _ in range(6):
        m0 = _nep_masses(v, prop) + prop + cargo_kg
        esc = spiral_escape("earth", EARTH_RADIUS + NEP_LEO_ALT_M, thrust, c, m0)
        sc = LowThrustSpacecraft(thrust, v.isp_s, esc.mass_end_kg, False, v.name)
        if best is None:  # first pass: the sweep picks the time of flight with the least propellant
            ok = [leg for leg in tof_sweep("earth", "mars", helio_departure_tdb, np.asarray(tofs_days) * DAY, sc,
                                           n_segments) if leg.feasible]
            if not ok:
                raise InfeasibleError(f"{v.name}: no Earth-Mars leg of {', '.join(map(str, tofs_days))} d with "
                                      f"{thrust:.1f} N and {esc.mass_end_kg / 1e3:.1f} t after the escape spiral")
            least = min(leg.propellant_kg for leg in ok)  # the shortest leg within 2 % of the least propellant
            best = min((leg for leg in ok if leg.propellant_kg <= 1.02 * least), key=lambda leg: leg.tof_s)
        else:  # later passes: the same time of flight, warm-started, for the updated mass
            leg = solve_leg("earth", "mars", helio_departure_tdb, best.tof_s, sc, n_segments, guess=_warm(best))
            if not leg.feasible:
                leg = solve_leg("earth", "mars", helio_departure_tdb, best.tof_s, sc, n_segments)
            if not leg.feasible:
                raise InfeasibleError(f"{v.name}: the {best.tof_s / DAY:.0f}-d leg became infeasible at "
                                      f"{esc.mass_end_kg / 1e3:.1f} t ({leg.message})")
            best = leg
        m_final = _nep_masses(v, prop) + cargo_kg
        cap = spiral_capture("mars", MARS.radius + MARS_ORBIT_ALT_M, thrust, c, m_final)
        new = prop + (cap.mass_start_kg - best.mass_final_kg)
        if abs(new - prop) < 1.0:
            prop = new
            break
        prop = max(new, 1.0)
    total = esc.propellant_kg + best.propellant_kg + cap.propellant_kg
    time_s = esc.time_s + best.tof_s + cap.time_s
    dv = esc.dv_m_s + float(best.profile[:, 6].sum()) + cap.dv_m_s
    phases = (_phase("escape spiral from 800 km", esc.dv_m_s, esc.time_s, esc.propellant_kg),
              _phase("heliocentric (Sims-Flanagan)", float(best.profile[:, 6].sum()), best.tof_s, best.propellant_kg),
              _phase("capture spiral to 500 km", cap.dv_m_s, cap.time_s, cap.propellant_kg))
    from spaceplan.core.time import tdb_to_iso

    return _nep_option(v, cargo_kg, m0, total, time_s, dv, launchers, phases,
                       f"spiral starts {tdb_to_iso(helio_departure_tdb - esc.time_s)[:10]}, heliocentric leg "
                       f"{tdb_to_iso(helio_departure_tdb)[:10]} (shortest of {', '.join(map(str, tofs_days))} d within 2 % of "
                       f"the least propellant)")


def compare(cargo_kg: float, destination: str = "mars-orbit", nep=("zeus-official", "zeus"), ntp="ntp-dra5",
            chemical="centaur", launchers=("angara-a5v", "falcon-heavy", "starship"),
            window=("2028-09-01", "2029-01-31"), helio_departure: str = "2028-09-01") -> Comparison:
    """NEP tug(s) vs an NTP stage vs a chemical stack delivering ``cargo_kg`` to ``destination``."""
    from spaceplan.core.time import utc_to_tdb

    require_positive("cargo", cargo_kg, unit="kg")
    if destination not in DESTINATIONS:
        raise InputError("destination", f"got {destination!r}", ", ".join(DESTINATIONS))
    lvs = [presets.load_launcher(n) for n in launchers]
    nep_v = [presets.load_vehicle(n) for n in nep]
    for v in nep_v:
        if not isinstance(v, presets.NEPVehicle):
            raise InputError("nep", f"{v.key} is not a nuclear-electric vehicle")
    stages = [presets.load_vehicle(n) for n in (ntp, chemical)]
    if destination == "mars-orbit":
        w = (float(utc_to_tdb(window[0], "window start")), float(utc_to_tdb(window[1], "window end")))
        dv1, dv2, tof, _ = _mars_burns(w)
    else:
        dv1, dv2, tof = _moon_burns()
    options, spiral_days = [], {}
    for v in nep_v:
        try:
            if destination == "mars-orbit":
                opt = nep_mars(v, cargo_kg, lvs, float(utc_to_tdb(helio_departure, "helio_departure")))
            else:
                opt = nep_lunar(v, cargo_kg, lvs)
        except InfeasibleError as exc:
            opt = Option(v.name, "nep", False, math.nan, math.nan, math.nan, math.nan, {}, note=str(exc), key=v.key)
        options.append(opt)
        m_start = opt.imleo_kg if opt.feasible else v.wet_mass_kg() + cargo_kg  # the sized tug, else the preset's
        esc = spiral_escape("earth", EARTH_RADIUS + NEP_LEO_ALT_M, v.thrust_n, v.exhaust_speed_m_s, m_start)
        spiral_days[v.name] = esc.time_s / DAY
    for s in stages:
        try:
            options.append(impulsive_option(s, cargo_kg, dv1, dv2, tof, lvs))
        except InfeasibleError as exc:
            options.append(Option(s.name, s.kind, False, math.nan, math.nan, tof, dv1 + dv2, {}, note=str(exc),
                                  key=s.key))
    assumptions = (f"NEP from {NEP_LEO_ALT_M / 1e3:.0f} km, stacks from {IMPULSIVE_LEO_ALT_M / 1e3:.0f} km; "
                   + ("500 km circular Mars orbit; impulsive: least-delta-v porkchop cell of "
                      f"{window[0]} to {window[1]}" if destination == "mars-orbit" else
                      "100 km circular lunar orbit; impulsive: Hohmann to the Moon's distance")
                   + "; no gravity losses, no aerocapture; launcher payloads to 200 km LEO used as is")
    from spaceplan.core.validity import collect

    comp = Comparison(float(cargo_kg), destination, tuple(options), tuple(lv.name for lv in lvs), assumptions, "",
                      spiral_days, tuple(collect(options)))
    return dataclasses.replace(comp, verdict=verdict(comp, nep_v))


def verdict(comp: Comparison, nep_vehicles) -> str:
    """Plain words from the numbers (nothing hard-coded for a scenario)."""
    lines = []
    for v in nep_vehicles:
        days = comp.spiral_days.get(v.name)
        if days is not None:
            lines.append(f"A {v.electric_power_w / 1e6:g} MWe {v.name.split(' (')[0]} ({v.thrust_n:.1f} N at "
                         f"{v.isp_s:.0f} s) carrying {comp.cargo_kg / 1e3:g} t of cargo, tanked for this trip, needs {days:.0f} "
                         f"days to spiral out of Earth orbit from {NEP_LEO_ALT_M / 1e3:.0f} km.")
    ok = [o for o in comp.options if o.feasible]
    if ok:
        # ties on the trip time as shown (whole days) go to the lighter option
        fastest = min(ok, key=lambda o: (round(o.trip_time_s / DAY), o.imleo_kg))
        lightest = min(ok, key=lambda o: o.imleo_kg)
        where = "Mars orbit" if comp.destination == "mars-orbit" else "lunar orbit"
        lines.append(f"To {where}, the lightest in LEO is {lightest.name} ({lightest.imleo_kg / 1e3:.1f} t, "
                     f"{lightest.trip_time_s / DAY:.0f} d); the fastest is {fastest.name} "
                     f"({fastest.trip_time_s / DAY:.0f} d, {fastest.imleo_kg / 1e3:.1f} t).")
        for o in ok:
            if o.kind == "nep":
                lines.append(f"{o.name}: {o.propellant_kg / 1e3:.1f} t of xenon, {o.reactor_energy_mwh_e:,.0f} MWh "
                             f"of electricity, {o.reactor_energy_mwd_t:.0f} MWt-days in the reactor "
                             f"(~{o.u235_burnup_g:.0f} g of U-235 fissioned).")
    for o in comp.options:
        if not o.feasible:
            lines.append(f"{o.name}: infeasible ({o.note}).")
    return " ".join(lines)
