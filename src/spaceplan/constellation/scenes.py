"""A constellation's satellites for other tools: OEM state histories and CZML scenes.

* :func:`satellite_states`: states of chosen satellites (Walker: the J2-secular circular model of
  :mod:`spaceplan.constellation.shells`; TLE/OMM catalog: SGP4), TEME of date rotated to EME2000,
  one :class:`spaceplan.core.oem.StateHistory` per satellite (an OEM holds one object);
* :func:`constellation_czml`: the same satellites moving in Cesium (Earth-fixed positions) with their
  ground tracks;
* :func:`coverage_czml`: a coverage snapshot (:class:`spaceplan.constellation.coverage.CoverageResult`)
  as coloured grid cells, one rectangle per cell (coarsened to at most ``max_cells`` cells).
"""

from __future__ import annotations

import math

import numpy as np

from spaceplan.core.czml import PALETTE, document, moving_packet, rectangle_packets, track_packet
from spaceplan.core.errors import InputError
from spaceplan.core.frames import ecef_to_geodetic, teme_to_ecef, teme_to_eme2000
from spaceplan.core.oem import StateHistory, object_id

__all__ = ["satellite_teme", "satellite_states", "constellation_czml", "coverage_czml"]

def _walker_teme(constellation, indices: np.ndarray, tdb: np.ndarray):
    from spaceplan.constellation.shells import positions_eci, velocities_eci

    return positions_eci(constellation, tdb, indices=indices), velocities_eci(constellation, tdb, indices=indices)


def satellite_teme(constellation, indices, tdb) -> tuple[np.ndarray, np.ndarray]:
    """TEME positions and velocities (T, K, 3) m, m/s of satellites ``indices`` at TDB epochs ``tdb``."""
    tdb = np.atleast_1d(np.asarray(tdb, dtype=float))
    indices = np.asarray(indices, dtype=np.int64)
    if hasattr(constellation, "catalog"):  # a TLE/OMM catalog: SGP4
        states = constellation.catalog.propagate(tdb)
        if not np.all(states.ok[:, indices]):
            failures = [f for f in states.failures() if f["norad_id"] in set(states.norad_ids[indices].tolist())]
            raise InputError("satellites", f"SGP4 fails for {failures[0]['norad_id']}: {failures[0]['message']}",
                             "satellites that SGP4 propagates over the window")
        return states.r_teme[:, indices], states.v_teme[:, indices]
    return _walker_teme(constellation, indices, tdb)


def _names(constellation, indices) -> list[tuple[str, str]]:
    """(OBJECT_NAME, OBJECT_ID) of each chosen satellite."""
    key = getattr(constellation, "key", "") or constellation.name
    if hasattr(constellation, "catalog"):
        cat = constellation.catalog
        return [(cat.names[i] or f"NORAD {int(cat.norad_ids[i])}", str(int(cat.norad_ids[i]))) for i in indices]
    out = []
    for i in indices:
        offset = 0
        for s_index, shell in enumerate(constellation.shells):
            if i < offset + shell.count:
                plane, slot = divmod(int(i) - offset, shell.sats_per_plane)
                name = f"{key.upper()} {s_index + 1}-{plane + 1}-{slot + 1}"
                out.append((name, object_id(name)))
                break
            offset += shell.count
    return out


def satellite_states(constellation, indices, tdb) -> list[StateHistory]:
    """EME2000 state histories of satellites ``indices`` at TDB epochs ``tdb`` (module docstring)."""
    tdb = np.atleast_1d(np.asarray(tdb, dtype=float))
    r, v = satellite_teme(constellation, indices, tdb)
    model = ("SGP4 from the catalog's element sets" if hasattr(constellation, "catalog") else
             "spaceplan Walker model: circular mean orbits with secular J2 drift (no short-period terms, no drag)")
    out = []
    for k, (name, oid) in enumerate(_names(constellation, indices)):
        r_e, v_e = teme_to_eme2000(r[:, k], v[:, k], tdb)
        out.append(StateHistory(name, oid, "EARTH", "EME2000", tdb, r_e, v_e,
                                (f"{constellation.name}: {model}",
                                 "computed in TEME of date, rotated to EME2000 (skyfield TEME rotation, IAU 2000B)")))
    return out


def constellation_czml(constellation, indices, tdb, name: str | None = None) -> str:
    """CZML: the satellites ``indices`` moving over ``tdb`` (Earth-fixed) and their ground tracks."""
    tdb = np.atleast_1d(np.asarray(tdb, dtype=float))
    if len(tdb) < 2:
        raise InputError("--duration", "fewer than two epochs", "at least two time steps")
    r, _ = satellite_teme(constellation, indices, tdb)
    ecef = teme_to_ecef(r, tdb[:, None])
    lat, lon, _ = ecef_to_geodetic(ecef)
    period = 2 * math.pi * math.sqrt(float(np.linalg.norm(r[0, 0])) ** 3 / 3.986004418e14)
    packets = []
    shell_of = constellation.shell_of_satellite()
    for k, ((sat_name, _), i) in enumerate(zip(_names(constellation, indices), indices)):
        color = PALETTE[int(shell_of[i]) % len(PALETTE)]
        packets.append(moving_packet(f"sat-{int(i)}", sat_name, tdb, ecef[:, k], color, trail_s=period))
        packets.append(track_packet(f"track-{int(i)}", f"{sat_name} ground track", np.degrees(lat[:, k]),
                                    np.degrees(lon[:, k]), color, width=1.0))
    return document(name or f"{constellation.name}: {len(indices)} satellites", tdb[0], tdb[-1], packets)


def coverage_czml(result, quantity: str = "fraction", max_cells: int = 20_000) -> str:
    """CZML of a coverage result's map: ``fraction`` (time covered), ``sats`` (mean in view), ``gap``
    (longest gap, minutes) or ``auto`` (as the coverage map), one rectangle per grid cell, cells merged by whole factors to stay under
    ``max_cells``."""
    g = result.ground
    if g.resolution_rad is None:
        raise InputError("--czml", f"region {g.name!r} is a point list, not a grid", "a gridded region")
    if quantity == "auto":  # as the coverage map: satellites in view where every point is always covered
        quantity = "sats" if np.all(result.covered_fraction >= 1.0) else "fraction"
    values = {"fraction": result.covered_fraction, "sats": result.mean_in_view,
              "gap": result.max_gap_s / 60.0}.get(quantity)
    if values is None:
        raise InputError("--map", f"got {quantity!r}", "auto, fraction, sats or gap")
    lat, lon = np.degrees(g.lat), np.degrees(g.lon)
    res = math.degrees(g.resolution_rad)
    factor = max(1, math.ceil(math.sqrt(g.size / max_cells)))
    if factor > 1:  # merge factor x factor cells: area-weighted means on a coarser grid
        size = res * factor
        keys = np.floor((lat + 90.0) / size).astype(int) * 100_000 + np.floor((lon + 180.0) / size).astype(int)
        uniq, inv = np.unique(keys, return_inverse=True)
        w = np.bincount(inv, g.weight)
        values = np.bincount(inv, g.weight * values) / w
        lat = (uniq // 100_000 + 0.5) * size - 90.0
        lon = (uniq % 100_000 + 0.5) * size - 180.0
        res = size
    label = {"fraction": "time covered", "sats": "mean satellites in view", "gap": "longest gap"}[quantity]
    unit = {"fraction": "", "sats": "", "gap": " min"}[quantity]
    packets = rectangle_packets("cell", lat, lon, res / 2.0, values, label, unit,
                                *((0.0, 1.0) if quantity == "fraction" else (None, None)))
    stop = result.start_tdb + result.steps * result.step_s
    title = (f"{result.constellation}: {label} over {result.region}, elevation >= "
             f"{math.degrees(result.min_elevation_rad):g} deg, >= {result.min_sats} sat(s)")
    return document(title, result.start_tdb, stop, packets)
