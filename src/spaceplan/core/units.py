"""The one converter of quantities given as text (CLI flags, the API's unit strings, scenario files) to SI.

A number (int or float) is already SI: kg, W, m.  Text carries its unit (``"20t"``, ``"7000 kg"``, ``"100kW"``,
``"40 kWe"``, ``"400km"``, ``"6378.137e3 m"``); bare text numbers are in the ``default`` unit the caller names
(the CLI's historical defaults: kg for masses, kW for power, km for lengths).  Durations and rates have their
own parser in :mod:`spaceplan.core.durations`.  Errors name the field (a CLI flag or scenario key) and the forms
accepted; nothing is clipped.
"""

from __future__ import annotations

import math
import re

from spaceplan.core.errors import InputError

_NUMBER = r"([+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)"
_QUANTITY = re.compile(rf"^\s*{_NUMBER}\s*([a-zA-Z]*)\s*$")

MASS_UNITS = {"kg": 1.0, "t": 1e3, "g": 1e-3}
POWER_UNITS = {"w": 1.0, "we": 1.0, "kw": 1e3, "kwe": 1e3, "mw": 1e6, "mwe": 1e6}
LENGTH_UNITS = {"m": 1.0, "km": 1e3}

_KINDS = {"mass": (MASS_UNITS, "20t, 7000kg"), "power": (POWER_UNITS, "100kW, 40kWe, 500W, 1MW"),
          "length": (LENGTH_UNITS, "400km, 6500e3m")}


def _quantity(kind: str, value, field: str, default: str, allow_zero: bool, allow_negative: bool = False) -> float:
    units, example = _KINDS[kind]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        si = float(value)
        shown = repr(value)
    else:
        match = _QUANTITY.match(str(value))
        unit = match.group(2).lower() if match else ""
        if not match or (unit and unit not in units):
            raise InputError(field, f"cannot read {kind} {value!r}",
                             f"a number with a unit ({', '.join(units)}), e.g. {example}")
        si = float(match.group(1)) * units[unit or default]
        shown = repr(str(value))
    if not math.isfinite(si):
        raise InputError(field, f"{kind} must be finite, got {shown}", f"a finite {kind}, e.g. {example}")
    if not allow_negative and (si < 0 or (si == 0 and not allow_zero)):
        raise InputError(field, f"{kind} must be {'non-negative' if allow_zero else 'positive'}, got {shown}",
                         ">= 0" if allow_zero else f"> 0, e.g. {example.split(',')[0]}")
    return si


def parse_mass(field: str, value, allow_zero: bool = False, default: str = "kg") -> float:
    """``20t``, ``7000kg``, ``7000`` (text: ``default`` unit) or a float in kg -> kg (> 0; >= 0 with ``allow_zero``)."""
    return _quantity("mass", value, field, default, allow_zero)


def parse_power(field: str, value, allow_zero: bool = False, default: str = "kw") -> float:
    """``100kW``, ``40 kWe``, ``500W``, ``1MW``, ``100`` (text: ``default`` unit) or a float in W -> W (> 0)."""
    return _quantity("power", value, field, default, allow_zero)


def parse_length(field: str, value, allow_zero: bool = False, default: str = "km", allow_negative: bool = False) -> float:
    """``400km``, ``400 km``, ``420000m``, ``400`` (text: ``default`` unit) or a float in m -> m (> 0)."""
    return _quantity("length", value, field, default, allow_zero, allow_negative)


def parse_length_range(field: str, value, default: str = "km") -> tuple[float, float]:
    """``LOW:HIGH`` lengths -> (low, high) m, low < high; a unit after HIGH applies to a bare LOW
    (``400:420km``, ``400km:420km``, ``400000m:420km``)."""
    parts = str(value).split(":")
    example = f"LOW:HIGH, e.g. 400:420{default}"
    if len(parts) != 2 or not all(p.strip() for p in parts):
        raise InputError(field, f"expected LOW:HIGH, got {value!r}", example)
    low, high = (p.strip() for p in parts)
    match = _QUANTITY.match(high)
    shared = match.group(2).lower() if match and match.group(2).lower() in LENGTH_UNITS else default
    lo = parse_length(field, low, allow_zero=True, default=shared, allow_negative=True)
    hi = parse_length(field, high, allow_zero=True, default=default, allow_negative=True)
    if not lo < hi:
        raise InputError(field, f"{value!r}: low must be below high", example)
    return lo, hi


def parse_length_grid(field: str, value, default: str = "km", default_step_m: float | None = None,
                      max_values: int = 201) -> list[float]:
    """``VALUE`` or ``LOW:HIGH[:STEP]`` lengths -> the grid in m (LOW, LOW + STEP, ... HIGH).

    Every part takes the forms of :func:`parse_length` (``400km``, ``400000m``, a bare number in ``default``);
    a unit after the last part applies to bare earlier parts (``200:800km``, ``200:800:50km``).  Without STEP
    the values are ``default_step_m`` apart (None: LOW and HIGH only).  At most ``max_values`` values."""
    parts = [p.strip() for p in str(value).split(":")]
    example = f"VALUE or LOW:HIGH[:STEP], e.g. 400{default} or 200:800{default}"
    if len(parts) not in (1, 2, 3) or not all(parts):
        raise InputError(field, f"cannot read {value!r}", example)
    match = _QUANTITY.match(parts[-1])
    shared = match.group(2).lower() if match and match.group(2).lower() in LENGTH_UNITS else default
    values = [parse_length(field, p, default=shared) for p in parts]
    if len(values) == 1:
        return values
    lo, hi, *rest = values
    if not lo <= hi:
        raise InputError(field, f"{value!r}: LOW must not be above HIGH", example)
    step = rest[0] if rest else default_step_m
    if step is None:
        return [lo] if hi == lo else [lo, hi]
    n = int(math.floor((hi - lo) / step * (1 + 1e-12)))
    if n + 1 > max_values:
        raise InputError(field, f"{value!r} gives {n + 1} values", f"at most {max_values} values")
    return [lo + k * step for k in range(n + 1)]
