"""Property tests of the catalog readers: TLE/3LE and CCSDS OMM (XML, KVN, JSON, CSV).

Whatever the text, ``Catalog.from_text`` returns a catalog whose satellites carry finite elements
in range and propagate to finite states exactly where the error code is 0 (NaN elsewhere),
or raises a SpaceplanError (``ParseError`` naming file and line); never another exception.
Inputs: valid element sets with random field values, then mutated (characters replaced,
inserted or deleted, tabs, non-ASCII, lines swapped or dropped), and free text.
"""

from __future__ import annotations

import json
import math

import numpy as np
from hypothesis import example, given
from hypothesis import strategies as st

from fuzz_support import spaceplan_error_or_result
from spaceplan.constellation.catalog import ERROR_MESSAGES, Catalog
from spaceplan.core.tle import tle_checksum

ISS = ("ISS (ZARYA)",
       "1 25544U 98067A   26001.50000000 -.00002182  00000-0 -11606-4 0  2927",
       "2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537")

NASTY = st.sampled_from(["\t", "\u2212", "\u00a0", ".", "-", "+", "e", "E", "0", "9", " ", "x", "\x00", "\r", "😀"])


def _fix(line: str) -> str:
    return line[:68] + str(tle_checksum(line)) if len(line) >= 68 else line


@st.composite
def tle_records(draw):
    """A TLE with random but well-formed fields (checksums right), optionally named."""
    satnum = draw(st.integers(0, 99999))
    year = draw(st.integers(0, 99))
    day = draw(st.floats(1.0, 366.99999999))
    ndot = draw(st.floats(-0.99, 0.99))
    incl = draw(st.floats(0.0, 180.0))
    raan = draw(st.floats(0.0, 359.9999))
    ecc = draw(st.integers(0, 9999999))
    argp = draw(st.floats(0.0, 359.9999))
    ma = draw(st.floats(0.0, 359.9999))
    mm = draw(st.floats(0.01, 19.99))
    bstar_m = draw(st.integers(0, 99999))
    bstar_e = draw(st.integers(0, 9))
    sign = draw(st.sampled_from(["-", " ", "+"]))
    nd = f"{ndot:.8f}".replace("0.", ".", 1) if ndot >= 0 else f"{ndot:.8f}".replace("-0.", "-.", 1)
    l1 = (f"1 {satnum:05d}U 26001A   {year:02d}{day:012.8f} {nd:>10s}  00000-0 {sign}{bstar_m:05d}-{bstar_e} 0  999")
    l2 = (f"2 {satnum:05d} {incl:8.4f} {raan:8.4f} {ecc:07d} {argp:8.4f} {ma:8.4f} {mm:11.8f}12345")
    lines = [_fix(l1.ljust(68)[:68] + "0"), _fix(l2.ljust(68)[:68] + "0")]
    if draw(st.booleans()):
        lines.insert(0, draw(st.text(max_size=24).filter(lambda s: "\n" not in s and "\r" not in s)) or "SAT")
    return "\n".join(lines) + "\n"


@st.composite
def mutated(draw, base):
    """``base`` text with a few random edits."""
    text = draw(base) if isinstance(base, st.SearchStrategy) else base
    chars = list(text)
    for _ in range(draw(st.integers(1, 4))):
        if not chars:
            break
        k = draw(st.integers(0, len(chars) - 1))
        op = draw(st.sampled_from(["replace", "insert", "delete", "swap"]))
        c = draw(st.one_of(NASTY, st.characters()))
        if op == "replace":
            chars[k] = c
        elif op == "insert":
            chars.insert(k, c)
        elif op == "delete":
            del chars[k]
        else:
            j = draw(st.integers(0, len(chars) - 1))
            chars[k], chars[j] = chars[j], chars[k]
    return "".join(chars)


def check_catalog(cat: Catalog, target: str) -> None:
    """The catalog's own invariants: elements finite and in range, states finite iff error == 0."""
    n = len(cat)
    assert len(cat.names) == n and len(cat.norad_ids) == n
    for issue in cat.issues:
        assert issue.line >= 1 and issue.message
    if n == 0:
        return
    for arr in (cat.epochs_tdb, cat.inclination, cat.raan, cat.eccentricity, cat.mean_motion, cat.semi_major_axis):
        assert np.isfinite(arr).all(), f"{target}: non-finite elements"
    assert np.all((cat.inclination >= 0) & (cat.inclination <= math.pi + 1e-12))
    assert np.all((cat.eccentricity >= 0) & (cat.eccentricity < 1)) and np.all(cat.mean_motion > 0)
    t = cat.epochs_tdb[:1] + np.array([0.0, 86400.0 * 3])
    states = cat.propagate(t)
    finite = np.isfinite(states.r_teme).all(axis=-1) & np.isfinite(states.v_teme).all(axis=-1)
    assert np.array_equal(finite, states.error == 0), f"{target}: NaN with error 0 or numbers with an error"
    assert set(np.unique(states.error).tolist()) <= {0, *ERROR_MESSAGES}
    states.failures()


def read(text: str, fmt: str | None, target: str) -> None:
    with spaceplan_error_or_result(target):
        check_catalog(Catalog.from_text(text, fmt, source=f"{target}.txt"), target)
    with spaceplan_error_or_result(target + "_strict"):
        strict = Catalog.from_text(text, fmt, source=f"{target}.txt", strict=True)
        assert not strict.issues
        check_catalog(strict, target)


@given(st.one_of(tle_records(), mutated(tle_records()), mutated("\n".join(ISS) + "\n"),
                 st.lists(tle_records(), max_size=4).map("".join), st.text(max_size=300)))
@example("\n".join([ISS[0], ISS[1][:17] + ".26001.50000000" + ISS[1][32:], ISS[2]]))  # issue 14.3: epoch
@example("\n".join([ISS[0], ISS[1][:9] + "98067\tA " + ISS[1][17:], ISS[2]]))  # tab in the designator
@example("\n".join([ISS[0], ISS[1][:9] + "98067A\u2212 " + ISS[1][17:], ISS[2]]))  # U+2212
def test_tle_reader(text):
    read(text, None if len(text) % 2 else "tle", "tle_reader")  # the format named, or sniffed


# --- OMM ---------------------------------------------------------------------------------------

NUMBERISH = st.one_of(st.floats(allow_nan=True, allow_infinity=True).map(repr), st.integers(-10**6, 10**6).map(str),
                      st.sampled_from(["", " ", "nan", "inf", "-inf", "1e999", "0x10", "1_000", "١٢", "--1", "1e-400"]),
                      st.text(max_size=12))


@st.composite
def omm_records(draw):
    """OMM fields: mostly plausible values, some replaced by anything, some keys dropped."""
    rec = {
        "OBJECT_NAME": draw(st.text(max_size=16)), "OBJECT_ID": "2026-001A",
        "EPOCH": draw(st.one_of(st.datetimes().map(lambda d: d.isoformat()), st.just("2026-01-01T12:00:00.000000"),
                                st.text(max_size=30))),
        "MEAN_MOTION": repr(draw(st.floats(0.01, 19.9))), "ECCENTRICITY": repr(draw(st.floats(0.0, 0.99))),
        "INCLINATION": repr(draw(st.floats(0.0, 180.0))), "RA_OF_ASC_NODE": repr(draw(st.floats(0.0, 360.0))),
        "ARG_OF_PERICENTER": repr(draw(st.floats(0.0, 360.0))), "MEAN_ANOMALY": repr(draw(st.floats(0.0, 360.0))),
        "EPHEMERIS_TYPE": "0", "CLASSIFICATION_TYPE": "U", "NORAD_CAT_ID": str(draw(st.integers(0, 10**6))),
        "ELEMENT_SET_NO": "999", "REV_AT_EPOCH": "0", "BSTAR": repr(draw(st.floats(-1.0, 1.0))),
        "MEAN_MOTION_DOT": "0", "MEAN_MOTION_DDOT": "0",
    }
    for key in draw(st.lists(st.sampled_from(sorted(rec)), max_size=3)):
        rec[key] = draw(NUMBERISH)
    for key in draw(st.lists(st.sampled_from(sorted(rec)), max_size=2)):
        rec.pop(key, None)
    return rec


def _xml(recs):
    def esc(v):
        return str(v).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    segs = "".join("<segment><data><meanElements>" + "".join(f"<{k}>{esc(v)}</{k}>" for k, v in r.items())
                   + "</meanElements></data></segment>" for r in recs)
    return f'<?xml version="1.0"?>\n<ndm><omm><body>{segs}</body></omm></ndm>\n'


def _kvn(recs):
    return "".join("CCSDS_OMM_VERS = 3.0\n" + "".join(f"{k} = {v}\n" for k, v in r.items()) for r in recs)


def _csv(recs):
    import csv
    import io

    keys = sorted({k for r in recs for k in r}) or ["NORAD_CAT_ID"]
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(keys)
    for r in recs:
        w.writerow([r.get(k, "") for k in keys])
    return buf.getvalue()


WRITERS = {"xml": _xml, "kvn": _kvn, "json": lambda recs: json.dumps(recs), "csv": _csv}


def _omm_text(fmt):
    docs = st.lists(omm_records(), min_size=0, max_size=3).map(WRITERS[fmt])
    return st.one_of(docs, mutated(docs), st.text(max_size=200))


@given(_omm_text("xml"))
@example(_xml([{"NORAD_CAT_ID": "1", "EPOCH": "2026-01-01T00:00:00", "MEAN_MOTION": "15", "ECCENTRICITY": "0.1",
                "INCLINATION": "50", "RA_OF_ASC_NODE": "0", "ARG_OF_PERICENTER": "0", "MEAN_ANOMALY": "0",
                "BSTAR": "0", "REV_AT_EPOCH": "inf", "CLASSIFICATION_TYPE": "0.0"}]))  # OverflowError, TypeError
@example('\ud800?xml version="1.0"?>\n<ndm><omm><body></body></omm></ndm>\n')  # lone surrogate: UnicodeEncodeError
def test_omm_xml_reader(text):
    read(text, "xml", "omm_xml_reader")


@given(_omm_text("kvn"))
@example(_kvn([{"NORAD_CAT_ID": "1", "EPOCH": "0001-01-01T00:00:00", "MEAN_MOTION": "15", "ECCENTRICITY": "0.1",
                "INCLINATION": "50", "RA_OF_ASC_NODE": "0", "ARG_OF_PERICENTER": "0", "MEAN_ANOMALY": "0",
                "BSTAR": "nan"}]))  # epoch beyond int64 ns (garbage TDB), NaN BSTAR
def test_omm_kvn_reader(text):
    read(text, "kvn", "omm_kvn_reader")


@given(_omm_text("json"))
@example('[{"NORAD_CAT_ID": 1, "EPOCH": "2026-01-01T00:00:00", "MEAN_MOTION": 1e308, "ECCENTRICITY": 0.1}]')
def test_omm_json_reader(text):
    read(text, "json", "omm_json_reader")


@given(_omm_text("csv"))
@example("\r0")  # csv.Error escaped
def test_omm_csv_reader(text):
    read(text, "csv", "omm_csv_reader")
