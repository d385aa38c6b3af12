"""Porkchop grid: cells equal the scalar Lambert solution, type I/II separation, masking, chunking."""

import numpy as np
import pytest

from spaceplan.core.constants import DAY, SUN
from spaceplan.core.ephemeris import state
from spaceplan.core.errors import EphemerisRangeError, InputError, UnknownNameError
from spaceplan.core.lambert import solve_lambert
from spaceplan.core.time import utc_to_tdb
from spaceplan.interplanetary import CellStatus, porkchop, transfer
from spaceplan.core.porkchop import transfer_angle

T_DEP = utc_to_tdb("2026-09-01") + np.arange(0, 120, 6.0) * DAY
T_ARR = utc_to_tdb("2027-05-01") + np.arange(0, 240, 8.0) * DAY


@pytest.fixture(scope="module")
def grid():
    return porkchop("earth", "mars", T_DEP, T_ARR)


def test_cell_equals_scalar_lambert(grid):
    checked = 0
    for i in range(0, T_DEP.size, 4):
        for j in range(0, T_ARR.size, 5):
            k = 0 if grid.status[0, i, j] == CellStatus.OK else 1
            assert grid.status[k, i, j] == CellStatus.OK
            r1, v1p = state("earth", T_DEP[i])
            r2, v2p = state("mars", T_ARR[j])
            # prograde relative to Earth's orbital angular momentum: choose the flag by geometry
            short = np.dot(np.cross(r1, r2), np.cross(r1, v1p)) > 0
            flag = (np.cross(r1, r2)[2] >= 0) == short
            sol = solve_lambert(r1, r2, T_ARR[j] - T_DEP[i], SUN.gm, prograde=bool(flag))
            vinf = sol.v1 - v1p
            assert k == (0 if short else 1)
            assert grid.c3[k, i, j] == pytest.approx(vinf @ vinf, rel=1e-6)
            assert grid.vinf_arrival[k, i, j] == pytest.approx(np.linalg.norm(sol.v2 - v2p), rel=1e-6)
            assert grid.dla[k, i, j] == pytest.approx(np.arcsin(vinf[2] / np.linalg.norm(vinf)), abs=1e-6)
            assert grid.rla[k, i, j] == pytest.approx(np.arctan2(vinf[1], vinf[0]) % (2 * np.pi), abs=1e-6)
            assert grid.vinf_departure()[k, i, j] == pytest.approx(vinf, rel=1e-5, abs=0.05)
            checked += 1
    assert checked >= 10


def test_types_are_disjoint_and_follow_the_transfer_angle(grid):
    ok1, ok2 = grid.status[0] == CellStatus.OK, grid.status[1] == CellStatus.OK
    assert ok1.any() and ok2.any()
    assert not np.any(ok1 & ok2)
    assert np.all(grid.status[1][ok1] == CellStatus.OTHER_TYPE)
    assert np.all(grid.status[0][ok2] == CellStatus.OTHER_TYPE)
    for (k, mask) in ((0, ok1), (1, ok2)):
        idx = np.argwhere(mask)[:: max(1, mask.sum() // 6)]
        for i, j in idx:
            angle = np.degrees(transfer_angle("earth", "mars", T_DEP[i], T_ARR[j]))
            assert (angle < 180) if k == 0 else (angle > 180)


def test_transfers_are_prograde_about_the_departure_orbit(grid):
    """The solution's angular momentum is along Earth's orbital angular momentum for every cell."""
    r1, v1p = state("earth", T_DEP)
    h_earth = np.cross(r1, v1p)
    vinf = grid.vinf_departure()
    for k in range(2):
        ok = grid.status[k] == CellStatus.OK
        i = np.nonzero(ok)[0]
        v_sc = vinf[k][ok] + v1p[i]
        h_sc = np.cross(r1[i], v_sc)
        assert np.all(np.einsum("ij,ij->i", h_sc, h_earth[i]) > 0)


def test_min_per_type(grid):
    best = grid.min()
    for k, name in enumerate(("I", "II")):
        assert best[name].transfer_type == name
        assert best[name].c3 == pytest.approx(np.nanmin(grid.c3[k]))
    d = best["II"].to_dict()
    assert set(d) >= {"departure_utc", "arrival_utc", "c3_km2s2", "vinf_arrival_kms", "dla_deg", "rla_deg", "tof_days"}
    assert 8 < d["c3_km2s2"] < 11


def test_masking_flags_arrival_before_departure_and_tof_bounds():
    t_dep = utc_to_tdb("2026-10-01") + np.arange(0, 40, 10.0) * DAY
    t_arr = utc_to_tdb("2026-09-01") + np.arange(0, 400, 20.0) * DAY
    g = porkchop("earth", "mars", t_dep, t_arr, tof_bounds=(100 * DAY, 300 * DAY))
    tof = g.tof
    for k in range(2):
        assert np.all(g.status[k][tof <= 0] == CellStatus.BAD_TOF)
        inside = (tof > 0) & ((tof < 100 * DAY) | (tof > 300 * DAY))
        assert np.all(g.status[k][inside] == CellStatus.TOF_OUT_OF_RANGE)
        not_ok = g.status[k] != CellStatus.OK
        assert np.all(np.isnan(g.c3[k][not_ok]))
        assert np.all(np.isfinite(g.c3[k][~not_ok]))
    counts = g.status_counts()
    assert counts["I"]["bad_tof"] > 0 and counts["I"]["tof_out_of_range"] > 0
    js = g.to_dict(grid=True)
    assert js["grid"]["c3_km2s2"].shape == (2, 4, 20)


def test_degenerate_geometry_is_flagged():
    """A 180-degree (and a 0-degree) geometry has no transfer plane: flagged DEGENERATE in both types."""
    from spaceplan.core.constants import AU
    from spaceplan.core.porkchop import compute_fields

    v = 29_780.0
    r_dep = np.array([[AU, 0.0, 0.0]])
    v_dep = np.array([[0.0, v, 0.0]])
    r_arr = np.array([[-1.5 * AU, 0.0, 0.0], [1.5 * AU, 0.0, 0.0], [0.0, 1.5 * AU, 0.0]])
    v_arr = np.zeros((3, 3))
    c3, vinf, dla, rla, status = compute_fields(r_dep, v_dep, np.array([0.0]), r_arr, v_arr,
                                                np.array([200.0, 200.0, 200.0]) * DAY, (0.0, np.inf))
    assert list(status[:, 0, 0]) == [CellStatus.DEGENERATE] * 2
    assert list(status[:, 0, 1]) == [CellStatus.DEGENERATE] * 2
    assert np.all(np.isnan(c3[:, 0, :2]))
    assert status[0, 0, 2] == CellStatus.OK and status[1, 0, 2] == CellStatus.OTHER_TYPE
    # the near-180-degree band is masked on request
    r = porkchop("earth", "mars", T_DEP, T_ARR, ridge_deg=5.0)
    assert (r.status[0] == CellStatus.NEAR_180).any()
    assert np.all(np.isnan(r.c3[0][r.status[0] == CellStatus.NEAR_180]))


def test_chunking_gives_identical_results(grid):
    calls = []
    small = porkchop("earth", "mars", T_DEP, T_ARR, chunk_cells=T_ARR.size * 3,
                     progress=lambda done, total: calls.append((done, total)))
    for name in ("c3", "vinf_arrival", "dla", "rla", "status"):
        np.testing.assert_array_equal(getattr(small, name), getattr(grid, name))
    assert len(calls) == int(np.ceil(T_DEP.size / 3))
    assert calls[-1] == (T_DEP.size * T_ARR.size,) * 2


def test_transfer_point_matches_grid(grid):
    i, j = 3, 10
    p = transfer("earth", "mars", T_DEP[i], T_ARR[j])
    k = 0 if p.transfer_type == "I" else 1
    assert grid.c3[k, i, j] == pytest.approx(p.c3, rel=1e-6)


@pytest.mark.parametrize(
    "args, error",
    [
        (("earth", "pluto2", T_DEP, T_ARR), UnknownNameError),
        (("earth", "earth", T_DEP, T_ARR), InputError),
        (("sun", "mars", T_DEP, T_ARR), InputError),
        (("earth", "mars", T_DEP[::-1], T_ARR), InputError),
        (("earth", "mars", np.array([]), T_ARR), InputError),
        (("earth", "mars", T_DEP, T_DEP[:1] - DAY), InputError),
        (("earth", "mars", T_DEP + 40 * 365.25 * DAY, T_ARR + 40 * 365.25 * DAY), EphemerisRangeError),
    ],
)
def test_errors(args, error):
    with pytest.raises(error):
        porkchop(*args)


def test_bad_options():
    with pytest.raises(InputError):
        porkchop("earth", "mars", T_DEP, T_ARR, tof_bounds=(300 * DAY, 100 * DAY))
    with pytest.raises(InputError):
        porkchop("earth", "mars", T_DEP, T_ARR, chunk_cells=0)
