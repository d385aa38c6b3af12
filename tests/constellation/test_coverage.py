"""Coverage engine: exact agreement with brute force, statistics by hand, analytic geometry.

(a) per-point satellite counts of every counting method equal the brute-force pair test exactly;
(b) coverage() statistics equal the same statistics computed by hand from brute-force counts;
(c) the engine against the analytic formulas of spaceplan.constellation.geometry.
"""

from __future__ import annotations

import math
import zlib

import numpy as np
import pytest

from spaceplan.constellation import geometry as g
from spaceplan.constellation.coverage import (
    brute_force_counts, coverage, ground_unit_vectors, satellite_caps, surface_radius, time_grid, visibility_counts,
)
from spaceplan.core.regions import bounding_box, cities, global_grid
from spaceplan.constellation.shells import WalkerShell, ecef_chunks
from spaceplan.core.errors import InputError

SHELLS = [
    WalkerShell("delta 53", 550e3, math.radians(53.0), 6, 8, phasing=1),
    WalkerShell("star polar", 780e3, math.radians(86.4), 6, 11, pattern="star"),
    WalkerShell("retrograde SSO", 1200e3, math.radians(97.6), 4, 5, phasing=2),
    WalkerShell("MEO", 20_200e3, math.radians(55.0), 3, 4, phasing=1),
]
CITIES = ["Moscow", "Longyearbyen", "McMurdo Station", "Quito", "Anadyr", "Auckland", "Reykjavik", "Singapore"]


def _ground_sets():
    return {
        "world10": global_grid(10.0),
        "world5": global_grid(5.0),
        "box": bounding_box(35.0, 75.0, 20.0, 60.0, 5.0),
        "box antimeridian": bounding_box(-60.0, 10.0, 150.0, -150.0, 2.0),
        "cities": cities(CITIES),
    }


def _ecef(shell, tdb):
    return np.concatenate([r for _, r in ecef_chunks(shell, tdb, chunk_steps=len(tdb))], axis=0)


# --- (a) exact equality with brute force ---------------------------------------------------


@pytest.mark.parametrize("shell", SHELLS, ids=lambda s: s.name)
@pytest.mark.parametrize("elev_deg", [0.0, 10.0, 25.0, 45.0])
def test_counts_equal_brute_force_exactly(shell, elev_deg):
    rng = np.random.default_rng(zlib.crc32(f"{shell.name} {elev_deg}".encode()))  # reproducible seed
    tdb = np.sort(rng.uniform(-3e8, 9e8, 6))  # random epochs 1990 ... 2028
    ecef = _ecef(shell, tdb)
    eps = math.radians(elev_deg)
    for name, ground in _ground_sets().items():
        ref = brute_force_counts(ecef, ground, eps)
        methods = ("auto", "bucket") if ground.grid_index is None else ("auto", "grid", "bucket")
        for method in methods:
            got = visibility_counts(ecef, ground, eps, method=method)
            assert got.dtype == ref.dtype and got.shape == ref.shape
            np.testing.assert_array_equal(got, ref, err_msg=f"{name} / {method}")
        assert ref.sum() > 0 or name == "cities"


def test_counts_equal_brute_force_for_random_satellites_near_poles_and_tangent_cases():
    """Random positions (poles, GEO, low altitude) stress the bucket edges and the grid row runs."""
    rng = np.random.default_rng(7)
    n = 60
    v = rng.normal(size=(4, n, 3))
    v[:, :6] = [0.0, 0.0, 1.0]  # exactly over the poles
    v[:, 6:12] = [0.0, 0.0, -1.0]
    v[:, 12:18, 2] = 0.0  # on the equator
    v /= np.linalg.norm(v, axis=-1, keepdims=True)
    radius = 6_378_137.0 + rng.choice([200e3, 550e3, 1500e3, 35_786e3], size=(4, n))
    ecef = v * radius[..., None]
    for ground in _ground_sets().values():
        for eps in (0.0, math.radians(5.0), math.radians(30.0)):
            ref = brute_force_counts(ecef, ground, eps)
            for method in ("auto", "bucket"):
                np.testing.assert_array_equal(visibility_counts(ecef, ground, eps, method=method), ref)


def test_grid_method_refuses_point_lists():
    with pytest.raises(InputError) as exc:
        visibility_counts(np.array([[7e6, 0.0, 0.0]]), cities(CITIES), 0.1, method="grid")
    assert exc.value.field == "method"


# --- (b) statistics by hand ----------------------------------------------------------------


def _runs(bad: np.ndarray) -> list[int]:
    """Lengths of the runs of True in a 1-D boolean array."""
    out, k = [], 0
    for b in bad:
        if b:
            k += 1
        elif k:
            out.append(k)
            k = 0
    if k:
        out.append(k)
    return out


@pytest.mark.parametrize("min_sats", [1, 2])
@pytest.mark.parametrize("ground_name", ["world10", "box", "cities"])
def test_coverage_statistics_equal_hand_computation(min_sats, ground_name):
    shell = WalkerShell("sparse", 800e3, math.radians(60.0), 3, 4, phasing=1)
    ground = _ground_sets()[ground_name]
    tdb = time_grid(6e8, 3 * 3600.0, 120.0)
    ecef_all = _ecef(shell, tdb)

    def source(t):  # the very same positions, looked up, whatever the engine's chunking
        return ecef_all[np.searchsorted(tdb, t)]

    eps = math.radians(10.0)
    res = coverage(source, ground, tdb, eps, min_sats, chunk_steps=7, hist_bins=5)
    counts = brute_force_counts(ecef_all, ground, eps)  # (T, M)
    ok = counts >= min_sats
    steps = len(tdb)
    np.testing.assert_array_equal(res.covered_fraction, ok.sum(axis=0) / steps)
    np.testing.assert_array_equal(res.mean_in_view, counts.sum(axis=0) / steps)
    gaps = [_runs(~ok[:, p]) for p in range(ground.size)]
    np.testing.assert_array_equal(res.max_gap_s, [max(r, default=0) * 120.0 for r in gaps])
    np.testing.assert_allclose(res.mean_gap_s, [np.mean(r) * 120.0 if r else 0.0 for r in gaps], rtol=1e-15)
    w = ground.weight / ground.weight.sum()
    # weighted sums: same numbers, summation order may differ (BLAS) -> rtol 1e-13
    np.testing.assert_allclose(res.area_covered_t, ok @ w, rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(res.mean_in_view_t, counts @ w, rtol=1e-13, atol=1e-15)
    hist = np.stack([(np.minimum(counts, 4) == k).mean(axis=0) for k in range(5)], axis=1)  # (M, bins)
    np.testing.assert_allclose(res.in_view_hist, w @ hist, rtol=1e-13, atol=1e-15)
    assert res.coverage_fraction == pytest.approx(float(w @ ok.mean(axis=0)), rel=1e-13)
    assert res.continuous_area_fraction == pytest.approx(float(w[ok.all(axis=0)].sum()), rel=1e-13, abs=1e-15)
    assert res.mean_sats_in_view == pytest.approx(float(w @ counts.mean(axis=0)), rel=1e-13)
    assert res.max_gap == max(max(r, default=0) for r in gaps) * 120.0
    assert res.steps == steps and res.satellites == shell.count


def test_shell_source_equals_its_ecef_positions():
    """A WalkerShell source gives the same statistics as its positions fed through a callable."""
    shell = SHELLS[0]
    ground = global_grid(10.0)
    tdb = time_grid(7e8, 2 * 3600.0, 300.0)
    ecef_all = _ecef(shell, tdb)
    a = coverage(shell, ground, tdb, math.radians(25.0), chunk_steps=len(tdb))
    b = coverage(lambda t: ecef_all[np.searchsorted(tdb, t)], ground, tdb, math.radians(25.0), chunk_steps=len(tdb))
    np.testing.assert_array_equal(a.covered_fraction, b.covered_fraction)
    np.testing.assert_array_equal(a.mean_in_view, b.mean_in_view)
    np.testing.assert_array_equal(a.max_gap_s, b.max_gap_s)


# --- (c) against the analytic formulas -----------------------------------------------------


def _geocentric_lat(ground) -> np.ndarray:
    """Geocentric latitude of the ground points as the engine sees them (rad)."""
    return np.arcsin(np.clip(ground_unit_vectors(ground)[:, 2], -1.0, 1.0))


@pytest.mark.parametrize("inc_deg", [45.0, 130.0])
def test_coverage_vanishes_beyond_the_latitude_reach(inc_deg):
    """No point beyond i' + lambda is ever covered; every point 2 deg inside it is, at times.

    Beyond the reach the angular distance to any sub-satellite point exceeds lambda, so the
    check is exact.  Inside, positivity needs the caps to sweep every longitude near the apex:
    one day of 60 s steps with 36 satellites and Earth rotation does that.
    """
    alt, eps, inc = 1000e3, math.radians(10.0), math.radians(inc_deg)
    shell = WalkerShell("reach", alt, inc, 6, 6, phasing=1)
    ground = global_grid(2.0)
    res = coverage(shell, ground, time_grid(8e8, 86_400.0, 60.0), eps, earth="sphere")
    lat = np.abs(_geocentric_lat(ground))
    reach = g.max_latitude(inc, alt, eps)
    assert math.degrees(reach) < 85.0
    beyond, inside = lat > reach, lat < reach - math.radians(2.0)
    assert beyond.sum() > 100 and inside.sum() > 1000
    assert np.all(res.covered_fraction[beyond] == 0.0)
    assert np.all(res.mean_in_view[beyond] == 0.0)
    assert np.all(res.covered_fraction[inside] > 0.0)


def test_mean_in_view_matches_the_latitude_density_of_inclined_orbits():
    """Row-mean satellites in view over one day vs N p(phi) (geometry.mean_in_view).

    Averaged over a full latitude row, the count at one instant depends only on the satellites'
    latitudes, so over time it tends to N p(phi) exactly; what remains is sampling error:
    the row has 180 cells (a cap edge is resolved to 1/180 of the row per satellite and step)
    and the orbit phase is sampled at 36 satellites x 1440 steps.  Expected relative error
    ~ 1/180 / sqrt(36 x 1440) x 3 sigma ~ 1e-4 per satellite, times a few at the band edges;
    tolerance 2e-3 relative (absolute 2e-3 where p ~ 0 near the reach).
    """
    alt, eps, inc = 1000e3, math.radians(10.0), math.radians(45.0)
    shell = WalkerShell("density", alt, inc, 6, 6, phasing=1)
    ground = global_grid(2.0)
    res = coverage(shell, ground, time_grid(8e8, 86_400.0, 60.0), eps, earth="sphere")
    nlat, nlon = ground.grid_shape
    rows = res.mean_in_view.reshape(nlat, nlon).mean(axis=1)
    lat_rows = _geocentric_lat(ground).reshape(nlat, nlon)[:, 0]
    expected = g.mean_in_view(lat_rows, shell.count, inc, alt, eps)
    np.testing.assert_allclose(rows, expected, rtol=2e-3, atol=2e-3)
    assert np.max(expected) > 1.5  # the band edges hold the most satellites, not the equator
    assert expected[np.argmin(np.abs(lat_rows))] < 0.8 * np.max(expected)


def _streets_shell(design, alt, planes=None):
    """Walker star at 90 deg with planes Delta_1 apart, adjacent planes offset by pi / S."""
    p = design.planes if planes is None else planes
    assert p % 2 == 0 or planes is not None  # phasing F = P / 2 gives the half-slot offset exactly
    return WalkerShell("streets", alt, math.pi / 2, p, design.sats_per_plane, phasing=p // 2, pattern="star",
                       raan_spread_rad=min(2 * math.pi, p * design.co_rotating_spacing_rad))


def test_streets_design_covers_the_globe_continuously_and_one_plane_fewer_does_not():
    alt, eps = 1500e3, math.radians(10.0)
    design = g.min_satellites_streets(alt, eps)
    assert (design.planes, design.sats_per_plane) == (4, 10)
    ground = global_grid(2.0)
    tdb = time_grid(8e8, 7200.0, 30.0)  # > one orbit (116 min), 12 pattern repeats
    full = coverage(_streets_shell(design, alt), ground, tdb, eps, earth="sphere")
    assert np.all(full.covered_fraction == 1.0) and full.max_gap == 0.0
    fewer = coverage(_streets_shell(design, alt, design.planes - 1), ground, tdb, eps, earth="sphere")
    assert fewer.continuous_area_fraction < 0.9 and fewer.max_gap > 0.0


def test_streets_design_above_latitude_60_covers_the_cap_and_one_plane_fewer_does_not():
    alt, eps, phi = 1500e3, math.radians(10.0), math.radians(60.0)
    design = g.min_satellites_streets(alt, eps, phi)
    assert (design.planes, design.sats_per_plane) == (2, 9)
    assert design.count < g.min_satellites_streets(alt, eps).count
    # geodetic >= 60.5 deg keeps the geocentric latitude (up to 0.19 deg lower) above 60 deg
    north = bounding_box(60.5, 90.0, -180.0, 179.999, 2.0)
    south = bounding_box(-90.0, -60.5, -180.0, 179.999, 2.0)
    tdb = time_grid(8e8, 7200.0, 30.0)
    for cap in (north, south):
        assert np.min(np.abs(_geocentric_lat(cap))) > phi
        full = coverage(_streets_shell(design, alt), cap, tdb, eps, earth="sphere")
        assert np.all(full.covered_fraction == 1.0) and full.max_gap == 0.0
        fewer = coverage(_streets_shell(design, alt, design.planes - 1), cap, tdb, eps, earth="sphere")
        assert fewer.continuous_area_fraction < 0.9 and fewer.max_gap > 0.0


@pytest.mark.parametrize("lat_deg", [0.0, 45.0, 80.0])
def test_wgs84_cap_edge_elevation_is_right_to_0p2_deg(lat_deg):
    """A satellite on the engine's cap edge (WGS 84 radius under it) seen from a geodetic ground
    point has a true topocentric elevation within 0.2 deg of the mask (the residual is the tilt
    of the geodetic vertical, module docstring); SMAD's equatorial sphere is off by ~1 deg at 80 deg."""
    from spaceplan.core.frames import geodetic_to_ecef, topocentric

    eps, alt = math.radians(25.0), 550e3
    lat, lon = math.radians(lat_deg), 0.3
    site = geodetic_to_ecef(np.array([lat]), np.array([lon]), 0.0)[0]
    up = site / np.linalg.norm(site)
    east = np.array([-math.sin(lon), math.cos(lon), 0.0])
    north = np.cross(up, east)
    errors = {}
    for earth in ("wgs84", "sphere"):
        worst = 0.0
        for az in np.radians([0.0, 90.0, 180.0, 270.0]):
            d = math.cos(az) * north + math.sin(az) * east
            lo, hi = 0.0, 0.5
            for _ in range(60):  # bisect the central angle to the cap edge as the engine sees it
                mid = 0.5 * (lo + hi)
                u_sat = math.cos(mid) * up + math.sin(mid) * d
                r_sat = u_sat * (float(surface_radius(u_sat[2])) + alt)
                _, c, _ = satellite_caps(r_sat[None], eps, earth)
                lo, hi = (mid, hi) if float(u_sat @ up) >= float(c[0]) else (lo, mid)
            u_sat = math.cos(lo) * up + math.sin(lo) * d
            r_sat = u_sat * (float(surface_radius(u_sat[2])) + alt)
            el = topocentric(r_sat[None], np.array([lat]), np.array([lon]))[1]
            worst = max(worst, abs(math.degrees(float(np.ravel(el)[0])) - 25.0))
        errors[earth] = worst
    assert errors["wgs84"] < 0.2
    if lat_deg >= 80.0:
        assert errors["sphere"] > 0.5



def test_satellites_without_a_position_see_nothing_and_are_counted():
    """An SGP4 error (NaN position) removes that satellite at that epoch, exactly as if it were absent."""
    shell = WalkerShell("nan", 700e3, math.radians(60.0), 4, 5, phasing=1)
    tdb = time_grid(8e8, 1800.0, 300.0)
    ecef = np.concatenate([r for _, r in ecef_chunks(shell, tdb, len(tdb))])
    holed = ecef.copy()
    holed[2, 3] = np.nan
    holed[4, :7] = np.inf
    ground = global_grid(10.0)
    keep = np.isfinite(holed).all(axis=-1)
    for t in range(len(tdb)):
        ref = brute_force_counts(ecef[t][keep[t]][None], ground, math.radians(10.0))
        for method in ("auto", "bucket", "grid"):
            got = visibility_counts(holed[t][None], ground, math.radians(10.0), method=method)
            np.testing.assert_array_equal(got, ref)
    res = coverage(lambda t: holed[np.searchsorted(tdb, t)], ground, tdb, math.radians(10.0), chunk_steps=len(tdb))
    assert res.missing_satellite_steps == 8 and res.to_dict()["missing_satellite_steps"] == 8
