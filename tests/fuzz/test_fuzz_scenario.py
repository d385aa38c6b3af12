"""Property tests of scenario files: the whole TOML document (``study.runner.load_scenario``) and every
converted section's table (``Config.from_table`` of each module in ``study.sections.SECTIONS``).

A table either gives a Config whose every field has its declared type and lies in its declared
range (finite numbers, allowed choices), or raises an InputError naming ``section.key``; a file
either loads or raises a SpaceplanError naming the scenario; never another exception.
"""

from __future__ import annotations

import dataclasses
import importlib
import math
import os
import tempfile
import typing

from hypothesis import example, given
from hypothesis import strategies as st

from fuzz_support import spaceplan_error_or_result
from spaceplan.study.sections import SECTIONS


def _converted():
    out = {}
    for name, module_name in SECTIONS.items():
        try:
            module = importlib.import_module(module_name)
        except ImportError:  # a slot whose section is not written yet
            continue
        if hasattr(module, "Config"):
            out[name] = module.Config
    return out


CONFIGS = _converted()
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True, allow_infinity=True),
                    st.text(max_size=8), st.dates())
VALUES = st.one_of(SCALARS, st.lists(SCALARS, max_size=3), st.lists(st.lists(SCALARS, max_size=3), max_size=2),
                   st.dictionaries(st.text(max_size=6), SCALARS, max_size=2))


def _plausible(cls, name, draw):
    """A value near the field's default: the default itself, a number around its range, or anything."""
    f = {f.name: f for f in dataclasses.fields(cls)}[name]
    default = getattr(cls(), name)
    lo, hi = f.metadata.get("lo"), f.metadata.get("hi")
    choices = f.metadata.get("choices")
    options = [st.just(default), VALUES]
    if isinstance(default, (int, float)) and not isinstance(default, bool):
        a = lo if lo is not None else -1e6
        b = hi if hi is not None else 1e6
        options.append(st.floats(a - abs(a) - 1, b + abs(b) + 1, allow_nan=False))
        if isinstance(default, int):
            options.append(st.integers(int(a) - 2, int(min(b, 1e9)) + 2))
    if choices:
        options.append(st.sampled_from(list(choices)))
    if isinstance(default, tuple):
        options.append(st.lists(st.one_of(*(st.just(x) for x in default), VALUES), max_size=5) if default else VALUES)
    return draw(st.one_of(*options))


@st.composite
def section_tables(draw, cls):
    names = [f.name for f in dataclasses.fields(cls)]
    table = {}
    for name in draw(st.lists(st.sampled_from(names), max_size=4, unique=True)):
        table[name] = _plausible(cls, name, draw)
    if draw(st.integers(0, 9)) == 0:
        table[draw(st.text(max_size=10))] = draw(VALUES)
    return table


def _check_config(cls, config):
    assert isinstance(config, cls)
    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        value = getattr(config, f.name)
        tp = hints[f.name]
        if value is None and type(None) in typing.get_args(tp):  # Optional field left empty
            continue
        lo, hi, choices = f.metadata.get("lo"), f.metadata.get("hi"), f.metadata.get("choices")
        flat = value if isinstance(value, tuple) else (value,)
        flat = [x for v in flat for x in (v if isinstance(v, tuple) else (v,))]
        for x in flat:
            if isinstance(x, float):
                assert math.isfinite(x), f"{cls.SECTION}.{f.name}: non-finite {x!r}"
            if isinstance(x, (int, float)) and not isinstance(x, bool):
                assert lo is None or x >= lo, f"{cls.SECTION}.{f.name}: {x!r} < {lo}"
                assert hi is None or x <= hi, f"{cls.SECTION}.{f.name}: {x!r} > {hi}"
            if choices is not None and not isinstance(value, tuple):
                assert x in choices
        if tp is float:
            assert isinstance(value, float)
        elif tp in (int, bool, str):
            assert isinstance(value, tp) and (tp is not int or not isinstance(value, bool))


def _section_test(name, cls):
    @given(section_tables(cls))
    @example({})
    def test(table):
        with spaceplan_error_or_result(f"scenario_{name}", name):
            _check_config(cls, cls.from_table(table))

    test.__name__ = f"test_scenario_section_{name}"
    return test


for _name, _cls in CONFIGS.items():
    globals()[f"test_scenario_section_{_name}"] = _section_test(_name, _cls)


_TMP = tempfile.mkdtemp(prefix="spaceplan-fuzz-scenario-")


@given(st.one_of(st.text(max_size=300), st.binary(max_size=200),
                 st.lists(st.sampled_from(sorted(SECTIONS) + ["study", "sweep", "bogus"]), max_size=3).map(
                     lambda names: "".join(f"[{n}]\n" for n in names))))
@example(b"\xff\xfe[launch]\n")
@example("[interplanetary]\nyears = [2026, 2028]\n")
def test_scenario_file(content):
    from spaceplan.study.runner import load_scenario

    path = os.path.join(_TMP, "scenario.toml")
    with open(path, "wb") as fh:
        fh.write(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))
    with spaceplan_error_or_result("scenario_file"):
        scenario = load_scenario(path)
        assert isinstance(scenario, dict) and set(scenario) <= set(SECTIONS) | {"study", "sweep"}
        for name, table in scenario.items():
            if name in CONFIGS:
                with spaceplan_error_or_result(f"scenario_{name}", name):
                    _check_config(CONFIGS[name], CONFIGS[name].from_table(table))
