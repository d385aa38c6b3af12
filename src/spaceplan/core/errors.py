"""Errors raised by spaceplan.

Every error names the offending field and, where there is one, the allowed
range, so the CLI can print it as a single line.  Nothing is silently clipped.
"""

from __future__ import annotations


class SpaceplanError(Exception):
    """Base class of every error spaceplan raises on bad input or impossible requests."""


class InputError(SpaceplanError, ValueError):
    """A value is malformed or outside its allowed range."""

    def __init__(self, field: str, message: str, allowed: str | None = None):
        self.field = field
        self.allowed = allowed
        text = f"{field}: {message}"
        if allowed:
            text += f" (allowed: {allowed})"
        super().__init__(text)


class UnknownNameError(InputError, KeyError):
    """A body, preset, city, vehicle or location name is not known."""

    def __init__(self, field: str, name: str, known, why: str | None = None):
        known = sorted(known)
        near = near_matches(name, known)
        text = f"unknown name {name!r}" if why is None else f"{name!r} {why}"
        super().__init__(field, text, ", ".join(known))
        if near:  # after the allowed list, which callers may match as a whole
            self.args = (self.args[0] + "; did you mean " + " or ".join(repr(n) for n in near) + "?",)
        self.name = name
        self.known = known
        self.near = near

    def __str__(self) -> str:  # KeyError would otherwise quote the message
        return self.args[0]


def name_key(name) -> str:
    """The matching key of a name: case-folded, letters and digits only (``Soyuz-2.1b`` -> ``soyuz21b``)."""
    import re

    return re.sub(r"[^0-9a-z]", "", str(name).casefold())


def near_matches(name: str, known, n: int = 3) -> list[str]:
    """Up to ``n`` known names closest to ``name`` (difflib ratio >= 0.6 on :func:`name_key` keys)."""
    import difflib

    by_key: dict[str, str] = {}
    for k in known:
        by_key.setdefault(name_key(k), str(k))
    return [by_key[m] for m in difflib.get_close_matches(name_key(name), list(by_key), n=n, cutoff=0.6)]


class EphemerisRangeError(InputError):
    """An epoch lies outside the span covered by the ephemeris."""


class ParseError(InputError):
    """A file or record could not be read; names the file and line."""


class ImpossibleOrbitError(InputError):
    """An orbit or transfer that physics does not allow (e.g. perigee below the surface)."""


class ConvergenceError(SpaceplanError, ArithmeticError):
    """An iterative solver did not converge within its limits."""


class InfeasibleError(SpaceplanError):
    """An optimization or mission design problem has no solution under its constraints."""


def require_positive(field: str, value, *, allow_zero: bool = False, unit: str = "") -> None:
    """Raise InputError unless every element of ``value`` is positive (or non-negative)."""
    import numpy as np

    arr = np.asarray(value, dtype=float)
    bad = ~np.isfinite(arr) | ((arr < 0) if allow_zero else (arr <= 0))
    if np.any(bad):
        first = arr.flat[int(np.flatnonzero(bad)[0])]
        bound = ">= 0" if allow_zero else "> 0"
        raise InputError(field, f"got {first:g}{(' ' + unit) if unit else ''}", f"finite, {bound}")


def require_range(field: str, value, lo: float, hi: float, unit: str = "") -> None:
    """Raise InputError unless every element of ``value`` lies in [lo, hi]."""
    import numpy as np

    arr = np.asarray(value, dtype=float)
    bad = ~np.isfinite(arr) | (arr < lo) | (arr > hi)
    if np.any(bad):
        first = arr.flat[int(np.flatnonzero(bad)[0])]
        u = f" {unit}" if unit else ""
        raise InputError(field, f"got {first:g}{u}", f"{lo:g} to {hi:g}{u}")


def require_size(field: str, count: float, limit: float, what: str, hint: str = "", detail: str = "") -> None:
    """Raise InputError when a grid built from user input would hold more than ``limit`` ``what``.

    Called before anything of that size is allocated, so an absurd request (a 1 s porkchop
    step over a year, a 0.05 deg world grid over a day at 1 s) fails at once with the count and
    the limit instead of running for hours or exhausting memory.
    """
    import math

    if not math.isfinite(count) or count > limit:
        shown = "an unbounded number of" if not math.isfinite(count) else f"{count:.3g}"
        raise InputError(field, f"{shown} {what}{' (' + detail + ')' if detail else ''} requested",
                         f"at most {limit:.3g} {what}{'; ' + hint if hint else ''}")
