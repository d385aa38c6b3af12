"""spaceplan's public Python face: one entry function per task.

``import spaceplan as sp`` and call ``sp.windows(...)``, ``sp.porkchop(...)``, ``sp.decay(...)``.  Every function
takes SI floats (kg, W, m, s) or the unit strings the CLI takes (``"20t"``, ``"100kW"``, ``"400km"``, ``"90d"``,
``"2026-11-01"``), and returns the domain's frozen result dataclass: ``.to_dict()`` gives JSON-ready values with the
display unit in each key, and tabular results also have ``.to_frame()`` (a pandas DataFrame).  Bad input raises
:class:`SpaceplanError` naming the argument and its allowed range.

The domains behind it are flat modules (``spaceplan.interplanetary``, ``spaceplan.constellation``,
``spaceplan.launch``, ``spaceplan.radiation``, ``spaceplan.propulsion``, ``spaceplan.station``,
``spaceplan.surface_power``; compositions across them in ``spaceplan.missions``), importable directly when a
function here does not expose an option.  Imports happen inside the functions, so ``import spaceplan`` stays cheap.

>>> import spaceplan as sp
>>> best = sp.porkchop("earth", "mars", "2026-08-01:2027-01-31", "2027-03-01:2028-03-01", step="5d").min_c3()
>>> round(best.c3 / 1e6, 1), best.transfer_type
(9.2, 'II')
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from spaceplan.core.constants import DAY
from spaceplan.core.errors import InputError, SpaceplanError
from spaceplan.core.units import parse_length, parse_mass, parse_power

__all__ = [
    "SpaceplanError",
    # interplanetary
    "windows", "porkchop", "round_trips", "crew_dose",
    # radiation
    "dose", "orbit_dose",
    # constellations
    "load_constellation", "coverage", "latency", "deployment", "capacity", "export_elements",
    # launch
    "payload", "landing", "reuse_costs",
    # propulsion
    "edelbaum", "spiral", "transfer", "compare_propulsion",
    # surface power
    "illumination", "power_sizing",
    # stations
    "decay", "reboost", "deorbit", "reentry", "reentry_score", "lifetime_grid",
    # mission architectures
    "starship_campaign", "mars_architectures", "moon_landing",
    # studies
    "run_study", "run_sweep", "check_claims",
]


def _duration_s(value, field: str, default_unit: str = "s") -> float:
    from spaceplan.core.durations import parse_duration

    return parse_duration(value, field, default_unit)


def _tdb(value, field: str) -> float:
    """A UTC date string (ISO 8601) or TDB seconds past J2000 (a float) -> TDB s."""
    from spaceplan.core.time import utc_to_tdb

    if isinstance(value, (int, float, np.floating)) and not isinstance(value, bool):
        return float(value)
    return float(utc_to_tdb(str(value), field))


def _date_range(value, field: str) -> tuple[float, float]:
    """``"START:END"`` (ISO dates) or a (start, end) pair of dates or TDB seconds -> (start, end) TDB s."""
    if isinstance(value, str):
        parts = value.split("/") if "T" in value else value.split(":")
    else:
        parts = list(value)
    if len(parts) != 2:
        raise InputError(field, f"cannot read date range {value!r}", "START:END, e.g. 2026-08-01:2027-01-31")
    t0, t1 = _tdb(parts[0], f"{field} start"), _tdb(parts[1], f"{field} end")
    if t1 <= t0:
        raise InputError(field, f"empty or inverted date range {value!r}", "END after START")
    return t0, t1


# --- interplanetary ---------------------------------------------------------------------------------------------

def windows(departure: str = "earth", arrival: str = "mars", start_year: int = 2026, end_year: int = 2035, *,
            c3_max_km2s2: float | None = None, tof_days: tuple[float, float] | None = None):
    """Launch opportunities (type I and II least-C3 transfers per synodic window) between two DE421 bodies.

    Returns an ``OpportunitySearch`` (``.opportunities``, ``.to_frame()``)."""
    from spaceplan.interplanetary.windows import find_opportunities

    bounds = None if tof_days is None else (float(tof_days[0]) * DAY, float(tof_days[1]) * DAY)
    cap = None if c3_max_km2s2 is None else float(c3_max_km2s2) * 1e6
    return find_opportunities(departure, arrival, int(start_year), int(end_year), c3_cap=cap, tof_bounds=bounds)


def porkchop(departure: str, arrival: str, depart, arrive, step="1d", *, tof_days: tuple[float, float] | None = None):
    """Porkchop grid: C3, DLA/RLA and arrival v-infinity for every departure x arrival date (Lambert, DE421).

    ``depart`` and ``arrive`` are ``"START:END"`` date ranges; ``step`` a duration (``"1d"``, or seconds).
    Returns a ``Porkchop``: ``.min_c3()``, ``.min()`` per transfer type, ``.to_frame()`` of the solved cells."""
    from spaceplan.core.porkchop import check_cells, porkchop as grid
    from spaceplan.core.time import epoch_count, epoch_grid

    step_s = _duration_s(step, "step")
    ranges = {}
    for field, value in (("depart", depart), ("arrive", arrive)):
        t0, t1 = _date_range(value, field)
        ranges[field] = (t0, t1, epoch_count(t0, step_s, t1))
    check_cells(ranges["depart"][2], ranges["arrive"][2])
    dep = epoch_grid(ranges["depart"][0], step_s, stop_tdb=ranges["depart"][1], field="depart")
    arr = epoch_grid(ranges["arrive"][0], step_s, stop_tdb=ranges["arrive"][1], field="arrive")
    bounds = None if tof_days is None else (float(tof_days[0]) * DAY, float(tof_days[1]) * DAY)
    return grid(departure, arrival, dep, arr, tof_bounds=bounds)


def round_trips(year: int, mission_class: str = "both", **options):
    """Crewed Earth-Mars-Earth round trips of the ``year`` window: conjunction and/or opposition class, the least
    delta-v for every total duration (Pareto front).  ``options`` are ``RoundTripOptions`` day keywords
    (``venus=True``, ``max_transit_days=210``, ``step_days=4``, ...).  Returns a ``RoundTripSearch``."""
    from spaceplan.interplanetary import search_round_trips

    return search_round_trips(int(year), mission_class, **options)


def crew_dose(trip, shielding_gcm2: float = 20.0, at_mars: str = "mars_surface"):
    """The crew dose of a round trip (a ``RoundTrip`` from :func:`round_trips`) behind ``shielding_gcm2`` of
    aluminium: a ``MissionDose``."""
    from spaceplan.missions import crew_dose as compose

    return compose(trip, float(shielding_gcm2), at_mars)


# --- radiation --------------------------------------------------------------------------------------------------

def dose(timeline, shielding_gcm2: float = 20.0, material: str = "aluminium", *, start: str | None = None,
         solar_activity=None, spe: str | None = None, spe_phase: int | None = None, shelter_gcm2: float | None = None):
    """Crew dose over a timeline: a TOML file, timeline text (``"deep_space:180d,mars_surface:500d,deep_space:180d"``) or a
    list of ``spaceplan.radiation.Phase``.  Returns a ``MissionDose`` (``.phases``, ``.to_frame()``).
    ``shelter_gcm2``: a polyethylene storm shelter for the hours of the SPE (acute verdict with and without it)."""
    from spaceplan.radiation.timeline import Phase, load_timeline, mission_dose, parse_timeline

    if isinstance(timeline, (list, tuple)) and all(isinstance(p, Phase) for p in timeline):
        phases = list(timeline)
    elif isinstance(timeline, (str, Path)) and str(timeline).endswith(".toml"):
        phases, _ = load_timeline(timeline, start=start)
    else:
        phases = parse_timeline(str(timeline), start=start)
    return mission_dose(phases, shielding_gcm2=float(shielding_gcm2), material=material, solar_activity=solar_activity,
                        spe=spe, spe_phase=spe_phase, shelter_gcm2=shelter_gcm2)


def orbit_dose(altitude="400km", inclination_deg: float = 51.6, start="2026-01-01", duration="1d", *,
               shielding_gcm2: float = 20.0, step="60s"):
    """Crew dose along a circular Earth orbit: GCR behind the geomagnetic cutoff plus the trapped belts
    (AE-8/AP-8), behind ``shielding_gcm2`` of aluminium.  Returns a ``DoseTrack`` (``.to_dict()``: mSv, mGy,
    hours in each belt) - the Python form of ``spaceplan radiation orbit``."""
    from spaceplan.radiation.trajectory import circular_orbit, dose_along

    t, r = circular_orbit(_tdb(start, "start"), parse_length("altitude", altitude), float(inclination_deg),
                          _duration_s(duration, "duration"), _duration_s(step, "step"))
    return dose_along(t, r, float(shielding_gcm2))


# --- constellations ---------------------------------------------------------------------------------------------

def load_constellation(name_or_path, *, altitude=None):
    """A constellation: a Walker preset name, a TOML file of ``[[shell]]`` tables, or a TLE/OMM catalog file."""
    from spaceplan.constellation.sources import load_source

    altitude_km = None if altitude is None else parse_length("altitude", altitude) / 1e3
    return load_source(name_or_path, altitude_km=altitude_km)


def _source(value):
    return load_constellation(value) if isinstance(value, (str, Path)) else value


def coverage(source, region: str = "world", start="2026-01-01", duration="1h", step="60s", *, grid_deg: float = 2.0,
             min_elevation_deg: float = 25.0, min_sats: int = 1):
    """Coverage of a region (``world``, a country, ``bbox:...``, cities) by a constellation over a window.
    Returns a ``CoverageResult``."""
    from spaceplan.constellation.coverage import coverage as run, time_grid
    from spaceplan.core.regions import parse_region

    t0 = _tdb(start, "start")
    tdb = time_grid(t0, _duration_s(duration, "duration"), _duration_s(step, "step"))
    return run(_source(source), parse_region(region, float(grid_deg)), tdb, np.radians(float(min_elevation_deg)),
               int(min_sats))


def latency(source, origin: str, destination: str, start="2026-01-01", duration="1h", step="60s", *,
            isl: bool = True, min_elevation_deg: float = 25.0, route_factor: float = 1.0):
    """Round-trip time between two places (city names or ``"lat,lon"``) over a constellation, against fibre.
    Returns a ``LatencySeries`` (``.to_frame()``)."""
    from spaceplan.constellation.latency import latency_over

    return latency_over(_source(source), origin, destination, _tdb(start, "start"), _duration_s(duration, "duration"),
                        _duration_s(step, "step"), isl=isl, min_elevation_deg=float(min_elevation_deg),
                        route_factor=float(route_factor))


def deployment(source, launcher: str, cadence="24/yr", start="2026-01-01", *, satellite_mass=None,
               sats_per_launch: int | None = None, raise_days: float | None = None):
    """Deployment campaign of a Walker constellation: launches, dates and full operational capability."""
    from spaceplan.constellation.deployment import plan_deployment

    mass = None if satellite_mass is None else parse_mass("satellite_mass", satellite_mass)
    return plan_deployment(_source(source), launcher, cadence, _tdb(start, "start"), satellite_mass_kg=mass,
                           sats_per_launch=sats_per_launch, raise_days=raise_days)


def capacity(source, payload: str | None = None):
    """Throughput estimate of a constellation (payload preset or the constellation's own)."""
    from spaceplan.constellation.capacity import estimate_capacity

    return estimate_capacity(_source(source), payload)


def export_elements(source, epoch="2026-01-01", fmt: str = "tle", *, first_number: int = 90000) -> str:
    """SGP4 element sets of every satellite of a Walker constellation at ``epoch``, as text for any SGP4 tool:
    ``fmt`` = ``tle`` (three-line sets) or a CCSDS OMM form (``xml``, ``kvn``, ``json``, ``csv``)."""
    from spaceplan.constellation.export import OMM_FORMATS, omm_text, tle_text, walker_element_sets

    const = _source(source)
    if not hasattr(const, "shells") or hasattr(const, "catalog"):
        raise InputError("source", f"{getattr(const, 'name', source)!r} is a catalog, not a Walker constellation",
                         "a Walker preset or a TOML file of [[shell]] tables")
    key = str(fmt).strip().lower()
    if key != "tle" and key not in OMM_FORMATS:
        raise InputError("fmt", f"unknown format {fmt!r}", "tle, " + ", ".join(OMM_FORMATS))
    sets = walker_element_sets(const, _tdb(epoch, "epoch"), first_catalog_number=first_number)
    return tle_text(sets) if key == "tle" else omm_text(sets, key)


# --- launch -----------------------------------------------------------------------------------------------------

def payload(vehicle: str, orbit: str = "200x200", site: str = "cape-canaveral", *, inclination_deg: float | None = None,
            recovery: str = "expendable", southerly: bool = False):
    """Largest payload a launch vehicle puts into ``orbit`` (``"PERIGEExAPOGEE"`` km or ``"gto"``) from ``site``,
    with the first stage expended or recovered (``droneship``, ``rtls``).  Returns a ``RecoveryResult``."""
    from spaceplan.launch.ascent import load_site, parse_orbit
    from spaceplan.launch.recovery import payload_with_recovery
    from spaceplan.launch.vehicles import load_vehicle

    s = load_site(site)
    target = parse_orbit(orbit, s.geocentric_latitude_deg if inclination_deg is None else float(inclination_deg))
    return payload_with_recovery(load_vehicle(vehicle), target, s, recovery, southerly=southerly)


def landing(case: str = "acikmese2007", *, nodes: int = 55, tf=None, **overrides):
    """Fuel-optimal powered descent (lossless convexification, Acikmese & Ploen 2007) for a landing case preset."""
    from spaceplan.launch.landing import load_case, solve_landing

    tf_s = None if tf is None else _duration_s(tf, "tf")
    return solve_landing(load_case(case, **overrides), n_nodes=int(nodes), tf_s=tf_s)


def reuse_costs(vehicle: str, flights=range(1, 21), mode: str | None = None, **overrides):
    """Cost per kilogram against the number of flights of a reused first stage (cost model preset)."""
    from spaceplan.launch.economics import load_cost_model, reuse_costs as run

    return run(load_cost_model(vehicle, **overrides), flights, mode)


# --- propulsion -------------------------------------------------------------------------------------------------

def _nep(vehicle: str):
    from spaceplan.propulsion.presets import NEPVehicle, load_vehicle

    v = load_vehicle(vehicle)
    if not isinstance(v, NEPVehicle):
        raise InputError("vehicle", f"{vehicle} is a {v.kind} stage, not a nuclear-electric tug", "zeus, zeus-official")
    return v


def edelbaum(a0="7000km", af="42166km", inclination_change_deg: float = 28.5, *, acceleration: float | None = None,
             vehicle: str | None = None, cargo=0.0, central: str = "earth"):
    """Edelbaum circle-to-circle low-thrust transfer with a plane change (Kechichian 1997): delta-v and time.

    Radii (not altitudes) ``a0``, ``af``; constant ``acceleration`` (m/s^2) or a NEP ``vehicle`` with ``cargo``."""
    from spaceplan.core.constants import body
    from spaceplan.propulsion.edelbaum import edelbaum as run

    if vehicle is not None:
        if acceleration is not None:
            raise InputError("acceleration", "give acceleration or vehicle, not both")
        v = _nep(vehicle)
        acceleration = v.thrust_n / (v.wet_mass_kg() + parse_mass("cargo", cargo, allow_zero=True))
    acceleration = 3.5e-4 if acceleration is None else float(acceleration)
    return run(parse_length("a0", a0), parse_length("af", af), np.radians(float(inclination_change_deg)), acceleration,
               body(central).gm, central)


def spiral(vehicle: str = "zeus-official", altitude="800km", *, cargo=0.0, c3_km2s2: float = 0.0,
           capture: bool = False, central: str = "earth"):
    """Tangential-thrust spiral escape (or capture) of a NEP tug from a circular orbit, with Van Allen belt time."""
    from spaceplan.core.constants import body
    from spaceplan.propulsion.spiral import spiral_capture, spiral_escape

    v = _nep(vehicle)
    mass = v.wet_mass_kg() + parse_mass("cargo", cargo, allow_zero=True)
    b = body(central)
    fn = spiral_capture if capture else spiral_escape
    return fn(b.name.lower(), b.radius + parse_length("altitude", altitude), v.thrust_n, v.exhaust_speed_m_s, mass,
              float(c3_km2s2) * 1e6)


def transfer(origin: str, target: str, vehicle: str = "zeus", depart="2028-01-01:2029-06-01", step="90d",
             tof_days=(300.0, 700.0, 100.0), *, cargo=0.0, segments: int = 12, c3_max_km2s2: float = 0.0,
             vinf_max_kms: float = 0.0):
    """Minimum-propellant low-thrust legs (Sims-Flanagan, porkchop-seeded) over departure dates x times of flight
    ``tof_days = (min, max, step)``.  Returns a ``DateTofGrid`` (``.best()``, ``.best_leg``)."""
    from spaceplan.core.time import epoch_grid
    from spaceplan.propulsion.sims_flanagan import LowThrustSpacecraft, date_tof_grid

    v = _nep(vehicle)
    lo, hi, tof_step = (float(x) for x in tof_days)
    if not (0 < lo <= hi) or tof_step <= 0:
        raise InputError("tof_days", f"got {tof_days!r}", "(min, max, step) days with 0 < min <= max, step > 0")
    t0, t1 = _date_range(depart, "depart")
    deps = epoch_grid(t0, _duration_s(step, "step"), stop_tdb=t1, field="depart")
    tofs = np.arange(lo, hi + 1e-9, tof_step)[::-1] * DAY
    sc = LowThrustSpacecraft.from_vehicle(v, v.wet_mass_kg() + parse_mass("cargo", cargo, allow_zero=True))
    return date_tof_grid(origin, target, deps, tofs, sc, int(segments), float(c3_max_km2s2) * 1e6,
                         float(vinf_max_kms) * 1e3)


def compare_propulsion(cargo, destination: str = "mars-orbit", **options):
    """Nuclear-electric, nuclear-thermal and chemical ways to deliver ``cargo`` (``"20t"`` or kg) to the Moon or
    Mars: IMLEO, propellant, trip time, launches.  Returns a ``Comparison``."""
    from spaceplan.propulsion.compare import compare

    return compare(parse_mass("cargo", cargo), destination, **options)


# --- surface power ----------------------------------------------------------------------------------------------

def illumination(sites, start="2030-01-01", end="2031-01-01", step="1h"):
    """Sun elevation, lit fraction and dark periods at lunar sites (presets or ``"lat,lon"``): a ``SunSeries``;
    ``spaceplan.surface_power.illumination.summarize(series, i)`` gives site ``i``'s statistics."""
    from spaceplan.surface_power.illumination import span_epochs, sun_series

    names = [sites] if isinstance(sites, str) else list(sites)
    return sun_series(names, span_epochs(str(start), str(end), _duration_s(step, "step")))


def power_sizing(site: str, power, night_power=None, years: float = 10.0, lander: str = "generic-6t"):
    """Fission against solar + storage for a lunar site: masses, landers and the verdict (a ``SiteTrade``)."""
    from spaceplan.surface_power.trade import trade_site

    night = None if night_power is None else parse_power("night_power", night_power, allow_zero=True)
    return trade_site(site, parse_power("power", power), night, float(years), lander)


# --- stations ---------------------------------------------------------------------------------------------------

def _station(name):
    from spaceplan.station.presets import load_station

    return load_station(name) if isinstance(name, (str, Path)) else name


def decay(station, start="2026-01-01", end="2031-01-01", activity: int = 50, method: str = "king-hele", *,
          altitude=None):
    """Free decay (no reboosts) of a station preset's mean altitude at a solar-activity percentile (5, 50, 95).
    Returns a ``DecayResult`` (``.to_frame()``)."""
    from spaceplan.station.decay import decay as run

    altitude_km = None if altitude is None else parse_length("altitude", altitude) / 1e3
    return run(_station(station), start, end, int(activity), method, altitude_km)


def reboost(station, vehicle: str = "progress", band=("400km", "420km"), years=(2026, 2030), activity: int = 50):
    """Reboosts, delta-v and propellant per year to hold a station in an altitude band.  Returns a ``ReboostPlan``."""
    from spaceplan.station.presets import load_vehicle
    from spaceplan.station.reboost import reboost_plan

    lo, hi = (parse_length("band", b) / 1e3 for b in band)
    return reboost_plan(_station(station), load_vehicle(vehicle), (lo, hi), int(years[0]), int(years[-1]),
                        int(activity))


def deorbit(station, vehicle: str = "usdv", *, start_altitude="330km", perigee="225km", final_perigee="50km",
            burns: int = 2):
    """Controlled deorbit: perigee-lowering burns and the final burn into the South Pacific (a ``DeorbitPlan``)."""
    from spaceplan.station.deorbit import deorbit_plan
    from spaceplan.station.presets import load_vehicle

    return deorbit_plan(_station(station), load_vehicle(vehicle), parse_length("start_altitude", start_altitude) / 1e3,
                        parse_length("perigee", perigee) / 1e3, parse_length("final_perigee", final_perigee) / 1e3,
                        int(burns))


def reentry(tles, *, horizon_days: float = 400.0, fit_days: float = 60.0):
    """Re-entry window of an object from its TLE history (a file path or the TLE text): Cd A / m fitted to the
    history, decay to 120 km.  Returns a ``ReentryForecast``."""
    from spaceplan.station.reentry import forecast, read_tles

    return forecast(read_tles(tles, "tles"), horizon_days=float(horizon_days), fit_days=float(fit_days))


def reentry_score(tles, actual, *, leads=(30, 14, 7, 3, 1), uncertainty_days: float = 0.0):
    """Re-entry forecasts made from the element sets known ``leads`` days before the ``actual`` reentry (UTC
    date), each scored: error / remaining lifetime (IADC convention), window hit.  Returns a ``ReentryScore``."""
    from spaceplan.station.reentry import read_tles
    from spaceplan.station.reentry_score import score

    return score(read_tles(tles, "tles"), _tdb(actual, "actual"), tuple(float(x) for x in leads),
                 float(uncertainty_days))


def lifetime_grid(altitudes=("200km", "800km", "50km"), ballistic_kg_m2=(25.0, 50.0, 100.0, 200.0),
                  activities=(5, 50, 95), start="2026-11-01", *, inclination_deg: float = 51.6,
                  numerical_max_days: float = 0.0):
    """Orbital lifetime (days to 120 km) on a mean altitude x m/(Cd A) x solar-activity grid, King-Hele and
    (where it gives at most ``numerical_max_days``) Cowell.  ``altitudes``: (low, high, step) or a list of
    lengths.  Returns a ``LifetimeGrid``."""
    from spaceplan.station.lifetime import lifetime_grid as run

    if isinstance(altitudes, tuple) and len(altitudes) == 3 and all(isinstance(a, str) for a in altitudes):
        lo, hi, step = (parse_length("altitudes", a) for a in altitudes)
        alt = np.arange(lo, hi + 0.5 * step, step)
    else:
        alt = np.array([parse_length("altitudes", a) for a in np.atleast_1d(altitudes)])
    return run(alt / 1e3, ballistic_kg_m2, activities, start, inclination_deg,
               numerical_max_days=numerical_max_days)


# --- mission architectures -------------------------------------------------------------------------------------

def starship_campaign(year: int, ship: str = "block2-cargo", *, ships: int = 1, payload="100t", cadence="2/week",
                      as_of: str | None = None):
    """Starship refilling campaign for the ``year`` Mars window: tankers, launches, calendar, landed payload and the
    verdict (a ``WindowCampaign``); ``cadence`` is a launch rate (``"2/week"``) from the pads."""
    from spaceplan.core.durations import parse_rate
    from spaceplan.missions.campaigns import window_campaign

    per_day = parse_rate(cadence, "cadence", "week") * DAY
    return window_campaign(int(year), ship, ships=int(ships), payload_kg=parse_mass("payload", payload),
                           cadence_per_day=per_day, as_of=as_of)


def mars_architectures(year: int, landed="100t", **options):
    """The same landed payload by Starship refilled chemically, an NTP stage and a NEP-tug hybrid: launches, IMLEO,
    trip time and crew dose (an ``Alternatives`` table)."""
    from spaceplan.missions.architectures import alternatives

    return alternatives(int(year), parse_mass("landed", landed), **options)


def moon_landing(ship: str = "hls-block2", *, payload_down="5t", depot: bool = True, cadence="2/week"):
    """Propellant, tankers and launches for one Starship HLS lunar landing (a ``LunarLanding``)."""
    from spaceplan.core.durations import parse_rate
    from spaceplan.missions.moon_hls import lunar_landing

    return lunar_landing(ship, payload_down_kg=parse_mass("payload_down", payload_down, allow_zero=True), depot=depot,
                         cadence_per_day=parse_rate(cadence, "cadence", "week") * DAY)


# --- studies ----------------------------------------------------------------------------------------------------

def run_study(scenario=None, out="out"):
    """Run a scenario (TOML path, dict, or None for the default study) and write its report to ``out``:
    report.md, report.html, results.json and figures.  Returns the ``StudyReport``."""
    from spaceplan.study import runner

    return runner.run_study(scenario, out)


def run_sweep(scenario, out="out-sweep", *, workers: int | None = None, scheduler: str | None = None):
    """Run a scenario's ``[sweep]`` over its parameter grid (serial, a local Dask cluster of ``workers``, or the
    Dask ``scheduler`` address) and write the table and figure to ``out``.  Returns a ``SweepResult``."""
    from spaceplan.study.runner import load_scenario
    from spaceplan.study.sweep import local_client, run_sweep as run

    table = scenario if isinstance(scenario, dict) else load_scenario(scenario)
    if scheduler is not None:
        from distributed import Client

        with Client(scheduler) as client:
            return run(table, out, client=client)
    if workers:
        with local_client(int(workers)) as client:
            return run(table, out, client=client)
    return run(table, out)


def check_claims(scenario=None, *, only=None, sensitivity: bool = True, workers: int | None = None):
    """The claims ledger of a scenario (TOML path, dict, or None for the default study's news claims): each claim's
    verdict, the number behind it, its margin and what flips it (``sensitivity``: each declared assumption swept;
    ``workers``: on a local Dask cluster).  Only the sections the claims read are computed.  Returns a ``Ledger``."""
    from spaceplan.study.claims import check_claims as ledger_of

    ids = [only] if isinstance(only, str) else only
    if workers:
        from spaceplan.study.sweep import local_client

        with local_client(int(workers)) as client:
            return ledger_of(scenario, only=ids, client=client, sensitivity=sensitivity)
    return ledger_of(scenario, only=ids, sensitivity=sensitivity)
