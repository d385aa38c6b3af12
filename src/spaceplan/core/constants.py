"""Physical constants and solar-system bodies, in SI units, each with its source.

Gravitational parameters are those of the DE421 ephemeris header, so that
two-body arcs are consistent with the positions spaceplan reads from DE421:
Folkner, Williams & Boggs (2008), "The Planetary and Lunar Ephemeris DE 421",
JPL IOM 343R-08-003, table 7 (GM in km^3/s^2; identical to 10 significant
digits to the values tabulated with DE430, Folkner et al. 2014, IPN PR 42-196).
Radii are IAU WGCCRE 2015 (Archinal et al. 2018, Celest. Mech. Dyn. Astr. 130:22)
except Earth, which uses WGS 84 (NGA.STND.0036, 2014).
"""

from __future__ import annotations

from dataclasses import dataclass

from spaceplan.core.errors import UnknownNameError

# --- Defining constants -------------------------------------------------------
C_LIGHT = 299_792_458.0  # m/s, SI definition
G0 = 9.80665  # m/s^2, standard gravity (3rd CGPM, 1901)
AU = 149_597_870_700.0  # m, IAU 2012 Resolution B2
DAY = 86_400.0  # s
JULIAN_YEAR = 365.25 * DAY  # s
J2000_JD = 2_451_545.0  # JD of J2000.0 (2000-01-01 12:00 TT)

# --- Earth (WGS 84, NGA.STND.0036_1.0.0_WGS84, 2014) --------------------------
EARTH_GM = 3.986004418e14  # m^3/s^2 (WGS 84 / EGM2008)
EARTH_RADIUS = 6_378_137.0  # m, equatorial
EARTH_FLATTENING = 1.0 / 298.257223563
EARTH_J2 = 1.08262668e-3  # EGM2008 C20 = -4.84165143790815e-4, J2 = -sqrt(5) C20
EARTH_J3 = -2.53241052e-6  # EGM2008 C30 = 9.57161207e-7, J3 = -sqrt(7) C30
EARTH_J4 = -1.61989759e-6  # EGM2008 C40 = 5.39965866e-7, J4 = -3 C40
EARTH_ROTATION_RATE = 7.292115e-5  # rad/s
EARTH_MEAN_RADIUS = 6_371_008.8  # m, IUGG mean radius R1 (Moritz 2000)


@dataclass(frozen=True)
class Body:
    """A solar-system body as spaceplan models it.

    ``naif_id`` is the ephemeris target used for heliocentric positions (the
    system barycenter for planets with moons, except Earth and the Moon).
    """

    name: str
    naif_id: int
    gm: float  # m^3/s^2
    radius: float  # m, equatorial
    j2: float = 0.0
    rotation_rate: float = 0.0  # rad/s, sidereal
    sma: float = 0.0  # m, mean heliocentric semi-major axis (for the sphere of influence)
    atmosphere_top: float = 0.0  # m above the radius, for minimum flyby altitudes

    @property
    def soi_radius(self) -> float:
        """Laplace sphere of influence r = a (m/M_sun)^(2/5) (Curtis 2020, eq. 8.2), m."""
        if self.sma == 0.0:
            return float("inf")
        return self.sma * (self.gm / SUN.gm) ** 0.4


_KM3 = 1.0e9  # km^3/s^2 -> m^3/s^2

SUN = Body("Sun", 10, 132_712_440_040.944 * _KM3, 695_700_000.0)
MERCURY = Body("Mercury", 1, 22_032.090 * _KM3, 2_440_530.0, 5.03e-5, 1.2400e-6, 0.387098 * AU)
VENUS = Body("Venus", 2, 324_858.592 * _KM3, 6_051_800.0, 4.458e-6, -2.9924e-7, 0.723332 * AU, 250_000.0)
EARTH = Body(
    "Earth", 399, 398_600.436 * _KM3, EARTH_RADIUS, EARTH_J2, EARTH_ROTATION_RATE, 1.000001 * AU, 100_000.0
)
MOON = Body("Moon", 301, 4_902.800 * _KM3, 1_737_400.0, 2.0330e-4, 2.6617e-6)
EARTH_MOON_BARYCENTER = Body("EMB", 3, 403_503.236 * _KM3, EARTH_RADIUS, sma=1.000001 * AU)
# Mars: J2 from Konopliv et al. (2016) MRO120D; sidereal day 24.6229 h.
MARS = Body("Mars", 4, 42_828.375 * _KM3, 3_396_190.0, 1.96045e-3, 7.088218e-5, 1.523679 * AU, 125_000.0)
JUPITER = Body("Jupiter", 5, 126_712_764.8 * _KM3, 71_492_000.0, 1.4736e-2, 1.7585e-4, 5.2044 * AU, 1_000_000.0)
SATURN = Body("Saturn", 6, 37_940_585.2 * _KM3, 60_268_000.0, 1.6298e-2, 1.6378e-4, 9.5826 * AU, 1_000_000.0)
URANUS = Body("Uranus", 7, 5_794_548.6 * _KM3, 25_559_000.0, 3.343e-3, -1.0124e-4, 19.2184 * AU, 1_000_000.0)
NEPTUNE = Body("Neptune", 8, 6_836_535.0 * _KM3, 24_764_000.0, 3.411e-3, 1.0834e-4, 30.11 * AU, 1_000_000.0)
PLUTO = Body("Pluto", 9, 977.000 * _KM3, 1_188_300.0, 0.0, -1.1386e-5, 39.482 * AU)

BODIES: dict[str, Body] = {
    b.name.lower(): b
    for b in (SUN, MERCURY, VENUS, EARTH, MOON, EARTH_MOON_BARYCENTER, MARS, JUPITER, SATURN, URANUS, NEPTUNE, PLUTO)
}


def body(name: str | Body) -> Body:
    """Look up a body by name, case-insensitively; raise UnknownNameError if unknown."""
    if isinstance(name, Body):
        return name
    key = str(name).strip().lower()
    try:
        return BODIES[key]
    except KeyError:
        raise UnknownNameError("body", str(name), BODIES) from None

#: First and last date (UTC) of the bundled DE421 ephemeris (JPL; ``de421.bsp`` in skyfield-data 7.0.0).
DE421_SPAN = ("1899-07-29", "2053-10-09")
DE421_SPAN_TEXT = f"{DE421_SPAN[0]} to {DE421_SPAN[1]} (DE421)"
