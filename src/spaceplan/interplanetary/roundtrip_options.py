"""Crewed Mars round trips, part 1 of 3: what a search explores and how it prices a trip.

:class:`RoundTripOptions` holds the search ranges (SI) and the pricing choices; :class:`LegCosts` turns each
hyperbolic excess speed at each end of a leg into an impulsive cost (patched conics):

* Earth departure from a circular parking orbit (default 400 km):
  dv = sqrt(v_inf^2 + 2 mu/r) - sqrt(mu/r)  (hyperbolic excess to periapsis
  speed, Curtis 4th ed. eq. 8.40-8.42);
* Mars orbit insertion and Mars departure at the periapsis of a parking orbit,
  by default the 250 km x 33,793 km one-sol ellipse of NASA's Mars Design
  Reference Architecture 5.0 (Drake et al., NASA-SP-2009-566, 2009):
  dv = sqrt(v_inf^2 + 2 mu/r_p) - sqrt(mu (2/r_p - 1/a)); zero with aerocapture;
* Earth return by direct entry (or aerocapture) at the entry speed at 125 km, sqrt(v_inf^2 + 2 mu/r), with a
  braking burn charged for the speed above the capsule's limit (:mod:`.capsules`; default 12.5 km/s, a stated
  assumption: Stardust's 12.9 km/s is the fastest entry flown), or propulsive capture into the LEO.

Conjunction class: stay 300-650 d by default; opposition class: stay 30-90 d
and a total of at most 650 d (the short-stay class of DRA 5.0, NASA-SP-2009-566
sec. 2.3 and Mattfeld et al., AIAA SPACE 2015: 400-650 d missions).  Without
that cap the least-delta-v "short stay" trip just stretches both transits into
a ~900 d mission, which is not what the class means.

The search is :mod:`.roundtrip_search`, its results :mod:`.roundtrip_results`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from spaceplan.core.constants import DAY, EARTH, MARS, VENUS
from spaceplan.core.errors import InputError, UnknownNameError, require_positive
from spaceplan.interplanetary.capsules import DEFAULT_CAPSULE, DEFAULT_ENTRY_SPEED_LIMIT, entry_braking, load_capsule


MISSION_CLASSES = ("conjunction", "opposition")
OBJECTIVES = ("dv", "duration", "deep_space")

# DRA 5.0 (NASA-SP-2009-566, sec. 2.2): crew vehicle parks in a 250 km x 33,793 km (1-sol) orbit.
DRA5_MARS_PERIAPSIS_ALT = 250e3
DRA5_MARS_APOAPSIS_ALT = 33_793e3
LEO_ALTITUDE = 400e3
ENTRY_ALTITUDE = 125e3  # m, conventional entry interface


def _periapsis_speed(mu: float, rp: float, ra: float) -> float:
    return math.sqrt(mu * (2.0 / rp - 2.0 / (rp + ra)))


def hyperbolic_burn(vinf, mu: float, rp: float, ra: float | None = None):
    """Impulse at periapsis between a hyperbola of excess speed ``vinf`` and an orbit (rp, ra), m/s.

    dv = sqrt(vinf^2 + 2 mu / rp) - v_p with v_p the periapsis speed of the parking
    orbit (circular when ``ra`` is None).  Vectorized over ``vinf``.
    """
    ra = rp if ra is None else ra
    vinf = np.asarray(vinf, dtype=float)
    return np.sqrt(vinf**2 + 2.0 * mu / rp) - _periapsis_speed(mu, rp, ra)


def entry_speed(vinf, altitude: float = ENTRY_ALTITUDE):
    """Earth entry speed at ``altitude`` (m) for hyperbolic excess ``vinf``: sqrt(vinf^2 + 2 mu/r), m/s."""
    return np.sqrt(np.asarray(vinf, dtype=float) ** 2 + 2.0 * EARTH.gm / (EARTH.radius + altitude))


def _stay_range(lo, hi, min_stay, max_stay):
    a = lo if min_stay is None else max(lo, min_stay)
    b = hi if max_stay is None else min(hi, max_stay)
    return (a, b) if a <= b else None


MIN_STEP_DAYS = 0.5  # below 0.5 d the Lambert grids (~1/step^2 cells) outgrow memory


@dataclass(frozen=True)
class RoundTripOptions:
    """What a round-trip search explores and how it prices a trip (SI: s, m, m/s, m^2/s^2).

    Errors name the day-unit parameters users write (``step_days``, ``outbound_tof_days``...);
    :meth:`from_days` builds the options from them (the CLI and study edge).
    """

    mission_class: str = "both"  # conjunction, opposition or both
    step_s: float = 2.0 * DAY  # grid step of departures, arrivals and stays
    outbound_tof_s: tuple[float, float] = (80.0 * DAY, 400.0 * DAY)
    return_tof_s: tuple[float, float] = (80.0 * DAY, 450.0 * DAY)
    min_stay_s: float | None = None
    max_stay_s: float | None = None
    opposition_stay_s: tuple[float, float] = (30.0 * DAY, 90.0 * DAY)
    conjunction_stay_s: tuple[float, float] = (300.0 * DAY, 650.0 * DAY)
    opposition_max_total_s: float | None = 650.0 * DAY
    max_duration_s: float | None = None
    venus: bool = False  # also try one Venus flyby on either leg
    venus_min_altitude: float | None = None  # m; default VENUS.atmosphere_top
    flyby: str = "powered"  # or "unpowered" (v-infinity mismatch <= flyby_match_tol paid as a trim burn)
    flyby_match_tol: float = 100.0  # m/s
    leo_altitude: float = LEO_ALTITUDE
    mars_periapsis_altitude: float = DRA5_MARS_PERIAPSIS_ALT
    mars_apoapsis_altitude: float = DRA5_MARS_APOAPSIS_ALT
    mars_capture: str = "propulsive"  # or "aerocapture"
    earth_arrival: str = "entry"  # or "propulsive" (capture into the LEO)
    entry_altitude: float = ENTRY_ALTITUDE
    entry_speed_limit: float | None = DEFAULT_ENTRY_SPEED_LIMIT  # m/s; braking above it is charged (None: free)
    capsule: str = DEFAULT_CAPSULE  # what the limit stands for (a preset name or "custom")
    max_entry_speed: float | None = None  # m/s; a hard cap: faster returns are refused, not braked
    max_c3: float | None = None  # m^2/s^2

    _DAY_FIELDS = {"step_days": "step_s", "outbound_tof_days": "outbound_tof_s", "return_tof_days": "return_tof_s",
                   "min_stay_days": "min_stay_s", "max_stay_days": "max_stay_s",
                   "opposition_stay_days": "opposition_stay_s", "conjunction_stay_days": "conjunction_stay_s",
                   "opposition_max_total_days": "opposition_max_total_s", "max_duration_days": "max_duration_s"}

    @classmethod
    def from_days(cls, **kwargs) -> "RoundTripOptions":
        """Options with durations given in days under their ``*_days`` names (other fields as in the class)."""
        si = {}
        if isinstance(kwargs.get("capsule"), str) and "entry_speed_limit" not in kwargs:
            cap = load_capsule(kwargs["capsule"])
            kwargs = {**kwargs, "capsule": cap.key, "entry_speed_limit": cap.max_entry_speed}
        for key, value in kwargs.items():
            name = cls._DAY_FIELDS.get(key)
            if name is None:
                if key not in cls.__dataclass_fields__:
                    raise UnknownNameError("round-trip option", key, [*cls._DAY_FIELDS, *(
                        f for f in cls.__dataclass_fields__ if f not in cls._DAY_FIELDS.values())])
                si[key] = value
            elif value is None:
                si[name] = None
            elif isinstance(value, (tuple, list)):
                si[name] = tuple(float(v) * DAY for v in value)
            else:
                si[name] = float(value) * DAY
        return cls(**si)

    def days(self, name: str):
        """A duration option in days (``None`` stays ``None``; pairs stay pairs)."""
        value = getattr(self, name)
        if value is None:
            return None
        return tuple(v / DAY for v in value) if isinstance(value, tuple) else value / DAY

    def __post_init__(self):
        if self.mission_class not in ("both",) + MISSION_CLASSES:
            raise InputError("mission_class", f"unknown class {self.mission_class!r}", "conjunction, opposition or both")
        if self.flyby not in ("powered", "unpowered"):
            raise InputError("flyby", f"unknown flyby model {self.flyby!r}", "powered or unpowered")
        if self.mars_capture not in ("propulsive", "aerocapture"):
            raise InputError("mars_capture", f"unknown {self.mars_capture!r}", "propulsive or aerocapture")
        if self.earth_arrival not in ("entry", "propulsive"):
            raise InputError("earth_arrival", f"unknown {self.earth_arrival!r}", "entry or propulsive")
        step_days = self.days("step_s")
        require_positive("step_days", step_days, unit="d")
        if not MIN_STEP_DAYS <= step_days <= 10:
            raise InputError("step_days", f"got {step_days:g} d", f"{MIN_STEP_DAYS:g} to 10 d")
        for name, rng in (("outbound_tof_days", self.days("outbound_tof_s")),
                          ("return_tof_days", self.days("return_tof_s"))):
            require_positive(name, rng, unit="d")
            if rng[1] <= rng[0]:
                raise InputError(name, f"empty range {rng}", "min < max, days > 0")
        for name in ("min_stay_days", "max_stay_days", "max_duration_days"):
            val = self.days(self._DAY_FIELDS[name])
            if val is not None:
                require_positive(name, val, allow_zero=name == "min_stay_days", unit="d")
        lo, hi = self.days("min_stay_s"), self.days("max_stay_s")
        if lo is not None and hi is not None and hi < lo:
            raise InputError("max_stay_days", f"{hi:g} d is below min_stay_days {lo:g} d", ">= min_stay_days")
        if self.entry_speed_limit is not None and not 5e3 <= self.entry_speed_limit <= 20e3:
            raise InputError("entry_speed_limit", f"got {self.entry_speed_limit / 1e3:g} km/s", "5 to 20 km/s")
        require_positive("leo_altitude", self.leo_altitude, unit="m")
        require_positive("mars_periapsis_altitude", self.mars_periapsis_altitude, unit="m")
        if self.mars_apoapsis_altitude < self.mars_periapsis_altitude:
            raise InputError("mars_apoapsis_altitude", "below the periapsis altitude", ">= mars_periapsis_altitude")

    @property
    def venus_periapsis_radius(self) -> float:
        return VENUS.radius + (VENUS.atmosphere_top if self.venus_min_altitude is None else self.venus_min_altitude)

    def stays_days(self) -> dict[str, tuple[float, float]]:
        """Stay range (days) of every requested class that the stay limits leave non-empty."""
        wanted = MISSION_CLASSES if self.mission_class == "both" else (self.mission_class,)
        stays = {}
        for c in wanted:
            lo, hi = self.days("opposition_stay_s" if c == "opposition" else "conjunction_stay_s")
            rng = _stay_range(lo, hi, self.days("min_stay_s"), self.days("max_stay_s"))
            if rng is not None:
                stays[c] = rng
        if not stays:
            lo, hi = self.days("min_stay_s"), self.days("max_stay_s")
            opp, conj = self.days("opposition_stay_s"), self.days("conjunction_stay_s")
            raise InputError("min_stay_days/max_stay_days",
                             f"stay {lo or 0:g} to {'any' if hi is None else f'{hi:g}'} d fits no searched class",
                             f"opposition {opp[0]:g}-{opp[1]:g} d or conjunction {conj[0]:g}-{conj[1]:g} d")
        return stays

    def to_dict(self) -> dict[str, Any]:
        """The options in display units (the ``options`` of :meth:`RoundTripSearch.to_dict`)."""
        return {
            "step_days": self.days("step_s"),
            "outbound_tof_days": list(self.days("outbound_tof_s")),
            "return_tof_days": list(self.days("return_tof_s")),
            "stay_days": {c: list(v) for c, v in self.stays_days().items()},
            "venus": self.venus,
            "flyby": self.flyby,
            "venus_min_altitude_km": (VENUS.atmosphere_top if self.venus_min_altitude is None
                                      else self.venus_min_altitude) / 1e3,
            "leo_altitude_km": self.leo_altitude / 1e3,
            "mars_orbit_km": [self.mars_periapsis_altitude / 1e3, self.mars_apoapsis_altitude / 1e3],
            "mars_capture": self.mars_capture,
            "earth_arrival": self.earth_arrival,
            "capsule": self.capsule,
            "entry_speed_limit_kms": None if self.entry_speed_limit is None else self.entry_speed_limit / 1e3,
            "max_entry_speed_kms": None if self.max_entry_speed is None else self.max_entry_speed / 1e3,
            "max_c3_km2s2": None if self.max_c3 is None else self.max_c3 / 1e6,
            "max_duration_days": self.days("max_duration_s"),
            "opposition_max_total_days": self.days("opposition_max_total_s"),
            "entry_altitude_km": self.entry_altitude / 1e3,
        }


@dataclass(frozen=True)
class LegCosts:
    """Impulsive cost (m/s, inf where a limit fails) of each hyperbolic excess speed at each end of a leg."""

    opts: RoundTripOptions

    def dep_earth(self, vinf):
        dv = hyperbolic_burn(vinf, EARTH.gm, EARTH.radius + self.opts.leo_altitude)
        if self.opts.max_c3 is not None:
            dv = np.where(vinf**2 <= self.opts.max_c3, dv, np.inf)
        return dv

    def arr_mars(self, vinf):
        if self.opts.mars_capture == "aerocapture":
            return np.zeros_like(vinf)
        return self.dep_mars(vinf)

    def dep_mars(self, vinf):
        o = self.opts
        return hyperbolic_burn(vinf, MARS.gm, MARS.radius + o.mars_periapsis_altitude, MARS.radius + o.mars_apoapsis_altitude)

    def arr_earth(self, vinf):
        """Direct entry: the braking burn above the capsule's entry-speed limit (:mod:`.capsules`), so the
        optimiser pays for fast returns; propulsive: capture into the LEO."""
        o = self.opts
        if o.earth_arrival == "entry":
            dv = entry_braking(entry_speed(vinf, o.entry_altitude), o.entry_speed_limit)
        else:
            dv = hyperbolic_burn(vinf, EARTH.gm, EARTH.radius + o.leo_altitude)
        if o.max_entry_speed is not None:
            dv = np.where(entry_speed(vinf, o.entry_altitude) <= o.max_entry_speed, dv, np.inf)
        return dv
