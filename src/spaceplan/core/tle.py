"""Readers for two-line element sets (TLE/3LE) and CCSDS OMM (XML, KVN, JSON, CSV).

Each reader turns text into :class:`RawRecord` objects (the element fields plus the
file line they came from) and a list of :class:`ParseIssue` for records it could not
read.  Nothing is mis-read silently: a record with a checksum failure, a wrong line
length, a field that is not a number or an element out of range is reported with its
line number and skipped, or (``strict=True``) raises :class:`ParseError` naming the line.

Formats
-------
* TLE: NORAD two-line elements, optionally preceded by a name line (3LE; a leading
  ``0 `` as in Space-Track's 3LE is dropped).  Column layout and the modulo-10
  checksum (digits plus one per minus sign) follow CelesTrak's "NORAD Two-Line Element
  Set Format" (T.S. Kelso) and Hoots & Roehrich (1980), Spacetrack Report #3.
  ``#`` lines are comments (as in the sgp4 verification file SGP4-VER.TLE).
* OMM: CCSDS 502.0-B-3 (Orbit Data Messages, 2023), the OMM with SGP4 mean elements
  and ``tleParameters`` as CelesTrak's GP data serves it in XML, KVN, JSON and CSV.

The SGP4 satellite objects are built by the ``sgp4`` library itself:
``Satrec.twoline2rv`` for TLE and ``sgp4.omm.initialize`` (which calls
``Satrec.sgp4init`` with WGS 72 constants) for OMM.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from dataclasses import dataclass, field

from spaceplan.core.errors import ParseError

TLE_LENGTH = 69

# OMM keys needed for SGP4 and their defaults when a message omits an optional one.
OMM_REQUIRED = ("EPOCH", "MEAN_MOTION", "ECCENTRICITY", "INCLINATION", "RA_OF_ASC_NODE",
                "ARG_OF_PERICENTER", "MEAN_ANOMALY", "NORAD_CAT_ID", "BSTAR")
OMM_DEFAULTS = {"MEAN_MOTION_DOT": "0", "MEAN_MOTION_DDOT": "0", "CLASSIFICATION_TYPE": "U",
                "OBJECT_ID": "", "EPHEMERIS_TYPE": "0", "ELEMENT_SET_NO": "999", "REV_AT_EPOCH": "0",
                "OBJECT_NAME": ""}


@dataclass(frozen=True)
class ParseIssue:
    """A record that was not read: file, line (1-based), NORAD id if known, and why."""

    source: str
    line: int
    message: str
    norad_id: int | None = None

    def __str__(self) -> str:
        sat = f" (NORAD {self.norad_id})" if self.norad_id is not None else ""
        return f"{self.source} line {self.line}{sat}: {self.message}"

    def to_dict(self) -> dict:
        return {"source": self.source, "line": self.line, "norad_id": self.norad_id, "message": self.message}


@dataclass
class RawRecord:
    """One element set as read: either two TLE lines or OMM key/value fields, with line numbers."""

    line: int
    name: str = ""
    tle: tuple[str, str] | None = None
    fields: dict[str, str] = field(default_factory=dict)
    field_lines: dict[str, int] = field(default_factory=dict)


class _Collector:
    """Collects issues, or raises at the first one when strict."""

    def __init__(self, source: str, strict: bool):
        self.source, self.strict, self.issues = source, strict, []

    def add(self, line: int, message: str, norad_id: int | None = None) -> None:
        issue = ParseIssue(self.source, int(line), message, norad_id)
        if self.strict:
            raise ParseError(f"{self.source} line {line}", message + (f" (NORAD {norad_id})" if norad_id else ""))
        self.issues.append(issue)


# --- TLE ------------------------------------------------------------------------------------

def tle_checksum(line: str) -> int:
    """Modulo-10 checksum of the first 68 columns: sum of digits, minus signs count 1."""
    head = line[:68]
    return (sum(k * head.count(d) for k, d in enumerate("0123456789")) + head.count("-")) % 10


_LINE2_ERRORS = ("line 2", "inclination", "RAAN", "argument", "mean anomaly", "eccentricity", "mean motion ")
_SATNUM = re.compile(r"^(\d{1,5}|[A-HJ-NP-Z]\d{4})$")
_IMPLIED = re.compile(r"^[+-]?\d{1,5}[+-]\d$")
_INT = re.compile(r"^\d+$")


def _float_field(text: str, what: str, errors: list[str]) -> float | None:
    try:
        return float(text)
    except ValueError:
        errors.append(f"{what} {text.strip()!r} is not a number")
        return None


#: Columns (0-based) that are blank in every TLE (Kelso's format page): the field separators.
#: ``sgp4``'s C++ reader scans fields with sscanf, so a character there (or a tab anywhere)
#: shifts every later field and yields a Satrec with epoch 0 and NaN states but no error code.
_BLANK_COLUMNS = {1: (1, 8, 17, 32, 43, 52, 61, 63), 2: (1, 7, 16, 25, 33, 42, 51)}


def _check_characters(k: int, line: str, errors: list[str]) -> None:
    """Printable ASCII only (no tab, no U+2212 minus, no non-breaking space) and blank separators."""
    for col, ch in enumerate(line):
        if not " " <= ch <= "~":
            errors.append(f"line {k} column {col + 1} holds {ch!r} (U+{ord(ch):04X}): TLE lines are printable ASCII")
            return
    for col in _BLANK_COLUMNS[k]:
        if line[col:col + 1] != " ":
            errors.append(f"line {k} column {col + 1} is {line[col:col + 1]!r}, must be blank (field separator)")
            return


def _check_tle_lines(l1: str, l2: str) -> tuple[list[str], int | None]:
    """Column-by-column checks of a TLE pair; returns (error messages, NORAD id if readable)."""
    errors: list[str] = []
    norad = None
    _check_characters(1, l1, errors)
    _check_characters(2, l2, errors)
    s1, s2 = l1[2:7].strip(), l2[2:7].strip()
    if _SATNUM.match(s1):
        norad = int(s1) if s1.isdigit() else (ord(s1[0]) - ord("A") + 10 - (s1[0] > "I") - (s1[0] > "O")) * 10000 + int(s1[1:])
    else:
        errors.append(f"line 1 satellite number {l1[2:7]!r} is not a number")
    if s1 != s2:
        errors.append(f"satellite numbers differ between lines ({s1!r} vs {s2!r})")
    for k, line in ((1, l1), (2, l2)):
        if line[68:69].isdigit() and int(line[68]) != tle_checksum(line):
            errors.append(f"line {k} checksum {line[68]} != computed {tle_checksum(line)}")
        elif not line[68:69].isdigit():
            errors.append(f"line {k} checksum column 69 {line[68:69]!r} is not a digit")
    _float_field(l1[18:32], "epoch", errors)
    _float_field(l1[33:43], "first derivative of mean motion", errors)
    for what, text in (("second derivative of mean motion", l1[44:52]), ("BSTAR", l1[53:61])):
        t = text.strip()
        if t and not _IMPLIED.match(t):
            errors.append(f"{what} {text!r} is not in the implied-decimal form [+-]NNNNN[+-]N")
    if l1[62].strip() and not l1[62].isdigit():
        errors.append(f"ephemeris type {l1[62]!r} is not a digit")
    day = _float_field(l1[20:32], "epoch day", errors)
    if day is not None and not 1.0 <= day < 367.0:
        errors.append(f"epoch day of year {day} outside 1 to 366")
    ranges = (("inclination", l2[8:16], 0.0, 180.0), ("RAAN", l2[17:25], 0.0, 360.0),
              ("argument of perigee", l2[34:42], 0.0, 360.0), ("mean anomaly", l2[43:51], 0.0, 360.0))
    for what, text, lo, hi in ranges:
        value = _float_field(text, what, errors)
        if value is not None and not lo <= value <= hi:
            errors.append(f"{what} {value} deg outside {lo:g} to {hi:g}")
    if not _INT.match(l2[26:33]):
        errors.append(f"eccentricity {l2[26:33]!r} is not 7 digits (implied leading decimal point)")
    mm = _float_field(l2[52:63], "mean motion", errors)
    if mm is not None and not 0.0 < mm < 20.0:
        errors.append(f"mean motion {mm} rev/day outside 0 to 20")
    return errors, norad


def read_tle(text: str, source: str = "<tle>", *, strict: bool = False, checksum: bool = True,
             ignore_trailing: bool = False) -> tuple[list[RawRecord], list[ParseIssue]]:
    """Read 2-line or 3-line element sets.

    ``checksum=False`` skips the checksum test (the sgp4 verification file has records
    with deliberately wrong checksums); ``ignore_trailing=True`` accepts text after
    column 69 (SGP4-VER.TLE appends start/stop/step times there).
    """
    col = _Collector(source, strict)
    records: list[RawRecord] = []
    lines = text.splitlines()
    name, name_line = "", 0
    k = 0
    while k < len(lines):
        raw = lines[k].rstrip("\r\n")
        stripped = raw.rstrip()
        lineno = k + 1
        k += 1
        if not stripped or stripped.lstrip().startswith("#"):
            continue
        if stripped.startswith("1 ") and len(stripped) >= 60:
            # find line 2 (the next non-comment line)
            while k < len(lines) and (not lines[k].strip() or lines[k].lstrip().startswith("#")):
                k += 1
            if k >= len(lines) or not lines[k].startswith("2 "):
                col.add(lineno, "line 1 is not followed by a line starting with '2 '")
                name = ""
                continue
            l1, l2 = stripped, lines[k].rstrip("\r\n").rstrip()
            line2no = k + 1
            k += 1
            bad = []
            for num, ln, n in ((1, l1, lineno), (2, l2, line2no)):
                if len(ln) < TLE_LENGTH or (len(ln) > TLE_LENGTH and not ignore_trailing):
                    bad.append((n, f"line {num} has {len(ln)} characters, expected {TLE_LENGTH}"))
            if bad:
                col.add(bad[0][0], bad[0][1])
                name = ""
                continue
            l1, l2 = l1[:TLE_LENGTH], l2[:TLE_LENGTH]
            errors, norad = _check_tle_lines(l1, l2)
            if not checksum:
                errors = [e for e in errors if "checksum" not in e]
            if errors:
                where = line2no if errors[0].startswith(_LINE2_ERRORS) else lineno
                col.add(where, "; ".join(errors), norad)
                name = ""
                continue
            records.append(RawRecord(line=name_line or lineno, name=name, tle=(l1, l2)))
            name, name_line = "", 0
        elif stripped.startswith("2 ") and len(stripped) >= 60:
            col.add(lineno, "line 2 without a preceding line 1")
            name = ""
        else:
            if name:  # two name lines in a row: the first had no elements
                col.add(name_line, f"name line {name!r} is not followed by a TLE")
            name = stripped[2:].strip() if stripped.startswith("0 ") else stripped.strip()
            name_line = lineno
    if name:
        col.add(name_line, f"name line {name!r} is not followed by a TLE")
    return records, col.issues


# --- OMM ------------------------------------------------------------------------------------

def read_omm_xml(text: str, source: str = "<omm.xml>", *, strict: bool = False) -> tuple[list[RawRecord], list[ParseIssue]]:
    """Read CCSDS OMM XML (``<ndm><omm><body><segment>`` or bare ``<omm>``), one record per segment."""
    import xml.parsers.expat

    col = _Collector(source, strict)
    parser = xml.parsers.expat.ParserCreate()
    records: list[RawRecord] = []
    stack: list[list] = []  # [tag, text parts, has_children]
    current: list[RawRecord | None] = [None]

    def local(tag: str) -> str:
        return tag.rsplit(":", 1)[-1].rsplit("}", 1)[-1]

    def start(tag, attrs):
        tag = local(tag)
        if stack:
            stack[-1][2] = True
        stack.append([tag, [], False, parser.CurrentLineNumber])
        if tag == "segment":
            current[0] = RawRecord(line=parser.CurrentLineNumber)

    def end(tag):
        tag, parts, has_children, line = stack.pop()
        rec = current[0]
        if tag == "segment" and rec is not None:
            records.append(rec)
            current[0] = None
        elif rec is not None and not has_children:
            rec.fields[tag.upper()] = "".join(parts).strip()
            rec.field_lines[tag.upper()] = line

    def chars(data):
        if stack:
            stack[-1][1].append(data)

    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, chars
    try:
        parser.Parse(text, True)
    except xml.parsers.expat.ExpatError as exc:
        raise ParseError(f"{source} line {exc.lineno}", f"malformed XML: {xml.parsers.expat.ErrorString(exc.code)}") from None
    except UnicodeEncodeError as exc:  # a lone surrogate in a str handed to the API (files are decoded strictly)
        line = text.count("\n", 0, exc.start) + 1
        raise ParseError(f"{source} line {line}", f"character {text[exc.start]!r} is not valid Unicode text") from None
    for rec in records:
        rec.name = rec.fields.get("OBJECT_NAME", "")
    return records, col.issues


_KVN_LINE = re.compile(r"^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*(\[[^\]]*\])?\s*$")


def read_omm_kvn(text: str, source: str = "<omm.kvn>", *, strict: bool = False) -> tuple[list[RawRecord], list[ParseIssue]]:
    """Read CCSDS OMM KVN (``KEY = value [unit]`` lines); a new message starts at ``CCSDS_OMM_VERS``."""
    col = _Collector(source, strict)
    records: list[RawRecord] = []
    rec: RawRecord | None = None
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("COMMENT"):
            continue
        match = _KVN_LINE.match(line)
        if not match:
            col.add(lineno, f"not a 'KEY = value' line: {line[:60]!r}")
            continue
        key, value = match.group(1), match.group(2)
        if key == "CCSDS_OMM_VERS" or rec is None:
            rec = RawRecord(line=lineno)
            records.append(rec)
        rec.fields[key] = value
        rec.field_lines[key] = lineno
    for r in records:
        r.name = r.fields.get("OBJECT_NAME", "")
    return records, col.issues


def read_omm_json(text: str, source: str = "<omm.json>", *, strict: bool = False) -> tuple[list[RawRecord], list[ParseIssue]]:
    """Read OMM JSON as CelesTrak serves it: an array of flat objects (or one object)."""
    col = _Collector(source, strict)
    decoder = json.JSONDecoder()
    records: list[RawRecord] = []
    pos = len(text) - len(text.lstrip())
    if pos >= len(text):
        return records, col.issues

    last = [0, 1]  # (index, line) of the previous lookup: indices only grow, so counting stays linear

    def line_of(index: int) -> int:
        if index < last[0]:
            last[0], last[1] = 0, 1
        last[1] += text.count("\n", last[0], index)
        last[0] = index
        return last[1]

    def take(obj, at):
        if not isinstance(obj, dict):
            col.add(line_of(at), f"JSON element is a {type(obj).__name__}, not an OMM object")
            return
        rec = RawRecord(line=line_of(at), name=str(obj.get("OBJECT_NAME", "")))
        rec.fields = {str(k).upper(): ("" if v is None else str(v)) for k, v in obj.items()}
        records.append(rec)

    try:
        if text[pos] == "[":
            pos += 1
            while True:
                while pos < len(text) and text[pos] in " \t\r\n,":
                    pos += 1
                if pos >= len(text):
                    raise ParseError(f"{source} line {line_of(pos)}", "unterminated JSON array")
                if text[pos] == "]":
                    break
                obj, end = decoder.raw_decode(text, pos)
                take(obj, pos)
                pos = end
        else:
            obj, _ = decoder.raw_decode(text, pos)
            take(obj, pos)
    except json.JSONDecodeError as exc:
        raise ParseError(f"{source} line {exc.lineno}", f"malformed JSON: {exc.msg}") from None
    return records, col.issues


def read_omm_csv(text: str, source: str = "<omm.csv>", *, strict: bool = False) -> tuple[list[RawRecord], list[ParseIssue]]:
    """Read OMM CSV (a header row of OMM keys, one element set per row)."""
    col = _Collector(source, strict)
    reader = csv.reader(io.StringIO(text, newline=""))
    records: list[RawRecord] = []
    header: list[str] | None = None
    rows = iter(reader)
    while True:
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as exc:
            raise ParseError(f"{source} line {reader.line_num}", f"malformed CSV: {exc}") from None
        lineno = reader.line_num
        if not row or not any(c.strip() for c in row):
            continue
        if header is None:
            header = [c.strip().upper() for c in row]
            continue
        if len(row) != len(header):
            col.add(lineno, f"{len(row)} columns, header has {len(header)}")
            continue
        rec = RawRecord(line=lineno, fields=dict(zip(header, (c.strip() for c in row))))
        rec.name = rec.fields.get("OBJECT_NAME", "")
        records.append(rec)
    return records, col.issues


def omm_fields_for_sgp4(rec: RawRecord) -> tuple[dict[str, str] | None, list[str], int | None]:
    """Checked, normalized OMM fields for ``sgp4.omm.initialize``; (fields, errors, norad id)."""
    f = {k: v for k, v in rec.fields.items()}
    errors: list[str] = []
    norad = None
    try:
        norad = int(f.get("NORAD_CAT_ID", ""))
    except ValueError:
        errors.append(f"NORAD_CAT_ID {f.get('NORAD_CAT_ID')!r} is not an integer")
    missing = [k for k in OMM_REQUIRED if not f.get(k, "").strip()]
    if missing:
        errors.append("missing " + ", ".join(missing))
        return None, errors, norad
    theory = f.get("MEAN_ELEMENT_THEORY", "SGP4").strip().upper()
    if theory not in ("SGP4", "SGP/SGP4"):
        errors.append(f"MEAN_ELEMENT_THEORY {theory!r} is not SGP4 (SGP4-XP and others need another propagator)")
    for key, allowed in (("REF_FRAME", ("TEME",)), ("CENTER_NAME", ("EARTH",)), ("TIME_SYSTEM", ("UTC",))):
        if key in f and f[key].strip().upper() not in allowed:
            errors.append(f"{key} {f[key]!r} is not {allowed[0]}")
    for key, default in OMM_DEFAULTS.items():
        if not f.get(key, "").strip():
            f[key] = default
    numbers = {}
    for key in ("MEAN_MOTION", "ECCENTRICITY", "INCLINATION", "RA_OF_ASC_NODE", "ARG_OF_PERICENTER",
                "MEAN_ANOMALY", "BSTAR", "MEAN_MOTION_DOT", "MEAN_MOTION_DDOT"):
        try:
            numbers[key] = float(f[key])
        except ValueError:
            errors.append(f"{key} {f[key]!r} is not a number")
            continue
        if not math.isfinite(numbers[key]):
            errors.append(f"{key} {f[key]!r} is not a finite number")
    # integers the sgp4 C++ record stores in a C int (EPHEMERIS_TYPE is one digit in a TLE)
    for key, hi in (("EPHEMERIS_TYPE", 9), ("ELEMENT_SET_NO", 9999), ("REV_AT_EPOCH", 2**31 - 1)):
        try:
            value = float(f[key])
        except ValueError:
            errors.append(f"{key} {f[key]!r} is not an integer")
            continue
        if not (math.isfinite(value) and value == int(value) and 0 <= value <= hi):
            errors.append(f"{key} {f[key]!r} is not an integer 0 to {hi}")
        else:
            f[key] = str(int(value))
    if norad is not None and not 0 <= norad <= 339999:
        errors.append(f"NORAD_CAT_ID {norad} outside 0 to 339999 (alpha-5 catalog numbers)")
    f["CLASSIFICATION_TYPE"] = f["CLASSIFICATION_TYPE"].strip()
    if f["CLASSIFICATION_TYPE"] not in ("U", "C", "S"):
        errors.append(f"CLASSIFICATION_TYPE {f['CLASSIFICATION_TYPE']!r} is not U, C or S")
    checks = (("ECCENTRICITY", 0.0, 0.999999), ("INCLINATION", 0.0, 180.0), ("RA_OF_ASC_NODE", 0.0, 360.0),
              ("ARG_OF_PERICENTER", 0.0, 360.0), ("MEAN_ANOMALY", 0.0, 360.0), ("MEAN_MOTION", 1e-6, 20.0))
    for key, lo, hi in checks:
        if key in numbers and not lo <= numbers[key] <= hi:
            errors.append(f"{key} {numbers[key]:g} outside {lo:g} to {hi:g}")
    epoch, problem = _iso_epoch(f["EPOCH"])
    if problem:
        errors.append(problem)
    else:
        f["EPOCH"] = epoch
    object_id = f["OBJECT_ID"].strip()
    if not (object_id.isascii() and object_id.isprintable() and len(object_id) <= 12):
        errors.append(f"OBJECT_ID {f['OBJECT_ID']!r} is not an international designator (YYYY-NNNP)")
    f["OBJECT_ID"] = object_id if len(object_id) >= 2 else ""
    return (None if errors else f), errors, norad


#: Element-set epochs accepted (Sputnik 1 to 2100): keeps every epoch inside the time scales.
EPOCH_YEARS = (1957, 2100)
_ISO = re.compile(r"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?$")
_DOY = re.compile(r"^(\d{4})-(\d{3})T(\d{2}:\d{2}:\d{2})(\.\d+)?$")


def _iso_epoch(text: str) -> tuple[str | None, str | None]:
    """CCSDS OMM EPOCH (``YYYY-MM-DDThh:mm:ss[.f]`` or day-of-year ``YYYY-DDDThh:mm:ss[.f]``, optional Z)
    as ``YYYY-MM-DDThh:mm:ss.ffffff``, or (None, the problem)."""
    import calendar
    import datetime as _dt

    epoch = text.strip().rstrip("Zz")
    doy = _DOY.match(epoch)
    if doy:
        year, day_of_year = int(doy.group(1)), int(doy.group(2))
        days = 366 if calendar.isleap(year) else 365
        if not 1 <= day_of_year <= days:
            return None, f"EPOCH {text!r}: day of year {day_of_year} outside 1 to {days}"
        day = _dt.date(year, 1, 1) + _dt.timedelta(days=day_of_year - 1)
        epoch = f"{day.isoformat()}T{doy.group(3)}{doy.group(4) or ''}"
    match = _ISO.match(epoch)
    if not match:
        return None, f"EPOCH {text!r} is not an ISO date-time YYYY-MM-DDThh:mm:ss[.ffffff]"
    try:
        _dt.datetime.strptime(match.group(1), "%Y-%m-%dT%H:%M:%S")
    except ValueError as exc:
        return None, f"EPOCH {text!r} is not a calendar date-time ({exc})"
    if not EPOCH_YEARS[0] <= int(match.group(1)[:4]) <= EPOCH_YEARS[1]:
        return None, f"EPOCH {text!r} outside the years {EPOCH_YEARS[0]} to {EPOCH_YEARS[1]}"
    frac = (match.group(2) or ".0")[1:]
    return f"{match.group(1)}.{(frac + '000000')[:6]}", None
