"""Time scales: UTC calendar dates to TDB seconds past J2000 and back, vectorized and offline.

spaceplan's epoch is TDB seconds past J2000.0 (2000-01-01 12:00 TDB), a float64
array.  UTC -> TAI uses the leap-second table bundled with Skyfield
(``Timescale(builtin=True)``, IERS Bulletin C); TT = TAI + 32.184 s (IAU 1991);
TDB - TT uses Skyfield's Fairhead & Bretagnon (1990) series as in the USNO
Circular 179 (Kaplan 2005, eq. 2.6), good to ~10 us.  Before 1972, when UTC had
no whole-second leaps, TAI - UTC is taken as 10 s (error below 4 s).
"""

from __future__ import annotations

import datetime as _dt
import functools
import os

import numpy as np
from skyfield.timelib import tdb_minus_tt

from spaceplan.core.constants import DAY, J2000_JD
from spaceplan.core.errors import InputError

TT_MINUS_TAI = 32.184  # s
_TDB_TT_SLACK_S = 4e-3  # s, more than the full swing of TDB - TT (about +/-1.7 ms)
_J2000_LABEL = np.datetime64("2000-01-01T12:00:00", "ns")
# datetime64[ns] spans 1677-09-21 .. 2262-04-11; stay a day inside so rounding never wraps
_FIRST = np.datetime64("1677-09-23", "s")
_LAST = np.datetime64("2262-04-10", "s")
_SPAN = f"{np.datetime_as_string(_FIRST, unit='D')} to {np.datetime_as_string(_LAST, unit='D')}"
_TDB_FIRST_S = float((_FIRST - np.datetime64("2000-01-01T12:00:00", "s")).astype("int64"))
_TDB_LAST_S = float((_LAST - np.datetime64("2000-01-01T12:00:00", "s")).astype("int64"))


def _in_span(stamp: np.datetime64, value, field: str) -> np.datetime64:
    """``stamp`` as datetime64[ns] after checking it is a date inside the representable span."""
    coarse = stamp.astype("datetime64[s]")
    if np.isnat(coarse):
        raise InputError(field, f"not a date: {value!r}", "a UTC date")
    if not _FIRST <= coarse <= _LAST:
        raise InputError(field, f"date {value!r} is outside the supported span", _SPAN)
    return stamp.astype("datetime64[ns]")


@functools.lru_cache(maxsize=1)
def _leap_table() -> tuple[np.ndarray, np.ndarray]:
    """(leap epochs as UTC seconds past the J2000 label, TAI - UTC after each) from Skyfield."""
    import skyfield_data
    from skyfield.api import Loader

    folder = os.path.join(skyfield_data.__path__[0], "data")
    ts = Loader(folder, verbose=False).timescale(builtin=True)
    dates = (np.asarray(ts.leap_dates, dtype=float) - J2000_JD) * DAY
    return dates, np.asarray(ts.leap_offsets, dtype=float)


def _tai_minus_utc(utc_s: np.ndarray) -> np.ndarray:
    dates, offsets = _leap_table()
    idx = np.searchsorted(dates, utc_s, side="right") - 1
    return np.where(idx >= 0, offsets[np.clip(idx, 0, None)], 10.0)


def _as_datetime64(utc, field: str) -> np.ndarray:
    """Parse str / datetime / datetime64 (scalars or sequences) into datetime64[ns] (UTC)."""
    if isinstance(utc, np.ndarray) and np.issubdtype(utc.dtype, np.datetime64):
        coarse = utc.astype("datetime64[s]")
        bad = np.isnat(coarse) | (coarse < _FIRST) | (coarse > _LAST)
        if np.any(bad):
            raise InputError(field, f"date {utc.ravel()[np.flatnonzero(bad.ravel())[0]]!s} is not a date in the "
                             "supported span", _SPAN)
        return utc.astype("datetime64[ns]")
    values = np.atleast_1d(np.asarray(utc, dtype=object)) if not isinstance(utc, (str, _dt.datetime)) else [utc]
    out = np.empty(len(values), dtype="datetime64[ns]")
    for k, value in enumerate(values):
        out[k] = _parse_one(value, field)
    return out.reshape(np.shape(utc)) if not isinstance(utc, (str, _dt.datetime)) else out[0]


def _parse_one(value, field: str) -> np.datetime64:
    if isinstance(value, _dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(_dt.timezone.utc).replace(tzinfo=None)
        return _in_span(np.datetime64(value, "us"), value, field)
    if isinstance(value, _dt.date):
        return _in_span(np.datetime64(value, "D"), value, field)
    if isinstance(value, np.datetime64):
        return _in_span(value, value, field)
    text = str(value).strip()
    if text.endswith(("Z", "z")):
        text = text[:-1]
    text = text.replace(" ", "T", 1)
    try:
        parsed = np.datetime64(text)  # its own unit: no silent wrap-around outside the ns span
    except ValueError:
        raise InputError(field, f"cannot read UTC date {value!r}", "ISO 8601, e.g. 2026-11-23 or 2026-11-23T12:00:00Z") from None
    if np.isnat(parsed):
        raise InputError(field, f"cannot read UTC date {value!r}", "ISO 8601, e.g. 2026-11-23")
    return _in_span(parsed, value, field)


def utc_to_tdb(utc, field: str = "utc") -> np.ndarray | float:
    """TDB seconds past J2000 for UTC dates (ISO strings, datetimes or datetime64; scalar or array)."""
    stamps = _as_datetime64(utc, field)
    utc_s = (np.asarray(stamps) - _J2000_LABEL).astype("int64") / 1e9
    tt = utc_s + _tai_minus_utc(utc_s) + TT_MINUS_TAI
    tdb = tt + tdb_minus_tt(J2000_JD + tt / DAY)
    return float(tdb) if np.ndim(tdb) == 0 else tdb


def tdb_to_datetime64(tdb) -> np.ndarray:
    """UTC datetime64[ns] for TDB seconds past J2000 (inverse of :func:`utc_to_tdb` to ~1 us)."""
    tdb = np.asarray(tdb, dtype=float)
    bad = ~np.isfinite(tdb) | (tdb < _TDB_FIRST_S) | (tdb > _TDB_LAST_S)
    if np.any(bad):
        raise InputError("tdb", f"{float(tdb.ravel()[np.flatnonzero(bad.ravel())[0]]):g} s past J2000 is not a "
                         "date in the supported span", _SPAN)
    tt = tdb - tdb_minus_tt(J2000_JD + tdb / DAY)
    tai = tt - TT_MINUS_TAI
    dates, offsets = _leap_table()
    idx = np.searchsorted(dates + offsets, tai, side="right") - 1
    utc_s = tai - np.where(idx >= 0, offsets[np.clip(idx, 0, None)], 10.0)
    return _J2000_LABEL + np.round(utc_s * 1e9).astype("int64").astype("timedelta64[ns]")


def tdb_to_iso(tdb, unit: str = "s"):
    """ISO 8601 UTC text (``2026-11-23T00:00:00Z``) for TDB seconds; unit 'D', 'm', 's' or 'ms'."""
    stamps = tdb_to_datetime64(tdb)
    # Round (not truncate) to the displayed precision, at most one second: a TDB grid of whole
    # days drifts from UTC midnights by TDB - TT (periodic, <= 1.7 ms), which must not show.
    quantum = {"ms": 1_000_000, "us": 1_000}.get(unit, 1_000_000_000)
    stamps = ((stamps.astype("int64") + quantum // 2) // quantum * quantum).astype("datetime64[ns]")
    text = np.datetime_as_string(stamps, unit=unit)
    text = np.char.add(text, "Z") if unit not in ("D", "h") else text
    return str(text) if np.ndim(text) == 0 else text


def utc_to_jd(utc, field: str = "utc") -> tuple[np.ndarray, np.ndarray]:
    """UTC Julian date split as (whole part, fraction), the form the ``sgp4`` library takes."""
    stamps = _as_datetime64(utc, field)
    utc_days = (np.asarray(stamps) - _J2000_LABEL).astype("int64") / (1e9 * DAY)
    whole = np.floor(utc_days) + J2000_JD
    return whole, utc_days - np.floor(utc_days)


def tdb_to_jd(tdb) -> np.ndarray:
    """Julian date in TDB (the argument jplephem takes)."""
    return J2000_JD + np.asarray(tdb, dtype=float) / DAY


def year_fraction(tdb) -> np.ndarray:
    """Decimal year (Julian years from J2000.0 plus 2000), for solar-cycle models and labels."""
    return 2000.0 + np.asarray(tdb, dtype=float) / (365.25 * DAY)


def epoch_grid(start_tdb: float, step_s: float, *, stop_tdb: float | None = None, duration_s: float | None = None,
               field: str = "dates") -> np.ndarray:
    """TDB epochs ``start_tdb + k step_s`` (k = 0, 1, ...): the one time-grid builder of spaceplan.

    End-point rule: every epoch up to ``stop_tdb`` *inclusive*: k = 0 .. floor((stop - start + slack) / step)
    with slack = max(4 ms, 1e-6 step), so a stop on the grid is kept even when it came from a UTC date
    (TDB - TT drifts by <= 1.7 ms between two UTC dates) and no epoch lies past the stop by more than slack.
    ``duration_s`` instead of ``stop_tdb`` means a window of that length sampled once per step:
    floor(duration / step) epochs, the last at start + duration - step (each step [t, t + step) inside it).
    """
    start_tdb = float(start_tdb)
    if not np.isfinite(step_s) or step_s <= 0:
        raise InputError(f"{field} step", f"got {step_s!r} s", "finite, > 0")
    if (stop_tdb is None) == (duration_s is None):
        raise InputError(field, "give exactly one of stop_tdb and duration_s")
    if duration_s is not None:
        if not np.isfinite(duration_s) or duration_s < step_s * (1 - 1e-9):
            raise InputError(f"{field} duration", f"got {duration_s!r} s", f">= the step ({step_s:g} s)")
        stop_tdb = start_tdb + duration_s - step_s
    stop_tdb = float(stop_tdb)
    if not np.isfinite(stop_tdb) or stop_tdb < start_tdb - max(_TDB_TT_SLACK_S, 1e-6 * step_s):
        raise InputError(field, f"empty or inverted range ({(stop_tdb - start_tdb) / DAY:g} d)", "end after start")
    return start_tdb + step_s * np.arange(epoch_count(start_tdb, step_s, stop_tdb))


def epoch_count(start_tdb: float, step_s: float, stop_tdb: float) -> int:
    """How many epochs :func:`epoch_grid` gives from ``start_tdb`` to ``stop_tdb`` (to size-check a grid first)."""
    slack = max(_TDB_TT_SLACK_S, 1e-6 * step_s)
    return max(int(np.floor((stop_tdb - start_tdb + slack) / step_s)) + 1, 1)


def date_grid(start, end, step_s: float, field: str = "dates") -> np.ndarray:
    """:func:`epoch_grid` between two UTC dates (the CLI/study edge): ``start`` to ``end`` inclusive."""
    t0, t1 = utc_to_tdb(start, f"{field} start"), utc_to_tdb(end, f"{field} end")
    if t1 <= t0:
        raise InputError(field, f"empty or inverted range {start} to {end}", "end after start")
    return epoch_grid(t0, step_s, stop_tdb=t1, field=field)
