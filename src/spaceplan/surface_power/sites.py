"""Lunar surface sites: selenographic position, mast height and the local horizon profile.

A site is a point on a spherical Moon (IAU mean radius 1737.4 km, Archinal et al. 2018) at
planetocentric latitude/longitude in the mean Earth/polar axis frame, with the solar panels
``height_m`` above the local surface.  The horizon is the terrain elevation angle seen from the
panels as a function of azimuth (north through east); a flat site has 0 deg everywhere.  Presets
live in ``presets/sites/*.toml`` and say whether their horizon is published or assumed.

A custom site is written ``LAT,LON`` in degrees (flat horizon), e.g. ``-89.5,222``.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field

import numpy as np

from spaceplan.core import registry
from spaceplan.core.constants import MOON
from spaceplan.core.errors import InputError, ParseError, UnknownNameError

MAX_HEIGHT_M = 10_000.0  # a mast or a tower, not an orbit: higher is "off the Moon"
HORIZON_SAMPLES = 720  # azimuth samples of the stored horizon (0.5 deg)


@dataclass(frozen=True)
class Site:
    """A place on the Moon.  Angles in radians, heights in metres."""

    name: str
    latitude: float
    longitude: float
    height_m: float = 0.0
    horizon: np.ndarray = field(default_factory=lambda: np.zeros(HORIZON_SAMPLES), repr=False, compare=False)
    title: str = ""
    horizon_source: str = "flat (no terrain)"
    published: dict = field(default_factory=dict, compare=False)

    def __post_init__(self):
        lat = float(self.latitude)
        if not math.isfinite(lat) or abs(lat) > math.pi / 2 + 1e-12:
            raise InputError(f"site {self.name!r} latitude", f"got {math.degrees(lat):g} deg", "-90 to 90 deg")
        if not math.isfinite(float(self.longitude)):
            raise InputError(f"site {self.name!r} longitude", f"got {self.longitude!r}", "a finite angle")
        h = float(self.height_m)
        if not math.isfinite(h) or h < 0 or h > MAX_HEIGHT_M:
            raise InputError(f"site {self.name!r} height", f"got {h:g} m: the site is off the Moon's surface",
                             f"0 to {MAX_HEIGHT_M:g} m above the surface")
        hor = np.asarray(self.horizon, dtype=float)
        if hor.ndim != 1 or hor.size < 4 or not np.all(np.isfinite(hor)) or np.any(np.abs(hor) >= math.pi / 2):
            raise InputError(f"site {self.name!r} horizon", "needs >= 4 finite elevations", "-90 to 90 deg")

    @property
    def latitude_deg(self) -> float:
        return math.degrees(self.latitude)

    @property
    def longitude_deg(self) -> float:
        return (math.degrees(self.longitude) + 180.0) % 360.0 - 180.0

    @property
    def flat(self) -> bool:
        return not np.any(self.horizon)

    def frame(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(position m, up, east, north) in the Moon-fixed frame; at a pole 'north' points along the
        meridian of the site's longitude (so azimuths stay defined)."""
        cl, sl = math.cos(self.latitude), math.sin(self.latitude)
        co, so = math.cos(self.longitude), math.sin(self.longitude)
        up = np.array([cl * co, cl * so, sl])
        east = np.array([-so, co, 0.0])
        north = np.array([-sl * co, -sl * so, cl])
        return (MOON.radius + self.height_m) * up, up, east, north

    def horizon_at(self, azimuth) -> np.ndarray:
        """Horizon elevation (rad) at azimuths (rad, from north through east), linear in between."""
        k = self.horizon.size
        x = np.mod(np.asarray(azimuth, dtype=float), 2 * math.pi) / (2 * math.pi / k)
        i0 = np.floor(x).astype(int) % k
        f = x - np.floor(x)
        return self.horizon[i0] * (1 - f) + self.horizon[(i0 + 1) % k] * f

    def to_dict(self) -> dict:
        return {"name": self.name, "title": self.title, "latitude_deg": self.latitude_deg,
                "longitude_deg": self.longitude_deg, "height_m": self.height_m,
                "horizon_source": self.horizon_source, "horizon_max_deg": float(np.degrees(self.horizon.max())),
                "horizon_mean_deg": float(np.degrees(self.horizon.mean())), "published": self.published}


def sample_horizon(spec: dict, field_name: str) -> np.ndarray:
    """Horizon (rad) at HORIZON_SAMPLES azimuths from a TOML ``[horizon]`` table.

    Either ``azimuth_deg`` + ``elevation_deg`` lists (periodic, linear interpolation) or
    ``mean_deg`` plus ``harmonics = [[amplitude_deg, azimuth_of_maximum_deg, order], ...]``.
    """
    az = np.arange(HORIZON_SAMPLES) * 360.0 / HORIZON_SAMPLES
    if "azimuth_deg" in spec:
        a = np.asarray(spec["azimuth_deg"], dtype=float)
        e = np.asarray(spec.get("elevation_deg", []), dtype=float)
        if a.shape != e.shape or a.size < 2 or np.any(np.diff(a) <= 0) or a[0] < 0 or a[-1] >= 360:
            raise ParseError(field_name, "azimuth_deg must rise within [0, 360) and match elevation_deg in length")
        out = np.interp(az, a, e, period=360.0)
    else:
        out = np.full(HORIZON_SAMPLES, float(spec.get("mean_deg", 0.0)))
        for term in spec.get("harmonics", []):
            amp, peak, order = (float(v) for v in term)
            out += amp * np.cos(np.radians(order * (az - peak)))
    if np.any(np.abs(out) >= 90):
        raise ParseError(field_name, "horizon elevations must lie within (-90, 90) deg")
    return np.radians(out)


def site_names() -> list[str]:
    """Lunar surface sites: presets of kind ``sites`` with a ``latitude_deg`` (:mod:`spaceplan.core.registry`)."""
    return registry.names("sites", table="latitude_deg")


@functools.lru_cache(maxsize=None)
def _load_preset(name: str) -> Site:
    preset = registry.load("sites", name, table="latitude_deg", field="site")
    name, path, data = preset.name, preset.path, dict(preset.data)
    try:
        lat = math.radians(float(data["latitude_deg"]))
        lon = math.radians(float(data["longitude_deg"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise ParseError(f"site {name}", f"{path}: needs numeric latitude_deg and longitude_deg ({exc})") from None
    hor = data.get("horizon", {})
    return Site(name=name, latitude=lat, longitude=lon, height_m=float(data.get("height_m", 0.0)),
                horizon=sample_horizon(hor, f"site {name} horizon") if hor else np.zeros(HORIZON_SAMPLES),
                title=str(data.get("title", name)), horizon_source=str(hor.get("source", "flat (no terrain)")),
                published=dict(data.get("published", {})))


def parse_site(text: str | Site, height_m: float | None = None) -> Site:
    """A preset name (``shackleton-rim``), ``LAT,LON`` in degrees, or a Site; optional mast height override.

    The override keeps the preset's horizon profile, which belongs to the preset's own height: a
    higher mast sees a lower horizon, so use the preset made for that height (e.g.
    ``connecting-ridge-10m``) when there is one.
    """
    if isinstance(text, Site):
        site = text
    else:
        key = str(text).strip().lower().replace("_", "-")
        if "," in key:
            parts = key.split(",")
            try:
                lat, lon = (float(p) for p in parts)
            except ValueError:
                raise InputError("site", f"cannot read {text!r}", "a preset name or LAT,LON in degrees") from None
            if not -90.0 <= lat <= 90.0:
                raise InputError("site latitude", f"got {lat:g} deg", "-90 to 90 deg")
            site = Site(name=f"{lat:g},{lon:g}", latitude=math.radians(lat), longitude=math.radians(lon))
        elif registry.known("sites", key):
            site = _load_preset(key)
        else:
            raise UnknownNameError("site", str(text), site_names() + ["LAT,LON"])
    if height_m is not None:
        site = Site(site.name, site.latitude, site.longitude, height_m, site.horizon, site.title,
                    site.horizon_source, site.published)
    return site
