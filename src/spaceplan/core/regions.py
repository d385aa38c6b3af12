"""Ground point sets for coverage: global lat/lon grids with cell-area weights, bounding boxes,
country polygons (Natural Earth 1:110m, public domain) and named cities.

Cell weights are exact spherical cell areas on the unit sphere,
w = dlon (sin(lat_top) - sin(lat_bottom)) sr, so area fractions are sum(w x) / sum(w).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from importlib import resources

import numpy as np

from spaceplan.core import registry
from spaceplan.core.errors import InputError, UnknownNameError, require_range


@dataclass(frozen=True)
class GroundPoints:
    """Ground points (geodetic lat/lon in rad) with area weights (sr).

    ``grid_shape`` and ``grid_index`` place each point in a full global (nlat, nlon) grid
    of cell size ``resolution_rad`` (for maps); ``labels`` name the points of a city list.
    """

    name: str
    lat: np.ndarray
    lon: np.ndarray
    weight: np.ndarray
    resolution_rad: float | None = None
    grid_shape: tuple[int, int] | None = None
    grid_index: np.ndarray | None = None
    labels: tuple[str, ...] | None = None

    @property
    def size(self) -> int:
        return int(self.lat.size)

    @property
    def area_km2(self) -> float:
        return float(np.sum(self.weight)) * (6371.0088**2)

    def subset(self, mask: np.ndarray, name: str) -> "GroundPoints":
        if not np.any(mask):
            raise InputError("region", f"{name}: no grid point falls inside", "a larger region or a finer --grid")
        return GroundPoints(name, self.lat[mask], self.lon[mask], self.weight[mask], self.resolution_rad,
                            self.grid_shape, None if self.grid_index is None else self.grid_index[mask],
                            None if self.labels is None else tuple(np.asarray(self.labels)[mask]))


def global_grid(resolution_deg: float = 1.0) -> GroundPoints:
    """Cell-centre grid over the whole Earth, ``resolution_deg`` cells (180/res must be whole)."""
    require_range("grid resolution_deg", resolution_deg, 0.05, 30.0, "deg")
    nlat = round(180.0 / resolution_deg)
    if abs(nlat * resolution_deg - 180.0) > 1e-9:
        raise InputError("grid resolution_deg", f"{resolution_deg} deg does not divide 180 deg", "e.g. 0.25, 0.5, 1, 2, 5")
    nlon = 2 * nlat
    d = math.radians(resolution_deg)
    lat_edges = -0.5 * math.pi + d * np.arange(nlat + 1)
    lat_c = 0.5 * (lat_edges[:-1] + lat_edges[1:])
    lon_c = -math.pi + d * (np.arange(nlon) + 0.5)
    w_row = d * (np.sin(lat_edges[1:]) - np.sin(lat_edges[:-1]))
    lat, lon = np.meshgrid(lat_c, lon_c, indexing="ij")
    weight = np.broadcast_to(w_row[:, None], (nlat, nlon))
    return GroundPoints(f"world ({resolution_deg:g} deg grid)", lat.ravel(), lon.ravel(), weight.ravel().copy(), d,
                        (nlat, nlon), np.arange(nlat * nlon))


def bounding_box(lat0_deg, lat1_deg, lon0_deg, lon1_deg, resolution_deg: float = 1.0) -> GroundPoints:
    """Grid cells whose centre lies in the box; lon0 > lon1 wraps across the antimeridian."""
    require_range("bbox lat0", lat0_deg, -90, 90, "deg")
    require_range("bbox lat1", lat1_deg, -90, 90, "deg")
    require_range("bbox lon0", lon0_deg, -180, 360, "deg")
    require_range("bbox lon1", lon1_deg, -180, 360, "deg")
    if lat1_deg <= lat0_deg:
        raise InputError("bbox", f"lat1 {lat1_deg} <= lat0 {lat0_deg}", "lat0 < lat1")
    g = global_grid(resolution_deg)
    lat, lon = np.degrees(g.lat), np.degrees(g.lon)
    lon0, lon1 = (lon0_deg + 180) % 360 - 180, (lon1_deg + 180) % 360 - 180
    if lon1_deg - lon0_deg >= 360.0:  # a full turn (e.g. -180..180): every longitude, not an empty wrap
        in_lon = np.ones_like(lon, dtype=bool)
    else:
        in_lon = (lon >= lon0) & (lon <= lon1) if lon0 <= lon1 else (lon >= lon0) | (lon <= lon1)
    return g.subset((lat >= lat0_deg) & (lat <= lat1_deg) & in_lon,
                    f"box {lat0_deg:g}..{lat1_deg:g} N, {lon0_deg:g}..{lon1_deg:g} E")


# The bundled outline file lost one non-ASCII letter in its conversion (U+FFFD in place of the letter); the
# Natural Earth NAME field spells it so (ne_110m_admin_0_countries, NAME).
_NAME_FIXES = {"C\ufffdte d'Ivoire": "C\u00f4te d'Ivoire"}
REGION_FORMS = "world, bbox:LAT0,LAT1,LON0,LON1, CITY,CITY,..., or a country (Natural Earth name or ISO A3 code)"


@functools.lru_cache(maxsize=1)
def _countries():
    with resources.files("spaceplan.core").joinpath("data/ne_110m_countries.npz").open("rb") as fh:
        data = np.load(fh)
        out = {k: data[k] for k in data.files}
    out["names"] = np.array([_NAME_FIXES.get(str(n), str(n)) for n in out["names"]])
    return out


def _fold(name: str) -> str:
    """Matching key of a country name: accents dropped, case folded, letters and digits only
    (``Côte d'Ivoire``, ``cote divoire`` and ``COTE D'IVOIRE`` are one key)."""
    import unicodedata

    from spaceplan.core.errors import name_key

    plain = "".join(c for c in unicodedata.normalize("NFKD", str(name)) if not unicodedata.combining(c))
    return name_key(plain)


def country_names() -> list[str]:
    return sorted(str(n) for n in _countries()["names"])


def _unknown_region(name: str) -> UnknownNameError:
    """An unknown region, with the near country names (not the whole list of 177: it made a 1.9 kB line)."""
    from spaceplan.core.errors import near_matches

    names = country_names()
    by_key = {_fold(n): n for n in names}
    near = [by_key[k] for k in near_matches(_fold(name), list(by_key))]
    exc = UnknownNameError("region", name, [])
    hint = f"; did you mean {' or '.join(repr(n) for n in near)}?" if near else ""
    exc.args = (f"region: unknown region {name!r}{hint} (allowed: {REGION_FORMS})",)
    exc.allowed, exc.known, exc.near = REGION_FORMS, ["world", *names], near
    return exc


def country_rings(name: str) -> list[np.ndarray]:
    """Outline rings (lon, lat deg arrays (V, 2)) of a Natural Earth 110m country (name or ISO A3; names match
    without regard to case, accents or punctuation)."""
    data = _countries()
    names = [_fold(n) for n in data["names"]]
    iso = [str(n).lower() for n in data["iso_a3"]]
    key = _fold(name)
    if key and key in names:
        idx = names.index(key)
    elif name.strip().lower() in iso and name.strip().lower() != "-99":
        idx = iso.index(name.strip().lower())
    else:
        raise _unknown_region(name)
    off = data["ring_offsets"]
    return [data["lonlat"][off[r]:off[r + 1]].astype(float) for r in np.flatnonzero(data["ring_country"] == idx)]


def world_rings() -> list[np.ndarray]:
    """Every country outline ring (lon, lat deg), for drawing the land outline on maps."""
    data = _countries()
    off = data["ring_offsets"]
    return [data["lonlat"][off[r]:off[r + 1]].astype(float) for r in range(len(off) - 1)]


def points_in_rings(lon_deg, lat_deg, rings) -> np.ndarray:
    """Even-odd ray-casting point-in-polygon test over several rings (holes subtract), vectorized."""
    lon_deg, lat_deg = np.asarray(lon_deg, float), np.asarray(lat_deg, float)
    shape = np.broadcast(lon_deg, lat_deg).shape
    lon_all, lat_all = np.broadcast_to(lon_deg, shape).ravel(), np.broadcast_to(lat_deg, shape).ravel()
    inside = np.zeros(lon_all.shape, dtype=bool)
    for ring in rings:
        x, y = ring[:, 0], ring[:, 1]
        # a point outside the ring's bounding box crosses its edges an even number of times
        cand = np.flatnonzero((lon_all >= x.min()) & (lon_all <= x.max()) & (lat_all >= y.min()) & (lat_all <= y.max()))
        if cand.size == 0:
            continue
        lon, lat = lon_all[cand], lat_all[cand]
        parity = np.zeros(cand.size, dtype=bool)
        x0, y0, x1, y1 = x, y, np.roll(x, -1), np.roll(y, -1)
        for k in range(len(x)):
            ya, yb = y0[k], y1[k]
            if ya == yb:
                continue
            crosses = (ya > lat) != (yb > lat)
            xint = x0[k] + (lat - ya) * (x1[k] - x0[k]) / (yb - ya)
            parity ^= crosses & (lon < xint)
        inside[cand] ^= parity
    return inside.reshape(shape)


def country(name: str, resolution_deg: float = 1.0) -> GroundPoints:
    """Grid cells whose centre lies inside a Natural Earth 110m country outline."""
    rings = country_rings(name)
    g = global_grid(resolution_deg)
    mask = points_in_rings(np.degrees(g.lon), np.degrees(g.lat), rings)
    label = next((n for n in country_names() if _fold(n) == _fold(name)), None)
    return g.subset(mask, label or (name.strip().title() if len(name) > 3 else name.upper()))


def cities(names) -> GroundPoints:
    """Named cities (registry kind ``cities``, any case or punctuation) as points of equal weight."""
    rows = [registry.load("cities", name, field="city") for name in names]
    lat = np.radians([p.data["lat_deg"] for p in rows])
    lon = np.radians([p.data["lon_deg"] for p in rows])
    return GroundPoints("cities", lat, lon, np.ones(len(rows)), labels=tuple(p.title for p in rows))


def parse_region(text: str, resolution_deg: float = 1.0) -> GroundPoints:
    """``world`` | ``russia`` (or any Natural Earth country) | ``bbox:lat0,lat1,lon0,lon1`` | ``CITY,CITY,...``."""
    text = str(text).strip()
    low = text.lower()
    if low in ("world", "global", "earth"):
        return global_grid(resolution_deg)
    if low.startswith("bbox:"):
        try:
            vals = [float(v) for v in text[5:].split(",")]
        except ValueError:
            vals = []
        if len(vals) != 4:
            raise InputError("region", f"cannot read {text!r}", "bbox:LAT0,LAT1,LON0,LON1 in degrees")
        return bounding_box(*vals, resolution_deg=resolution_deg)
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if parts and all(registry.known("cities", p) for p in parts):
        return cities(parts)
    if len(parts) > 1:
        return cities(parts)  # raises UnknownNameError naming the unknown city
    return country(text, resolution_deg)
