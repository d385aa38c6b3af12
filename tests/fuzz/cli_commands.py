"""Inputs and checks of the CLI property test (issue 19): for every command, a strategy of in-range
arguments and one of out-of-range arguments (with the flag whose error must be named), the in-process
runner and the physical bounds of a JSON result.

In-range strategies stay on cheap parameter ranges (short spans, coarse grids) so 200 examples per
command fit in ``make test``; the envelopes themselves are the models' (:mod:`spaceplan.core.validity`).
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import os
import re
import sys
import tempfile

from hypothesis import strategies as st

DATA = os.path.join(os.path.dirname(os.path.dirname(__file__)), "validation", "data")
TG1 = os.path.join(DATA, "tiangong1_2017_2018.tle")


def invoke(argv: list[str]) -> tuple[int, str, str]:
    """Run ``spaceplan ARGV`` in this process (the real entry point, errors and all): (exit code, stdout, stderr)."""
    from spaceplan.cli import main

    out, err = io.StringIO(), io.StringIO()
    saved = sys.argv
    sys.argv = ["spaceplan", *argv]
    code = 0
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main()
            except SystemExit as stop:
                code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    finally:
        sys.argv = saved
    return code, out.getvalue(), err.getvalue()


# --- physical bounds of the numbers a command prints (by JSON key, display units) -------------------

_SPEED = re.compile(r"(_m_s|_km_s|_kms|_ms)$")
_RULES = [  # (name, key test, lo, hi)
    ("fraction", lambda k: "fraction" in k and not k.startswith("fraction_of_") and not k.endswith(("_deg", "_km")),
     0.0, 1.0),  # fraction_of_<limit> is a ratio to a limit (may exceed 1)
    ("percent", lambda k: k.endswith(("_percent", "_pct")) or k.startswith("percent"), 0.0, 100.0),
    ("dose", lambda k: "dose" in k or k.endswith(("_msv", "_sv", "_mgy", "_gy")), 0.0, math.inf),
    ("delta-v", lambda k: k.startswith(("dv", "delta_v", "total_dv")) and not k.endswith("_deg"), 0.0, math.inf),
    ("mass", lambda k: (k.endswith(("_kg", "_t")) or k in ("imleo_t", "mass_t")) and "margin" not in k
     and "per" not in k and not k.startswith(("delta", "change")), 0.0, math.inf),
    ("time", lambda k: k.endswith(("_days", "_hours", "_years", "tof_s", "time_s", "_minutes"))
     and not _SPEED.search(k) and not k.startswith(("delta", "change", "offset")), 0.0, math.inf),
]


def bound_violations(obj, path: str = "") -> list[str]:
    """Every number of a JSON tree that breaks the physical bound its key declares (or is not finite)."""
    bad: list[str] = []
    if isinstance(obj, dict):
        for k, v in obj.items():
            key = str(k)
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                if not math.isfinite(v):
                    bad.append(f"{path}.{key} = {v} (not finite)")
                    continue
                for name, test, lo, hi in _RULES:
                    if test(key.lower()) and not lo - 1e-9 <= v <= hi + 1e-9 * max(1.0, abs(hi)):
                        bad.append(f"{path}.{key} = {v!r} outside the {name} bounds [{lo:g}, {hi:g}]")
            else:
                bad += bound_violations(v, f"{path}.{key}")
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            bad += bound_violations(v, f"{path}[{i}]")
    return bad


def warnings_in(obj) -> list[dict]:
    """The validity warnings anywhere in a JSON tree."""
    found: list[dict] = []
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k == "warnings" and isinstance(v, list):
                found += [w for w in v if isinstance(w, dict)]
            else:
                found += warnings_in(v)
    elif isinstance(obj, list):
        for v in obj:
            found += warnings_in(v)
    return found


def check_in_range(target: str, argv: list[str]) -> str:
    """An in-range call: exit 0 with a JSON document whose numbers are finite and physical, or a named
    refusal of what the physics does not allow (exit 2, one line ``error: NAME: ...``); never exit 1.
    Returns (outcome, note): ``finite_bounded``, ``warned`` (finite and bounded, with a validity warning) or
    ``refused_named`` with its error line."""
    code, out, err = invoke(argv)
    assert code in (0, 2), f"{target} {argv}: exit {code}: {err.strip()[:300]}"
    if code == 2:  # only a physical impossibility (infeasible, not converged), never a refused input
        _named_one_line(target, argv, err, None)
        assert not re.match(r"^error: (--|Invalid value|Missing|No such|Got unexpected)", err), \
            f"{target} {argv}: an in-range input was refused: {err.strip()}"
        return "refused_named", err.strip()[:200]
    doc = result_document(target, argv, out)
    bad = bound_violations(doc)
    assert not bad, f"{target} {argv}: {bad[:5]}"
    return ("warned", None) if warnings_in(doc) else ("finite_bounded", None)


def result_document(target: str, argv: list[str], stdout_text: str):
    """The numbers a command produced: its ``--json`` output, else the file it wrote (``study``: OUT/results.json;
    ``sweep``: OUT/points.parquet as a list of rows, each point's recorded error, if any, a named SpaceplanError)."""
    if "--json" in argv:
        return json.loads(stdout_text)
    out_dir = argv[argv.index("--out") + 1]
    if target == "study":
        with open(os.path.join(out_dir, "results.json")) as fh:
            return json.load(fh)
    if target == "sweep":
        import pyarrow.parquet as pq

        from spaceplan.core import errors

        named = {c.__name__ for c in _subclasses(errors.SpaceplanError)}
        rows = pq.read_table(os.path.join(out_dir, "points.parquet")).to_pylist()  # nulls stay None, NaN stays NaN
        for r in rows:
            err = r.get("error")
            assert not err or err.split(":", 1)[0] in named, f"{target} {argv}: a point failed unnamed: {err[:300]}"
        return [{k: v for k, v in r.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}
                for r in rows]
    raise AssertionError(f"{target}: no --json and no known output file")


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def check_out_of_range(target: str, argv: list[str], flag: str) -> str:
    """An out-of-range call: a one-line error naming ``flag`` (exit 2), or a result that carries a warning;
    never a silent number.  Returns (outcome, None): ``refused_named`` or ``warned``."""
    code, out, err = invoke(argv)
    assert code in (0, 2), f"{target} {argv}: exit {code}: {err.strip()[:300]}"
    if code == 2:
        _named_one_line(target, argv, err, flag)
        return "refused_named", None
    doc = json.loads(out)
    assert warnings_in(doc), f"{target} {argv}: out-of-range {flag} gave numbers without a warning"
    assert not bound_violations(doc), f"{target} {argv}: {bound_violations(doc)[:5]}"
    return "warned", None


def _named_one_line(target, argv, err, flag):
    lines = err.strip().splitlines()
    assert len(lines) == 1, f"{target} {argv}: error is not one line: {err[:500]}"
    assert re.match(r"^error: \S.*?: ", lines[0]) or lines[0].startswith("error: "), lines[0]
    assert "Traceback" not in err and "internal error" not in err, lines[0]
    if flag is not None:
        assert flag in lines[0], f"{target} {argv}: error does not name {flag}: {lines[0]}"


# --- strategies ------------------------------------------------------------------------------------

def num(lo, hi, fmt="{:.6g}"):
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False).map(fmt.format)


BAD_NUMBERS = st.sampled_from(["nan", "inf", "-inf", "-1", "-1e9", "1e300"])
DAY = st.dates(__import__("datetime").date(2026, 1, 1), __import__("datetime").date(2030, 12, 1)).map(str)
LUNAR_SITES = st.sampled_from(["lunar-equator", "shackleton-rim", "south-pole", "mid-latitude"])
CONSTELLATIONS = st.sampled_from(["starlink_gen1", "oneweb", "kuiper", "rassvet_2027"])
STATIONS = st.sampled_from(["iss", "ros", "ros_97", "tiangong", "mir"])


def _flags(**pairs):
    """argv from flag -> value pairs (None dropped), in a fixed order."""
    out = []
    for flag, value in pairs.items():
        if value is not None:
            out += [flag.replace("_", "-") if flag.startswith("--") else flag, str(value)]
    return out


@st.composite
def _edelbaum(draw):
    return ["propulsion", "edelbaum", "--a0", draw(num(6600, 400_000)) + draw(st.sampled_from(["", "km", " km"])),
            "--af", draw(num(6600, 400_000)), "--inc", draw(num(0, 114.5)), "--accel", draw(num(1e-5, 1e-2)), "--json"]


@st.composite
def _spiral(draw):
    argv = ["propulsion", "spiral", "--alt", draw(num(300, 40_000)), "--c3", draw(num(0, 20)), "--json"]
    how = draw(st.sampled_from(["preset", "thrust"]))
    if how == "preset":
        argv += ["--vehicle", draw(st.sampled_from(["zeus", "zeus-official"])), "--cargo", draw(num(0, 30)) + "t"]
    else:
        argv += ["--vehicle", "", "--thrust", draw(num(5, 200)), "--isp", draw(num(1500, 8000)),
                 "--mass", draw(num(2, 30)) + "t"]
    if draw(st.booleans()):
        argv.append("--capture")
    return argv


@st.composite
def _power_size(draw):  # a sizing is ~1 s: a few sites, loads and landers
    day = draw(st.sampled_from([1.0, 10.0, 100.0, 300.0]))
    argv = ["power", "size", "--site", draw(st.sampled_from(["lunar-equator", "shackleton-rim"])), "--power",
            f"{day:g}kW", "--lander", draw(st.sampled_from(["generic-6t", "blue-moon-mk1"])), "--json"]
    if draw(st.booleans()):
        argv += ["--night-power", f"{day / 2:g}kW"]
    return argv


@st.composite
def _station_decay(draw):  # a density table per (span, altitude, activity): a few of each
    return ["station", "decay", draw(STATIONS), "--from", "2026-01-01", "--to", draw(st.sampled_from(["2026-02-01",
                                                                                                      "2026-07-01"])),
            "--activity", "50", "--altitude", draw(st.sampled_from(["300", "400km", "500000m"])), "--json"]


@st.composite
def _station_reboost(draw):
    return ["station", "reboost", draw(st.sampled_from(["iss", "tiangong"])), "--band",
            draw(st.sampled_from(["350:370km", "400:420km"])), "--years", "2026:2026",
            "--vehicle", draw(st.sampled_from(["progress", "cygnus"])), "--json"]


@st.composite
def _station_deorbit(draw):
    start = draw(st.sampled_from([300.0, 400.0]))
    per = draw(st.sampled_from([150.0, 200.0]))
    return ["station", "deorbit", draw(st.sampled_from(["iss", "tiangong"])), "--start-altitude", f"{start:g}",
            "--perigee", f"{per:g}km", "--final-perigee", draw(st.sampled_from(["50", "0"])), "--burns",
            draw(st.sampled_from(["1", "2"])), "--json"]


def _fixed(*argvs):
    return st.sampled_from([list(a) for a in argvs])


# name -> in-range argv strategy
IN_RANGE = {
    "presets": _fixed(["presets", "--json"], ["presets", "vehicles", "--json"], ["presets", "landers", "--json"]),
    "windows": st.builds(lambda y, c3: ["windows", "earth", "mars", "--from", str(y), "--to", str(y), "--c3-max", c3,
                                        "--json"], st.sampled_from([2026, 2031, 2035]), st.sampled_from(["10", "30"])),
    "porkchop": st.builds(lambda d, step: ["porkchop", "earth", "mars", "--depart", f"{d}-08-01:{d}-12-31", "--arrive",
                                           f"{d + 1}-03-01:{d + 1}-12-31", "--step", step, "--json"],
                          st.integers(2026, 2035), st.sampled_from(["15d", "20d", "30d"])),
    "constellation presets": _fixed(["constellation", "presets", "--json"]),
    "constellation shells": st.builds(lambda p, e: ["constellation", "shells", p, "--min-elevation", e, "--json"],
                                      CONSTELLATIONS, num(0, 60)),
    "constellation coverage": st.builds(
        lambda p, e, n, s: ["constellation", "coverage", p, "--min-elevation", e, "--min-sats", str(n), "--start", s,
                            "--duration", "1h", "--step", "600s", "--grid", "10deg", "--json"],
        CONSTELLATIONS, num(10, 50), st.integers(1, 3), DAY),
    "constellation compare": st.builds(
        lambda pq, e: ["constellation", "compare", *pq, "--min-elevation", e, "--duration", "1h", "--step", "900s",
                       "--grid", "15deg", "--json"],
        st.sampled_from([("starlink_gen1", "oneweb"), ("kuiper", "rassvet_2027")]), st.sampled_from(["15", "40"])),
    "constellation groundtrack": st.builds(
        lambda p, n, s: ["constellation", "groundtrack", p, "--satellites", str(n), "--start", s, "--duration", "1h",
                         "--step", "300s", "--json"], CONSTELLATIONS, st.integers(1, 6), DAY),
    "constellation catalog": _fixed(["constellation", "catalog", TG1, "--json"],
                                    ["constellation", "catalog", TG1, "--group-shells", "--json"]),
    "constellation latency": st.builds(
        lambda a, b, isl: ["constellation", "latency", "starlink_gen1", "--from", a, "--to", b, "--duration", "10min",
                           "--step", "5min", isl, "--json"],
        st.sampled_from(["london", "new-york", "tokyo", "0,0"]), st.sampled_from(["sydney", "moscow", "10,20"]),
        st.sampled_from(["--isl", "--bent-pipe"])),
    "constellation deploy": st.builds(
        lambda p, lv, c: ["constellation", "deploy", p, "--launcher", lv, "--cadence", c, "--json"],
        CONSTELLATIONS, st.sampled_from(["falcon9", "soyuz-2.1b", "angara-a5"]),
        st.sampled_from(["24/yr", "2/month", "12/yr,36/yr@1"])),  # slower cadences outlast DE421 (refused)
    "constellation capacity": st.builds(lambda p: ["constellation", "capacity", p, "--json"], CONSTELLATIONS),
    "launch payload": st.builds(
        lambda v, o, i: ["launch", "payload", v, "--orbit", o, "--inclination", i, "--json"],
        st.sampled_from(["falcon9", "soyuz-2.1b"]), st.sampled_from(["200x200", "300x300", "200x1000"]),
        st.sampled_from(["51.6", "60"])),
    "launch vehicles": _fixed(["launch", "vehicles", "--json"]),
    "launch landing": st.builds(lambda n: ["launch", "landing", "--nodes", str(n), "--json"], st.sampled_from([20, 30])),
    "launch economics": st.builds(
        lambda v, lr, r: ["launch", "economics", v, "--flights", "1..10", "--learning-rate", lr, "--refurbish", r,
                          "--json"], st.sampled_from(["falcon9", "amur_lng"]), num(0.7, 1.0), num(0, 0.5)),
    "mars mission": st.builds(lambda y, c: ["mars", "mission", "--year", str(y), "--class", c, "--step", "10",
                                            "--json"], st.sampled_from([2031, 2033]),
                              st.sampled_from(["conjunction", "opposition"])),
    "radiation dose": st.builds(
        lambda d1, d2, s, m: ["radiation", "dose", "--timeline", f"deep_space:{d1}d,mars_surface:{d2}d",
                              "--start", "2030-01-01", "--shielding", s, "--material", m, "--json"],
        st.integers(1, 400), st.integers(1, 600), num(0, 100), st.sampled_from(["aluminium", "polyethylene"])),
    "radiation rates": st.builds(
        lambda s, m, sol: ["radiation", "rates", "--shielding", s, "--material", m, "--solar", sol, "--json"],
        num(0, 100), st.sampled_from(["aluminium", "polyethylene", "water", "regolith"]),
        st.sampled_from(["min", "max", "500"])),
    "propulsion edelbaum": _edelbaum(),
    "propulsion spiral": _spiral(),
    "propulsion transfer": _fixed(["propulsion", "transfer", "earth", "mars", "--depart", "2028-09-01:2028-10-01",
                                   "--step", "60d", "--tof", "400:400", "--segments", "6", "--json"]),
    "propulsion compare": st.builds(
        lambda c, n: ["propulsion", "compare", "--cargo", c, "--to", "lunar-orbit", "--nep", n, "--json"],
        st.sampled_from(["1t", "7t", "20t"]), st.sampled_from(["zeus", "zeus-official"])),
    "propulsion tem": _fixed(["propulsion", "tem", "--json"]),
    "propulsion presets": _fixed(["propulsion", "presets", "--json"]),
    "power sites": _fixed(["power", "sites", "--json"]),
    "power illumination": st.builds(
        lambda s, d: ["power", "illumination", "--site", s, "--from", d, "--to", "2031-01-01", "--step", "12h", "--json"],
        LUNAR_SITES, st.dates(__import__("datetime").date(2030, 1, 1), __import__("datetime").date(2030, 11, 1)).map(str)),
    "power size": _power_size(),
    "power trade": st.builds(lambda s, lo: ["power", "trade", "--sites", s, "--power", f"{lo:g}kW:{2 * lo:g}kW",
                                            "--json"], st.sampled_from(["lunar-equator", "south-pole"]),
                             st.sampled_from([10, 50])),
    "station decay": _station_decay(),
    "station reboost": _station_reboost(),
    "station deorbit": _station_deorbit(),
    "station reentry": _fixed(["station", "reentry", TG1, "--json"]),
    "station presets": _fixed(["station", "presets", "--json"]),
    "station lifetime": st.builds(
        lambda a, b, lv: ["station", "lifetime", "--alt", a, "--bc", b, "--activity", lv, "--json"],
        st.sampled_from(["300:400km", "400:600km"]), st.sampled_from(["25:50", "100:200"]), st.sampled_from(["5", "95"])),
    "radiation orbit": st.builds(
        lambda a, i: ["radiation", "orbit", "--altitude", a, "--inclination", i, "--json"],
        st.sampled_from(["400km", "800km"]), st.sampled_from(["51.6", "97"])),
    "radiation belts": st.builds(
        lambda a, h: ["radiation", "belts", "--trajectory", "orbit", "--altitude", a, "--hours", h, "--json"],
        st.sampled_from(["400km", "1200km", "2000km"]), st.sampled_from(["1", "4"])),
    "mars starship": st.builds(
        lambda y, p, v: ["mars", "starship", "--year", str(y), "--payload", p, "--variant", v, "--json"],
        st.sampled_from([2028, 2031, 2033]), st.sampled_from(["20t", "50t", "100t"]), st.sampled_from(["cargo", "crew"])),
    "mars entry": st.builds(
        lambda v, a, g, f: ["mars", "entry", "--speed", v, "--angle", a, *g, "--density-factor", f, "--json"],
        st.sampled_from(["4.5", "5.845", "7"]), st.sampled_from(["-12", "-15.5", "-20"]),
        st.sampled_from([[], ["--guided"], ["--bank", "60"], ["--guided", "--bank", "50"]]),
        st.sampled_from(["0.8", "1", "1.2"])),
    "mars architectures": st.builds(
        lambda y, p: ["mars", "architectures", "--year", str(y), "--landed", p, "--no-nep", "--json"],
        st.sampled_from([2028, 2031]), st.sampled_from(["20t", "100t"])),
    "moon starship": st.builds(lambda p, d: ["moon", "starship", "--payload", p, d, "--json"],
                               st.sampled_from(["1t", "10t", "50t"]), st.sampled_from(["--depot", "--no-depot"])),
    "constellation export": st.builds(
        lambda p, a: ["constellation", "export", p, "--tle", os.path.join(tempfile.gettempdir(), "spaceplan-fuzz.tle"),
                      "--altitude", a, "--json"], CONSTELLATIONS, st.sampled_from(["550", "1200km", "800000m"])),
}

def _out_dir() -> str:
    return tempfile.mkdtemp(prefix="spaceplan-fuzz-out-")


SCENARIOS = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "src",
                         "spaceplan", "study", "scenarios")


@st.composite
def _sweep(draw):
    """A small random sweep (2-4 points) of the constellation design section on a coarse grid, run serially."""
    lo = draw(st.floats(400.0, 1400.0))
    hi = lo + draw(st.floats(10.0, 600.0))  # the sweep grammar wants lo < hi
    inc = sorted(draw(st.lists(st.floats(30.0, 98.0), min_size=1, max_size=2, unique=True)))
    path = os.path.join(_out_dir(), "sweep.toml")
    with open(path, "w") as fh:
        fh.write(f"""[study]
title = "fuzz sweep"
[constellation_design]
preset = "{draw(st.sampled_from(["rassvet_2027", "oneweb"]))}"
pattern = "delta"
launcher = "soyuz-2.1b"
region = "{draw(st.sampled_from(["russia", "world", "brazil"]))}"
grid_deg = 10.0
duration_s = 3600.0
step_s = 600.0
milestone_samples = 4
[sweep]
method = "grid"
objective = "constellation_design.coverage_fraction"
[sweep.parameters]
"constellation_design.altitude_km" = {{ range = [{lo:.3f}, {hi:.3f}], n = 2 }}
"constellation_design.inclination_deg" = {{ values = [{", ".join(f"{i:.3f}" for i in inc)}] }}
""")
    return ["sweep", path, "--out", _out_dir(), "--scheduler", "serial"]


# Commands run only under ``make fuzz`` (minutes per example; ``make test`` skips them, see the test module):
# name -> in-range argv strategy.  Their example counts are in FUZZ_EXAMPLES.
FUZZ_ONLY = {
    "study": st.builds(lambda name: ["study", *([] if name is None else [os.path.join(SCENARIOS, name)]),
                                     "--out", _out_dir()],
                       st.sampled_from([None, "venus_kuiper.toml", "claims_example.toml", "rassvet_sweep.toml"])),
    "claims": st.builds(lambda name: ["claims", *([] if name is None else [os.path.join(SCENARIOS, name)]),
                                      "--no-sensitivity", "--json"], st.sampled_from([None, "claims_example.toml"])),
    "sweep": _sweep(),
}

# name -> strategy of (argv, flag the refusal must name); the result may instead carry a warning
OUT_OF_RANGE = {
    "propulsion edelbaum": st.one_of(
        st.builds(lambda a: (["propulsion", "edelbaum", "--a0", a, "--json"], "--a0"),
                  st.one_of(num(-1e6, 6378), num(1e6, 1e15), BAD_NUMBERS)),
        st.builds(lambda i: (["propulsion", "edelbaum", "--inc", i, "--json"], "--inc"),
                  st.one_of(num(114.6, 1e4), num(-1e4, -114.6)))),  # the sign of a plane change is free
    "propulsion spiral": st.one_of(
        st.builds(lambda a: (["propulsion", "spiral", "--alt", a, "--json"], "--alt"),
                  st.one_of(num(-1e5, -1), num(1e6, 1e12), BAD_NUMBERS)),
        st.builds(lambda c: (["propulsion", "spiral", "--c3", c, "--json"], "--c3"), num(-1e4, -1e-3))),
    "propulsion compare": st.builds(
        lambda c: (["propulsion", "compare", "--cargo", c, "--to", "lunar-orbit", "--nep", "zeus", "--ntp", "ntp-dra5",
                    "--json"], "--cargo"), st.sampled_from(["300t", "1000t"])),
    "power size": st.builds(lambda p: (["power", "size", "--site", "lunar-equator", "--power", p, "--json"], "--power"),
                            st.sampled_from(["1e4kW", "1e12kW", "-5kW", "nan", "0"])),
    "station decay": st.builds(
        lambda a: (["station", "decay", "iss", "--from", "2026-01-01", "--to", "2026-02-01", "--activity", "50",
                    "--altitude", a, "--json"], "--altitude"),
        st.one_of(num(-1e4, 99), num(2001, 1e7), st.sampled_from(["400mi", "nan", "km"]))),
    "station reboost": st.builds(
        lambda b: (["station", "reboost", "iss", "--band", b, "--years", "2026:2026", "--json"], "--band"),
        st.one_of(st.floats(0, 140).map(lambda x: f"{x:.0f}:{x + 10:.0f}km"), st.sampled_from(["420:400", "400:400"]))),
    "station deorbit": st.builds(
        lambda s: (["station", "deorbit", "iss", "--start-altitude", s, "--json"], "--start-altitude"),
        st.one_of(num(-1e3, 199), num(601, 1e6))),
    "windows": st.builds(lambda y: (["windows", "earth", "mars", "--from", str(y), "--to", str(y), "--json"], "--from"),
                         st.integers(1000, 1890)),
    "mars entry": st.builds(lambda a: (["mars", "entry", "--angle", a, "--json"], "--angle"),
                            st.one_of(num(0.0, 90.0), num(-1e3, -45.01), st.sampled_from(["nan"]))),
    "radiation rates": st.builds(lambda s: (["radiation", "rates", "--shielding", s, "--json"], "--shielding"),
                                 st.one_of(num(-1e3, -1e-3), st.sampled_from(["nan", "1e9"]))),
}


# --- example counts under ``make fuzz`` --------------------------------------------------------------

# Commands that run fewer examples than the fuzz profile's 10,000, each with its reason.  Filled from a
# measured run (seconds per example on this 2-core machine, one pytest worker; see the report's s/example
# column), never to hide a failure.  ``make test`` (profile "ci", 200) is unaffected.
FUZZ_EXAMPLES: dict[str, tuple[int, str]] = {
    "study": (4, "the four bundled scenarios (default, venus_kuiper, claims_example, rassvet_sweep's base point): a "
                 "study runs every section (default: 530 s measured at load 17 on 2 cores); the sections' models "
                 "run at 10,000 through their own commands"),
    "claims": (2, "the default study's and claims_example's ledgers without the sensitivity sweeps: each runs the "
                  "sections it reads (default: 338 s measured at load 17)"),
    "sweep": (20, "random 2-4 point sweeps of the constellation design section, serial (12 s each measured at "
                  "load 17); the section's models run at 10,000 through the constellation commands"),
}


def fuzz_examples(command: str) -> int | None:
    """The example count for ``command`` when it differs from the Hypothesis profile's, else None.

    ``SPACEPLAN_CLI_EXAMPLES=N`` sets N for every command (a quick look, e.g. to measure s/example);
    under the "fuzz" profile a command listed in ``FUZZ_EXAMPLES`` runs at most its declared count."""
    n = os.environ.get("SPACEPLAN_CLI_EXAMPLES")
    count = int(float(n)) if n else None
    if os.environ.get("HYPOTHESIS_PROFILE") == "fuzz" and command in FUZZ_EXAMPLES:
        declared = FUZZ_EXAMPLES[command][0]
        count = declared if count is None else min(count, declared)
    return count

