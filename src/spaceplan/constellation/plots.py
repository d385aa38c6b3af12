"""Coverage figures: world/region coverage maps and sub-satellite ground tracks (matplotlib, Agg).

Maps are equirectangular (plate carree, degrees of longitude and latitude to equal scale)
with the land outline of the bundled Natural Earth 1:110m countries
(:func:`spaceplan.core.regions.world_rings`, public domain), so they need no
network and no cartography package.  Grid results are drawn cell by cell; point sets
without a grid (city lists) as coloured markers.  Polylines that jump by more than
180 deg of longitude (the antimeridian, or the seam of a map re-centred on a region)
are broken there instead of being drawn across the map.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from spaceplan.core.errors import InputError

QUANTITIES = ("auto", "fraction", "sats", "gap")


def _plt():
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    return plt


def _break_at_jumps(lon: np.ndarray, lat: np.ndarray, cut=None) -> tuple[np.ndarray, np.ndarray]:
    """Insert NaN between consecutive vertices more than 180 deg of longitude apart
    (and after the segments where the boolean ``cut`` (V - 1) is true)."""
    lon, lat = np.asarray(lon, float), np.asarray(lat, float)
    if lon.size < 2:
        return lon, lat
    jump = np.abs(np.diff(lon)) > 180.0
    if cut is not None:
        jump |= cut
    idx = np.flatnonzero(jump) + 1
    return np.insert(lon, idx, np.nan), np.insert(lat, idx, np.nan)


def _draw_coast(ax, lon0: float = 0.0) -> None:
    """Land outline in the longitude window [lon0 - 180, lon0 + 180).

    Natural Earth splits polygons at the antimeridian; the edges running along it are not
    coastline and are left out (they would show as a vertical line on a re-centred map).
    """
    from spaceplan.core.regions import world_rings

    for ring in world_rings():
        on_seam = np.abs(ring[:, 0]) >= 179.99
        lon = (ring[:, 0] - lon0 + 180.0) % 360.0 - 180.0 + lon0
        x, y = _break_at_jumps(lon, ring[:, 1], on_seam[:-1] & on_seam[1:])
        ax.plot(x, y, color="white", lw=1.3, alpha=0.55)  # halo: outline legible on dark cells too
        ax.plot(x, y, color="0.1", lw=0.5, alpha=0.9)


def _lon_window(lon_deg: np.ndarray) -> tuple[float, float]:
    """(west, east) longitudes (deg; west in [-180, 180), east may exceed 180) of the smallest
    arc holding all points: the complement of the largest circular gap between them."""
    u = np.unique(np.mod(np.asarray(lon_deg, float), 360.0))
    gaps = np.diff(np.concatenate([u, u[:1] + 360.0]))
    k = int(np.argmax(gaps))
    west = (float(u[(k + 1) % u.size]) + 180.0) % 360.0 - 180.0
    return west, west + 360.0 - float(gaps[k])


def _pick_quantity(result, quantity: str) -> str:
    if quantity not in QUANTITIES:
        raise InputError("quantity", f"unknown map quantity {quantity!r}", ", ".join(QUANTITIES))
    if quantity != "auto":
        return quantity
    # a map of a fraction that is 100 % everywhere says nothing: show satellites in view instead
    return "sats" if np.all(result.covered_fraction >= 1.0) else "fraction"


def _values(result, quantity: str):
    """(values per point, colour-bar label, colormap, vmin, vmax)."""
    if quantity == "fraction":
        return (100.0 * result.covered_fraction, f"time with >= {result.min_sats} satellite(s) in view (%)",
                "viridis", 0.0, 100.0)
    if quantity == "sats":
        v = np.asarray(result.mean_in_view, float)
        return v, "mean satellites in view", "magma", 0.0, max(1.0, float(np.max(v)))
    v = np.asarray(result.max_gap_s, float) / 60.0
    return v, "longest coverage gap (min)", "inferno_r", 0.0, max(1.0, float(np.max(v)))


def _title(result, label: str) -> str:
    from spaceplan.core.time import tdb_to_iso

    hours = result.steps * result.step_s / 3600.0
    span = f"{hours / 24:g} d" if hours >= 24 and abs(hours / 24 - round(hours / 24)) < 1e-9 else f"{hours:g} h"
    return (f"{result.constellation} ({result.satellites} satellites): {label}\n"
            f"{result.region}, min elevation {math.degrees(result.min_elevation_rad):g} deg, "
            f"{tdb_to_iso(result.start_tdb)} + {span} at {result.step_s:g} s steps")


def coverage_map(result, path, quantity: str = "auto", title: str | None = None) -> Path:
    """Map of a :class:`CoverageResult`: coverage fraction, mean satellites in view or longest gap.

    ``quantity``: ``fraction`` (% of time with >= min_sats in view), ``sats`` (mean number in
    view), ``gap`` (longest gap, min) or ``auto`` (``sats`` when every point is always covered,
    else ``fraction``).  Global grids show the whole Earth; regional grids are zoomed on the
    region (re-centred when it crosses the antimeridian, e.g. Russia); city lists are markers.
    """
    plt = _plt()
    quantity = _pick_quantity(result, quantity)
    values, label, cmap, vmin, vmax = _values(result, quantity)
    g = result.ground
    lat_deg, lon_deg = np.degrees(g.lat), np.degrees(g.lon)
    gridded = g.grid_shape is not None and g.grid_index is not None
    whole = gridded and g.size == g.grid_shape[0] * g.grid_shape[1]
    if whole or g.labels is not None:
        west, east = -180.0, 180.0
    else:
        west, east = _lon_window(lon_deg)
    lon0 = 0.0 if whole else 0.5 * (west + east)
    if gridded:
        res = math.degrees(g.resolution_rad)
        lon0 = round(lon0 / res) * res
    fig, ax = plt.subplots(figsize=(10, 5.6), dpi=110)
    if gridded:
        nlat, nlon = g.grid_shape
        grid = np.full(nlat * nlon, np.nan)
        grid[g.grid_index] = values
        grid = np.roll(grid.reshape(nlat, nlon), -int(round(lon0 / res)), axis=1)
        im = ax.imshow(grid, origin="lower", extent=(lon0 - 180, lon0 + 180, -90, 90), cmap=cmap, vmin=vmin,
                       vmax=vmax, interpolation="nearest", aspect="equal")
    else:
        lon_plot = (lon_deg - lon0 + 180.0) % 360.0 - 180.0 + lon0
        im = ax.scatter(lon_plot, lat_deg, c=values, cmap=cmap, vmin=vmin, vmax=vmax, s=40, edgecolors="k",
                        linewidths=0.5, zorder=3)
        if g.labels is not None and len(g.labels) <= 40:
            for name, x, y in zip(g.labels, lon_plot, lat_deg):
                ax.annotate(name, (x, y), xytext=(4, 3), textcoords="offset points", fontsize=7)
    _draw_coast(ax, lon0)
    if whole or g.labels is not None:
        ax.set_xlim(lon0 - 180, lon0 + 180)
        ax.set_ylim(-90, 90)
        ax.set_xticks(np.arange(-180, 181, 60) + lon0)
        ax.set_yticks(np.arange(-90, 91, 30))
    else:
        pad = 2.0 + (math.degrees(g.resolution_rad) if g.resolution_rad else 0.0)
        ax.set_xlim(west - pad, east + pad)
        ax.set_ylim(max(-90.0, float(lat_deg.min()) - pad), min(90.0, float(lat_deg.max()) + pad))
    ax.set_aspect("equal")
    ax.set_xlabel("longitude (deg east)")
    ax.set_ylabel("latitude (deg)")
    ax.grid(alpha=0.25, lw=0.5)
    ax.set_title(title or _title(result, label), fontsize=9.5)
    bar = fig.colorbar(im, ax=ax, orientation="horizontal", fraction=0.05, pad=0.1, aspect=50, shrink=0.8)
    bar.set_label(f"{label}    [area-weighted: coverage {100 * result.coverage_fraction:.1f} %, "
                  f"mean in view {result.mean_sats_in_view:.1f}, longest gap {result.max_gap / 60:.0f} min]",
                  fontsize=8.5)
    path = Path(path)
    fig.savefig(path, bbox_inches="tight")
    plt.close(fig)
    return path


def select_satellites(constellation, n: int) -> np.ndarray:
    """Indices of ``n`` satellites spread over every shell (round robin) and, in a shell, over its planes."""
    from spaceplan.constellation.shells import WalkerShell, spread_counts

    if hasattr(constellation, "spread_indices"):  # a TLE/OMM catalog (sources.CatalogConstellation)
        return constellation.spread_indices(n)
    shells = (constellation,) if isinstance(constellation, WalkerShell) else constellation.shells
    per_shell = spread_counts([s.count for s in shells], n)
    out, offset = [], 0
    for shell, m in zip(shells, per_shell):
        rounds = -(-m // shell.planes)  # satellites per plane needed
        for i in range(m):  # planes spread evenly; beyond one per plane, slots spread too
            if m <= shell.planes:
                plane, slot = i * shell.planes // m, 0
            else:
                plane, slot = i % shell.planes, (i // shell.planes) * shell.sats_per_plane // rounds
            out.append(offset + plane * shell.sats_per_plane + slot)
        offset += shell.count
    return np.asarray(sorted(set(out)), dtype=np.int64)


def sub_satellite_points(constellation, tdb, indices) -> tuple[np.ndarray, np.ndarray]:
    """Geodetic (lat, lon) in rad, shape (T, K), of satellites ``indices`` at epochs ``tdb`` (chunked)."""
    from spaceplan.constellation.shells import ecef_chunks
    from spaceplan.core.frames import ecef_to_geodetic

    tdb = np.atleast_1d(np.asarray(tdb, float))
    indices = np.asarray(indices, dtype=np.int64)
    lat = np.empty((tdb.size, indices.size))
    lon = np.empty((tdb.size, indices.size))
    done = 0
    if hasattr(constellation, "ecef"):  # a TLE/OMM catalog: SGP4 positions
        chunks = ((tdb[k:k + 64], constellation.ecef(tdb[k:k + 64])) for k in range(0, tdb.size, 64))
    else:
        chunks = ecef_chunks(constellation, tdb, 64)
    for chunk_t, r in chunks:
        la, lo, _ = ecef_to_geodetic(r[:, indices])
        lat[done:done + len(chunk_t)], lon[done:done + len(chunk_t)] = la, lo
        done += len(chunk_t)
    return lat, lon


def ground_tracks(constellation, tdb, path, satellites=6, title: str | None = None) -> Path:
    """Sub-satellite tracks over the epochs ``tdb`` (TDB s) on a world map, split at the antimeridian.

    ``satellites``: a number (spread over shells and planes, see :func:`select_satellites`) or a
    sequence of satellite indices in the order of :func:`~spaceplan.constellation.shells.positions_eci`.
    """
    from spaceplan.constellation.shells import WalkerShell
    from spaceplan.core.time import tdb_to_iso

    plt = _plt()
    tdb = np.atleast_1d(np.asarray(tdb, float))
    if np.isscalar(satellites) or np.ndim(satellites) == 0:
        idx = select_satellites(constellation, satellites)
    else:
        idx = np.asarray(satellites, dtype=np.int64)
        if idx.size == 0 or idx.min() < 0 or idx.max() >= constellation.count:
            raise InputError("satellites", "index out of range", f"0 to {constellation.count - 1}")
    lat, lon = sub_satellite_points(constellation, tdb, idx)
    lat, lon = np.degrees(lat), np.degrees(lon)
    shells = (constellation,) if isinstance(constellation, WalkerShell) else constellation.shells
    shell_of = (constellation.shell_of_satellite() if hasattr(constellation, "shell_of_satellite")
                else np.concatenate([np.full(s.count, k) for k, s in enumerate(shells)]))
    fig, ax = plt.subplots(figsize=(10, 5.6), dpi=110)
    _draw_coast(ax)
    colours = plt.get_cmap("tab10")
    for k, i in enumerate(idx):
        x, y = _break_at_jumps(lon[:, k], lat[:, k])
        sh = shells[int(shell_of[i])]
        line, = ax.plot(x, y, lw=1.2, color=colours(k % 10), label=f"#{int(i)} ({sh.name})")
        ax.plot(lon[0, k], lat[0, k], "o", ms=4, color=line.get_color())
    ax.set_xlim(-180, 180)
    ax.set_ylim(-90, 90)
    ax.set_xticks(np.arange(-180, 181, 60))
    ax.set_yticks(np.arange(-90, 91, 30))
    ax.set_aspect("equal")
    ax.grid(alpha=0.25, lw=0.5)
    ax.set_xlabel("longitude (deg east)")
    ax.set_ylabel("latitude (deg)")
    span_min = (tdb[-1] - tdb[0]) / 60.0 if tdb.size > 1 else 0.0
    name = getattr(constellation, "name", "constellation")
    ax.set_title(title or f"{name}: ground tracks of {idx.size} satellites\n"
                          f"{tdb_to_iso(tdb[0])} + {span_min:.0f} min (dots: start)", fontsize=9.5)
    ax.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=min(3, idx.size), frameon=False)
    path = Path(path)
    fig.savefig(path, bbox_inches="tight")
    plt.close(fig)
    return path
