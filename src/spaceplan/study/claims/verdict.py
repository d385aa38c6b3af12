"""One claim against section results: the fields it reads, its quantity, the comparison, the verdict, the margin.

The margin is signed so that positive means *consistent*: for ``>=`` it is quantity - value, for ``<=`` value -
quantity, for ``within`` the distance to the nearer bound, for ``contains-date`` the days between the date and the
nearer end of the window; a claim with ``consistent_when = "fails"`` has the sign reversed.  It is in the claim's own
unit (days for dates), so a flip is where the margin crosses zero.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from spaceplan.core.errors import InputError
from spaceplan.study.claims.model import Claim
from spaceplan.study.claims.reading import evaluate, number, read_path, substitute

CONSISTENT, INCONSISTENT, DEPENDS, NOT_CHECKABLE, NOT_CHECKED, AWAITING = (
    "consistent", "inconsistent", "depends", "not checkable", "not checked", "awaiting")


class MissingSection(InputError):
    """A claim reads a section the scenario does not compute."""


@dataclass(frozen=True)
class Reading:
    """What one evaluation of a claim found (at one set of assumption values)."""

    reads: dict  # name -> (section:path as read, value)
    quantity: Any  # float, or the ISO date of a contains-date claim
    threshold: Any  # the value compared against: float, [lo, hi], or [first, last] dates
    holds: bool  # the comparison
    margin: float  # signed: > 0 consistent, < 0 inconsistent (claim unit; days for dates)

    @property
    def verdict(self) -> str:
        return CONSISTENT if self.margin >= 0 else INCONSISTENT


def level_values(claim: Claim, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Claim-level assumption values (declared, then the scenario's overrides)."""
    values = {a.name: a.value for a in claim.assumptions if not a.key}
    values.update({k: v for k, v in (overrides or {}).items() if k in values})
    return values


def _date(text: Any, field: str) -> dt.date:
    if hasattr(text, "isoformat") and not isinstance(text, str):
        text = text.isoformat()
    try:
        return dt.date.fromisoformat(str(text)[:10])
    except ValueError:
        raise InputError(field, f"{text!r} is not a date", "an ISO date YYYY-MM-DD") from None


def read_claim(claim: Claim, results: dict[str, Any], levels: dict[str, Any]) -> Reading:
    """Evaluate ``claim`` on ``results`` ({section: to_dict() tree}) with claim-level values ``levels``."""
    reads: dict[str, tuple[str, Any]] = {}
    for name, raw in claim.reads:
        section, sep, path = raw.partition(":")
        section, path = (section.strip(), path.strip()) if sep else (claim.section, raw)
        if section not in results:
            raise MissingSection(claim.where(f"read.{name}"), f"the scenario computes no [{section}] section",
                                 f"a scenario with a [{section}] table")
        path = substitute(path, levels)
        try:
            reads[name] = (f"{section}:{path}", read_path(results[section], path))
        except InputError as exc:
            raise InputError(claim.where(f"read.{name}"), str(exc)) from None
    values = {n: v for n, (_, v) in reads.items()}
    try:
        if claim.compare == "contains-date":
            if "date" in values:  # a computed date inside the window the claim names ("complete by 2035")
                first, last = (_date(v, "value") for v in claim.value)
                day = _date(values["date"], "date")
            else:  # the claim's date inside a computed window ("departs at the end of 2026")
                first, last = _date(values["first"], "first"), _date(values["last"], "last")
                day = _date(claim.value, "value")
            margin = float(min((day - first).days, (last - day).days))
            sign = 1.0 if claim.consistent_when == "holds" else -1.0
            return Reading(reads, day.isoformat(), [first.isoformat(), last.isoformat()], margin >= 0, sign * margin)
        names = {**levels, **values}
        quantity = evaluate(claim.quantity, names) if claim.quantity else number(values[claim.reads[0][0]],
                                                                                  claim.reads[0][0])
        bound = [_bound(claim, b, levels) for b in (claim.value if claim.compare == "within" else [claim.value])]
    except InputError as exc:
        raise InputError(claim.where("quantity" if claim.quantity else f"read.{claim.reads[0][0]}"),
                         str(exc)) from None
    if claim.compare == ">=":
        margin, threshold = quantity - bound[0], bound[0]
    elif claim.compare == "<=":
        margin, threshold = bound[0] - quantity, bound[0]
    else:
        margin, threshold = min(quantity - bound[0], bound[1] - quantity), bound
    holds = margin >= 0
    return Reading(reads, quantity, threshold, holds, margin if claim.consistent_when == "holds" else -margin)


def _bound(claim: Claim, b: Any, levels: dict[str, Any]) -> float:
    return number(levels[b], b) if isinstance(b, str) else float(b)


def fmt(x: Any) -> str:
    """A number for a sentence: 3 significant figures, thousands separated."""
    if not isinstance(x, (int, float)) or isinstance(x, bool):
        return str(x)
    if isinstance(x, int):
        return f"{x:,}"
    a = abs(x)
    if a >= 100:
        return f"{x:,.0f}"
    if a >= 10:
        return f"{x:.1f}"
    if a >= 1:
        return f"{x:.2f}"
    return "0" if a == 0 else f"{x:.3g}"


def with_unit(x: Any, unit: str) -> str:
    if not unit:
        return fmt(x)
    return f"{fmt(x)}{'' if unit in ('%', 'x') else ' '}{unit}"


def margin_text(claim: Claim, r: Reading) -> str:
    """The margin in the claim's own words and units."""
    if claim.compare == "contains-date":
        first, last = r.threshold
        inside = "inside" if r.holds else "outside"
        return f"{r.quantity} is {abs(r.margin if claim.consistent_when == 'holds' else -r.margin):.0f} days " \
               f"{inside} the window {first} to {last}"
    u = claim.unit
    if claim.compare == "within":
        lo, hi = r.threshold
        rule = f"{with_unit(lo, u)} to {with_unit(hi, u)}"
    else:
        rule = f"{'≥' if claim.compare == '>=' else '≤'} {with_unit(r.threshold, u)}"
    gap = abs(r.margin)
    side = "holds" if r.holds else "fails"
    return f"{with_unit(r.quantity, u)} against {rule}: {side} by {with_unit(gap, u)}"
