"""The claims ledger: every claim with its verdict, the number behind it, the margin and what would flip it.

The ledger reads the study sections' results (their ``to_dict()`` trees, as the report stores them): it never
recomputes a section for its base verdicts, except for a claim that sets ``overrides`` (its own variant of a
section) and for the sensitivities, which run through the sweep engine.  Verdicts:

* consistent / inconsistent: the comparison at the scenario's values, with the margin in the claim's unit;
* depends: some declared assumption flips the verdict inside its plausible range (the verdict at the
  scenario's values is kept as ``at_base``);
* not checkable: physics cannot test it (``why``); not checked: the scenario lacks what it reads (a section, a
  catalog); awaiting: the study section it needs is not built yet (``awaits``).

Scenario settings, all optional (``[claims]``)::

    [claims]
    news = true                 # the bundled news claims (presets/claims); false: only the scenario's [[claim]]s
    only = ["reuse-savings"]    # restrict to these ids
    sensitivity = true          # what flips each verdict
    bisect_steps = 5
    catalog = "starlink.tle"    # a TLE/OMM catalog for the claims that count objects (section "catalog")
    [claims.assumptions]        # "claim-id.name" = value, or {value, low, high} (claim-level assumptions)
    "reuse-savings.significant" = 25.0
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from spaceplan.core.errors import InputError, UnknownNameError
from spaceplan.study.claims.model import Claim, bundled_claims, scenario_claims
from spaceplan.study.claims.sensitivity import ClaimColumns, Flip, what_flips
from spaceplan.study.claims.verdict import (AWAITING, DEPENDS, NOT_CHECKABLE, NOT_CHECKED, MissingSection, Reading,
                                            fmt, level_values, margin_text, read_claim, with_unit)

_SETTINGS = ("news", "only", "sensitivity", "bisect_steps", "catalog", "assumptions")


@dataclass(frozen=True)
class Entry:
    """One line of the ledger."""

    claim: Claim
    verdict: str
    at_base: str = ""  # consistent / inconsistent at the scenario's values ("" when not evaluated)
    reading: Reading | None = None
    margin_text: str = ""
    note: str = ""  # why not checkable / not checked, or what it awaits
    flips: tuple[Flip, ...] = ()
    levels: dict = dataclasses.field(default_factory=dict)

    @property
    def what_flips(self) -> str:
        """One sentence: which assumptions flip the verdict, and where."""
        if self.reading is None:
            return ""
        if not self.claim.assumptions:
            return "no declared assumption"
        found = [f for f in self.flips if f.flip_at is not None]
        if not self.flips:
            return "not evaluated (sensitivity off)"
        if not found:
            names = ", ".join(_label(f) for f in self.flips)
            return f"nothing within the plausible range of {names}"
        other = "inconsistent" if self.at_base == "consistent" else "consistent"
        parts = []
        for f in found:
            if f.bracket and _is_num(f.flip_at) and not isinstance(f.flip_at, int):
                a, b = sorted(f.bracket)
                where = f"between {_value(a, f.unit)} and {_value(b, f.unit)}"
            else:
                where = f"at {_value(f.flip_at, f.unit)}"
            parts.append(f"{_label(f)} {where} (here {_value(f.base, f.unit)})")
        return f"{other} with " + "; or ".join(parts)

    def to_dict(self) -> dict:
        r = self.reading
        c = self.claim
        return {"id": c.id, "number": c.number, "quote": c.quote, "who": c.who, "outlet": c.outlet, "date": c.date,
                "source": c.source, "implies": c.implies, "section": c.section, "verdict": self.verdict,
                "at_base": self.at_base, "note": self.note,
                "quantity": None if r is None else r.quantity, "unit": c.unit, "compare": c.compare,
                "threshold": None if r is None else r.threshold, "margin": None if r is None else r.margin,
                "margin_text": self.margin_text,
                "reads": {} if r is None else {n: {"field": p, "value": v} for n, (p, v) in r.reads.items()},
                "assumptions": [{**a.to_dict(), **({"value": self.levels[a.name]} if a.name in self.levels else {})}
                                for a in c.assumptions],
                "what_flips": self.what_flips, "flips": [f.to_dict() for f in self.flips],
                "overrides": dict(c.overrides)}


def _is_num(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _label(f: Flip) -> str:
    return f.key or f.assumption


def _value(x, unit: str) -> str:
    if x == "" or x is None:
        return "none"
    return with_unit(x, unit) if _is_num(x) else str(x)


@dataclass(frozen=True)
class Ledger:
    entries: tuple[Entry, ...]
    sensitivity: bool
    executor: str
    wall_s: float
    recomputed: int  # section computations the sensitivities and overrides ran

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for e in self.entries:
            out[e.verdict] = out.get(e.verdict, 0) + 1
        return out

    def get(self, claim_id: str) -> Entry:
        for e in self.entries:
            if e.claim.id == claim_id:
                return e
        raise UnknownNameError("claim", claim_id, [e.claim.id for e in self.entries])

    def to_dict(self) -> dict:
        return {"counts": self.counts(), "sensitivity": self.sensitivity, "executor": self.executor,
                "wall_s": self.wall_s, "recomputed_sections": self.recomputed,
                "claims": [e.to_dict() for e in self.entries]}


def has_claims(scenario: dict) -> bool:
    """Whether a scenario asks for a ledger (a [claims] table or [[claim]] entries)."""
    return "claims" in scenario or "claim" in scenario


def settings(scenario: dict) -> dict[str, Any]:
    table = scenario.get("claims", {}) or {}
    if not isinstance(table, dict):
        raise InputError("claims", f"expected a table, got {table!r}", "[claims] with " + ", ".join(_SETTINGS))
    unknown = sorted(set(table) - set(_SETTINGS))
    if unknown:
        raise UnknownNameError(f"claims.{unknown[0]}", unknown[0], _SETTINGS)
    out = {"news": True, "only": [], "sensitivity": True, "bisect_steps": 5, "catalog": "", "assumptions": {}}
    out.update(table)
    for key, kind in (("news", bool), ("sensitivity", bool), ("only", list), ("catalog", str), ("assumptions", dict)):
        if not isinstance(out[key], kind):
            raise InputError(f"claims.{key}", f"got {out[key]!r}", kind.__name__)
    steps = out["bisect_steps"]
    if isinstance(steps, bool) or not isinstance(steps, int) or not 0 <= steps <= 20:
        raise InputError("claims.bisect_steps", f"got {steps!r}", "an integer 0 to 20")
    return out


def load_claims(scenario: dict, scenario_path: str | Path | None = None, only: list[str] | None = None) -> list[Claim]:
    """The claims a scenario asks for: the bundled news claims (unless ``news = false``) and its ``[[claim]]``s."""
    s = settings(scenario)
    claims = bundled_claims() if s["news"] else []
    claims += scenario_claims(scenario.get("claim", []), scenario_path)
    ids = [c.id for c in claims]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise InputError(f"claim {dupes[0]}", "the id is used twice (a scenario claim named like a bundled one?)",
                         "unique ids")
    wanted = list(only or []) or list(s["only"])
    for w in wanted:
        if w not in ids:
            raise UnknownNameError("--only" if only else "claims.only", w, ids)
    return [c for c in claims if not wanted or c.id in wanted]


def _levels(claim: Claim, table: dict) -> tuple[dict[str, Any], Claim]:
    """Claim-level values and ranges after the scenario's [claims.assumptions] overrides."""
    own = {k.split(".", 1)[1]: v for k, v in table.items() if k.split(".", 1)[0] == claim.id}
    names = [a.name for a in claim.assumptions]
    for name, v in own.items():
        if name not in names:
            raise UnknownNameError(f"claims.assumptions.{claim.id}.{name}", name, names)
    changed = []
    for a in claim.assumptions:
        if a.name not in own:
            changed.append(a)
            continue
        v = own[a.name]
        if isinstance(v, dict):
            bad = sorted(set(v) - {"value", "low", "high"})
            if bad:
                raise UnknownNameError(f"claims.assumptions.{claim.id}.{a.name}", bad[0], ("value", "low", "high"))
            changed.append(dataclasses.replace(a, **{k: v[k] for k in v if not (k == "value" and a.key)}))
        elif a.key:
            raise InputError(f"claims.assumptions.{claim.id}.{a.name}", f"is the scenario key {a.key}",
                             f"set [{a.key.split('.')[0]}] {a.key.split('.', 1)[1]} instead, or give {{low, high}}")
        else:
            changed.append(dataclasses.replace(a, value=v))
    claim = dataclasses.replace(claim, assumptions=tuple(changed))
    return level_values(claim), claim


def catalog_result(path: str) -> dict[str, Any]:
    """The ``catalog`` pseudo-section: object counts of a user's TLE/OMM file, by the first word of the name."""
    from spaceplan.constellation.catalog import Catalog

    p = Path(path)
    if not p.is_file():
        raise InputError("claims.catalog", f"no such file {path!r}", "a TLE/3LE or OMM file")
    try:
        cat = Catalog.from_text(p.read_text(encoding="utf-8-sig"), None, str(p))
    except UnicodeDecodeError as exc:
        raise InputError("claims.catalog", f"{path}: not UTF-8 text ({exc.reason})", "a TLE/3LE or OMM file") from None
    counts: dict[str, int] = {}
    for name in cat.names:
        word = (str(name).split() or ["(unnamed)"])[0].split("-")[0].upper()
        counts[word] = counts.get(word, 0) + 1
    return {"objects": len(cat.names), "count": counts, "file": str(p)}


def run_ledger(scenario: dict, section_results: dict[str, Any], *, scenario_path: str | Path | None = None,
               only: list[str] | None = None, client=None, sensitivity: bool | None = None,
               progress: Callable[[int, int], None] | None = None) -> Ledger:
    """Evaluate every claim of ``scenario`` on ``section_results`` ({section: to_dict() tree, JSON types}).

    ``client``: a ``distributed.Client`` for the sensitivities' recomputations (None: serial, here).
    """
    from spaceplan.core.results import jsonable
    from spaceplan.study.sweep import evaluate_points

    t0 = time.perf_counter()
    s = settings(scenario)
    do_sens = s["sensitivity"] if sensitivity is None else sensitivity
    claims = load_claims(scenario, scenario_path, only)
    results = {k: jsonable(v) for k, v in section_results.items()}
    if s["catalog"]:
        results["catalog"] = catalog_result(s["catalog"])
    levels: dict[str, dict] = {}
    prepared: list[Claim] = []
    for c in claims:
        levels[c.id], c = _levels(c, s["assumptions"])
        prepared.append(c)
    recomputed = 0
    # claims with overrides: their own variant of the section, through the sweep engine
    special = [c for c in prepared if c.overrides and c.checkable and not c.awaits
               and set(c.read_sections()) <= set(results) | {k.split(".")[0] for k, _ in c.overrides}]
    own_margin: dict[str, tuple] = {}
    base_by_claim = {c.id: results for c in prepared}
    if special:
        from spaceplan.study.claims.sensitivity import _scenario_for, _sections_of

        points = [dict(c.overrides) for c in special]
        rows = evaluate_points(_scenario_for(scenario), points, _sections_of, client=client,
                               columns=_OverrideReadings(special, {c.id: results for c in special}, levels))
        recomputed += len(rows)
        for c, row in zip(special, rows):
            own_margin[c.id] = (row.get(f"reading:{c.id}"), row.get("error") or row.get(f"error:{c.id}"))
            if row.get(f"results:{c.id}"):
                base_by_claim[c.id] = {**results, **row[f"results:{c.id}"]}
    entries: list[Entry] = []
    for c in prepared:
        entries.append(_evaluate(c, results, levels[c.id], own_margin.get(c.id), s))
    if do_sens:
        checked = [e for e in entries if e.reading is not None and e.claim.assumptions]
        if checked:
            base_margins = {e.claim.id: e.reading.margin for e in checked}
            flips = what_flips([e.claim for e in checked], scenario, base_by_claim, base_margins, levels,
                               steps=s["bisect_steps"], client=client, progress=progress)
            recomputed += sum(1 for fl in flips.values() for f in fl for _ in f.points if f.key)
            entries = [_with_flips(e, flips.get(e.claim.id, [])) if e.reading is not None else e for e in entries]
    executor = "serial" if client is None else f"dask ({len(client.scheduler_info()['workers'])} workers)"
    return Ledger(tuple(entries), bool(do_sens), executor, time.perf_counter() - t0, recomputed)


class _OverrideReadings(ClaimColumns):
    """Columns for a claim's own variant: the whole reading, not only the margin."""

    def __call__(self, results):
        row = {}
        for claim in self.claims:
            if dict(claim.overrides).keys() and {k.split(".")[0] for k, _ in claim.overrides} <= set(results):
                try:
                    row[f"reading:{claim.id}"] = read_claim(claim, {**self.base[claim.id], **results},
                                                            self.levels[claim.id])
                    row[f"results:{claim.id}"] = results
                except Exception as exc:
                    row[f"error:{claim.id}"] = f"{type(exc).__name__}: {exc}"
        return row


def _evaluate(c: Claim, results: dict, levels: dict, own, s: dict) -> Entry:
    if c.awaits:
        return Entry(c, AWAITING, note=f"awaits {c.awaits}")
    if not c.checkable:
        reading = None
        if c.reads and c.quantity and set(c.read_sections()) <= set(results):
            reading = _context(c, results, levels)
        return Entry(c, NOT_CHECKABLE, note=c.why + (f" Checkable part: {reading}." if reading else ""),
                     levels=levels)
    missing = [sec for sec in c.read_sections() if sec not in results]
    if missing and own is None:
        why = ("needs a catalog: set [claims] catalog = FILE (TLE/OMM)" if missing == ["catalog"]
               else f"needs the [{missing[0]}] section in the scenario")
        return Entry(c, NOT_CHECKED, note=why, levels=levels)
    if own is not None:
        reading, error = own
        if reading is None:
            raise InputError(c.where("overrides"), f"the claim's own computation failed: {error}")
    else:
        try:
            reading = read_claim(c, results, levels)
        except InputError as exc:
            if not c.origin.bundled:  # the user's own claim: a named error at its line
                raise
            return Entry(c, NOT_CHECKED, note=f"this scenario's results lack what it reads ({exc})", levels=levels)
    return Entry(c, reading.verdict, reading.verdict, reading, margin_text(c, reading), levels=levels)


def _context(c: Claim, results: dict, levels: dict) -> str:
    """The checkable number of a claim physics cannot test (its quantity, without a verdict)."""
    from spaceplan.study.claims.reading import evaluate

    values = {n: read_claim(dataclasses.replace(c, reads=((n, p),), quantity="", compare=">=", value=0.0),
                            results, levels).quantity for n, p in c.reads}
    return f"{c.implies or 'the quantity'} = {with_unit(evaluate(c.quantity, {**levels, **values}), c.unit)}"


def _with_flips(e: Entry, flips: list[Flip]) -> Entry:
    verdict = DEPENDS if any(f.flip_at is not None for f in flips) else e.verdict
    return dataclasses.replace(e, verdict=verdict, flips=tuple(flips))


__all__ = ["Entry", "Ledger", "MissingSection", "check_claims", "fmt", "has_claims", "load_claims", "run_ledger",
           "settings"]


def check_claims(scenario: str | Path | dict | None = None, *, only: list[str] | None = None, client=None,
                 sensitivity: bool | None = None,
                 progress: Callable[[str, int, int], None] | None = None) -> Ledger:
    """The ledger of a scenario (file, dict, or None for the bundled default) without writing a report: only the
    sections its claims read are computed (each once, with the scenario's table), then :func:`run_ledger`."""
    import importlib

    from spaceplan.study.runner import default_scenario_path, load_scenario
    from spaceplan.study.sections import SECTIONS

    config = scenario if isinstance(scenario, dict) else load_scenario(scenario)
    path = None if isinstance(scenario, dict) else (scenario if scenario is not None else default_scenario_path())
    if not has_claims(config):
        config = {**config, "claims": {}}  # the bundled news claims
    claims = load_claims(config, path, only)
    needed = [s for s in SECTIONS if s in config and any(s in c.read_sections() for c in claims if not c.awaits)]
    results = {}
    for name in needed:
        module = importlib.import_module(SECTIONS[name])
        tick = (lambda d, t, _n=name: progress(_n, d, t)) if progress else None
        results[name] = module.compute(module.Config.from_table(config[name]), progress=tick).to_dict()
    ids = [c.id for c in claims]
    tick = (lambda d, t: progress("what flips", d, t)) if progress else None
    return run_ledger(config, results, scenario_path=path, only=ids, client=client, sensitivity=sensitivity,
                      progress=tick)
