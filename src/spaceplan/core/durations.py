"""The one parser of durations and rates given as text (CLI flags, scenario and timeline files).

Units: s, min (or m), h, d, w, mo and y, where a year is the Julian year (365.25 d) and a month a
twelfth of it (30.4375 d).  Results are SI: seconds, and events per second.
"""

from __future__ import annotations

import re

import numpy as np

from spaceplan.core.constants import DAY, JULIAN_YEAR
from spaceplan.core.errors import InputError


_UNIT_S = {"s": 1.0, "sec": 1.0, "secs": 1.0, "second": 1.0, "seconds": 1.0,
           "m": 60.0, "min": 60.0, "mins": 60.0, "minute": 60.0, "minutes": 60.0,
           "h": 3600.0, "hr": 3600.0, "hour": 3600.0, "hours": 3600.0,
           "d": DAY, "day": DAY, "days": DAY, "w": 7 * DAY, "wk": 7 * DAY, "week": 7 * DAY, "weeks": 7 * DAY,
           "mo": JULIAN_YEAR / 12, "month": JULIAN_YEAR / 12, "months": JULIAN_YEAR / 12,
           "y": JULIAN_YEAR, "yr": JULIAN_YEAR, "year": JULIAN_YEAR, "years": JULIAN_YEAR}
_NUMBER_UNIT = re.compile(r"\s*([0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?)\s*([a-zA-Z]*)\s*")
_UNITS_TEXT = "s, min (or m), h, d, w, mo (Julian year / 12), y (Julian year, 365.25 d)"


def parse_duration(text, field: str = "duration", default_unit: str = "s") -> float:
    """The one duration parser: ``60s``, ``5min``, ``36h``, ``180d``, ``3w``, ``6mo``, ``2.5y`` -> seconds (> 0).

    A bare number (or a number passed as int/float) is in ``default_unit``.  Months are Julian
    years / 12 (30.4375 d) and years Julian years (365.25 d).
    """
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        value = float(text) * _UNIT_S[default_unit]
    else:
        match = _NUMBER_UNIT.fullmatch(str(text))
        unit = match.group(2).lower() if match else ""
        if not match or (unit and unit not in _UNIT_S):
            raise InputError(field, f"cannot read duration {text!r}",
                             f"a number (in {default_unit}) or with a unit {_UNITS_TEXT}, e.g. 60s, 1d, 1.5y")
        value = float(match.group(1)) * _UNIT_S[unit or default_unit]
    if not np.isfinite(value) or value <= 0:
        raise InputError(field, f"duration must be positive, got {text!r}", "> 0")
    return value


def parse_rate(text, field: str = "rate", default_unit: str = "yr") -> float:
    """``24/yr``, ``2/month``, ``3/week`` or a bare number (per ``default_unit``) -> events per second (> 0)."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        count, unit = float(text), default_unit
    else:
        num, _, unit = str(text).partition("/")
        unit = unit.strip().lower() or default_unit
        try:
            count = float(num)
        except ValueError:
            raise InputError(field, f"cannot read rate {text!r}", "COUNT/UNIT, e.g. 24/yr, 2/month") from None
        if unit.startswith(("1", "0")) or unit not in _UNIT_S:
            raise InputError(field, f"unknown unit {unit!r}", "/yr, /month, /week, /d")
    rate = count / _UNIT_S[unit] if np.isfinite(count) else count
    if not np.isfinite(count) or count <= 0 or not rate > 0:  # a subnormal count/yr underflows to 0 per s
        raise InputError(field, f"got {text!r}", "> 0 per unit")
    return rate
