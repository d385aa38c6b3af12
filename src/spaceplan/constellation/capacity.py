"""First-order throughput of a broadband constellation, per satellite and per system.

Equations (forward link; the sellable capacity del Portillo, Cameron & Crawley 2019,
Acta Astronautica 159:123-135, estimate with a far more detailed statistical model):

* Spectral efficiency from the link SNR, Shannon bound with an implementation gap and
  capped at the best DVB-S2X MODCOD (256APSK 32/45, 5.9 bit/s/Hz, ETSI EN 302 307-2):
      eta = min(log2(1 + SNR / Gamma), eta_max),  Gamma = 10^(gap_dB / 10)
  (or a fixed MODCOD efficiency when ``spectral_efficiency`` is given).
* User-link capacity of one satellite:
      C_user = N_beams x B_beam x N_pol x eta
  (B_beam = user band / reuse colours when beams share the band).
* Feeder (gateway) limit:  C_feeder = N_gw_links x B_feeder x N_pol x eta_feeder;
      C_sat = min(C_user, C_feeder).
* Demand weighting: a satellite over the ocean is mostly idle.  The time-average fraction
  of a satellite's capacity that finds users is u = integral p_i(phi) w(phi) dphi, with
  p_i(phi) = cos(phi) / (pi sqrt(sin^2 i - sin^2 phi)) the latitude density of a circular
  orbit of inclination i (sub-satellite point, uniform argument of latitude) and w(phi) the
  weight of a satellite above latitude phi, which depends on the antennas:
  - fixed beams (OneWeb's 16 non-steerable beams tile the footprint around nadir): w is the
    inhabited-land fraction of the latitude band (bundled table, ``_LAND_FRACTION``);
  - steerable beams (SpaceX's and Telesat's phased / direct radiating arrays point each beam
    anywhere in the field of view): w is the fraction of longitudes at latitude phi from which
    inhabited land lies within the Earth central angle lambda of the field of view (minimum
    elevation of the system, SMAD sec. 5.2), i.e. the satellite sells its capacity whenever
    it sees users.  This ignores demand saturation and gateway limits, so it is an upper
    bound for steerable systems.
  System throughput = sum over shells of N_sats x C_sat x u.  Against del Portillo et al.
  (2019): OneWeb 0.79x, SpaceX 1.42x, Telesat 1.37x of their sellable throughput (the two
  steerable systems high by what demand and gateways take away); see
  tests/validation/test_del_portillo_2019_throughput.py.
Everything not in ``CapacityParams`` (interference, rain fades, gateway siting, traffic
matrices) is outside this model: treat results as +-50 % estimates.

Validity envelope (the estimate's ``warnings``): the served throughput of steerable beams is an upper bound
(always warned, code ``upper_bound``: 1.37-1.42 x del Portillo et al. 2019's sellable throughput); a user-link
SNR above the threshold of the best DVB-S2X MODCOD (the efficiency is capped at 5.9 bit/s/Hz: the SNR is
beyond what the standard can use) is flagged; the shells' envelope
(:data:`spaceplan.constellation.shells.SHELL_ENVELOPE`) applies.  Capacities are >= 0 and the sold fraction
lies in [0, 1] (refused otherwise).
"""

from __future__ import annotations

import dataclasses
import functools
import math
from dataclasses import dataclass, field

import numpy as np

from spaceplan.core import registry
from spaceplan.core.errors import InputError, require_positive
from spaceplan.core.validity import REFUSE, Bound, Envelope, check, physical, warning

# Inhabited-land fraction per 10-deg latitude band, from 90S-80S up to 80N-90N.
# Land fraction per band from the classic table of Sverdrup, Johnson & Fleming (1942),
# "The Oceans", table 1 (as reproduced in physical-geography texts), with Antarctica
# (south of 60S) and the Arctic ice (north of 80N) set to 0: nobody to serve there.
# Checked against the Natural Earth 110m land polygons bundled with spaceplan.core.regions
# (1-deg grid, area-weighted): every band from 60S to 70N agrees within 0.01, 70-80N within 0.03.
_LAND_FRACTION = np.array([
    0.00, 0.00, 0.00,   # 90-60 S (Antarctica, Southern Ocean)
    0.01, 0.03, 0.11,   # 60-30 S
    0.23, 0.22, 0.24,   # 30-0 S
    0.23, 0.26, 0.38,   # 0-30 N
    0.43, 0.53, 0.58,   # 30-60 N
    0.71, 0.29, 0.00,   # 60-90 N
])
_BAND_EDGES = np.radians(np.arange(-90, 91, 10))

DVBS2X_MAX_EFFICIENCY = 5.9  # bit/s/Hz, 256APSK 32/45 (ETSI EN 302 307-2 table 20a, ideal)

ENVELOPE = Envelope("the capacity model", outputs=(
    physical("demand_weight", "fraction", "sold fraction"),
    Bound("capacity_bps", 0.0, None, REFUSE, "unphysical", "Gbit/s", 1e-9, "capacity", "no throughput is negative"),
))


def demand_weight(inclination_rad: float, samples: int = 20_001) -> float:
    """Time-average inhabited-land fraction under a circular orbit of inclination ``i``."""
    i = float(inclination_rad)
    imax = min(i, math.pi - i)
    if imax < 1e-6:
        return float(_LAND_FRACTION[np.searchsorted(_BAND_EDGES, 0.0, side="right") - 1])
    # uniform argument of latitude u: phi = asin(sin i sin u)
    u = (np.arange(samples) + 0.5) / samples * 2 * math.pi
    phi = np.arcsin(math.sin(imax) * np.sin(u))
    band = np.clip(np.searchsorted(_BAND_EDGES, phi, side="right") - 1, 0, len(_LAND_FRACTION) - 1)
    return float(np.mean(_LAND_FRACTION[band]))


INHABITED_LATITUDES_DEG = (-60.0, 80.0)  # as _LAND_FRACTION: no users on Antarctica or the Arctic ice


@functools.lru_cache(maxsize=1)
def _inhabited_land_grid() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(cell-centre latitudes (rad), unit vectors (K, 3) of inhabited land cells, grid longitudes (rad))
    on a 1-deg grid from the bundled Natural Earth 1:110m land polygons."""
    from spaceplan.core.regions import points_in_rings, world_rings

    lat = np.arange(-89.5, 90.0, 1.0)
    lon = np.arange(-179.5, 180.0, 1.0)
    lo, la = np.meshgrid(lon, lat)
    land = points_in_rings(lo.ravel(), la.ravel(), world_rings())
    lo_in, hi_in = INHABITED_LATITUDES_DEG
    land &= (la.ravel() > lo_in) & (la.ravel() < hi_in)
    phi, lam = np.radians(la.ravel()[land]), np.radians(lo.ravel()[land])
    xyz = np.stack([np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)], axis=1)
    return np.radians(lat), xyz, np.radians(lon)


@functools.lru_cache(maxsize=64)
def _land_in_view_fraction(central_angle_rad: float) -> np.ndarray:
    """Per 1-deg latitude row: the fraction of longitudes whose cap of radius lambda holds inhabited land."""
    from scipy.spatial import cKDTree

    lat, land_xyz, lon = _inhabited_land_grid()
    la, lo = np.meshgrid(lat, lon, indexing="ij")
    pts = np.stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)], axis=-1).reshape(-1, 3)
    chord, _ = cKDTree(land_xyz).query(pts)  # nearest inhabited land cell centre
    seen = chord <= 2.0 * math.sin(0.5 * central_angle_rad)
    return seen.reshape(la.shape).mean(axis=1)


def steerable_demand_weight(inclination_rad: float, central_angle_rad: float, samples: int = 20_001) -> float:
    """Time-average fraction of the orbit during which inhabited land lies within ``central_angle_rad``
    of the sub-satellite point (steerable beams: the satellite sells whenever it sees users)."""
    require_positive("central_angle_rad", central_angle_rad)
    i = float(inclination_rad)
    imax = min(i, math.pi - i)
    row = _land_in_view_fraction(round(float(central_angle_rad), 9))
    u = (np.arange(samples) + 0.5) / samples * 2 * math.pi
    phi = np.arcsin(math.sin(imax) * np.sin(u)) if imax > 1e-6 else np.zeros(1)
    k = np.clip(np.floor(np.degrees(phi) + 90.0).astype(int), 0, len(row) - 1)
    return float(np.mean(row[k]))


def spectral_efficiency(snr_db: float, gap_db: float = 3.0, eta_max: float = DVBS2X_MAX_EFFICIENCY) -> float:
    """Shannon efficiency with an implementation gap, capped at the best DVB-S2X MODCOD."""
    snr = 10 ** (snr_db / 10)
    return min(math.log2(1 + snr / 10 ** (gap_db / 10)), eta_max)


@dataclass(frozen=True)
class CapacityParams:
    """Payload parameters of one satellite (SI: Hz, bit/s/Hz)."""

    name: str
    beams: int
    beam_bandwidth_hz: float
    polarizations: int = 2
    spectral_efficiency: float | None = None  # bit/s/Hz; None -> from user_snr_db
    user_snr_db: float = 10.0
    gateway_links: int = 2
    feeder_bandwidth_hz: float = 2.0e9
    feeder_efficiency: float = 4.0
    steerable: bool = True  # beams point anywhere in the field of view (False: fixed beams around nadir)
    min_elevation_deg: float = 25.0  # user terminals' elevation mask, sets the field of view
    source: str = ""
    assumed: tuple[str, ...] = ()

    def __post_init__(self):
        for f in ("beams", "beam_bandwidth_hz", "polarizations", "gateway_links", "feeder_bandwidth_hz", "feeder_efficiency"):
            require_positive(f"capacity {self.name} {f}", getattr(self, f))

    @property
    def eta(self) -> float:
        return self.spectral_efficiency if self.spectral_efficiency is not None else spectral_efficiency(self.user_snr_db)

    @property
    def user_capacity_bps(self) -> float:
        return self.beams * self.beam_bandwidth_hz * self.polarizations * self.eta

    @property
    def feeder_capacity_bps(self) -> float:
        return self.gateway_links * self.feeder_bandwidth_hz * self.polarizations * self.feeder_efficiency

    @property
    def satellite_capacity_bps(self) -> float:
        return min(self.user_capacity_bps, self.feeder_capacity_bps)


def payload_names() -> list[str]:
    """Constellation presets with a ``[payload]`` table (the capacity model's payloads)."""
    return registry.names("constellations", table="payload")


def load_payload(name: str) -> CapacityParams:
    """The ``[payload]`` table of a constellation preset (``same_as = "other"`` borrows another preset's)."""
    table = registry.load("constellations", name, table="payload", field="payload").table("payload")
    if "same_as" in table:
        return load_payload(table["same_as"])
    fields = {f.name for f in dataclasses.fields(CapacityParams)}
    unknown = sorted(set(table) - fields)
    if unknown:
        raise InputError(f"payload {name}", f"unknown key(s) {', '.join(unknown)}", ", ".join(sorted(fields)))
    return CapacityParams(**{**table, "assumed": tuple(table.get("assumed", ()))})


@dataclass(frozen=True)
class ShellCapacity:
    name: str
    satellites: int
    inclination_rad: float
    demand_weight: float
    capacity_bps: float  # served, = satellites x C_sat x demand_weight


@dataclass(frozen=True, eq=False)
class CapacityEstimate:
    constellation: str
    payload: CapacityParams
    shells: tuple[ShellCapacity, ...] = field(default=())
    warnings: tuple = ()  # validity warnings ({code, field, message}); see the module docstring

    @property
    def satellites(self) -> int:
        return sum(s.satellites for s in self.shells)

    @property
    def system_bps(self) -> float:
        return sum(s.capacity_bps for s in self.shells)

    @property
    def peak_system_bps(self) -> float:
        return self.satellites * self.payload.satellite_capacity_bps

    @property
    def served_is(self) -> str:
        """What the served throughput is: an "upper bound" for steerable beams (they sell whenever inhabited land
        is in view: no demand saturation, no gateway-count limit), an "estimate" for fixed beams."""
        return "upper bound" if self.payload.steerable else "estimate"

    @property
    def served_assumption(self) -> str:
        """The assumption behind the served throughput, in words to print beside the number."""
        if self.payload.steerable:
            return ("steerable beams sell whenever inhabited land is in view; no demand saturation and no "
                    "gateway-count limit (del Portillo et al. 2019 apply both and find less: 23.7 Tbit/s for the "
                    "4,425-satellite SpaceX filing)")
        return "fixed beams sell in proportion to the inhabited land under them"

    def to_dict(self) -> dict:
        p = self.payload
        return {
            "constellation": self.constellation, "payload": p.name, "satellites": self.satellites,
            "spectral_efficiency_bps_per_hz": p.eta,
            "user_capacity_per_satellite_gbps": p.user_capacity_bps / 1e9,
            "feeder_capacity_per_satellite_gbps": p.feeder_capacity_bps / 1e9,
            "capacity_per_satellite_gbps": p.satellite_capacity_bps / 1e9,
            "limited_by": "user link" if p.user_capacity_bps <= p.feeder_capacity_bps else "gateway feeder",
            "peak_system_tbps": self.peak_system_bps / 1e12,
            "served_system_tbps": self.system_bps / 1e12,
            "served_is": self.served_is, "served_assumption": self.served_assumption,
            "average_served_per_satellite_gbps": self.system_bps / max(self.satellites, 1) / 1e9,
            "shells": [{"shell": s.name, "satellites": s.satellites, "demand_weight": s.demand_weight,
                        "served_tbps": s.capacity_bps / 1e12} for s in self.shells],
            "assumed": list(p.assumed), "source": p.source,
            "steerable_beams": p.steerable, "min_elevation_deg": p.min_elevation_deg,
            "model": "first order: beams x bandwidth x polarizations x efficiency, min with feeder, x sold fraction "
                     "(inhabited land under fixed beams / in view of steerable beams)",
            "warnings": list(self.warnings),
        }


def shell_demand_weight(shell, payload: CapacityParams, min_elevation_deg: float | None = None) -> float:
    """Sold fraction u of one shell's capacity (module docstring: fixed vs steerable beams)."""
    if not payload.steerable:
        return demand_weight(shell.inclination_rad)
    from spaceplan.constellation.geometry import earth_central_angle
    from spaceplan.core.errors import require_range

    eps = payload.min_elevation_deg if min_elevation_deg is None else min_elevation_deg
    require_range("min_elevation_deg", eps, 0.0, 89.0, "deg")
    lam = float(earth_central_angle(shell.altitude_m, math.radians(eps)))
    return steerable_demand_weight(shell.inclination_rad, lam)


def estimate_capacity(constellation, payload: CapacityParams | str | None = None, *,
                      min_elevation_deg: float | None = None) -> CapacityEstimate:
    """Throughput of ``constellation`` (preset name, Constellation or sources.CatalogConstellation)
    with ``payload`` (default: by preset key);
    ``min_elevation_deg`` overrides the payload's elevation mask (field of view of steerable beams)."""
    from spaceplan.constellation.shells import load_constellation

    const = constellation if hasattr(constellation, "shells") else load_constellation(constellation)
    if payload is None or isinstance(payload, str):
        payload = load_payload(payload or const.key)
    if not isinstance(payload, CapacityParams):
        raise InputError("payload", f"got {type(payload).__name__}", "CapacityParams or a payload name")
    shells = tuple(
        ShellCapacity(sh.name, sh.count, sh.inclination_rad, w := shell_demand_weight(sh, payload, min_elevation_deg),
                      sh.count * payload.satellite_capacity_bps * w)
        for sh in const.shells)
    from spaceplan.constellation.shells import shell_warnings

    found = shell_warnings(const) + check(ENVELOPE, demand_weight=[s.demand_weight for s in shells],
                                          capacity_bps=[payload.user_capacity_bps, payload.feeder_capacity_bps]
                                          + [s.capacity_bps for s in shells])
    if payload.steerable:
        found += (warning("upper_bound", "served_system_tbps",
                          f"{const.name}: the served throughput {sum(s.capacity_bps for s in shells) / 1e12:,.1f} "
                          "Tbit/s is an upper bound (steerable beams sell whenever inhabited land is in view: no "
                          "demand saturation, no gateway-count limit; 1.4 x del Portillo et al. 2019)"),)
    if payload.spectral_efficiency is None and payload.eta >= DVBS2X_MAX_EFFICIENCY:
        found += (warning("efficiency_capped", "user_snr_db",
                          f"user_snr_db {payload.user_snr_db:g} dB is beyond the best DVB-S2X MODCOD: the spectral "
                          f"efficiency is capped at {DVBS2X_MAX_EFFICIENCY:g} bit/s/Hz"),)
    return CapacityEstimate(const.name, payload, shells, found)
