"""Sweeps: points (grid, Latin hypercube), Parquet rows, errors recorded, resume, and a Dask cluster
that loses a worker mid-run without losing a finished point."""

import os
import signal

import numpy as np
import pytest

from spaceplan.core.errors import InputError, UnknownNameError
from spaceplan.study.sweep import SweepConfig, SweepStore, parse_parameters, point_id, run_sweep, sweep_points

BASE = {"constellation_design": {"preset": "rassvet_2027", "region": "bbox:50,60,30,60", "grid_deg": 10.0,
                                 "duration_s": 600.0, "step_s": 300.0, "milestone_samples": 2}}


def _scenario(parameters, **sweep):
    return {**BASE, "sweep": {"objective": "constellation_design.coverage_fraction", "parameters": parameters,
                              **sweep}}


def test_grid_is_the_full_product_first_parameter_slowest():
    params = parse_parameters({"constellation_design.altitude_km": {"range": [500.0, 700.0], "n": 3},
                               "constellation_design.planes": {"values": [8, 16]}})
    points = sweep_points(SweepConfig(), params)
    assert len(points) == 6
    assert [p["constellation_design.altitude_km"] for p in points] == [500.0, 500.0, 600.0, 600.0, 700.0, 700.0]
    assert [p["constellation_design.planes"] for p in points] == [8, 16] * 3


def test_latin_hypercube_one_sample_per_stratum_and_seeded():
    params = parse_parameters({"constellation_design.altitude_km": {"range": [500.0, 1500.0]},
                               "constellation_design.planes": {"range": [4, 20]}})
    cfg = SweepConfig(method="lhs", samples=50, seed=7)
    points = sweep_points(cfg, params)
    alt = np.array([p["constellation_design.altitude_km"] for p in points])
    strata = np.floor((alt - 500.0) / 1000.0 * 50).astype(int)
    assert sorted(strata) == list(range(50))  # McKay et al. 1979: each stratum sampled exactly once
    assert all(isinstance(p["constellation_design.planes"], int) for p in points)
    assert points == sweep_points(cfg, params)
    assert points != sweep_points(SweepConfig(method="lhs", samples=50, seed=8), params)


@pytest.mark.parametrize("parameters, field", [
    ({}, "sweep.parameters"),
    ({"constellation_design.altitude": {"values": [500.0]}}, "sweep.parameters.constellation_design.altitude"),
    ({"nosuch.altitude_km": {"values": [500.0]}}, "sweep parameter section"),
    ({"constellation_design.altitude_km": {"range": [900.0, 500.0]}}, "range"),
    ({"constellation_design.altitude_km": {"values": [50.0]}}, "constellation_design.altitude_km"),
    ({"constellation_design.altitude_km": {"range": [500.0, 900.0], "n": 0}}, ".n"),
    ({"constellation_design.altitude_km": {"step": 5}}, "sweep.parameters.constellation_design.altitude_km"),
])
def test_bad_parameters_are_named(parameters, field):
    with pytest.raises((InputError, UnknownNameError), match=field.replace(".", r"\.")):
        parse_parameters(parameters)


def test_serial_sweep_records_errors_and_resumes_only_missing_points(tmp_path):
    params = {"constellation_design.altitude_km": {"values": [550.0, 800.0]},
              "constellation_design.sats_per_plane": {"values": [18, 150]}}
    first = run_sweep(_scenario(params), tmp_path, figure=False)
    assert (first.points, first.computed, first.resumed) == (4, 4, 0)
    rows = SweepStore(tmp_path).rows()
    assert len(rows) == 4 and {r["point_id"] for r in rows} == {point_id(p) for p in
                                                                 sweep_points(SweepConfig(), parse_parameters(params))}
    ok = [r for r in rows if r["error"] is None]
    assert ok and all(0.0 <= r["constellation_design.coverage_fraction"] <= 1.0 for r in ok)
    assert all(r["constellation_design.satellites"] == 16 * r["constellation_design.sats_per_plane"] for r in ok)
    # a larger sweep over the same file computes only the new points
    params["constellation_design.altitude_km"]["values"].append(1000.0)
    second = run_sweep(_scenario(params), tmp_path)
    assert (second.points, second.computed, second.resumed) == (6, 2, 4)
    assert all(os.path.isfile(f) for f in second.figures) and second.best is not None
    assert not list((tmp_path / "parts").glob("*.parquet"))  # gathered into points.parquet


def test_a_failing_point_is_recorded_and_the_sweep_goes_on(tmp_path):
    params = {"constellation_design.launcher": {"values": ["soyuz-2.1b", "no-such-rocket"]}}
    res = run_sweep(_scenario(params), tmp_path, figure=False)
    rows = {r["constellation_design.launcher"]: r for r in SweepStore(tmp_path).rows()}
    assert res.errors == 1 and "no-such-rocket" in rows["no-such-rocket"]["error"]
    assert rows["soyuz-2.1b"]["error"] is None
    again = run_sweep(_scenario(params), tmp_path, figure=False, retry_errors=True)
    assert again.computed == 1


def test_objective_must_be_a_swept_section(tmp_path):
    scenario = _scenario({"constellation_design.altitude_km": {"values": [550.0]}}, objective="launch.cost")
    with pytest.raises(InputError, match="sweep.objective"):
        run_sweep(scenario, tmp_path)


def test_dask_cluster_survives_a_killed_worker(tmp_path):
    distributed = pytest.importorskip("distributed")
    params = {"constellation_design.altitude_km": {"range": [500.0, 1200.0], "n": 12}}
    killed = []
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None,
                                  processes=True) as cluster, distributed.Client(cluster) as client:
        pids = list(client.run(os.getpid).values())

        def progress(done, total):
            if done == 3 and not killed:
                os.kill(pids[0], signal.SIGKILL)
                killed.append(pids[0])

        res = run_sweep(_scenario(params), tmp_path, client=client, progress=progress, figure=False)
    assert killed and res.points == 12 and res.computed == 12
    rows = SweepStore(tmp_path).rows()
    assert len(rows) == 12 and [r["error"] for r in rows if r["error"]] == []
    serial = run_sweep(_scenario(params), tmp_path / "serial", figure=False)
    by_id = {r["point_id"]: r for r in SweepStore(tmp_path / "serial").rows()}
    assert serial.computed == 12
    for r in rows:  # the cluster computes exactly what one process computes
        assert r["constellation_design.coverage_fraction"] == by_id[r["point_id"]]["constellation_design.coverage_fraction"]
