"""Coverage maps and ground tracks: smoke tests (PNG written) and the antimeridian helpers."""

import math

import numpy as np
import pytest

from spaceplan.constellation import plots
from spaceplan.constellation.coverage import coverage, time_grid
from spaceplan.core.regions import bounding_box, cities, global_grid, parse_region
from spaceplan.constellation.shells import Constellation, WalkerShell, load_constellation
from spaceplan.core.errors import InputError

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def small():
    shells = (WalkerShell("800 km / 60 deg", 800e3, math.radians(60.0), 6, 6, 1),
              WalkerShell("1000 km polar", 1000e3, math.radians(88.0), 3, 6, 1))
    return Constellation("Small test", shells)


@pytest.fixture(scope="module")
def tdb():
    return time_grid(8.2e8, 1200.0, 60.0)


def _png(path):
    assert path.read_bytes()[:8] == PNG and path.stat().st_size > 20_000


@pytest.mark.parametrize("quantity", ["auto", "fraction", "sats", "gap"])
def test_world_map_every_quantity(small, tdb, tmp_path, quantity):
    res = coverage(small, global_grid(10.0), tdb, math.radians(20.0))
    out = plots.coverage_map(res, tmp_path / f"w_{quantity}.png", quantity)
    _png(out)


def test_auto_picks_sats_when_covered_everywhere(small, tdb):
    res = coverage(small, global_grid(10.0), tdb, math.radians(20.0))
    assert plots._pick_quantity(res, "auto") == "fraction"  # 54 satellites leave gaps
    dense = coverage(load_constellation("oneweb"), bounding_box(40, 60, 0, 40, 10.0), tdb[:3], math.radians(10.0))
    assert np.all(dense.covered_fraction == 1.0) and plots._pick_quantity(dense, "auto") == "sats"
    with pytest.raises(InputError, match="quantity"):
        plots.coverage_map(res, "x.png", "heat")


def test_region_map_across_antimeridian_and_cities(small, tdb, tmp_path):
    russia = parse_region("russia", 5.0)
    west, east = plots._lon_window(np.degrees(russia.lon))
    assert 15 < west < 30 and 180 < east < 200  # Kaliningrad .. Chukotka, re-centred
    res = coverage(small, russia, tdb, math.radians(20.0))
    _png(plots.coverage_map(res, tmp_path / "ru.png"))
    town = coverage(small, cities(["moscow", "vladivostok", "paris"]), tdb, math.radians(20.0))
    _png(plots.coverage_map(town, tmp_path / "cities.png"))


def test_lon_window_and_breaks():
    assert plots._lon_window(np.array([-10.0, 0.0, 20.0])) == pytest.approx((-10.0, 20.0))
    assert plots._lon_window(np.array([170.0, -170.0, 175.0])) == pytest.approx((170.0, 190.0))
    x, y = plots._break_at_jumps(np.array([170.0, 179.0, -179.0, -170.0]), np.array([0.0, 1.0, 2.0, 3.0]))
    assert np.isnan(x[2]) and np.isnan(y[2]) and x.size == 5


def test_select_satellites_spreads_over_shells(small):
    idx = plots.select_satellites(small, 4)
    assert idx.size == 4 and np.all(np.diff(idx) > 0)
    shell = small.shell_of_satellite()[idx]
    assert set(shell) == {0, 1}
    assert plots.select_satellites(small, small.count).size == small.count
    for bad in (0, small.count + 1, 2.5):
        with pytest.raises(InputError, match="satellites"):
            plots.select_satellites(small, bad)


def test_sub_satellite_latitude_reaches_inclination():
    shell = WalkerShell("550/53", 550e3, math.radians(53.0), 2, 2)
    tdb = time_grid(8.2e8, 6000.0, 20.0)  # > 1 orbit
    lat, lon = plots.sub_satellite_points(shell, tdb, [0, 3])
    assert lat.shape == (300, 2)
    assert np.degrees(np.abs(lat).max(axis=0)) == pytest.approx([53.2, 53.2], abs=0.3)  # geodetic > geocentric
    assert np.all(np.abs(lon) <= math.pi)


def test_ground_tracks_png(small, tmp_path):
    tdb = time_grid(8.2e8, 3 * 3600.0, 60.0)
    _png(plots.ground_tracks(small, tdb, tmp_path / "gt.png", satellites=4))
    _png(plots.ground_tracks(small, tdb, tmp_path / "gt2.png", satellites=[0, 40]))
    with pytest.raises(InputError, match="satellites"):
        plots.ground_tracks(small, tdb, tmp_path / "gt3.png", satellites=[999])
