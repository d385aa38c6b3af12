"""A claim as data: what was said, by whom, which study result tests it, how, and what it assumes.

A claim is a TOML table (one file per claim in ``spaceplan/study/presets/claims/``, registry kind ``claims``;
or a ``[[claim]]`` entry of a scenario file)::

    number = 13                                    # place in the ledger (bundled news claims)
    quote = "long lunar nights ... make solar unreliable"
    who = "NASA (Duffy directive)"; outlet = "Reuters"; date = "2025-08-05"
    implies = "solar + storage weighs more than a reactor for the same continuous power"
    section = "surface_power"                      # the study section whose result is read
    unit = "x"
    quantity = "solar / fission"                   # over the reads and the claim-level assumptions
    compare = ">="                                 # "<=", ">=", "within", "contains-date"
    value = 1.0                                    # a number, an assumption's name; [lo, hi] for within;
                                                   # contains-date: an ISO date (reads first and last) or
                                                   # [first, last] dates (reads date)
    consistent_when = "holds"                      # or "fails": the claim is consistent when it does not
    [read]                                         # paths into the section's result (its to_dict())
    solar = "trades[site=shackleton-rim,day_kwe=100].options[option=solar+rfc].mass_t"
    fission = "trades[site=shackleton-rim,day_kwe=100].options[option=fission].mass_t"
    [assumptions.night]                            # a scenario key: varied through the sweep engine
    key = "surface_power.night_fraction"
    low = 0.05
    high = 1.0
    source = "..."

A claim that physics cannot test says ``checkable = false`` and ``why``; one waiting for a study section
not built yet says ``awaits`` (it is checked in full, reads and all, as soon as that section exists).  Claim-level assumptions (no ``key``) carry ``value``, ``low`` and ``high``
and may appear in ``quantity``, ``value`` and, as ``{name}``, inside a read path.  ``overrides`` sets
scenario keys for this claim's own computation (``{"mars_missions.spe" = "aug1972"}``).

Every malformed entry raises an :class:`~spaceplan.core.errors.InputError` that names the file and line
(``FILE:LINE: claim ID.key: ...``), found in the TOML text by :func:`locate`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spaceplan.core.errors import InputError, UnknownNameError

COMPARES = ("<=", ">=", "within", "contains-date")
_ALIASES = {"≤": "<=", "≥": ">=", "le": "<=", "ge": ">=", "contains_date": "contains-date"}
_KEYS = ("id", "number", "quote", "who", "outlet", "date", "source", "url", "implies", "section", "read", "quantity",
         "unit", "compare", "value", "consistent_when", "checkable", "why", "awaits", "assumptions", "overrides",
         "aliases", "name")
_ASSUMPTION_KEYS = ("key", "value", "low", "high", "values", "unit", "source", "integer")
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@dataclass(frozen=True)
class Origin:
    """Where a claim was written: the file, its text and the claim's place in it (for line numbers)."""

    path: str = ""
    text: str = ""
    index: int | None = None  # position in a [[claim]] array; None: the file is the claim
    bundled: bool = False  # a news claim shipped with spaceplan (a scenario may lack what it reads)

    def line(self, key: str = "") -> int | None:
        return locate(self.text, key, self.index) if self.text else None

    def where(self, claim_id: str, key: str = "") -> str:
        line = self.line(key)
        place = f"{self.path}:{line}: " if self.path and line else (f"{self.path}: " if self.path else "")
        return f"{place}claim {claim_id}" + (f".{key}" if key else "")


@dataclass(frozen=True)
class Assumption:
    """One declared assumption: a scenario key (``key``) or a claim-level number, with its plausible range."""

    name: str
    key: str = ""  # "section.field" of the scenario; "" for a claim-level assumption
    value: Any = None  # claim-level: the value used; scenario key: None (the scenario's value is used)
    low: float | None = None
    high: float | None = None
    values: tuple = ()  # discrete alternatives instead of a range (e.g. a percentile 5/50/95)
    unit: str = ""
    source: str = ""
    integer: bool = False

    def to_dict(self) -> dict:
        return {"name": self.name, "key": self.key, "value": self.value, "low": self.low, "high": self.high,
                "values": list(self.values), "unit": self.unit, "source": self.source}


@dataclass(frozen=True)
class Claim:
    id: str
    quote: str
    who: str = ""
    outlet: str = ""
    date: str = ""
    source: str = ""
    number: int | None = None
    implies: str = ""
    section: str = ""
    reads: tuple[tuple[str, str], ...] = ()  # (name, "path" or "section:path")
    quantity: str = ""
    unit: str = ""
    compare: str = ""
    value: Any = None
    consistent_when: str = "holds"
    checkable: bool = True
    why: str = ""
    awaits: str = ""
    assumptions: tuple[Assumption, ...] = ()
    overrides: tuple[tuple[str, Any], ...] = ()
    origin: Origin = field(default=Origin(), compare=False, repr=False)

    def where(self, key: str = "") -> str:
        return self.origin.where(self.id, key)

    def read_sections(self) -> tuple[str, ...]:
        """Every section the claim reads (its own first)."""
        out = [self.section] if self.section else []
        for _, path in self.reads:
            sec, sep, _ = path.partition(":")
            if sep and sec.strip() not in out:
                out.append(sec.strip())
        return tuple(out)

    def assumption(self, name: str) -> Assumption:
        for a in self.assumptions:
            if a.name == name:
                return a
        raise KeyError(name)

    def to_dict(self) -> dict:
        return {"id": self.id, "number": self.number, "quote": self.quote, "who": self.who, "outlet": self.outlet,
                "date": self.date, "source": self.source, "implies": self.implies, "section": self.section,
                "reads": {n: p for n, p in self.reads}, "quantity": self.quantity, "unit": self.unit,
                "compare": self.compare, "value": self.value, "consistent_when": self.consistent_when,
                "checkable": self.checkable, "why": self.why, "awaits": self.awaits,
                "assumptions": [a.to_dict() for a in self.assumptions], "overrides": dict(self.overrides)}


def locate(text: str, key: str, index: int | None = None, array: str = "claim") -> int | None:
    """1-based line of ``key`` (dotted: ``read.total``, ``assumptions.night.low``) in a claim's TOML text.

    ``index``: the claim's position in the ``[[array]]`` list (None: the whole file is one claim).  Falls
    back to the nearest enclosing table header, then to the claim's own header line.
    """
    lines = text.splitlines()
    start, stop, prefix = 0, len(lines), ""
    if index is not None:
        heads = [i for i, ln in enumerate(lines) if re.match(rf"^\s*\[\[\s*{array}\s*\]\]", ln)]
        if index >= len(heads):
            return None
        start = heads[index]
        stop = next((i for i, ln in enumerate(lines[start + 1:], start + 1)
                     if re.match(r"^\s*\[", ln) and not re.match(rf"^\s*\[\[?\s*{array}\.", ln)), len(lines))
        prefix = array + "."
    parts = [p for p in key.split(".") if p]
    table_start, table_stop = start, stop
    for depth in range(len(parts) - 1, 0, -1):  # the deepest [table] header naming the parent keys
        header = re.compile(r"^\s*\[\s*" + re.escape(prefix + ".".join(parts[:depth])) + r"\s*\]")
        hit = next((i for i in range(start, stop) if header.match(lines[i])), None)
        if hit is not None:
            table_start = hit
            table_stop = next((i for i in range(hit + 1, stop) if re.match(r"^\s*\[", lines[i])), stop)
            parts = parts[depth:]
            break
    for part in reversed(parts):  # the key itself, else a parent key written inline
        pat = re.compile(r'^\s*(?:"' + re.escape(part) + r'"|' + re.escape(part) + r')\s*=|[{,]\s*"?' + re.escape(part)
                         + r'"?\s*=')
        for i in range(table_start, table_stop):
            if pat.search(lines[i]):
                return i + 1
    return table_start + 1 if (index is not None or table_start != start) else None


def _fail(origin: Origin, cid: str, key: str, message: str, allowed: str | None = None):
    raise InputError(origin.where(cid, key), message, allowed)


def _text(origin, cid, table, key, default="") -> str:
    value = table.get(key, default)
    if not isinstance(value, str):
        _fail(origin, cid, key, f"expected a string, got {value!r}")
    return value


def _number(origin, cid, key, value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        _fail(origin, cid, key, f"expected a number, got {value!r}")
    return value


def _assumption(origin: Origin, cid: str, name: str, spec: Any) -> Assumption:
    where = f"assumptions.{name}"
    if not isinstance(spec, dict):
        _fail(origin, cid, where, f"expected a table, got {spec!r}", "{key or value, low, high, source}")
    unknown = sorted(set(spec) - set(_ASSUMPTION_KEYS))
    if unknown:
        raise UnknownNameError(origin.where(cid, f"{where}.{unknown[0]}"), unknown[0], _ASSUMPTION_KEYS)
    key = _text(origin, cid, spec, "key")
    if key:
        from spaceplan.study.sections import SECTIONS

        section, _, fld = key.partition(".")
        if section not in SECTIONS:
            raise UnknownNameError(origin.where(cid, f"{where}.key"), section, SECTIONS)
        _config_field(origin, cid, f"{where}.key", section, fld)
    values = spec.get("values", [])
    if not isinstance(values, list):
        _fail(origin, cid, f"{where}.values", f"expected a list, got {values!r}")
    if values:
        if "low" in spec or "high" in spec:
            _fail(origin, cid, f"{where}.values", "give either values or low and high", "one of them")
    else:
        for bound in ("low", "high"):
            if bound not in spec:
                _fail(origin, cid, f"{where}.{bound}", "missing", "the plausible range: low and high")
            _number(origin, cid, f"{where}.{bound}", spec[bound])
        if spec["low"] > spec["high"]:
            _fail(origin, cid, f"{where}.low", f"{spec['low']!r} is above high {spec['high']!r}", "low <= high")
    if not key:
        if "value" not in spec:
            _fail(origin, cid, f"{where}.value", "missing", "the value the verdict uses (a claim-level assumption)")
        if not values:
            _number(origin, cid, f"{where}.value", spec["value"])
    integer = spec.get("integer", False)
    if not isinstance(integer, bool):
        _fail(origin, cid, f"{where}.integer", f"expected true or false, got {integer!r}")
    return Assumption(name, key, spec.get("value"), spec.get("low"), spec.get("high"), tuple(values),
                      _text(origin, cid, spec, "unit"), _text(origin, cid, spec, "source"), integer)


def _config_field(origin: Origin, cid: str, where: str, section: str, fld: str) -> None:
    """A scenario key must name a field of the section's config."""
    import dataclasses
    import importlib

    from spaceplan.study.sections import SECTIONS

    config = importlib.import_module(SECTIONS[section]).Config
    names = [f.name for f in dataclasses.fields(config)]
    if fld not in names:
        raise UnknownNameError(origin.where(cid, where), fld, names)


def parse_claim(table: Any, origin: Origin = Origin(), claim_id: str | None = None, sections=None) -> Claim:
    """A :class:`Claim` from its TOML table, every field checked (errors name the file and line)."""
    from spaceplan.study.sections import SECTIONS

    known_sections = tuple(SECTIONS) + ("catalog",) if sections is None else tuple(sections)
    if not isinstance(table, dict):
        _fail(origin, claim_id or "?", "", f"expected a table, got {table!r}")
    cid = claim_id if claim_id is not None else table.get("id")
    if not isinstance(cid, str) or not _ID.match(cid):
        _fail(origin, str(cid), "id", f"got {cid!r}", "lower-case letters, digits, '-' and '_'")
    unknown = sorted(set(table) - set(_KEYS))
    if unknown:
        raise UnknownNameError(origin.where(cid, unknown[0]), unknown[0], _KEYS)
    text = {k: _text(origin, cid, table, k) for k in ("quote", "who", "outlet", "source", "url", "implies", "section",
                                                        "quantity", "unit", "why", "awaits")}
    date = table.get("date", "")
    date = date.isoformat() if hasattr(date, "isoformat") else date
    if not isinstance(date, str):
        _fail(origin, cid, "date", f"expected a date, got {date!r}")
    if not text["quote"]:
        _fail(origin, cid, "quote", "missing", "the words of the claim, briefly")
    number = table.get("number")
    if number is not None and (isinstance(number, bool) or not isinstance(number, int)):
        _fail(origin, cid, "number", f"expected an integer, got {number!r}")
    checkable = table.get("checkable", True)
    if not isinstance(checkable, bool):
        _fail(origin, cid, "checkable", f"expected true or false, got {checkable!r}")
    if not checkable and not text["why"]:
        _fail(origin, cid, "why", "missing", "why physics cannot check it (with checkable = false)")
    section = text["section"]
    # a claim that awaits a section not built yet: kept as written, checked in full once the section exists
    awaits = text["awaits"] if text["awaits"] and section not in known_sections else ""
    if section and section not in known_sections and not awaits:
        raise UnknownNameError(origin.where(cid, "section"), section, known_sections)
    reads = table.get("read", {})
    if not isinstance(reads, dict) or not all(isinstance(v, str) and v for v in reads.values()):
        _fail(origin, cid, "read", f"got {reads!r}", "a table of name = \"path in the section's result\"")
    for name, path in reads.items():
        if not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", name):
            _fail(origin, cid, f"read.{name}", f"name {name!r}", "a name usable in quantity (letters, digits, _)")
        sec, sep, _ = path.partition(":")
        if sep and sec.strip() not in known_sections and not awaits:
            raise UnknownNameError(origin.where(cid, f"read.{name}"), sec.strip(), known_sections)
        if not sep and not section:
            _fail(origin, cid, f"read.{name}", "no section to read from", "a section = \"...\" or \"section:path\"")
    assumptions = table.get("assumptions", {})
    if not isinstance(assumptions, dict):
        _fail(origin, cid, "assumptions", f"expected a table, got {assumptions!r}")
    parsed = () if awaits else tuple(_assumption(origin, cid, n, s) for n, s in assumptions.items())
    overrides = table.get("overrides", {})
    if not isinstance(overrides, dict):
        _fail(origin, cid, "overrides", f"expected a table, got {overrides!r}", "{\"section.key\" = value}")
    for key in () if awaits else overrides:
        sec, _, fld = str(key).partition(".")
        if sec not in SECTIONS:
            raise UnknownNameError(origin.where(cid, "overrides"), sec, SECTIONS)
        _config_field(origin, cid, "overrides", sec, fld)
    compare = _ALIASES.get(table.get("compare", ""), table.get("compare", ""))
    when = table.get("consistent_when", "holds")
    if when not in ("holds", "fails"):
        _fail(origin, cid, "consistent_when", f"got {when!r}", "holds, fails")
    claim = Claim(id=cid, quote=text["quote"], who=text["who"], outlet=text["outlet"], date=date,
                  source=text["source"] or text["url"], number=number, implies=text["implies"], section=section,
                  reads=tuple(reads.items()), quantity=text["quantity"], unit=text["unit"], compare=compare,
                  value=table.get("value"), consistent_when=when, checkable=checkable, why=text["why"],
                  awaits=awaits, assumptions=parsed, overrides=tuple(overrides.items()), origin=origin)
    if checkable and not awaits:
        _check_rule(claim)
    return claim


def _check_rule(claim: Claim) -> None:
    """The comparison, its value and the quantity expression must fit together."""
    from spaceplan.study.claims.reading import expression_names

    if not claim.reads:
        _fail(claim.origin, claim.id, "read", "missing", "at least one field of the section's result")
    if claim.compare not in COMPARES:
        _fail(claim.origin, claim.id, "compare", f"got {claim.compare!r}", ", ".join(COMPARES))
    names = {n for n, _ in claim.reads}
    levels = {a.name for a in claim.assumptions if not a.key}
    if claim.quantity:
        try:
            used = expression_names(claim.quantity)
        except InputError as exc:
            _fail(claim.origin, claim.id, "quantity", str(exc))
        missing = sorted(used - names - levels)
        if missing:
            raise UnknownNameError(claim.where("quantity"), missing[0], sorted(names | levels))
    elif len(claim.reads) != 1 and claim.compare != "contains-date":
        _fail(claim.origin, claim.id, "quantity", "missing with several reads", "an expression over the reads")
    value = claim.value
    if claim.compare == "contains-date":
        if "date" in names:  # a computed date inside the claim's window
            if not (isinstance(value, list) and len(value) == 2
                    and all(isinstance(v, str) or hasattr(v, "isoformat") for v in value)):
                _fail(claim.origin, claim.id, "value", f"got {value!r}", "[first, last] ISO dates (with a read 'date')")
        elif not ({"first", "last"} <= names):
            _fail(claim.origin, claim.id, "read", f"reads {sorted(names)}",
                  "first and last (a computed window), or date (a computed date)")
        elif not isinstance(value, str) and not hasattr(value, "isoformat"):
            _fail(claim.origin, claim.id, "value", f"got {value!r}", "an ISO date")
        return
    bounds = value if claim.compare == "within" else [value]
    if claim.compare == "within" and (not isinstance(value, list) or len(value) != 2):
        _fail(claim.origin, claim.id, "value", f"got {value!r}", "[low, high] for within")
    for b in bounds:
        if isinstance(b, str):
            if b not in levels:
                raise UnknownNameError(claim.where("value"), b, sorted(levels))
        else:
            _number(claim.origin, claim.id, "value", b)


# --- loading ---------------------------------------------------------------------------------------

def bundled_claims() -> list[Claim]:
    """The news claims shipped with spaceplan (registry kind ``claims``), in ledger order."""
    import importlib.resources

    from spaceplan.core import registry

    out = []
    root = Path(str(importlib.resources.files("spaceplan")))
    for preset in registry.entries("claims"):
        file = root / preset.path.split("spaceplan/", 1)[-1]
        origin = Origin(preset.path, file.read_text(encoding="utf-8") if file.is_file() else "", bundled=True)
        out.append(parse_claim({k: v for k, v in preset.data.items() if k != "aliases"}, origin, preset.name))
    return sorted(out, key=lambda c: (c.number is None, c.number or 0, c.id))


def scenario_claims(entries: Any, path: str | Path | None = None) -> list[Claim]:
    """The user's ``[[claim]]`` entries of a scenario (``path``: the file, for line numbers)."""
    if not isinstance(entries, list):
        raise InputError("scenario claim", f"expected [[claim]] tables, got {entries!r}", "[[claim]] entries")
    text = Path(path).read_text(encoding="utf-8") if path is not None and Path(path).is_file() else ""
    out, seen = [], set()
    for i, entry in enumerate(entries):
        claim = parse_claim(entry, Origin(str(path) if path else "scenario", text, i))
        if claim.id in seen:
            _fail(claim.origin, claim.id, "id", "used twice", "a different id per claim")
        seen.add(claim.id)
        out.append(claim)
    return out
