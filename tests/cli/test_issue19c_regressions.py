"""Regression tests for the rest of issue 19's envelope work: the ``warnings`` field on the results that lacked it
(landing, reuse economics, constellation latency/deployment/capacity, interplanetary round trips), input envelopes
(interplanetary, constellation, launch, radiation) and one set of unit forms for every length flag.

Each runs the command in-process (through ``spaceplan.cli.main``) and fails on the code before the change."""

from __future__ import annotations

import json
import math
import sys

import pytest

from spaceplan.cli import main


def _run(argv, monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["spaceplan", *argv])
    monkeypatch.delenv("SPACEPLAN_DEBUG", raising=False)
    code = 0
    try:
        main()
    except SystemExit as stop:
        code = stop.code or 0
    out, err = capsys.readouterr()
    return code, out, err.strip()


def _refused(argv, monkeypatch, capsys, flag):
    code, out, err = _run(argv, monkeypatch, capsys)
    assert code == 2 and out == "" and len(err.splitlines()) == 1, (code, out, err)
    assert err.startswith(f"error: {flag}: "), err
    return err


def _json(argv, monkeypatch, capsys):
    code, out, err = _run(argv + ["--json"], monkeypatch, capsys)
    assert code == 0, err
    return json.loads(out)


# --- length flags: one set of unit forms -----------------------------------------------------------

@pytest.mark.parametrize("alt", ["400km", "400", "400000m", "300000m:400km", "300:400km"])
def test_station_lifetime_alt_takes_the_unit_forms_of_other_length_flags(alt, monkeypatch, capsys):
    d = _json(["station", "lifetime", "--alt", alt, "--bc", "50:50", "--activity", "50"], monkeypatch, capsys)
    assert d["altitude_km"][-1] == pytest.approx(400.0)
    assert all(math.isfinite(x) for x in d["king_hele_days"][0][-1])


def test_station_lifetime_alt_help_says_the_unit(monkeypatch, capsys):
    code, out, _ = _run(["station", "lifetime", "--help"], monkeypatch, capsys)
    assert "400km" in " ".join(out.replace("│", " ").split())


@pytest.mark.parametrize("r0", ["1500,0,2000", "1500m,0m,2000m", "1.5km,0,2km"])
def test_landing_r0_takes_unit_strings(r0, monkeypatch, capsys):
    d = _json(["launch", "landing", "--nodes", "20", "--r0", r0], monkeypatch, capsys)
    assert d["inputs"]["r0_m"] == [1500.0, 0.0, 2000.0]
    assert d["warnings"] == []


def test_landing_r0_bad_unit_is_one_line_naming_the_flag(monkeypatch, capsys):
    _refused(["launch", "landing", "--r0", "1500mi,0,0"], monkeypatch, capsys, "--r0")


# --- launch landing: refuse the meaningless, warn on extrapolation ---------------------------------

def test_landing_thrust_below_the_dry_weight_is_refused_in_newtons(monkeypatch, capsys):
    err = _refused(["launch", "landing", "--thrust-max", "5000"], monkeypatch, capsys, "--thrust-max")
    assert ">= 5,585.66 N" in err


def test_landing_start_below_the_ground_is_refused(monkeypatch, capsys):
    _refused(["launch", "landing", "--r0", "-10,0,0"], monkeypatch, capsys, "--r0")


def test_landing_start_beyond_flat_ground_warns(monkeypatch, capsys):
    argv = ["launch", "landing", "--nodes", "30", "--r0", "20km,0,2km", "--v0=-10,0,0", "--wet-mass", "3600",
            "--thrust-max", "20000", "--thrust-min", "3000"]
    d = _json(argv, monkeypatch, capsys)
    assert "r0 altitude" in [w["field"] for w in d["warnings"]]
    code, out, _ = _run(argv, monkeypatch, capsys)
    assert code == 0 and "warning: r0 altitude 20 km is above" in " ".join(out.split())


# --- launch economics: more flights per booster than ever flown ------------------------------------

def test_economics_beyond_the_flown_record_warns(monkeypatch, capsys):
    d = _json(["launch", "economics", "falcon9", "--flights", "1..40"], monkeypatch, capsys)
    assert [w["field"] for w in d["vehicles"][0]["warnings"]] == ["flights"]
    d = _json(["launch", "economics", "falcon9", "--flights", "1..30"], monkeypatch, capsys)
    assert d["vehicles"][0]["warnings"] == []
