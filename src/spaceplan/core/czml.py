"""CZML documents (Cesium's scene language) checked with ``czml3`` (BSD-3-Clause, pydantic models).

CZML 1.0 (AGI/Cesium "CZML Guide" and the czml-writer wiki): a JSON array of packets, the first one the
document preamble (``id = "document"``, ``version``, the ``clock``).  spaceplan writes:

* moving objects (satellites, a reentering body) as time-tagged Cartesian positions in the ``FIXED``
  (Earth-fixed, ITRF) frame, seconds after an epoch, interpolated by Lagrange degree 5, with a ``path``;
  Earth-fixed positions come from :func:`spaceplan.core.frames.teme_to_ecef` (UT1 = UTC, no polar motion:
  <= 0.5 km, see that module), so the scene shows the same ground tracks as spaceplan's maps;
* ground tracks as polylines of WGS 84 longitude/latitude, clamped to the ground;
* maps (coverage snapshots) as cartographic rectangles coloured by value;
* points with labels (footprint impact points, Point Nemo).

Every document is read back by ``czml3.Document.model_validate`` from its own JSON before it is written
(all packets, or a sample of a very large one), so what leaves spaceplan has passed czml3's schema checks.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np

from spaceplan.core.errors import InputError

__all__ = ["document", "moving_packet", "track_packet", "rectangle_packets", "point_packet", "write_czml",
           "PALETTE"]

# Colour-blind-safe qualitative palette (Okabe & Ito 2008), RGBA
PALETTE = ((0, 114, 178, 255), (230, 159, 0, 255), (0, 158, 115, 255), (204, 121, 167, 255), (86, 180, 233, 255),
           (213, 94, 0, 255), (240, 228, 66, 255), (0, 0, 0, 255))


def _iso(tdb: float) -> str:
    from spaceplan.core.time import tdb_to_iso

    return str(tdb_to_iso(float(tdb), "ms"))


def _interval(t0: float, t1: float) -> str:
    return f"{_iso(t0)}/{_iso(t1)}"


VALIDATE_ALL_BELOW = 2_000  # packets; larger documents are checked on a sample (see :func:`document`)


def document(name: str, start_tdb: float, stop_tdb: float, packets, multiplier: float = 60.0) -> str:
    """The CZML text of ``packets`` (plain dicts) after a preamble whose clock spans the run.

    The packets are built as plain dicts (czml3's pydantic models take ~3 ms a packet to build) and then
    checked by ``czml3.Document.model_validate``: every packet of a document of fewer than
    :data:`VALIDATE_ALL_BELOW` packets, else the preamble, the first and last packets and every k-th packet
    (about that many), the packets of one kind being built by one function."""
    from czml3 import CZML_VERSION, Document

    if not stop_tdb >= start_tdb:
        raise InputError("czml", "clock stops before it starts", "stop >= start")
    preamble = {"id": "document", "name": name, "version": CZML_VERSION,
                "clock": {"interval": _interval(start_tdb, stop_tdb), "currentTime": _iso(start_tdb),
                          "multiplier": float(multiplier), "range": "LOOP_STOP", "step": "SYSTEM_CLOCK_MULTIPLIER"}}
    packets = [preamble, *packets]
    text = json.dumps(packets, separators=(",", ":"), allow_nan=False)
    parsed = json.loads(text)
    if len(parsed) > VALIDATE_ALL_BELOW:
        k = -(-len(parsed) // VALIDATE_ALL_BELOW)
        parsed = [parsed[0]] + parsed[1::k] + [parsed[-1]]
    Document.model_validate(parsed)  # raises pydantic.ValidationError on a malformed packet
    return text


def _color(rgba) -> dict:
    return {"rgba": [int(c) for c in rgba]}


def _solid(rgba) -> dict:
    return {"solidColor": {"color": _color(rgba)}}


def moving_packet(pid: str, name: str, tdb, r_ecef, color=PALETTE[0], *, trail_s: float | None = None,
                  lead_s: float = 0.0, pixel_size: float = 6.0, description: str | None = None) -> dict:
    """An object moving along Earth-fixed positions ``r_ecef`` (n, 3) m at TDB epochs ``tdb`` (n,)."""
    t = np.asarray(tdb, dtype=float)
    r = np.asarray(r_ecef, dtype=float).reshape(-1, 3)
    if len(t) != len(r) or len(t) < 2 or np.any(np.diff(t) <= 0) or not np.all(np.isfinite(r)):
        raise InputError("czml", f"{name}: needs >= 2 finite positions at increasing epochs", "increasing epochs")
    samples = np.column_stack([np.round(t - t[0], 3), np.round(r, 1)]).ravel().tolist()
    packet = {"id": pid, "name": name, "availability": _interval(t[0], t[-1]),
              "position": {"epoch": _iso(t[0]), "cartesian": samples, "referenceFrame": "FIXED",
                           "interpolationAlgorithm": "LAGRANGE", "interpolationDegree": min(5, len(t) - 1)},
              "point": {"pixelSize": float(pixel_size), "color": _color(color)},
              "path": {"width": 1.5, "leadTime": float(lead_s),
                       "trailTime": float(trail_s if trail_s is not None else t[-1] - t[0]),
                       "resolution": max(1.0, float(np.median(np.diff(t)))), "material": {"solidColor": {
                           "color": _color(color)}}},
              "label": {"text": name, "show": False}}
    if description:
        packet["description"] = description
    return packet


def track_packet(pid: str, name: str, lat_deg, lon_deg, color=PALETTE[0], width: float = 1.5,
                 description: str | None = None) -> dict:
    """A polyline on the ground through WGS 84 points (degrees)."""
    lat, lon = np.asarray(lat_deg, float).ravel(), np.asarray(lon_deg, float).ravel()
    if len(lat) < 2 or len(lat) != len(lon) or not (np.all(np.isfinite(lat)) and np.all(np.isfinite(lon))):
        raise InputError("czml", f"{name}: needs >= 2 finite ground points", "finite latitude/longitude pairs")
    coords = np.column_stack([np.round(lon, 5), np.round(lat, 5), np.zeros_like(lat)]).ravel().tolist()
    packet = {"id": pid, "name": name,
              "polyline": {"positions": {"cartographicDegrees": coords}, "width": float(width), "clampToGround": True,
                           "arcType": "GEODESIC", "material": _solid(color)}}
    if description:
        packet["description"] = description
    return packet


def point_packet(pid: str, name: str, lat_deg: float, lon_deg: float, color=PALETTE[5], label: bool = True,
                 description: str | None = None) -> dict:
    """A fixed point on the ground with its name as a label."""
    packet = {"id": pid, "name": name, "position": {"cartographicDegrees": [float(lon_deg), float(lat_deg), 0.0]},
              "point": {"pixelSize": 8.0, "color": _color(color)},
              "label": {"text": name, "show": bool(label), "font": "12pt sans-serif"}}
    if description:
        packet["description"] = description
    return packet


def _ramp(x: float) -> tuple[int, int, int, int]:
    """Value in [0, 1] -> RGBA on a dark-red to yellow to green ramp, 60 % opaque."""
    x = min(1.0, max(0.0, float(x)))
    r = int(round(255 * min(1.0, 2.0 * (1.0 - x))))
    g = int(round(255 * min(1.0, 2.0 * x)))
    return r, g, 40, 153


def rectangle_packets(prefix: str, lat_deg, lon_deg, half_deg: float, values, label: str,
                      unit: str = "", lo: float | None = None, hi: float | None = None) -> list[dict]:
    """One cartographic rectangle per grid cell (centre lat/lon, half size in degrees), coloured by ``values``
    scaled to [0, 1] between ``lo`` and ``hi`` (default: their minimum and maximum)."""
    lat, lon, val = (np.asarray(x, float).ravel() for x in (lat_deg, lon_deg, values))
    if not (len(lat) == len(lon) == len(val)):
        raise InputError("czml", "one value per cell", "equal lengths")
    finite = val[np.isfinite(val)]
    lo = float(finite.min()) if lo is None and finite.size else (0.0 if lo is None else lo)
    hi = float(finite.max()) if hi is None and finite.size else (1.0 if hi is None else hi)
    span = hi - lo if hi > lo else 1.0
    out = []
    for k in range(len(lat)):
        if not math.isfinite(val[k]):
            continue
        wsen = [round(float(lon[k] - half_deg), 6), round(max(-90.0, float(lat[k] - half_deg)), 6),
                round(float(lon[k] + half_deg), 6), round(min(90.0, float(lat[k] + half_deg)), 6)]
        out.append({"id": f"{prefix}-{k}", "name": f"{label} {val[k]:.3g}{unit}",
                    "rectangle": {"coordinates": {"wsenDegrees": wsen}, "fill": True,
                                  "material": _solid(_ramp((val[k] - lo) / span))}})
    return out


def write_czml(path, text: str) -> Path:
    """Write CZML text to ``path`` (UTF-8)."""
    path = Path(path)
    path.write_text(text, encoding="utf-8")
    return path
