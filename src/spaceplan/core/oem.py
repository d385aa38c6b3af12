"""CCSDS Orbit Ephemeris Messages (OEM 2.0, KVN and XML): spaceplan trajectories for GMAT, Orekit, STK, Cesium.

Format: CCSDS 502.0-B-2, *Orbit Data Messages* (Blue Book, 2009), section 5 (OEM) and its XML
schema (CCSDS 505.0-B-1, ``ndmxml-2.0.0``).  One message holds one object; each segment has a
metadata block (OBJECT_NAME, OBJECT_ID, CENTER_NAME, REF_FRAME, TIME_SYSTEM, START_TIME,
STOP_TIME, optional INTERPOLATION) and one state per line: epoch, x y z [km], vx vy vz [km/s].

What spaceplan writes:

* Earth-centred trajectories (stations, deorbits, spirals, Walker satellites) are computed in TEME
  of date (the frame :func:`spaceplan.core.frames.teme_to_ecef` turns into ground tracks) and are
  written in ``EME2000`` after :func:`spaceplan.core.frames.teme_to_eme2000`;
  heliocentric ones (Lambert arcs, Sims-Flanagan legs) come from DE421 and are written in ``ICRF``
  centred on the ``SUN``;
* ``TIME_SYSTEM`` is ``UTC`` for Earth-centred messages and ``TDB`` otherwise (either can be asked
  for); epochs are printed to the nanosecond (TDB: exactly the model's TDB seconds past J2000;
  UTC: through the bundled leap-second table, :func:`spaceplan.core.time.tdb_to_datetime64`);
* positions with 7 decimals of km (0.1 mm) and velocities with 10 decimals of km/s (0.1 um/s), so
  a reader gets the states back to far better than 1 mm;
* a Lagrange interpolation hint (degree 7) when the segment has at least 8 states.

The state lines are formatted by a numba kernel (fixed-point integers to ASCII) in chunks, so a
five-year, 60 s station run (2.6 million states) is written in seconds.  The ``oem`` package
(MIT, Brad Sease) reads the files back in the tests.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np
from spaceplan.core.constants import DAY
from spaceplan.core.errors import InputError
from spaceplan.core.jit import kernel

__all__ = ["StateHistory", "write_oem", "oem_text", "FORMATS", "TIME_SYSTEMS"]

FORMATS = ("kvn", "xml")
TIME_SYSTEMS = ("UTC", "TDB")
FRAMES = ("EME2000", "ICRF", "GCRF", "TEME", "ITRF2000", "ITRF-93", "ITRF-97", "TOD", "MCI")
POSITION_DECIMALS = 7  # of km
VELOCITY_DECIMALS = 10  # of km/s
CHUNK_ROWS = 65_536
_J2000_UNIX_S = 946_728_000  # 2000-01-01T12:00:00 as seconds after 1970-01-01T00:00:00 (calendar, no leaps)
_EPOCH_CHARS = 29  # YYYY-MM-DDThh:mm:ss.nnnnnnnnn
_NUMBER_CHARS = 28  # sign, up to 16 integer digits, point, up to 10 decimals


@dataclass(frozen=True)
class StateHistory:
    """States of one object to exchange (SI): epochs TDB s past J2000, positions m, velocities m/s.

    ``frame`` is the CCSDS REF_FRAME name of the axes (``EME2000``, ``ICRF``, ...), ``center`` the
    CENTER_NAME (``EARTH``, ``SUN``, ``MARS BARYCENTER``...); ``comments`` become COMMENT lines.
    """

    name: str
    object_id: str
    center: str
    frame: str
    tdb: np.ndarray
    r: np.ndarray
    v: np.ndarray
    comments: tuple[str, ...] = ()

    def __post_init__(self):
        t = np.ascontiguousarray(self.tdb, dtype=float).reshape(-1)
        r = np.ascontiguousarray(self.r, dtype=float).reshape(-1, 3)
        v = np.ascontiguousarray(self.v, dtype=float).reshape(-1, 3)
        if not len(t):
            raise InputError("states", "no states", ">= 1 state")
        if len(r) != len(t) or len(v) != len(t):
            raise InputError("states", f"{len(t)} epochs but {len(r)} positions and {len(v)} velocities",
                             "one position and one velocity per epoch")
        if not (np.all(np.isfinite(t)) and np.all(np.isfinite(r)) and np.all(np.isfinite(v))):
            raise InputError("states", "non-finite epoch, position or velocity", "finite values")
        if np.any(np.diff(t) <= 0):
            k = int(np.flatnonzero(np.diff(t) <= 0)[0])
            raise InputError("states", f"epochs must increase (state {k + 1} is not after state {k})",
                             "strictly increasing epochs")
        if np.abs(r).max() / 1e3 >= 1e11 or np.abs(v).max() / 1e3 >= 1e6:  # fixed point fits an int64
            raise InputError("states", "position or velocity too large to print", "|x| < 1e11 km, |v| < 1e6 km/s")
        if self.frame not in FRAMES:
            raise InputError("frame", f"got {self.frame!r}", ", ".join(FRAMES))
        for fld in ("name", "object_id", "center"):
            text = str(getattr(self, fld)).strip()
            if not text or "\n" in text:
                raise InputError(fld, f"got {getattr(self, fld)!r}", "one non-empty line")
        object.__setattr__(self, "tdb", t)
        object.__setattr__(self, "r", r)
        object.__setattr__(self, "v", v)
        object.__setattr__(self, "comments", tuple(str(c) for c in self.comments))

    def __len__(self) -> int:
        return len(self.tdb)

    def to_dict(self) -> dict:
        from spaceplan.core.time import tdb_to_iso

        return {"object_name": self.name, "object_id": self.object_id, "center_name": self.center,
                "ref_frame": self.frame, "states": len(self.tdb), "start_utc": tdb_to_iso(self.tdb[0], "ms"),
                "stop_utc": tdb_to_iso(self.tdb[-1], "ms"),
                "duration_days": float((self.tdb[-1] - self.tdb[0]) / DAY)}


# --- the state-line kernel -------------------------------------------------------------------------


@kernel(inline=True)
def _put_digits(buf, pos, value, width):
    """Write ``value`` >= 0 as exactly ``width`` digits (zero padded) at ``pos``; returns the new position."""
    for k in range(width - 1, -1, -1):
        buf[pos + k] = 48 + value % 10
        value //= 10
    return pos + width


@kernel(inline=True)
def _put_fixed(buf, pos, scaled, decimals):
    """Write the integer ``scaled`` = round(x 10^decimals) as a signed fixed-point decimal."""
    if scaled < 0:
        buf[pos] = 45  # '-'
        pos += 1
        scaled = -scaled
    unit = 1
    for _ in range(decimals):
        unit *= 10
    whole, frac = scaled // unit, scaled % unit
    digits = 1
    probe = whole
    while probe >= 10:
        probe //= 10
        digits += 1
    pos = _put_digits(buf, pos, whole, digits)
    buf[pos] = 46  # '.'
    return _put_digits(buf, pos + 1, frac, decimals)


@kernel()
def _put_epoch(buf, pos, seconds, nanos):
    """Write calendar seconds after 1970-01-01 (no leap seconds) plus ``nanos`` as YYYY-MM-DDThh:mm:ss.nnnnnnnnn.

    Civil date from a day count: H. Hinnant, "chrono-compatible low-level date algorithms" (civil_from_days).
    """
    days = seconds // 86400
    sod = seconds - days * 86400
    z = days + 719468
    era = (z if z >= 0 else z - 146096) // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = mp + 3 if mp < 10 else mp - 9
    year = yoe + era * 400 + (1 if month <= 2 else 0)
    pos = _put_digits(buf, pos, year, 4)
    buf[pos] = 45
    pos = _put_digits(buf, pos + 1, month, 2)
    buf[pos] = 45
    pos = _put_digits(buf, pos + 1, day, 2)
    buf[pos] = 84  # 'T'
    pos = _put_digits(buf, pos + 1, sod // 3600, 2)
    buf[pos] = 58
    pos = _put_digits(buf, pos + 1, (sod // 60) % 60, 2)
    buf[pos] = 58
    pos = _put_digits(buf, pos + 1, sod % 60, 2)
    buf[pos] = 46
    return _put_digits(buf, pos + 1, nanos, 9)


@kernel()
def _format_states(seconds, nanos, pos_scaled, vel_scaled, seps, sep_start, pos_decimals, vel_decimals, buf):
    """State lines into ``buf``: seps[k] (k = 0..7) before the epoch, between the six numbers and at the end."""
    pos = 0
    for i in range(seconds.shape[0]):
        for k in range(8):
            for b in range(sep_start[k], sep_start[k + 1]):
                buf[pos] = seps[b]
                pos += 1
            if k == 0:
                pos = _put_epoch(buf, pos, seconds[i], nanos[i])
            elif k <= 3:
                pos = _put_fixed(buf, pos, pos_scaled[i, k - 1], pos_decimals)
            elif k <= 6:
                pos = _put_fixed(buf, pos, vel_scaled[i, k - 4], vel_decimals)
    return pos


_KVN_SEPS = ("", " ", " ", " ", " ", " ", " ", "\n")
_XML_SEPS = ("      <stateVector>\n        <EPOCH>", "</EPOCH>\n        <X>", "</X>\n        <Y>",
             "</Y>\n        <Z>", "</Z>\n        <X_DOT>", "</X_DOT>\n        <Y_DOT>",
             "</Y_DOT>\n        <Z_DOT>", "</Z_DOT>\n      </stateVector>\n")


def _epoch_parts(tdb: np.ndarray, time_system: str) -> tuple[np.ndarray, np.ndarray]:
    """(whole calendar seconds after 1970-01-01, nanoseconds) of each epoch in ``time_system``."""
    if time_system == "TDB":
        whole = np.floor(tdb)
        nanos = np.round((tdb - whole) * 1e9).astype(np.int64)
        seconds = whole.astype(np.int64) + _J2000_UNIX_S
    else:
        from spaceplan.core.time import tdb_to_datetime64

        ns = tdb_to_datetime64(tdb).astype("datetime64[ns]").astype(np.int64)
        seconds, nanos = np.divmod(ns, 1_000_000_000)
    carry = nanos >= 1_000_000_000
    return seconds + carry, np.where(carry, nanos - 1_000_000_000, nanos)


def _state_lines(history: StateHistory, time_system: str, seps: tuple[str, ...]):
    """Yield the formatted state lines of ``history`` as bytes, CHUNK_ROWS states at a time."""
    sep_bytes = [s.encode() for s in seps]
    flat = np.frombuffer(b"".join(sep_bytes), dtype=np.uint8).copy()
    start = np.zeros(9, dtype=np.int64)
    start[1:] = np.cumsum([len(s) for s in sep_bytes])
    row = int(start[-1]) + _EPOCH_CHARS + 6 * _NUMBER_CHARS
    buf = np.empty(row * min(CHUNK_ROWS, len(history)), dtype=np.uint8)
    ps, vs = 10.0 ** POSITION_DECIMALS / 1e3, 10.0 ** VELOCITY_DECIMALS / 1e3  # m -> scaled km
    for lo in range(0, len(history), CHUNK_ROWS):
        sl = slice(lo, lo + CHUNK_ROWS)
        seconds, nanos = _epoch_parts(history.tdb[sl], time_system)
        n = _format_states(seconds, nanos, np.round(history.r[sl] * ps).astype(np.int64),
                           np.round(history.v[sl] * vs).astype(np.int64), flat, start, POSITION_DECIMALS,
                           VELOCITY_DECIMALS, buf)
        yield buf[:n].tobytes()


# --- messages ---------------------------------------------------------------------------------------


def _epoch_text(tdb: float, time_system: str) -> str:
    seconds, nanos = _epoch_parts(np.array([tdb]), time_system)
    buf = np.empty(_EPOCH_CHARS, dtype=np.uint8)
    _put_epoch(buf, 0, int(seconds[0]), int(nanos[0]))
    return buf.tobytes().decode()


def _options(histories, fmt: str, time_system: str | None) -> tuple[list[StateHistory], str, str]:
    items = [histories] if isinstance(histories, StateHistory) else list(histories)
    if not items:
        raise InputError("states", "no segments", ">= 1 StateHistory")
    if fmt not in FORMATS:
        raise InputError("format", f"got {fmt!r}", ", ".join(FORMATS))
    if time_system is None:
        time_system = "UTC" if all(h.center.upper() == "EARTH" for h in items) else "TDB"
    time_system = str(time_system).upper()
    if time_system not in TIME_SYSTEMS:
        raise InputError("time_system", f"got {time_system!r}", ", ".join(TIME_SYSTEMS))
    first = items[0]
    for prev, h in zip(items[:-1], items[1:]):
        if (h.name, h.object_id) != (first.name, first.object_id):
            raise InputError("states", f"one OEM holds one object; got {first.name!r} and {h.name!r}",
                             "segments of the same object (write one message per object)")
        if h.tdb[0] < prev.tdb[-1]:
            raise InputError("states", "segments overlap in time", "segments in time order")
    return items, fmt, time_system


def _metadata(h: StateHistory, time_system: str) -> list[tuple[str, str]]:
    meta = [("OBJECT_NAME", h.name), ("OBJECT_ID", h.object_id), ("CENTER_NAME", h.center.upper()),
            ("REF_FRAME", h.frame), ("TIME_SYSTEM", time_system), ("START_TIME", _epoch_text(h.tdb[0], time_system)),
            ("STOP_TIME", _epoch_text(h.tdb[-1], time_system))]
    if len(h) >= 8:
        meta += [("INTERPOLATION", "LAGRANGE"), ("INTERPOLATION_DEGREE", "7")]
    return meta


def _creation_date() -> str:
    return _dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None).isoformat(timespec="seconds")


def _chunks(items, fmt, time_system, originator, comments):
    """Yield the message as bytes pieces."""
    created = _creation_date()
    if fmt == "kvn":
        head = ["CCSDS_OEM_VERS = 2.0"] + [f"COMMENT {c}" for c in comments]
        head += [f"CREATION_DATE = {created}", f"ORIGINATOR = {originator}", ""]
        yield ("\n".join(head) + "\n").encode()
        for h in items:
            meta = ["META_START"] + [f"{k} = {v}" for k, v in _metadata(h, time_system)] + ["META_STOP", ""]
            meta += [f"COMMENT {c}" for c in h.comments]
            yield ("\n".join(meta) + "\n").encode()
            yield from _state_lines(h, time_system, _KVN_SEPS)
            yield b"\n"
        return
    head = ['<?xml version="1.0" encoding="UTF-8"?>',
            '<oem xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xsi:noNamespaceSchemaLocation="https://sanaregistry.org/r/ndmxml_unqualified/ndmxml-2.0.0-master-2.0.xsd" '
            'id="CCSDS_OEM_VERS" version="2.0">', "  <header>"]
    head += [f"    <COMMENT>{escape(c)}</COMMENT>" for c in comments]
    head += [f"    <CREATION_DATE>{created}</CREATION_DATE>", f"    <ORIGINATOR>{escape(originator)}</ORIGINATOR>",
             "  </header>", "  <body>"]
    yield ("\n".join(head) + "\n").encode()
    for h in items:
        seg = ["  <segment>", "    <metadata>"]
        seg += [f"      <{k}>{escape(str(v))}</{k}>" for k, v in _metadata(h, time_system)]
        seg += ["    </metadata>", "    <data>"] + [f"      <COMMENT>{escape(c)}</COMMENT>" for c in h.comments]
        yield ("\n".join(seg) + "\n").encode()
        yield from _state_lines(h, time_system, _XML_SEPS)
        yield b"    </data>\n  </segment>\n"
    yield b"  </body>\n</oem>\n"


def format_of(path) -> str:
    """``xml`` for a ``.xml`` file name, ``kvn`` otherwise (``.oem``, ``.kvn``, ``.txt``)."""
    return "xml" if Path(str(path)).suffix.lower() == ".xml" else "kvn"


def write_oem(path, histories, *, fmt: str | None = None, time_system: str | None = None,
              originator: str = "spaceplan", comments=()) -> Path:
    """Write one OEM 2.0 file of one object (one :class:`StateHistory` or several in time order: segments).

    ``fmt``: ``kvn`` or ``xml`` (default: from the file name, :func:`format_of`); ``time_system``: ``UTC`` or
    ``TDB`` (default UTC when every segment is Earth-centred, TDB otherwise).  Returns the path.
    """
    path = Path(path)
    items, fmt, time_system = _options(histories, fmt or format_of(path), time_system)
    with open(path, "wb") as out:
        for piece in _chunks(items, fmt, time_system, str(originator), tuple(comments)):
            out.write(piece)
    return path


def oem_text(histories, *, fmt: str = "kvn", time_system: str | None = None, originator: str = "spaceplan",
             comments=()) -> str:
    """The message :func:`write_oem` would write, as text (for small histories)."""
    items, fmt, time_system = _options(histories, fmt, time_system)
    return b"".join(_chunks(items, fmt, time_system, str(originator), tuple(comments))).decode()


def object_id(text: str) -> str:
    """An OBJECT_ID for a modelled object: upper case, spaces as dashes (CCSDS recommends the international
    designator, e.g. ``1998-067A``, for catalogued objects; modelled ones get their spaceplan name)."""
    out = "-".join(str(text).split()).upper()
    return out or "UNKNOWN"
