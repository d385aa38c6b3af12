"""Timeline API (the contract used by the Mars-missions study), parsing and errors."""

import json

import pytest

from spaceplan.core.errors import InputError, ParseError, UnknownNameError
from spaceplan.core.results import dumps
from spaceplan.core.time import utc_to_tdb
from spaceplan.radiation import MissionDose, Phase, mission_dose
from spaceplan.radiation.timeline import load_timeline, parse_duration_days, parse_timeline

DAY = 86400.0
MARS = [Phase("deep_space", 180 * DAY), Phase("mars_surface", 500 * DAY), Phase("cruise", 180 * DAY)]


def test_contract_fields():
    d = mission_dose(MARS, shielding_gcm2=20.0, material="aluminium", solar_activity=None, spe=None)
    assert isinstance(d, MissionDose)
    assert d.total_sv == pytest.approx(sum(p.dose_sv for p in d.phases))
    assert len(d.phases) == 3
    for p in d.phases:
        assert p.dose_sv == pytest.approx(p.rate_sv_per_day * p.duration_s / DAY)
    assert "NASA" in d.assessment and "600 mSv" in d.assessment
    out = json.loads(dumps(d))
    assert out["total_msv"] == pytest.approx(d.total_sv * 1e3)
    assert out["phases"][0]["dose_msv"] == pytest.approx(d.phases[0].dose_sv * 1e3)
    assert out["phases"][1]["rate_msv_per_day"] == pytest.approx(d.phases[1].rate_sv_per_day * 1e3)
    assert out["fraction_of_nasa_limit"] == pytest.approx(d.total_sv / 0.6)


def test_undated_default_is_solar_minimum():
    assert mission_dose(MARS).total_sv == pytest.approx(mission_dose(MARS, solar_activity="min").total_sv)
    assert mission_dose(MARS, solar_activity="max").total_sv < mission_dose(MARS, solar_activity="min").total_sv
    assert mission_dose(MARS, solar_activity=700.0).total_sv == pytest.approx(
        mission_dose(MARS, solar_activity="700").total_sv)


def test_dated_phases_follow_the_solar_cycle():
    at_max = mission_dose([Phase("deep_space", 180 * DAY, utc_to_tdb("2025-06-01"))])
    at_min = mission_dose([Phase("deep_space", 180 * DAY, utc_to_tdb("2020-10-01"))])
    assert at_min.phases[0].phi_mv < at_max.phases[0].phi_mv
    assert at_min.total_sv > at_max.total_sv


def test_more_shielding_less_dose_and_polyethylene_beats_aluminium():
    thin = mission_dose(MARS, shielding_gcm2=5.0).total_sv
    thick = mission_dose(MARS, shielding_gcm2=40.0).total_sv
    pe = mission_dose(MARS, shielding_gcm2=40.0, material="polyethylene").total_sv
    assert thin > thick > pe


def test_spe_added_to_first_deep_space_phase():
    base = mission_dose(MARS)
    with_spe = mission_dose(MARS, spe="aug1972")
    assert with_spe.phases[0].spe is not None and with_spe.phases[0].spe_dose_sv > 0
    assert with_spe.total_sv == pytest.approx(base.total_sv + with_spe.phases[0].spe_dose_sv)
    other = mission_dose(MARS, spe="oct1989", spe_phase=3)  # 1-based: the return cruise
    assert other.phases[2].spe is not None and other.phases[0].spe is None


def test_chained_dates_and_overlap_error():
    t0 = utc_to_tdb("2030-01-01")
    d = mission_dose([Phase("deep_space", 10 * DAY, t0), Phase("mars_orbit", 5 * DAY)])
    assert d.phases[1].start_tdb == pytest.approx(t0 + 10 * DAY)
    with pytest.raises(InputError, match=r"phase 2.start_tdb: phase 2 \(mars_orbit\) starts .* before phase 1 ends"):
        mission_dose([Phase("deep_space", 10 * DAY, t0), Phase("mars_orbit", 5 * DAY, t0 + 5 * DAY)])


@pytest.mark.parametrize("kwargs,field", [
    ({"shielding_gcm2": -1.0}, "shielding_gcm2"),
    ({"material": "lead"}, "material"),
    ({"solar_activity": "medium"}, "solar_activity"),
    ({"solar_activity": 5000.0}, "solar_activity"),
    ({"spe": "jan2005x"}, "spe"),
])
def test_bad_options(kwargs, field):
    with pytest.raises(InputError, match=field):
        mission_dose(MARS, **kwargs)


def test_zero_length_phase_contributes_nothing():
    d = mission_dose([Phase("deep_space", 100 * DAY), Phase("mars_surface", 0.0), Phase("deep_space", 100 * DAY)])
    assert d.phases[1].dose_sv == 0.0 and d.total_sv == pytest.approx(2 * d.phases[0].dose_sv)


def test_bad_phases():
    with pytest.raises(UnknownNameError, match="location"):
        mission_dose([Phase("jupiter", DAY)])
    with pytest.raises(InputError, match=r"phase 1.duration_s"):
        mission_dose([Phase("leo", -DAY)])
    with pytest.raises(InputError, match="phases"):
        mission_dose([])
    with pytest.raises(InputError, match="spe"):
        mission_dose([Phase("earth", DAY)], spe="aug1972")


def test_parse_timeline_flags():
    phases = parse_timeline("deep_space:180d, mars_surface:1.5y@2031-08-01,cruise:6mo", start="2031-01-01")
    assert [p.location for p in phases] == ["deep_space", "mars_surface", "cruise"]
    assert phases[1].duration_s == pytest.approx(1.5 * 365.25 * DAY)
    assert phases[0].start_tdb == pytest.approx(utc_to_tdb("2031-01-01"))
    assert phases[2].start_tdb is None
    for bad, field in [("deep_space", "--timeline"), ("deep_space:-3d", "duration"), ("moon:3d", "location"),
                       ("deep_space:3 parsecs", "duration"), ("", "--timeline")]:
        with pytest.raises(InputError, match=field):
            parse_timeline(bad)


def test_parse_duration_days():
    assert parse_duration_days("f", "36h") == pytest.approx(1.5)
    assert parse_duration_days("f", 12) == 12.0
    with pytest.raises(InputError, match="f"):
        parse_duration_days("f", "0d")


def test_load_toml_and_json(tmp_path):
    toml = tmp_path / "m.toml"
    toml.write_text('start = "2031-01-01"\nshielding_gcm2 = 30\nspe = "aug1972"\n'
                    '[[phase]]\nlocation = "deep_space"\nduration_days = 180\nlabel = "outbound"\n'
                    '[[phase]]\nlocation = "mars_surface"\nduration = "500d"\n')
    phases, opts = load_timeline(toml)
    assert phases[0].label == "outbound" and phases[0].start_tdb is not None
    assert opts == {"shielding_gcm2": 30, "spe": "aug1972"}
    js = tmp_path / "m.json"
    js.write_text(json.dumps({"phases": [{"location": "leo", "duration_days": 182}]}))
    phases, opts = load_timeline(js)
    assert phases[0].location == "leo" and opts == {}


def test_load_errors(tmp_path):
    with pytest.raises(ParseError, match="cannot read"):
        load_timeline(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[[phase]]\nduration_days = 3\n")
    with pytest.raises(ParseError, match=r"phase 1"):
        load_timeline(bad)
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    with pytest.raises(ParseError, match="invalid JSON"):
        load_timeline(broken)


# --- review fixes: 1-based spe_phase, strict files, worst 30 days across phases, shielded SPE, tz dates ---

def test_spe_phase_is_1_based_and_integer():
    d = mission_dose(MARS, spe="aug1972", spe_phase=1)
    assert d.phases[0].spe is not None
    for bad in (0, 4, 1.5, True, "2"):
        with pytest.raises(InputError, match=r"spe_phase: .*allowed: 1 to 3"):
            mission_dose(MARS, spe="aug1972", spe_phase=bad)
    with pytest.raises(InputError, match="spe_phase: .*without an SPE"):
        mission_dose(MARS, spe_phase=1)


def _write(tmp_path, text, name="m.toml"):
    path = tmp_path / name
    path.write_text(text)
    return path


PHASES = '[[phase]]\nlocation = "deep_space"\nduration_days = 180\n[[phase]]\nlocation = "mars_surface"\nduration_days = 500\n'


def test_file_spe_phase_is_1_based(tmp_path):
    _, opts = load_timeline(_write(tmp_path, 'spe = "oct1989"\nspe_phase = 2\n' + PHASES))
    assert opts["spe_phase"] == 2
    d = mission_dose(*load_timeline(_write(tmp_path, PHASES))[:1], spe="oct1989", spe_phase=opts["spe_phase"])
    assert d.phases[1].spe is not None and d.phases[1].spe_dose_sv > 0 and d.phases[0].spe is None
    for value in ("1.5", "0", "3", "true", '"2"'):
        with pytest.raises(InputError, match=r"m.toml: spe_phase: .*allowed: 1 to 2"):
            load_timeline(_write(tmp_path, f'spe = "aug1972"\nspe_phase = {value}\n' + PHASES))
    with pytest.raises(InputError, match=r"m.json: spe_phase: expected a whole phase number, got '2'"):
        load_timeline(_write(tmp_path, json.dumps({"phases": [{"location": "leo", "duration_days": 1}] * 2,
                                                   "spe_phase": "2"}), "m.json"))


@pytest.mark.parametrize("text,needle", [
    ('shieldng_gcm2 = 5\n' + PHASES, r"top-level key: unknown name 'shieldng_gcm2' \(allowed: .*shielding_gcm2"),
    (PHASES.replace("duration_days = 500\n", "duration_days = 500\ndurration = 5\n"),
     r"phase 2 key: unknown name 'durration' \(allowed: duration, duration_days, label, location, start\)"),
])
def test_unknown_file_keys_are_rejected(tmp_path, text, needle):
    with pytest.raises(UnknownNameError, match=needle):
        load_timeline(_write(tmp_path, text))


@pytest.mark.parametrize("text,field", [
    ('shielding_gcm2 = "lots"\n' + PHASES, "m.toml: shielding_gcm2: expected a number"),
    ('shielding_gcm2 = true\n' + PHASES, "m.toml: shielding_gcm2: expected a number"),
    ('shielding_gcm2 = -3\n' + PHASES, "m.toml: shielding_gcm2: got -3"),
    ('material = 3\n' + PHASES, "m.toml: material: expected text"),
    ('spe = 1972\n' + PHASES, "m.toml: spe: expected text"),
    ('solar_activity = [1]\n' + PHASES, "m.toml: solar_activity: expected min, max"),
    (PHASES.replace('"mars_surface"', "7"), "m.toml: phase 2.location: expected a location"),
    (PHASES.replace('"mars_surface"', '"jupiter"'), "m.toml: phase 2.location: unknown name 'jupiter'"),
    (PHASES + 'label = 5\n', "m.toml: phase 2.label: expected text"),
    (PHASES + 'start = 5\n', "m.toml: phase 2.start: expected a UTC date"),
    (PHASES + 'start = 07:00:00\n', "m.toml: phase 2.start: expected a UTC date"),
    (PHASES + 'duration = "3d"\n', "m.toml: phase 2.duration: both"),
    ('start = "2030-01-01"\n' + PHASES.replace("duration_days = 180\n", 'duration_days = 180\nstart = "2030-02-01"\n'),
     "m.toml: start: both"),
    (PHASES + 'start = "2030-01-01"\n[[phase]]\nlocation = "deep_space"\nduration_days = 1\nstart = "2029-12-01"\n',
     r"m.toml: phase 3.start: phase 3 \(deep_space\) starts .* before phase 2 ends"),
])
def test_wrong_types_in_files_name_the_field(tmp_path, text, field):
    with pytest.raises(InputError, match=field):
        load_timeline(_write(tmp_path, text))


def test_timezone_aware_toml_datetime_is_utc_without_warning(tmp_path):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        phases, _ = load_timeline(_write(tmp_path, PHASES.replace(
            "duration_days = 180\n", "duration_days = 180\nstart = 2030-03-01T02:00:00+02:00\n")))
        naive, _ = load_timeline(_write(tmp_path, PHASES.replace(
            "duration_days = 180\n", "duration_days = 180\nstart = 2030-03-01T00:00:00\n")))
    assert phases[0].start_tdb == pytest.approx(utc_to_tdb("2030-03-01T00:00:00"))
    assert naive[0].start_tdb == pytest.approx(phases[0].start_tdb)


def test_worst_30_days_spans_phases():
    one = mission_dose([Phase("deep_space", 30 * DAY)])
    three = mission_dose([Phase("deep_space", 10 * DAY)] * 3)
    assert three.fraction_of_nasa_limit == pytest.approx(one.fraction_of_nasa_limit)
    w1, w3 = one.assessment_detail.worst_30day_bfo_gy_eq, three.assessment_detail.worst_30day_bfo_gy_eq
    assert w3 == pytest.approx(w1, rel=1e-12)
    assert w1 == pytest.approx(one.phases[0].gcr_bfo_gy_eq)  # Gy-Eq (RBE), not the dose equivalent
    # mixed phases: the window takes the worst 30 consecutive days of the whole timeline
    mixed = mission_dose([Phase("mars_surface", 100 * DAY), Phase("deep_space", 20 * DAY), Phase("leo", 5 * DAY)])
    r = [p.gcr_bfo_gy_eq / p.duration_days for p in mixed.phases]
    expected = max(20 * r[1] + 10 * r[0], 20 * r[1] + 5 * r[2] + 5 * r[0])
    assert mixed.assessment_detail.worst_30day_bfo_gy_eq == pytest.approx(expected)
    # the SPE impulse counts with the 30 days around it, wherever it falls in its phase
    split = mission_dose([Phase("deep_space", 10 * DAY)] * 3, spe="aug1972", spe_phase=3)
    whole = mission_dose([Phase("deep_space", 30 * DAY)], spe="aug1972")
    assert split.assessment_detail.worst_30day_bfo_gy_eq == pytest.approx(whole.assessment_detail.worst_30day_bfo_gy_eq)
    assert whole.assessment_detail.worst_30day_bfo_gy_eq == pytest.approx(w1 + whole.phases[0].spe_dose_sv)


def test_worst_30_days_gaps_between_dated_phases_count_zero():
    t0 = utc_to_tdb("2030-01-01")
    gap = mission_dose([Phase("deep_space", 15 * DAY, t0), Phase("deep_space", 15 * DAY, t0 + 25 * DAY)],
                       solar_activity="min")
    rate = gap.phases[0].gcr_bfo_gy_eq / gap.phases[0].duration_days
    assert gap.assessment_detail.worst_30day_bfo_gy_eq == pytest.approx(20 * rate)


def test_worst_window_dose_helper():
    from spaceplan.radiation.timeline import worst_window_dose

    assert worst_window_dose([(0.0, 10.0, 1.0)], window_s=30.0) == pytest.approx(10.0)
    assert worst_window_dose([(0.0, 100.0, 1.0)], (50.0, 50.0, 7.0), window_s=30.0) == pytest.approx(37.0)
    assert worst_window_dose([], (0.0, 0.0, 2.0)) == pytest.approx(2.0)


def test_spe_in_geomagnetically_shielded_phase_is_explained():
    d = mission_dose([Phase("leo", 180 * DAY)], spe="aug1972", spe_phase=1)
    assert d.spe_event == "aug1972" and d.phases[0].spe_dose_sv == 0.0
    assert "No solar particle event" not in d.assessment
    assert "requested in phase 1 (leo)" in d.assessment and "geomagnetic field" in d.assessment


def test_spe_depth_notes_reach_the_result():
    d = mission_dose([Phase("deep_space", 30 * DAY)], shielding_gcm2=40.0, material="polyethylene", spe="aug1972")
    assert d.notes and "extrapolated" in d.notes[0] and d.to_dict()["notes"] == list(d.notes)
    assert mission_dose([Phase("deep_space", 30 * DAY)], spe="aug1972").notes == ()


def test_cli_text_timeline_phase_numbers_are_1_based():
    with pytest.raises(InputError, match=r"--timeline phase 2 duration"):
        parse_timeline("deep_space:3d,deep_space:-3d")
    with pytest.raises(InputError, match=r"--timeline phase 2 location: unknown name 'moon'"):
        parse_timeline("deep_space:3d,moon:3d")
    with pytest.raises(InputError, match=r"--timeline phase 2 start: phase 2 .* before phase 1 ends"):
        parse_timeline("deep_space:10d@2030-01-01,mars_orbit:5d@2030-01-05")
    with pytest.raises(InputError, match=r"--start: phase 1 already has a start date"):
        parse_timeline("deep_space:10d@2030-01-01", start="2030-02-01")
