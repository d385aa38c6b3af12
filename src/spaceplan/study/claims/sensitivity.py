"""What flips a verdict: one assumption at a time across its plausible range, the others held.

Each declared assumption is evaluated at its low and high ends (or at each of its discrete ``values``).  A
claim-level assumption only re-reads the stored results; a scenario key re-runs its section's pure ``compute``
through the sweep engine (:func:`spaceplan.study.sweep.evaluate_points`: here, serially, or on a Dask cluster),
every claim's points of one round in one batch.  Where the verdict at an end differs from the verdict at the
scenario's value, the flip point is bracketed and bisected (``steps`` halvings; integers to the unit), which finds
the crossing exactly when the margin is monotone in the assumption (``monotone`` says whether the three samples
low / base / high were) and one crossing otherwise.
"""

from __future__ import annotations

import copy
import importlib
from dataclasses import dataclass
from typing import Any, Callable

from spaceplan.study.claims.model import Assumption, Claim
from spaceplan.study.claims.verdict import level_values, read_claim


@dataclass(frozen=True)
class Flip:
    """One assumption's sweep for one claim: margins at its ends and where the verdict flips (None: nowhere)."""

    assumption: str
    key: str
    base: Any
    points: tuple  # ((value, margin or None, error or None), ...) in value order
    flip_at: Any  # the value where the verdict changes (first on the far side), or None
    bracket: tuple | None  # (last value with the base verdict, first value with the other)
    monotone: bool | None
    unit: str = ""
    source: str = ""

    def to_dict(self) -> dict:
        return {"assumption": self.assumption, "key": self.key, "base": self.base,
                "points": [{"value": v, "margin": m, "error": e} for v, m, e in self.points],
                "flip_at": self.flip_at, "bracket": list(self.bracket) if self.bracket else None,
                "monotone": self.monotone, "unit": self.unit, "source": self.source}


class ClaimColumns:
    """The sweep engine's ``columns``: every listed claim's margin (or error) read from one point's results, the
    sections not recomputed taken from the base results.  Picklable, for Dask workers."""

    def __init__(self, claims: list[Claim], base: dict[str, dict], levels: dict[str, dict]):
        self.claims, self.base, self.levels = claims, base, levels  # base: {claim id: {section: result}}

    def __call__(self, results: dict[str, Any]) -> dict[str, Any]:
        row: dict[str, Any] = {}
        for claim in self.claims:
            if not set(claim.read_sections()) & set(results):
                continue
            try:
                merged = {**self.base[claim.id], **results}
                row[f"margin:{claim.id}"] = read_claim(claim, merged, self.levels[claim.id]).margin
            except Exception as exc:  # recorded per claim; the ledger shows it
                row[f"error:{claim.id}"] = f"{type(exc).__name__}: {exc}"
        return row


def scenario_value(scenario: dict, key: str) -> Any:
    """The value a scenario gives ``section.field`` (its config default when the table omits it)."""
    from spaceplan.study.sections import SECTIONS

    section, _, fld = key.partition(".")
    table = scenario.get(section) or {}
    if fld in table:
        return table[fld]
    config = importlib.import_module(SECTIONS[section]).Config
    return getattr(config(), fld)


def _point(claim: Claim, assumption: Assumption, value: Any) -> dict[str, Any]:
    return {**dict(claim.overrides), assumption.key: value}


@dataclass
class _Probe:
    """The bisection state of one (claim, assumption)."""

    claim: Claim
    assumption: Assumption
    base: Any
    base_margin: float
    samples: dict  # value -> (margin or None, error or None)
    good: Any = None  # bracket side with the base verdict
    bad: Any = None  # bracket side with the other verdict


def _grid(a: Assumption) -> list:
    return list(a.values) if a.values else [a.low, a.high]


def _mid(p: _Probe) -> Any:
    m = (p.good + p.bad) / 2
    if p.assumption.integer or (isinstance(p.good, int) and isinstance(p.bad, int)):
        m = int(round(m))
        if m in (p.good, p.bad):
            return None
    return m


def what_flips(claims: list[Claim], scenario: dict, base_results: dict[str, dict],
               base_margins: dict[str, float], levels: dict[str, dict], *, steps: int = 5, client=None,
               progress: Callable[[int, int], None] | None = None) -> dict[str, list[Flip]]:
    """{claim id: [Flip per assumption]} for the checkable claims given (their base margins known).

    ``base_results``: {claim id: {section: result}}, the results each claim's base verdict read (a claim with
    ``overrides`` read its own variant of a section)."""
    from spaceplan.study.sweep import evaluate_points, point_id

    columns = ClaimColumns(claims, base_results, levels)
    probes: list[_Probe] = []
    for claim in claims:
        for a in claim.assumptions:
            base = scenario_value(scenario, a.key) if a.key else levels[claim.id][a.name]
            if a.key and a.key in dict(claim.overrides):
                base = dict(claim.overrides)[a.key]
            probes.append(_Probe(claim, a, base, base_margins[claim.id], {}))

    def local(p: _Probe, value) -> tuple[float | None, str | None]:
        try:
            vals = {**levels[p.claim.id], p.assumption.name: value}
            return read_claim(p.claim, base_results[p.claim.id], vals).margin, None
        except Exception as exc:
            return None, f"{type(exc).__name__}: {exc}"

    def run(requests: list[tuple[_Probe, Any]]) -> None:
        remote = [(p, v) for p, v in requests if p.assumption.key]
        for p, v in requests:
            if not p.assumption.key:
                p.samples[v] = local(p, v)
        points: dict[str, dict] = {}
        for p, v in remote:
            pt = _point(p.claim, p.assumption, v)
            points.setdefault(point_id(pt), pt)
        if points:
            order = list(points.values())
            rows = evaluate_points(_scenario_for(scenario), order, _sections_of, client=client, columns=columns,
                                   progress=progress)
            by_id = {r["point_id"]: r for r in rows}
            for p, v in remote:
                row = by_id[point_id(_point(p.claim, p.assumption, v))]
                err = row.get("error") or row.get(f"error:{p.claim.id}")
                p.samples[v] = (row.get(f"margin:{p.claim.id}"), err)

    run([(p, v) for p in probes for v in _grid(p.assumption)])
    active = []
    for p in probes:
        side = p.base_margin >= 0
        flipped = [v for v in _ordered(p) if p.samples[v][0] is not None and (p.samples[v][0] >= 0) != side]
        if flipped and not p.assumption.values and _numeric(p.base):
            p.good, p.bad = p.base, flipped[0]
            active.append(p)
        elif flipped:
            p.bad = flipped[0]
    for _ in range(steps):
        requests = [(p, _mid(p)) for p in active]
        requests = [(p, v) for p, v in requests if v is not None]
        if not requests:
            break
        run(requests)
        for p, v in requests:
            m = p.samples[v][0]
            if m is None:
                active.remove(p)
            elif (m >= 0) == (p.base_margin >= 0):
                p.good = v
            else:
                p.bad = v
    out: dict[str, list[Flip]] = {c.id: [] for c in claims}
    for p in probes:
        pts = tuple((v, m, e) for v, (m, e) in sorted(p.samples.items(), key=lambda kv: _sort_key(kv[0])))
        out[p.claim.id].append(Flip(p.assumption.name, p.assumption.key, p.base, pts,
                                    p.bad, (p.good, p.bad) if p.good is not None else None,
                                    _monotone(p), p.assumption.unit, p.assumption.source))
    return out


def _numeric(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _sort_key(v):
    return (0, v, "") if _numeric(v) else (1, 0, str(v))


def _ordered(p: _Probe) -> list:
    """Sampled values nearest the base first (so a flip is reported where it first happens)."""
    vals = [v for v in _grid(p.assumption) if v in p.samples]
    if _numeric(p.base) and all(_numeric(v) for v in vals):
        return sorted(vals, key=lambda v: abs(v - p.base))
    return vals


def _monotone(p: _Probe) -> bool | None:
    if p.assumption.values or not _numeric(p.base):
        return None
    lo, hi = p.samples.get(p.assumption.low, (None,))[0], p.samples.get(p.assumption.high, (None,))[0]
    if lo is None or hi is None:
        return None
    seq = [lo, p.base_margin, hi] if p.assumption.low <= p.base <= p.assumption.high else [lo, hi]
    diffs = [b - a for a, b in zip(seq, seq[1:])]
    return all(d >= 0 for d in diffs) or all(d <= 0 for d in diffs)


def _sections_of(point: dict) -> tuple[str, ...]:
    return tuple(dict.fromkeys(k.split(".", 1)[0] for k in point))


def _scenario_for(scenario: dict) -> dict:
    """The section tables only (what evaluate_point reads), deep-copied."""
    from spaceplan.study.sections import SECTIONS

    return {k: copy.deepcopy(v) for k, v in scenario.items() if k in SECTIONS}


__all__ = ["ClaimColumns", "Flip", "scenario_value", "what_flips"]
