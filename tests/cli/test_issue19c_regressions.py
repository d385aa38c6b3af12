"""Regression tests for the rest of issue 19's envelope work: the ``warnings`` field on the results that lacked it
(landing, reuse economics, constellation latency/deployment/capacity, interplanetary round trips), input envelopes
(interplanetary, constellation, launch, radiation) and one set of unit forms for every length flag.

Each runs the command in-process (through ``spaceplan.cli.main``) and fails on the code before the change."""

from __future__ import annotations

import json
import math

import pytest

from cli_run import refused, run_cli

_run = run_cli
_refused = refused


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


# --- constellation: shells, latency, deployment, capacity ----------------------------------------

def test_latency_isl_route_over_oneweb_is_one_line_naming_isl(monkeypatch, capsys):
    _refused(["constellation", "latency", "oneweb", "--from", "london", "--to", "new-york", "--isl"], monkeypatch,
             capsys, "--isl")


def test_latency_carries_warnings_in_json(monkeypatch, capsys):
    argv = ["constellation", "latency", "starlink_gen1", "--from", "london", "--to", "new-york", "--duration", "5min",
            "--step", "5min"]
    assert _json(argv, monkeypatch, capsys)["warnings"] == []
    d = _json(argv + ["--min-elevation", "10"], monkeypatch, capsys)
    assert [w["field"] for w in d["warnings"]] == ["min_elevation_deg"]


def test_coverage_of_a_shell_below_the_drag_limit_warns(monkeypatch, capsys):
    argv = ["constellation", "coverage", "oneweb", "--duration", "10min", "--step", "600s", "--grid", "30deg"]
    assert _json(argv, monkeypatch, capsys)["warnings"] == []
    d = _json(argv + ["--altitude", "120km"], monkeypatch, capsys)
    assert [w["code"] for w in d["warnings"]] == ["below_drag_limit"]
    err = _refused(argv + ["--altitude", "90km"], monkeypatch, capsys, "--altitude")
    assert "100 to 50000 km" in err


def test_deployment_beyond_the_demonstrated_cadence_warns(monkeypatch, capsys):
    argv = ["constellation", "deploy", "starlink_gen1", "--launcher", "falcon9", "--cadence"]
    assert _json(argv + ["100/yr"], monkeypatch, capsys)["warnings"] == []
    d = _json(argv + ["200/yr"], monkeypatch, capsys)
    assert [w["field"] for w in d["warnings"]] == ["cadence"]
    code, out, _ = _run(argv + ["200/yr"], monkeypatch, capsys)
    assert code == 0 and "warning: cadence 200 per year is above 165 per year" in " ".join(out.split())


def test_capacity_says_upper_bound_as_a_warning(monkeypatch, capsys):
    assert _json(["constellation", "capacity", "oneweb"], monkeypatch, capsys)["warnings"] == []
    d = _json(["constellation", "capacity", "starlink_gen1"], monkeypatch, capsys)
    assert [w["code"] for w in d["warnings"]] == ["upper_bound"]


# --- interplanetary: DE421, C3 caps, the zero-revolution domain, round trips ------------------------

def test_windows_beyond_the_zero_revolution_domain_warns(monkeypatch, capsys):
    argv = ["windows", "earth", "mars", "--from", "2031", "--to", "2031"]
    assert _json(argv, monkeypatch, capsys)["warnings"] == []
    d = _json(argv + ["--tof-max", "700"], monkeypatch, capsys)
    assert [w["field"] for w in d["warnings"]] == ["tof_max"]


def test_windows_outside_de421_is_one_line_naming_the_flag(monkeypatch, capsys):
    _refused(["windows", "earth", "mars", "--from", "2060", "--to", "2060"], monkeypatch, capsys, "--from")


def test_porkchop_names_the_arrive_flag_and_warns_on_long_flights(monkeypatch, capsys):
    _refused(["porkchop", "earth", "mars", "--depart", "2026-01-01:2026-02-01", "--arrive", "2025-08-01:2025-09-01",
              "--step", "10d"], monkeypatch, capsys, "--arrive")
    d = _json(["porkchop", "earth", "mars", "--depart", "2026-08-01:2026-12-01", "--arrive", "2027-03-01:2028-09-01",
               "--step", "20d"], monkeypatch, capsys)
    assert [w["code"] for w in d["warnings"]] == ["beyond_zero_revolution"]


def test_mars_mission_results_carry_warnings(monkeypatch, capsys):
    argv = ["mars", "mission", "--year", "2033", "--class", "conjunction", "--step", "10"]
    d = _json(argv, monkeypatch, capsys)
    assert d["search"]["warnings"] == [] and d["options"][0]["warnings"] == []
    d = _json(argv + ["--aerocapture"], monkeypatch, capsys)
    assert [w["field"] for w in d["search"]["warnings"]] == ["mars_capture"]


# --- launch payload: inclination below the site latitude names the flag ---------------------------

def test_payload_inclination_below_the_site_latitude_names_the_flag(monkeypatch, capsys):
    err = _refused(["launch", "payload", "falcon9", "--inclination", "20"], monkeypatch, capsys, "--inclination")
    assert "28.4007 to 151.5993 deg" in err


# --- radiation: shielding outside the published depth response ------------------------------------

def test_radiation_rates_shielding_beyond_the_published_response_warns(monkeypatch, capsys):
    assert _json(["radiation", "rates", "--shielding", "20"], monkeypatch, capsys)["warnings"] == []
    d = _json(["radiation", "rates", "--shielding", "300"], monkeypatch, capsys)
    assert [w["field"] for w in d["warnings"]] == ["shielding"]
    err = _refused(["radiation", "rates", "--shielding", "5000"], monkeypatch, capsys, "--shielding")
    assert "0 to 3000 g/cm^2" in err


def test_radiation_dose_and_belts_carry_warnings(monkeypatch, capsys):
    d = _json(["radiation", "dose", "--timeline", "deep_space:30d", "--start", "2030-01-01", "--shielding", "250"],
              monkeypatch, capsys)
    assert [w["code"] for w in d["warnings"]] == ["beyond_published_depth_response"]
    d = _json(["radiation", "belts", "--trajectory", "orbit", "--altitude", "800km", "--hours", "1", "--shielding",
               "0.5"], monkeypatch, capsys)
    assert [w["code"] for w in d["warnings"]] == ["thin_shield_bremsstrahlung"]
