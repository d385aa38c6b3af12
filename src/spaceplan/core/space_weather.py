"""Space weather for thermosphere models: daily F10.7 and Ap, observed and forecast, offline.

Two bundled, dated snapshots (provenance in ``core/data/space_weather/README.md``):

* CelesTrak's space-weather file ``SW-All.csv`` (CSSI format): observed daily
  F10.7 (observed and 1-AU adjusted), its 81-day centred and trailing means,
  the eight 3-hourly ap and the daily Ap from 1957-10-01 to the snapshot's last
  observed day, then CelesTrak's 45-day daily forecast (``PRD``) and NOAA's
  monthly F10.7 forecast (``PRM``, no Ap);
* NASA Marshall's solar-cycle forecast ``*f10-prd.txt`` (MSAFE, the NASA
  TM-4759 statistical method): 13-month-smoothed F10.7 and Ap at the 95, 50 and
  5 percentiles, monthly to the end of the next (mean) cycle.

:func:`msis_inputs` turns epochs into what NRLMSIS wants (F10.7 of the previous
day, the 81-day centred mean, the 7-element ap history).  Up to the last
observed day the observations are used; after it the MSFC percentile chosen
(5, 50 or 95; the 13-month smoothed value serves as daily and 81-day F10.7 and as
every ap).  CelesTrak's forecast rows are parsed (and reported) but not used
for the future, because its monthly rows carry no Ap and no percentiles.  Past
the end of the MSFC table the last 132 months repeat (one mean 11-year cycle,
the convention of ESA's space-debris guideline ESSB-HB-U-002 / AD10 sec. 5.9);
that extrapolation is reported in :attr:`MsisInputs.notes`, never silent.

A newer file can be used instead of each snapshot: environment variables
``SPACEPLAN_SPACE_WEATHER_FILE`` (a CelesTrak CSV, plain or ``.gz``) and
``SPACEPLAN_MSFC_FILE`` (an MSFC table), or :func:`load` with explicit paths.
Files with gaps, missing columns, bad numbers or dates out of order raise
:class:`SpaceWeatherFileError` naming the file and line.
"""

from __future__ import annotations

import csv
import functools
import gzip
import importlib.resources
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from spaceplan.core.errors import InputError, ParseError

ENV_CELESTRAK = "SPACEPLAN_SPACE_WEATHER_FILE"
ENV_MSFC = "SPACEPLAN_MSFC_FILE"
ACTIVITY_LEVELS = (5, 50, 95)
REPEAT_MONTHS = 132  # one mean solar cycle, repeated past the MSFC table (ESA AD10 sec. 5.9)
_REQUIRED = ("DATE", "AP1", "AP2", "AP3", "AP4", "AP5", "AP6", "AP7", "AP8", "AP_AVG", "F10.7_OBS", "F10.7_ADJ",
             "F10.7_DATA_TYPE", "F10.7_OBS_CENTER81")
_DAY = np.timedelta64(1, "D")
_MONTHS = {m: i for i, m in enumerate(("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV",
                                       "DEC"))}


class SpaceWeatherFileError(ParseError):
    """A space-weather file has a bad format, a gap in its daily rows, or dates out of order."""


@dataclass(frozen=True)
class DailyRecord:
    """The daily part of a CelesTrak file: observed (``OBS``/``INT``) then forecast (``PRD``) days."""

    source: str
    day: np.ndarray  # datetime64[D], consecutive
    f107_obs: np.ndarray  # sfu, observed at Earth
    f107_adj: np.ndarray  # sfu, adjusted to 1 AU
    f107_obs_ctr81: np.ndarray  # sfu, 81-day centred mean of f107_obs
    ap: np.ndarray  # (n, 8) 3-hourly ap
    ap_daily: np.ndarray  # daily Ap
    observed: np.ndarray  # bool, OBS or INT (interpolated by the observatory) rather than PRD
    monthly_day: np.ndarray = field(default_factory=lambda: np.array([], "datetime64[D]"))  # PRM rows
    monthly_f107: np.ndarray = field(default_factory=lambda: np.array([]))

    @property
    def last_observed(self) -> np.datetime64:
        return self.day[np.flatnonzero(self.observed)[-1]]


@dataclass(frozen=True)
class MsfcForecast:
    """NASA MSFC 13-month-smoothed F10.7 and Ap at the (95, 50, 5) percentiles, monthly."""

    source: str
    month: np.ndarray  # datetime64[M]
    f107: np.ndarray  # (n, 3) sfu, columns 95 %, 50 %, 5 %
    ap: np.ndarray  # (n, 3)

    def column(self, activity: int) -> int:
        if activity not in ACTIVITY_LEVELS:
            raise InputError("activity", f"got {activity!r}", "5, 50 or 95 (percentile of solar activity)")
        return {95: 0, 50: 1, 5: 2}[int(activity)]


@dataclass(frozen=True)
class MsisInputs:
    """NRLMSIS drivers at N epochs: previous-day F10.7, 81-day mean F10.7a, ap history (N, 7)."""

    f107: np.ndarray
    f107a: np.ndarray
    aps: np.ndarray
    observed: np.ndarray  # bool per epoch: True where observations were used
    extrapolated: np.ndarray  # bool per epoch: True past the end of the MSFC table (repeated cycle)
    notes: tuple[str, ...]


def _open_text(path: Path) -> str:
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except OSError as exc:
            raise SpaceWeatherFileError("space_weather_file", f"{path}: corrupt gzip ({exc})") from None
    return raw.decode("utf-8", errors="replace")


def read_celestrak(path: str | Path) -> DailyRecord:
    """Parse a CelesTrak ``SW-All.csv`` / ``SW-Last5Years.csv`` (plain or gzip)."""
    path = Path(path)
    if not path.is_file():
        raise InputError("space_weather_file", f"no such file {str(path)!r}")
    reader = csv.reader(io.StringIO(_open_text(path)))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise SpaceWeatherFileError("space_weather_file", f"{path}: empty file") from None
    missing = [c for c in _REQUIRED if c not in header]
    if missing:
        raise SpaceWeatherFileError("space_weather_file", f"{path}: not a CelesTrak space-weather CSV, missing "
                                    f"column(s) {', '.join(missing)}")
    col = {c: header.index(c) for c in _REQUIRED}
    days, f_obs, f_adj, f_ctr, ap, ap_d, obs, m_day, m_f = [], [], [], [], [], [], [], [], []
    prev = None
    for line_no, row in enumerate(reader, start=2):
        if not row or not row[0].strip():
            continue
        where = f"{path}:{line_no}"
        try:
            day = np.datetime64(row[col["DATE"]].strip(), "D")
        except ValueError:
            raise SpaceWeatherFileError("space_weather_file", f"{where}: bad date {row[0]!r}") from None
        if prev is not None and day <= prev:
            raise SpaceWeatherFileError("space_weather_file", f"{where}: date {day} not after {prev} (rows out of "
                                        "order or repeated)")
        kind = row[col["F10.7_DATA_TYPE"]].strip()
        try:
            if kind == "PRM":
                m_day.append(day)
                m_f.append(float(row[col["F10.7_OBS"]]))
                prev = day
                continue
            if kind not in ("OBS", "INT", "PRD", "PRD*"):
                raise ValueError(f"unknown F10.7_DATA_TYPE {kind!r}")
            if m_day:
                raise ValueError("daily row after monthly predictions")
            if days and day - days[-1] != _DAY:
                raise SpaceWeatherFileError("space_weather_file", f"{where}: gap in the daily rows, "
                                            f"{days[-1]} is followed by {day}")
            values = [float(row[col[f"AP{k}"]]) for k in range(1, 9)]
            ap.append(values)
            ap_d.append(float(row[col["AP_AVG"]]))
            f_obs.append(float(row[col["F10.7_OBS"]]))
            f_adj.append(float(row[col["F10.7_ADJ"]]))
            f_ctr.append(float(row[col["F10.7_OBS_CENTER81"]]))
        except (ValueError, IndexError) as exc:
            if isinstance(exc, SpaceWeatherFileError):
                raise
            raise SpaceWeatherFileError("space_weather_file", f"{where}: {exc}") from None
        days.append(day)
        obs.append(kind in ("OBS", "INT"))
        prev = day
    if not days or not any(obs):
        raise SpaceWeatherFileError("space_weather_file", f"{path}: no observed daily rows")
    rec = DailyRecord(str(path), np.array(days, "datetime64[D]"), np.array(f_obs), np.array(f_adj), np.array(f_ctr),
                      np.array(ap), np.array(ap_d), np.array(obs, bool), np.array(m_day, "datetime64[D]"),
                      np.array(m_f))
    bad = ~np.isfinite(rec.f107_obs) | (rec.f107_obs <= 0) | ~np.isfinite(rec.ap).all(axis=1)
    if np.any(bad):
        raise SpaceWeatherFileError("space_weather_file", f"{path}: invalid F10.7 or ap on {rec.day[bad][0]}")
    if np.any(~rec.observed[: np.flatnonzero(rec.observed)[-1]]):
        first = rec.day[~rec.observed][0]
        raise SpaceWeatherFileError("space_weather_file", f"{path}: forecast row {first} before the last observation")
    return rec


def read_msfc(path: str | Path) -> MsfcForecast:
    """Parse an MSFC ``*f10-prd.txt`` table: decimal year, month, F10.7 and Ap at 95/50/5 %."""
    path = Path(path)
    if not path.is_file():
        raise InputError("msfc_file", f"no such file {str(path)!r}")
    months, f107, ap = [], [], []
    for line_no, line in enumerate(_open_text(path).splitlines(), start=1):
        parts = line.split()
        if len(parts) != 8 or parts[1].upper() not in _MONTHS:
            continue
        try:
            year = int(float(parts[0]))
            vals = [float(v) for v in parts[2:]]
        except ValueError:
            raise SpaceWeatherFileError("msfc_file", f"{path}:{line_no}: bad number in {line.strip()!r}") from None
        month = np.datetime64(f"{year:04d}-{_MONTHS[parts[1].upper()] + 1:02d}", "M")
        if months and month - months[-1] != np.timedelta64(1, "M"):
            raise SpaceWeatherFileError("msfc_file", f"{path}:{line_no}: {month} does not follow {months[-1]} "
                                        "(gap or order)")
        if not (vals[0] >= vals[1] >= vals[2] > 0 and vals[3] >= vals[4] >= vals[5] >= 0):
            raise SpaceWeatherFileError("msfc_file", f"{path}:{line_no}: percentiles not ordered 95 >= 50 >= 5")
        months.append(month)
        f107.append(vals[:3])
        ap.append(vals[3:])
    if len(months) < 12:
        raise SpaceWeatherFileError("msfc_file", f"{path}: not an MSFC solar-activity table (fewer than 12 months)")
    return MsfcForecast(str(path), np.array(months, "datetime64[M]"), np.array(f107), np.array(ap))


def _bundled(name: str) -> Path:
    return Path(str(importlib.resources.files("spaceplan.core").joinpath("data", "space_weather", name)))


BUNDLED_CELESTRAK = "SW-All.csv.gz"
BUNDLED_MSFC = "oct2026f10-prd.txt"


@functools.lru_cache(maxsize=8)
def load(celestrak: str | None = None, msfc: str | None = None) -> tuple[DailyRecord, MsfcForecast]:
    """The space-weather record and MSFC forecast: explicit paths, else the env variables, else the bundled files."""
    sw = celestrak or os.environ.get(ENV_CELESTRAK) or str(_bundled(BUNDLED_CELESTRAK))
    fc = msfc or os.environ.get(ENV_MSFC) or str(_bundled(BUNDLED_MSFC))
    return read_celestrak(sw), read_msfc(fc)


def _utc_days(tdb) -> np.ndarray:
    """UTC time as float days since 1970-01-01 (TDB - UTC ~ 69 s is removed approximately)."""
    from spaceplan.core.time import tdb_to_datetime64

    stamp = tdb_to_datetime64(np.atleast_1d(np.asarray(tdb, dtype=float)))
    return (stamp - np.datetime64("1970-01-01", "ns")).astype("int64") / 86_400e9


def msfc_at(fc: MsfcForecast, days: np.ndarray, activity: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(F10.7, Ap, extrapolated) from the MSFC table, linear between mid-months, cycle repeated past the end."""
    j = fc.column(activity)
    first = fc.month[0].astype("datetime64[D]").astype(float) + 14.5
    mids = first + np.arange(len(fc.month)) * (365.25 / 12.0)
    end = mids[-1]
    period = min(REPEAT_MONTHS, len(fc.month) - 1) * (365.25 / 12.0)
    extrap = days > end
    folded = np.where(extrap, end - period + np.mod(days - end, period), days)
    return np.interp(folded, mids, fc.f107[:, j]), np.interp(folded, mids, fc.ap[:, j]), extrap


def msis_inputs(tdb, activity: int = 50, *, celestrak: str | None = None, msfc: str | None = None) -> MsisInputs:
    """NRLMSIS drivers at TDB epochs (s past J2000): observations where they exist, else the MSFC percentile.

    Observed epochs get F10.7 of the previous day, the 81-day centred mean of
    observed F10.7 and the ap history (daily Ap, 3-h ap now, 3, 6, 9 h before,
    means over 12-33 h and 36-57 h before).  Later epochs get the MSFC
    ``activity`` percentile (5, 50, 95).  Epochs before the first record raise.
    """
    rec, fc = load(celestrak, msfc)
    fc.column(activity)
    days = _utc_days(tdb)
    day0 = rec.day[0].astype(float)
    n_obs = int(np.flatnonzero(rec.observed)[-1]) + 1
    last_obs = day0 + n_obs  # first instant after the observations
    # 57 h of ap history and the previous day's F10.7 must lie inside the record
    lo = day0 + 3.0
    if np.any(~np.isfinite(days)) or np.any(days < lo):
        first = np.datetime64(int(np.floor(np.nanmin(days))), "D")
        raise InputError("date", f"{first} is before the space-weather record ({rec.source})",
                         f"{np.datetime64(int(lo), 'D')} onwards")
    n = len(days)
    f107 = np.empty(n)
    f107a = np.empty(n)
    aps = np.empty((n, 7))
    observed = days < last_obs
    extrapolated = np.zeros(n, bool)
    if np.any(observed):
        d = days[observed] - day0
        iday = np.floor(d).astype(int)
        f107[observed] = rec.f107_obs[iday - 1]
        f107a[observed] = rec.f107_obs_ctr81[iday]
        flat = rec.ap[:n_obs].ravel()
        i3 = np.floor(d * 8.0).astype(int)
        aps_obs = np.empty((len(d), 7))
        aps_obs[:, 0] = rec.ap_daily[iday]
        for k in range(4):
            aps_obs[:, 1 + k] = flat[i3 - k]
        idx = i3[:, None] - np.arange(4, 12)[None, :]
        aps_obs[:, 5] = flat[idx].mean(axis=1)
        aps_obs[:, 6] = flat[idx + -8].mean(axis=1)
        aps[observed] = aps_obs
    future = ~observed
    notes = [f"observed F10.7 and ap to {rec.last_observed} ({Path(rec.source).name})"]
    if np.any(future):
        f, a, ex = msfc_at(fc, days[future], activity)
        f107[future] = f
        f107a[future] = f
        aps[future] = a[:, None]
        extrapolated[future] = ex
        notes.append(f"after {rec.last_observed}: MSFC 13-month-smoothed forecast, {activity}th percentile "
                     f"({Path(fc.source).name}, {fc.month[0]} to {fc.month[-1]})")
        if np.any(ex):
            notes.append(f"beyond {fc.month[-1]} the forecast is EXTRAPOLATED: its last {REPEAT_MONTHS} months "
                         "repeat (one mean solar cycle, ESA AD10 convention)")
    return MsisInputs(f107, f107a, aps, observed, extrapolated, tuple(notes))
