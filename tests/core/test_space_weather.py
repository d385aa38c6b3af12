"""Space-weather snapshots: parsing, gaps and bad formats, MSIS inputs, percentile forecast."""

import gzip

import numpy as np
import pytest

from spaceplan.core import space_weather as sw
from spaceplan.core.errors import InputError
from spaceplan.core.time import utc_to_tdb

HEADER = ("DATE,BSRN,ND,KP1,KP2,KP3,KP4,KP5,KP6,KP7,KP8,KP_SUM,AP1,AP2,AP3,AP4,AP5,AP6,AP7,AP8,AP_AVG,CP,C9,ISN,"
          "F10.7_OBS,F10.7_ADJ,F10.7_DATA_TYPE,F10.7_OBS_CENTER81,F10.7_OBS_LAST81,F10.7_ADJ_CENTER81,F10.7_ADJ_LAST81")


def _row(day, kind="OBS", f=100.0):
    return f"{day},1,1,{','.join(['10'] * 8)},80,{','.join(['4'] * 8)},4,0.1,0,50,{f},{f},{kind},{f},{f},{f},{f}"


def test_bundled_snapshot_spans_1957_to_2026():
    rec, fc = sw.load()
    assert str(rec.day[0]) == "1957-10-01"
    assert str(rec.last_observed) == "2026-08-06"
    assert np.all(np.diff(rec.day.astype(int)) == 1)
    assert str(fc.month[0]) == "2026-04" and str(fc.month[-1]) == "2041-10"
    # percentile columns ordered everywhere
    assert np.all(fc.f107[:, 0] >= fc.f107[:, 2])


def test_observed_inputs_match_the_csv_row():
    # 2000-01-13 12:00 UTC: previous day's F10.7_OBS 195.7, centred 81-day mean 164.1, daily Ap 9
    out = sw.msis_inputs(utc_to_tdb(["2000-01-13T12:00"]))
    assert out.f107[0] == pytest.approx(195.7)
    assert out.f107a[0] == pytest.approx(164.1)
    assert out.aps[0, 0] == pytest.approx(9.0)
    assert out.aps[0, 1:3].tolist() == [9.0, 15.0]  # AP5 (12-15 h) and AP4 of 2000-01-13
    assert out.observed.all() and not out.extrapolated.any()


def test_future_uses_msfc_percentiles_and_says_so():
    t = utc_to_tdb(["2030-01-15", "2045-06-01"])
    lo, mid, hi = (sw.msis_inputs(t, a) for a in (5, 50, 95))
    assert lo.f107[0] < mid.f107[0] < hi.f107[0]
    assert mid.f107[0] == pytest.approx(74.2, abs=0.3)  # MSFC Jan 2030 50 %
    assert not mid.observed.any()
    assert mid.extrapolated.tolist() == [False, True]
    assert any("EXTRAPOLATED" in n for n in mid.notes)


def test_bad_activity_and_early_dates_raise():
    with pytest.raises(InputError, match="activity"):
        sw.msis_inputs(utc_to_tdb(["2030-01-01"]), 40)
    with pytest.raises(InputError, match="before the space-weather record"):
        sw.msis_inputs(utc_to_tdb(["1950-01-01"]))


def test_gap_in_daily_rows_is_a_named_error(tmp_path):
    path = tmp_path / "sw.csv"
    path.write_text("\n".join([HEADER, _row("2020-01-01"), _row("2020-01-02"), _row("2020-01-04")]) + "\n")
    with pytest.raises(sw.SpaceWeatherFileError, match="gap in the daily rows"):
        sw.read_celestrak(path)


def test_bad_format_and_order_are_named_errors(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("DATE,F10.7\n2020-01-01,70\n")
    with pytest.raises(sw.SpaceWeatherFileError, match="missing column"):
        sw.read_celestrak(bad)
    order = tmp_path / "order.csv"
    order.write_text("\n".join([HEADER, _row("2020-01-02"), _row("2020-01-01")]) + "\n")
    with pytest.raises(sw.SpaceWeatherFileError, match="out of order"):
        sw.read_celestrak(order)
    num = tmp_path / "num.csv"
    num.write_text("\n".join([HEADER, _row("2020-01-01", f="abc")]) + "\n")
    with pytest.raises(sw.SpaceWeatherFileError, match="num.csv:2"):
        sw.read_celestrak(num)


def test_user_file_via_environment(tmp_path, monkeypatch):
    rows = [HEADER] + [_row(str(np.datetime64("2020-01-01") + k), f=100.0 + k) for k in range(10)]
    path = tmp_path / "sw.csv.gz"
    path.write_bytes(gzip.compress(("\n".join(rows) + "\n").encode()))
    monkeypatch.setenv(sw.ENV_CELESTRAK, str(path))
    sw.load.cache_clear()
    try:
        rec, _ = sw.load()
        assert rec.source == str(path) and len(rec.day) == 10
        out = sw.msis_inputs(utc_to_tdb(["2020-01-06T00:00"]))
        assert out.f107[0] == pytest.approx(104.0)
    finally:
        sw.load.cache_clear()


def test_msfc_gap_is_a_named_error(tmp_path):
    src = sw._bundled(sw.BUNDLED_MSFC).read_text().splitlines()
    del src[20]
    path = tmp_path / "f10.txt"
    path.write_text("\n".join(src))
    with pytest.raises(sw.SpaceWeatherFileError, match="gap or order"):
        sw.read_msfc(path)
