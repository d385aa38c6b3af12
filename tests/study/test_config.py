"""SectionConfig: one schema per study section, checked key by key."""

from dataclasses import dataclass

import pytest

from spaceplan.core.errors import InputError, UnknownNameError
from spaceplan.study.config import SectionConfig, option


@dataclass(frozen=True)
class _Demo(SectionConfig):
    SECTION = "demo"
    power_kwe: float = option(40.0, "electric power", lo=0.0, hi=1e4)
    years: tuple[int, int] = option([2026, 2030], "first and last year", lo=1900, hi=2100)
    names: tuple[str, ...] = option(["iss"], "station presets")
    mode: str = option("preset", "payload source", choices=("preset", "optimizer"))
    extra: dict = option({"a": 1.0, "b": 2.0}, "partial tables merge over the default")


def test_defaults_and_coercion():
    cfg = _Demo.from_table({"power_kwe": 100, "years": [2027, 2032]})
    assert cfg.power_kwe == 100.0 and isinstance(cfg.power_kwe, float)
    assert cfg.years == (2027, 2032) and cfg.names == ("iss",)
    assert _Demo.from_table(None) == _Demo()
    assert _Demo.from_table({"extra": {"b": 5.0}}).extra == {"a": 1.0, "b": 5.0}


@pytest.mark.parametrize("table, field", [
    ({"power_kwe": -1}, "demo.power_kwe"),
    ({"power_kwe": "40"}, "demo.power_kwe"),
    ({"power_kwe": float("nan")}, "demo.power_kwe"),
    ({"years": [2026]}, "demo.years"),
    ({"years": [2026, 2300]}, "demo.years[1]"),
    ({"names": "iss"}, "demo.names"),
    ({"mode": "guess"}, "demo.mode"),
    ({"extra": 3}, "demo.extra"),
])
def test_bad_values_name_the_field(table, field):
    with pytest.raises(InputError) as err:
        _Demo.from_table(table)
    assert str(err.value).startswith(field + ":")


def test_unknown_key_lists_the_known_ones():
    with pytest.raises(UnknownNameError, match="power_kwe"):
        _Demo.from_table({"powr_kwe": 1.0})
    with pytest.raises(InputError, match=r"scenario \[demo\]"):
        _Demo.from_table([1, 2])


def test_describe_is_the_documentation():
    keys = [k for k, _, _ in _Demo.describe()]
    assert keys == ["power_kwe", "years", "names", "mode", "extra"]
