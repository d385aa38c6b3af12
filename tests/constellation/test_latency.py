"""Latency routing over +Grid ISLs and bent pipe."""

from __future__ import annotations

import math

import numpy as np
import pytest

from spaceplan.core.constants import C_LIGHT
from spaceplan.core.errors import InputError, UnknownNameError
from spaceplan.core.time import utc_to_tdb
from spaceplan.constellation import load_constellation
from spaceplan.constellation.catalog import Catalog
from spaceplan.constellation.latency import (
    FIBRE_INDEX, _walker_topology, city, compute_latency, fibre_rtt, great_circle_distance, latency_over,
    max_isl_length, plus_grid_isls,
)
from spaceplan.constellation.shells import WalkerShell


@pytest.fixture(scope="module")
def shell550():
    return load_constellation("starlink_gen1").shells[0]


def test_plus_grid_topology_degree(shell550):
    a, b = _walker_topology(shell550)
    assert len(a) == 2 * shell550.count  # every satellite: 2 intra + 2 inter links, each counted once
    deg = np.bincount(np.concatenate([a, b]), minlength=shell550.count)
    assert np.all(deg == 4)


def test_star_pattern_has_no_seam_links():
    star = WalkerShell("polar", 780e3, math.radians(86.4), 6, 11, pattern="star")
    a, b = _walker_topology(star)
    assert len(a) == 6 * 11 + 5 * 11


def test_isl_rtt_bounds_and_series(shell550):
    s = latency_over(shell550, "moscow", "vladivostok", utc_to_tdb("2026-01-01"), 1800, 60)
    assert s.rtt_ms.shape == (31,) and s.unreachable == 0
    # never faster than light along the great circle, never slower than a few times the fibre
    assert np.all(s.rtt_s >= s.vacuum_rtt_s)
    assert s.stats_ms()["median"] < 3 * s.fibre_rtt_s * 1e3
    assert np.all(s.hops >= 3)
    d = s.to_dict()
    assert d["mode"] == "isl" and len(d["rtt_ms"]) == 31 and d["rtt_min_ms"] <= d["rtt_median_ms"] <= d["rtt_max_ms"]


def test_bent_pipe_needs_relays(shell550):
    t = np.array([0.0, 600.0]) + 8.2e8
    none = compute_latency(shell550, "paris", "moscow", t, isl=False, gateways=[])
    assert none.unreachable == 2 and none.to_dict()["rtt_min_ms"] is None
    some = compute_latency(shell550, "paris", "moscow", t, isl=False)
    assert some.unreachable < 2


def test_single_satellite_bent_pipe_geometry():
    """Two sites 500 km apart under one overhead satellite: RTT = 2 (d1 + d2) / c exactly."""
    sh = WalkerShell("one", 550e3, math.radians(53), 1, 1)
    t = np.array([8.2e8])
    from spaceplan.constellation.latency import _positions_ecef, GroundSite
    from spaceplan.core.frames import ecef_to_geodetic, geodetic_to_ecef
    r = _positions_ecef(sh, t)[0, 0]
    lat, lon, _ = ecef_to_geodetic(r)
    a = GroundSite("a", float(lat), float(lon) - 0.02)
    b = GroundSite("b", float(lat), float(lon) + 0.02)
    s = compute_latency(sh, a, b, t, isl=False, gateways=[])
    d = sum(np.linalg.norm(r - geodetic_to_ecef(x.lat, x.lon, 0.0)) for x in (a, b))
    assert s.rtt_s[0] == pytest.approx(2 * d / C_LIGHT, rel=1e-12)
    assert s.hops[0] == 2


def test_fibre_and_cities():
    p, m = city("Paris"), city("moscow")
    gc = great_circle_distance(p, m)
    assert 2480e3 < gc < 2500e3  # Paris-Moscow ~2487 km
    assert fibre_rtt(p, m) == pytest.approx(2 * gc * FIBRE_INDEX / C_LIGHT)
    assert city("55.0, 37.0").lat == pytest.approx(math.radians(55.0))
    with pytest.raises(UnknownNameError):
        city("atlantis")


def test_errors(shell550):
    with pytest.raises(InputError):
        compute_latency(shell550, "paris", "paris", [0.0])
    cat = Catalog.from_satrecs([])
    with pytest.raises(InputError, match="isl"):
        compute_latency(cat, "paris", "moscow", [0.0], isl=True)
    assert max_isl_length(550e3) == pytest.approx(5016e3, rel=2e-3)


def test_plus_grid_isls_matches_walker_topology(shell550):
    a, b = plus_grid_isls(shell550.planes, shell550.sats_per_plane, seam_shift=shell550.phasing)
    wa, wb = _walker_topology(shell550)
    assert np.array_equal(a, wa) and np.array_equal(b, wb)
    a, b = plus_grid_isls(3, 4, seam=False, offset=10)
    assert len(a) == 3 * 4 + 2 * 4 and a.min() == 10 and max(a.max(), b.max()) == 21


def test_explicit_isl_pairs_and_gsl_range(shell550):
    t = np.array([8.2e8, 8.2e8 + 60.0])
    pairs = _walker_topology(shell550)
    ref = compute_latency(shell550, "moscow", "vladivostok", t)
    same = compute_latency(shell550, "moscow", "vladivostok", t, isl_pairs=pairs)
    assert np.array_equal(ref.rtt_s, same.rtt_s)
    # a slant-range cap shorter than the 550 km altitude leaves no ground link at all
    cut = compute_latency(shell550, "moscow", "vladivostok", t, max_gsl_length_m=500e3)
    assert cut.unreachable == 2
    with pytest.raises(InputError, match="isl_pairs"):
        compute_latency(shell550, "moscow", "vladivostok", t[:1], isl_pairs=(np.array([0]), np.array([10**6])))


def test_walker_seam_links_follow_the_phasing():
    """Walker delta 53:528/24/11: across the seam slot k meets slot k + F (Walker 1984), so the
    seam ISLs are as short as the other cross-plane links; linking slot k to slot k is not."""
    import math

    from spaceplan.constellation.latency import _walker_topology, plus_grid_isls
    from spaceplan.constellation.shells import WalkerShell, positions_eci

    shell = WalkerShell("seam", 550e3, math.radians(53.0), 24, 22, phasing=11)
    r = positions_eci(shell, np.array([0.0]))[0]
    a, b = _walker_topology(shell)
    longest = np.linalg.norm(r[a] - r[b], axis=1).max()
    a0, b0 = plus_grid_isls(24, 22)  # same slot across the seam
    longest_unshifted = np.linalg.norm(r[a0] - r[b0], axis=1).max()
    an, bn = plus_grid_isls(24, 22, seam=False)  # every link but the seam's
    longest_inside = np.linalg.norm(r[an] - r[bn], axis=1).max()
    assert longest == pytest.approx(longest_inside, rel=2e-3)
    assert longest_unshifted > 2 * longest
