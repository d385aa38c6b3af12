"""Validity envelopes: where a model's answer means something, declared once per model, checked by one function.

A model declares an :class:`Envelope`: the input ranges over which it was fitted or validated, and
the physical bounds of its outputs.  :func:`check` applies it to the values of one evaluation:

* inside every range: no warning;
* outside a range marked ``"warn"`` (an extrapolation: a fission mass beyond the fitted design points,
  a tug carrying more xenon than its tanks hold): a warning ``{"code", "field", "message"}`` that the
  result carries in its ``warnings`` and that the CLI, the JSON and the study report show beside the number;
* outside a range marked ``"refuse"`` (a meaningless answer: an orbit inside the Earth, an escape spiral
  starting beyond the sphere of influence): an :class:`~spaceplan.core.errors.InputError` naming the
  field as the user knows it (CLI flag or scenario key) with its display units and the allowed range.

Outputs outside their physical bounds (a negative mass, a NaN time) are refused: such a number is a
defect, never a result.  Bounds are in SI; ``scale`` and ``unit`` give the display value (``scale = 1e-3,
unit = "km"``).  A bound may name another value of the same evaluation instead of a number
(``hi="tank_capacity_kg"``): the check compares the two.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Union

from spaceplan.core.errors import InputError

__all__ = ["Bound", "Envelope", "warning", "check", "collect", "with_warnings", "physical", "PHYSICAL"]

Number = Union[float, int, str, None]
WARN, REFUSE = "warn", "refuse"


def warning(code: str, field: str, message: str) -> dict:
    """One warning as results carry it: ``{"code", "field", "message"}``."""
    return {"code": str(code), "field": str(field), "message": str(message)}


@dataclass(frozen=True)
class Bound:
    """One declared range: ``lo <= value <= hi`` (SI), shown as ``value * scale`` ``unit``.

    ``field`` is the key the evaluation passes (an SI name); ``label`` is what the user sees (a CLI
    flag, a scenario key or a column) and defaults to ``field``.  ``lo``/``hi`` are numbers, None (open)
    or the name of another value of the evaluation.  ``action``: ``"warn"`` or ``"refuse"``.  ``why``
    says where the range comes from (the fitted points, the tank size, the physics)."""

    field: str
    lo: Number = None
    hi: Number = None
    action: str = WARN
    code: str = "outside_validated_range"
    unit: str = ""
    scale: float = 1.0
    label: str = ""
    why: str = ""

    def __post_init__(self):
        if self.action not in (WARN, REFUSE):
            raise ValueError(f"Bound.action must be {WARN!r} or {REFUSE!r}, got {self.action!r}")


def _fmt(x: float, digits: int = 6) -> str:
    """A display number: ``digits`` significant digits, thousands separated, no exponent below 1e9."""
    if x == 0 or 1e-3 <= abs(x) < 1e9:
        return f"{x:,.{digits}g}" if abs(x) < 10 ** digits else f"{x:,.0f}"
    return f"{x:.{min(digits, 4)}g}"


@dataclass(frozen=True)
class Envelope:
    """A model's envelope: the ranges of its inputs (validated) and outputs (physical), declared once."""

    model: str
    inputs: tuple[Bound, ...] = ()
    outputs: tuple[Bound, ...] = ()

    def bound(self, field: str) -> Bound:
        """The declared bound of ``field`` (inputs first)."""
        for b in self.inputs + self.outputs:
            if b.field == field:
                return b
        raise KeyError(field)


def _limit(value: Number, values: Mapping[str, Any]) -> float | None:
    if value is None:
        return None
    if isinstance(value, str):
        v = values.get(value)
        return None if v is None else float(v)
    return float(value)


def _range_text(lo, hi, b: Bound) -> str:
    u = f" {b.unit}" if b.unit else ""
    if lo is not None and hi is not None:
        return f"{_fmt(lo * b.scale)} to {_fmt(hi * b.scale)}{u}"
    if lo is not None:
        return f">= {_fmt(lo * b.scale)}{u}"
    return f"<= {_fmt(hi * b.scale)}{u}"


def _apply(b: Bound, values: Mapping[str, Any], model: str, output: bool, where: str) -> list[dict]:
    if b.field not in values or values[b.field] is None:
        return []
    raw = values[b.field]
    items = list(raw.ravel()) if hasattr(raw, "ravel") else list(raw) if isinstance(raw, (list, tuple)) else [raw]
    lo, hi = _limit(b.lo, values), _limit(b.hi, values)
    label = f"{where} {b.label or b.field}".strip()
    u = f" {b.unit}" if b.unit else ""
    for x in items:
        x = float(x)
        if not math.isfinite(x):
            allowed = _range_text(lo, hi, b) if (lo, hi) != (None, None) else "finite"
            if output:
                raise InputError(label, f"{model} gave a non-finite {label} ({x}): the inputs are outside what "
                                 "the model can represent", allowed)
            if b.action == REFUSE:
                raise InputError(label, f"got {x}", allowed)
            continue
        # a bound holds to rounding: 1e-9 of its size (a fraction summed to 1 + 2e-16 is 1)
        low = lo is not None and x < lo - 1e-9 * max(1.0, abs(lo))
        high = hi is not None and x > hi + 1e-9 * max(1.0, abs(hi))
        if not (low or high):
            continue
        allowed = _range_text(lo, hi, b)
        why = f" ({b.why})" if b.why else ""
        if output or b.action == REFUSE:
            raise InputError(label, f"{_fmt(x * b.scale)}{u} is outside the range where {model} is meaningful{why}",
                             allowed)
        side = "above" if high else "below"
        edge = hi if high else lo
        return [warning(b.code, label, f"{label} {_fmt(x * b.scale, 4)}{u} is {side} {_fmt(edge * b.scale)}{u}"
                                       f"{why}: {model} is extrapolated")]
    return []


def check(envelope: Envelope, where: str = "", **values) -> tuple[dict, ...]:
    """Apply ``envelope`` to one evaluation's ``values`` (SI, by field name; arrays checked element-wise).

    ``where`` names the thing evaluated in front of each label (``"zeus xenon load"``).  Returns the
    warnings (a tuple of dicts, possibly empty); raises InputError for a ``"refuse"`` input outside its
    range or for any output outside its physical bounds."""
    out: list[dict] = []
    for b in envelope.inputs:
        out += _apply(b, values, envelope.model, False, where)
    for b in envelope.outputs:
        out += _apply(b, values, envelope.model, True, where)
    return tuple(out)


# physical bounds every model's outputs share (SI)
PHYSICAL = {
    "mass": dict(lo=0.0, unit="kg"),
    "dv": dict(lo=0.0, unit="m/s"),
    "time": dict(lo=0.0, unit="s"),
    "fraction": dict(lo=0.0, hi=1.0),
    "dose": dict(lo=0.0, unit="Sv"),
}


def physical(field: str, kind: str, label: str = "", scale: float = 1.0, unit: str | None = None) -> Bound:
    """An output bound of one of the :data:`PHYSICAL` kinds (``mass``, ``dv``, ``time``, ``fraction``, ``dose``)."""
    spec = PHYSICAL[kind]
    return Bound(field, spec.get("lo"), spec.get("hi"), REFUSE, "unphysical",
                 spec.get("unit", "") if unit is None else unit, scale, label, f"no {kind} lies outside it")


def with_warnings(result, warnings: Iterable[dict]):
    """``result`` (a frozen dataclass with a ``warnings`` field) with ``warnings`` appended (duplicates dropped)."""
    merged = list(result.warnings)
    for w in warnings:
        if w not in merged:
            merged.append(w)
    return dataclasses.replace(result, warnings=tuple(merged))


def collect(obj, _seen=None) -> list[dict]:
    """Every warning carried by ``obj`` and the results nested in it (dataclasses, lists, dicts), in order,
    without duplicates."""
    seen = [] if _seen is None else _seen
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k == "warnings" and isinstance(v, (list, tuple)):
                seen.extend(w for w in v if isinstance(w, dict) and w not in seen)
            else:
                collect(v, seen)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            collect(v, seen)
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            v = getattr(obj, f.name)
            if f.name == "warnings":
                for w in v or ():
                    if isinstance(w, dict) and w not in seen:
                        seen.append(w)
            elif isinstance(v, (list, tuple, dict)) or (dataclasses.is_dataclass(v) and not isinstance(v, type)):
                collect(v, seen)
    return seen
