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
    other = mission_dose(MARS, spe="oct1989", spe_phase=2)
    assert other.phases[2].spe is not None and other.phases[0].spe is None


def test_chained_dates_and_overlap_error():
    t0 = utc_to_tdb("2030-01-01")
    d = mission_dose([Phase("deep_space", 10 * DAY, t0), Phase("mars_orbit", 5 * DAY)])
    assert d.phases[1].start_tdb == pytest.approx(t0 + 10 * DAY)
    with pytest.raises(InputError, match=r"phases\[1\].start_tdb"):
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
    with pytest.raises(InputError, match=r"phases\[0\].duration_s"):
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
    with pytest.raises(ParseError, match=r"phases\[0\]"):
        load_timeline(bad)
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    with pytest.raises(ParseError, match="invalid JSON"):
        load_timeline(broken)
