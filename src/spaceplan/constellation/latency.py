"""Round-trip latency between two cities through a constellation, over time.

Model (as in Hypatia, Kassing et al. 2020, "Exploring the 'Internet from space' with
Hypatia", ACM IMC 2020, sec. 3): at each time step a graph is built whose nodes are the
satellites and ground sites and whose edge weights are link lengths; the shortest path
(Dijkstra, ``scipy.sparse.csgraph.dijkstra``) gives the one-way propagation distance d,
and RTT = 2 d / c (propagation only: no queueing, processing or serialization delay).

* Ground-satellite links (GSL): a site sees a satellite when its elevation above the
  local (geodetic) horizon is at least ``min_elevation`` (SpaceX's 25 deg for Starlink,
  FCC SAT-MOD-20181108-00083, used by Hypatia).
* ``isl=True``: laser inter-satellite links in the +Grid pattern (each satellite links
  to its 2 neighbours in its plane and the satellites of the same slot in the 2 adjacent
  planes; Bhattacherjee & Singla 2019, CoNEXT "Network topology design at 27,000 km/hour").
  ISLs are dropped when the line of sight dips below ``isl_min_altitude`` (80 km in
  Hypatia).  Only the two endpoint cities touch the ground (Hypatia's
  "free_one_only_over_isls").  For Walker *star* shells, no link crosses the seam
  between the first and last planes (they counter-rotate there).  A catalog numbered
  plane-major (e.g. Hypatia's generated TLE sets) can use ISLs through ``isl_pairs``
  (:func:`plus_grid_isls`); ``max_gsl_length_m`` adds Hypatia's slant-range visibility rule.
  Checked against Hypatia's own Starlink S1 numbers (Paris-Luanda 117 / 85 ms, paper Fig. 13;
  Paris-Moscow RTT series to 2e-5 ms): tests/validation/test_hypatia_starlink550.py.
* A constellation whose preset declares ``isl = false`` (OneWeb Gen1: no laser links) is
  refused an ISL route: its round trips exist only through ground gateways.
* ``isl=False`` (bent pipe): no ISLs; traffic goes user -> satellite -> ground relay
  (gateway) -> satellite -> ... -> destination, i.e. every bundled gateway site can relay
  (Hypatia's "free_one_only_gs_relays"): the cities marked ``gateway = true`` and, when the constellation
  preset names one (``gateways = "starlink_us"``), the sites of its real gateway network
  (``presets/gateways/``, from the operator's licences): without them, Seattle-New York over Starlink had
  no bent-pipe path at all (the relay cities are too far apart for a 25 deg elevation mask).
* Terrestrial comparison: great-circle distance on the mean Earth radius times a
  ``route_factor`` over light in fibre, c / n with n = 1.468 (group index of standard
  single-mode fibre G.652 at 1550 nm, Corning SMF-28 datasheet).

Validity envelope (:data:`ENVELOPE`; results carry ``warnings``): refused, an ISL route over a
constellation whose preset declares no ISLs (above), a TLE catalog with +Grid ISLs, an elevation mask
outside 0-90 deg, a route factor outside 1-10; warned, the shells' envelope
(:data:`spaceplan.constellation.shells.SHELL_ENVELOPE`: below 150 km, above GEO), an elevation mask below
the 25 deg of the validation (Hypatia's Starlink runs; below it terminals see satellites through more
atmosphere and obstruction than any operator plans for), and steps without a path (the RTT statistics
leave them out).  Outputs: an RTT below 0.99 x the vacuum great-circle RTT is refused (no path above the
surface is shorter; 1 % covers the ellipsoid against the mean sphere).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import dijkstra

from spaceplan.core import registry
from spaceplan.core.constants import C_LIGHT, EARTH_MEAN_RADIUS, EARTH_RADIUS
from spaceplan.core.errors import InputError, UnknownNameError, require_positive, require_range
from spaceplan.core.validity import REFUSE, Bound, Envelope, check, warning

FIBRE_INDEX = 1.468  # group index, SMF-28 at 1550 nm (Corning datasheet PI1036)
VALIDATED_MIN_ELEVATION_DEG = 25.0  # Hypatia's Starlink runs (FCC SAT-MOD-20181108-00083), our validation

ENVELOPE = Envelope("the latency model", inputs=(
    Bound("min_elevation_deg", VALIDATED_MIN_ELEVATION_DEG, None, code="below_validated_elevation", unit="deg",
          label="min_elevation_deg", why="the 25 deg mask of the Starlink filings and of the Hypatia validation"),
), outputs=(
    Bound("rtt_s", "rtt_floor_s", None, REFUSE, "unphysical", "ms", 1e3, "RTT",
          "no path above the surface is shorter than the great circle at the speed of light"),
))


@dataclass(frozen=True)
class GroundSite:
    """A ground site: name and WGS 84 geodetic latitude / longitude (rad), height (m)."""

    name: str
    lat: float
    lon: float
    height: float = 0.0


def list_cities() -> list[str]:
    """The candidate gateway (relay) cities: presets of kind ``cities`` with ``gateway = true``."""
    return registry.names("cities", table="gateway")


def gateway_sites(network: str) -> list[GroundSite]:
    """The sites of a gateway network preset (kind ``gateways``: ``[[site]]`` tables with name, lat_deg,
    lon_deg), e.g. ``starlink_us``; ``""``: none.  A constellation preset names its network (``gateways``)."""
    if not network:
        return []
    p = registry.load("gateways", network, field="gateways")
    return [GroundSite(str(t["name"]), math.radians(float(t["lat_deg"])), math.radians(float(t["lon_deg"])))
            for t in p.data.get("site", ())]


def city(name: str | GroundSite) -> GroundSite:
    """A bundled city by name (any case or punctuation, see :mod:`spaceplan.core.registry`) or ``"lat,lon"`` in degrees."""
    if isinstance(name, GroundSite):
        return name
    if "," not in str(name):
        p = registry.load("cities", name, field="city")
        return GroundSite(p.name, math.radians(p.data["lat_deg"]), math.radians(p.data["lon_deg"]))
    parts = str(name).split(",")
    if len(parts) == 2:
        try:
            lat, lon = float(parts[0]), float(parts[1])
        except ValueError:
            pass
        else:
            require_range("latitude", lat, -90, 90, "deg")
            require_range("longitude", lon, -180, 360, "deg")
            return GroundSite(f"{lat:.2f},{lon:.2f}", math.radians(lat), math.radians(lon))
    raise UnknownNameError("city", str(name), registry.names("cities") + ["LAT,LON (degrees)"])


def great_circle_distance(a: GroundSite, b: GroundSite) -> float:
    """Haversine great-circle distance on the IUGG mean sphere (m); < 0.5 % from the ellipsoid geodesic."""
    dlat, dlon = b.lat - a.lat, b.lon - a.lon
    h = math.sin(dlat / 2) ** 2 + math.cos(a.lat) * math.cos(b.lat) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_MEAN_RADIUS * math.asin(min(1.0, math.sqrt(h)))


def fibre_rtt(a: GroundSite, b: GroundSite, route_factor: float = 1.0) -> float:
    """RTT (s) over fibre laid along the great circle times ``route_factor``: 2 L n / c."""
    return 2.0 * great_circle_distance(a, b) * route_factor * FIBRE_INDEX / C_LIGHT


@dataclass(frozen=True, eq=False)
class LatencySeries:
    """RTT between two sites over time.  ``rtt_s`` is NaN at steps with no path (counted in ``unreachable``)."""

    source: str
    destination: str
    constellation: str
    mode: str  # "isl" or "bent-pipe"
    tdb: np.ndarray
    rtt_s: np.ndarray
    hops: np.ndarray  # links on the path (ground-satellite + satellite-satellite + relays)
    great_circle_m: float
    fibre_rtt_s: float
    vacuum_rtt_s: float  # 2 x great circle / c: no path over the surface is faster
    route_factor: float
    min_elevation_rad: float
    warnings: tuple = ()  # validity warnings ({code, field, message}) of :data:`ENVELOPE`

    @property
    def rtt_ms(self) -> np.ndarray:
        return self.rtt_s * 1e3

    @property
    def unreachable(self) -> int:
        return int(np.count_nonzero(~np.isfinite(self.rtt_s)))

    def stats_ms(self) -> dict[str, float | None]:
        ok = self.rtt_s[np.isfinite(self.rtt_s)] * 1e3
        if ok.size == 0:
            return {"min": None, "median": None, "max": None, "mean": None}
        return {"min": float(ok.min()), "median": float(np.median(ok)), "max": float(ok.max()), "mean": float(ok.mean())}

    def to_frame(self):
        """Round-trip time at every step (pandas DataFrame; NaN where no path existed)."""
        from spaceplan.core.results import frame
        from spaceplan.core.time import tdb_to_iso

        return frame({"date_utc": tdb_to_iso(self.tdb), "rtt_ms": self.rtt_s * 1e3})

    def to_dict(self, series: bool = True) -> dict:
        from spaceplan.core.time import tdb_to_iso

        stats = self.stats_ms()
        out = {
            "source": self.source, "destination": self.destination, "constellation": self.constellation,
            "mode": self.mode, "steps": len(self.tdb), "unreachable_steps": self.unreachable,
            "start_utc": str(tdb_to_iso(self.tdb[0])), "end_utc": str(tdb_to_iso(self.tdb[-1])),
            "step_s": float(self.tdb[1] - self.tdb[0]) if len(self.tdb) > 1 else None,
            "rtt_min_ms": stats["min"], "rtt_median_ms": stats["median"], "rtt_max_ms": stats["max"],
            "rtt_mean_ms": stats["mean"],
            "great_circle_km": self.great_circle_m / 1e3,
            "fibre_rtt_ms": self.fibre_rtt_s * 1e3, "fibre_index": FIBRE_INDEX, "route_factor": self.route_factor,
            "vacuum_great_circle_rtt_ms": self.vacuum_rtt_s * 1e3,
            "min_elevation_deg": math.degrees(self.min_elevation_rad),
            "median_vs_fibre": (stats["median"] / (self.fibre_rtt_s * 1e3)) if stats["median"] else None,
            "model": "propagation delay only (no queueing/processing); shortest path each step",
            "warnings": list(self.warnings),
        }
        if series:
            out["time_s"] = (self.tdb - self.tdb[0]).tolist()
            out["rtt_ms"] = [None if not np.isfinite(x) else float(x) for x in self.rtt_ms]
            out["hops"] = self.hops.tolist()
        return out


def plus_grid_isls(planes: int, sats_per_plane: int, *, seam: bool = True, offset: int = 0,
                   seam_shift: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """+Grid ISL pairs (i, j), i < j, for satellites numbered plane-major (index = plane x S + slot + offset).

    Each satellite links to the next slot of its plane and to the same slot of the next plane
    (Hypatia's ``generate_plus_grid_isls`` with ``isl_shift = 0``); ``seam=False`` drops the
    links between the last and the first plane (Walker star: counter-rotating there).
    ``seam_shift``: across the seam, slot k of the last plane links to slot k + seam_shift of
    the first.  In a Walker delta i:T/P/F the argument of latitude steps by 2 pi F / T per
    plane, so after P planes slot k has moved on by F slots: the neighbour across the seam is
    slot k + F (Walker 1984), not slot k.
    """
    p, s = int(planes), int(sats_per_plane)
    idx = np.arange(p * s).reshape(p, s) + offset
    src, dst = [], []
    if s > 1:  # intra-plane ring
        src.append(idx.ravel())
        dst.append(np.roll(idx, -1, axis=1).ravel())
    if p > 1:  # same slot, next plane
        nxt = np.roll(idx, -1, axis=0)
        nxt[-1] = np.roll(idx[0], -int(seam_shift))
        linked = p if seam else p - 1
        src.append(idx[:linked].ravel())
        dst.append(nxt[:linked].ravel())
    if not src:
        return np.zeros(0, int), np.zeros(0, int)
    a, b = np.concatenate(src), np.concatenate(dst)
    keep = a != b
    pairs = np.unique(np.sort(np.stack([a[keep], b[keep]], axis=1), axis=1), axis=0)
    return pairs[:, 0], pairs[:, 1]


def _walker_topology(constellation) -> tuple[np.ndarray, np.ndarray]:
    """+Grid ISL pairs (i, j) for plane-major Walker shells (indices into positions_eci order)."""
    from spaceplan.constellation.shells import WalkerShell

    shells = (constellation,) if isinstance(constellation, WalkerShell) else constellation.shells
    src, dst = [], []
    offset = 0
    for sh in shells:
        full_turn = sh.node_spread > 1.999 * math.pi
        a, b = plus_grid_isls(sh.planes, sh.sats_per_plane, seam=full_turn, offset=offset,
                              seam_shift=sh.phasing if full_turn else 0)
        src.append(a)
        dst.append(b)
        offset += sh.count
    return np.concatenate(src), np.concatenate(dst)


def _positions_ecef(system, tdb: np.ndarray) -> np.ndarray:
    """(T, N, 3) ECEF positions of a Constellation / WalkerShell / Catalog (NaN where SGP4 failed)."""
    from spaceplan.constellation.catalog import Catalog

    if isinstance(system, Catalog):
        return system.positions_ecef(tdb)
    from spaceplan.constellation.shells import positions_eci
    from spaceplan.core.frames import teme_to_ecef

    return teme_to_ecef(positions_eci(system, tdb), tdb[:, None])


def _unit_up(sites: list[GroundSite]) -> tuple[np.ndarray, np.ndarray]:
    from spaceplan.core.frames import geodetic_to_ecef

    lat = np.array([s.lat for s in sites])
    lon = np.array([s.lon for s in sites])
    pos = geodetic_to_ecef(lat, lon, np.array([s.height for s in sites]))
    up = np.stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)], axis=-1)
    return pos, up


def max_isl_length(altitude_m: float, min_altitude_m: float = 80e3) -> float:
    """Longest ISL whose line of sight stays above ``min_altitude_m`` (Hypatia's rule): 2 sqrt(r^2 - r_min^2)."""
    r, rmin = EARTH_RADIUS + altitude_m, EARTH_RADIUS + min_altitude_m
    return 2.0 * math.sqrt(max(r * r - rmin * rmin, 0.0))


def compute_latency(system, source, destination, tdb, *, isl: bool = True, min_elevation_deg: float = 25.0,
                    isl_min_altitude_m: float = 80e3, gateways=None, route_factor: float = 1.0,
                    progress=None, chunk_steps: int = 64, isl_pairs=None, max_isl_length_m: float | None = None,
                    max_gsl_length_m: float | None = None) -> LatencySeries:
    """RTT time series between ``source`` and ``destination`` (city names or GroundSite) at TDB epochs.

    ``system``: a :class:`~spaceplan.constellation.shells.Constellation` or ``WalkerShell``
    (ISLs in +Grid) or a :class:`~spaceplan.constellation.catalog.Catalog` (bent pipe unless
    ``isl_pairs`` is given: a catalog carries no plane/slot structure for ISLs).  ``gateways``: relay sites for the
    bent-pipe mode (default: the bundled cities whose detour src -> site -> dst is at most
    1.3 x the great circle + 2,000 km; farther sites cannot give a competitive path).  ``route_factor`` scales the fibre path.

    ``isl_pairs``: explicit ISL pairs ``(a, b)`` (index arrays into the system's satellite
    order) instead of the built-in +Grid; this also lets a catalog whose satellites are
    numbered plane-major (e.g. Hypatia's generated TLE sets) use ISLs, see :func:`plus_grid_isls`.
    ``max_isl_length_m``: ISL length limit (default: the 80 km line-of-sight rule at the shell
    altitude; for a catalog, at its highest mean altitude).  ``max_gsl_length_m``: if given,
    a ground-satellite link also needs a slant range at most this long (Hypatia's only
    visibility rule, MAX_GSL_LENGTH_M; combine with ``min_elevation_deg=0`` to use it alone).
    """
    from spaceplan.constellation.catalog import Catalog

    src, dst = city(source), city(destination)
    if src.name == dst.name:
        raise InputError("destination", "same site as the source", "two different sites")
    require_range("min_elevation_deg", min_elevation_deg, 0.0, 90.0, "deg")
    require_range("route_factor", route_factor, 1.0, 10.0)
    tdb = np.atleast_1d(np.asarray(tdb, dtype=float))
    if tdb.size == 0:
        raise InputError("tdb", "no epochs", "at least one epoch")
    if isl and isinstance(system, Catalog) and isl_pairs is None:
        raise InputError("isl", "a TLE/OMM catalog has no plane/slot structure for +Grid ISLs",
                         "isl=False (bent pipe) for catalogs, isl_pairs=..., or a Walker constellation preset")
    if isl and getattr(system, "isl", None) is False:
        raise InputError("isl", f"{system.name} has no inter-satellite links ({system.isl_source or 'its preset'})",
                         "bent pipe (isl=False), or a TOML file of your own design with isl = true")
    if max_gsl_length_m is not None:
        require_positive("max_gsl_length_m", max_gsl_length_m)
    sites = [src, dst]
    if not isl:
        if gateways is None:  # bundled sites inside an ellipse around the route (others cannot shorten it much)
            gc = great_circle_distance(src, dst)
            limit = 1.3 * gc + 2_000e3
            candidates = [city(x) for x in list_cities()] + gateway_sites(getattr(system, "gateways", "") or "")
            relays = [c for c in candidates
                      if great_circle_distance(src, c) + great_circle_distance(c, dst) <= limit]
        else:
            relays = [city(x) for x in gateways]
        sites += [g for g in relays if g.name not in (src.name, dst.name)]
    site_pos, site_up = _unit_up(sites)
    g = len(sites)
    sin_min = math.sin(math.radians(min_elevation_deg))
    name = getattr(system, "name", None) or getattr(system, "source", "catalog")

    if isl:
        if isl_pairs is not None:
            ia, ib = (np.asarray(x, dtype=np.int64) for x in isl_pairs)
            if ia.shape != ib.shape or ia.ndim != 1:
                raise InputError("isl_pairs", "two index arrays of different shapes", "(a, b) of equal length")
        else:
            ia, ib = _walker_topology(system)
        if max_isl_length_m is not None:
            require_positive("max_isl_length_m", max_isl_length_m)
            max_isl = float(max_isl_length_m)
        elif isinstance(system, Catalog):
            max_isl = max_isl_length(float(np.nanmax(system.mean_altitude)), isl_min_altitude_m)
        else:
            shells = (system,) if not hasattr(system, "shells") else system.shells
            max_isl = max(max_isl_length(sh.altitude_m, isl_min_altitude_m) for sh in shells)
    rtt = np.full(len(tdb), np.nan)
    hops = np.zeros(len(tdb), dtype=np.int32)
    for start in range(0, len(tdb), chunk_steps):
        sl = slice(start, start + chunk_steps)
        pos = _positions_ecef(system, tdb[sl])  # (t, N, 3)
        n = pos.shape[1]
        if isl and len(ia) and (min(ia.min(), ib.min()) < 0 or max(ia.max(), ib.max()) >= n):
            raise InputError("isl_pairs", f"satellite index outside 0..{n - 1}", "indices into the system's satellites")
        for k in range(pos.shape[0]):
            r = pos[k]
            rows, cols, w = [], [], []
            if isl and len(ia):
                d = np.linalg.norm(r[ia] - r[ib], axis=1)
                ok = np.isfinite(d) & (d <= max_isl)
                rows.append(ia[ok]); cols.append(ib[ok]); w.append(d[ok])
            rel = r[None, :, :] - site_pos[:, None, :]  # (g, N, 3)
            dist = np.linalg.norm(rel, axis=2)
            sin_el = np.einsum("gnk,gk->gn", rel, site_up) / dist
            vis = np.isfinite(sin_el) & (sin_el >= sin_min)
            if max_gsl_length_m is not None:
                vis &= dist <= max_gsl_length_m
            gi, si = np.nonzero(vis)
            rows.append(si); cols.append(n + gi); w.append(dist[gi, si])
            rows_a, cols_a, w_a = np.concatenate(rows), np.concatenate(cols), np.concatenate(w)
            graph = coo_matrix((w_a, (rows_a, cols_a)), shape=(n + g, n + g)).tocsr()
            dmat, pred = dijkstra(graph, directed=False, indices=n, return_predecessors=True)
            dist_dst = dmat[n + 1]
            step = start + k
            if np.isfinite(dist_dst):
                rtt[step] = 2.0 * dist_dst / C_LIGHT
                count, node = 0, n + 1
                while node != n and node >= 0:
                    node = pred[node]
                    count += 1
                hops[step] = count
        if progress is not None:
            progress(min(start + chunk_steps, len(tdb)), len(tdb))
    gc = great_circle_distance(src, dst)
    from spaceplan.constellation.shells import shell_warnings

    found = shell_warnings(system) + check(ENVELOPE, min_elevation_deg=min_elevation_deg,
                                           rtt_s=rtt[np.isfinite(rtt)], rtt_floor_s=0.99 * 2.0 * gc / C_LIGHT)
    lost = int(np.count_nonzero(~np.isfinite(rtt)))
    if lost:
        found += (warning("unreachable_steps", "rtt", f"{src.name} -> {dst.name}: no path at {lost} of {len(rtt)} "
                          "steps; the RTT statistics cover only the steps with a path"),)
    return LatencySeries(src.name, dst.name, str(name), "isl" if isl else "bent-pipe", tdb, rtt, hops, gc,
                         fibre_rtt(src, dst, route_factor), 2.0 * gc / C_LIGHT, route_factor,
                         math.radians(min_elevation_deg), found)


def latency_over(system, source, destination, start_tdb: float, duration_s: float, step_s: float = 60.0,
                 **kwargs) -> LatencySeries:
    """:func:`compute_latency` every ``step_s`` from ``start_tdb`` (TDB s past J2000) to ``start_tdb + duration_s``
    inclusive (:func:`spaceplan.core.time.epoch_grid`)."""
    from spaceplan.core.time import epoch_grid

    require_positive("duration_s", duration_s)
    require_positive("step_s", step_s)
    t0 = float(start_tdb)
    if duration_s / step_s > 200_000:
        raise InputError("step", f"{int(duration_s / step_s) + 1} steps", "at most 200000 steps (raise --step)")
    return compute_latency(system, source, destination, epoch_grid(t0, step_s, stop_tdb=t0 + duration_s), **kwargs)
