"""The one registry of real-world things: one name rule, aliases, near matches, sources, user files."""

import json

import pytest
import typer
from typer.testing import CliRunner

from spaceplan.core import registry
from spaceplan.core.errors import InputError, ParseError, UnknownNameError


def test_bundled_kinds_and_every_preset_has_a_source():
    kinds = registry.kinds()
    for kind in ("vehicles", "constellations", "cities", "launch_sites", "landing_cases"):
        assert kind in kinds
    for kind in ("vehicles", "constellations", "cities", "launch_sites"):
        for p in registry.entries(kind):
            assert p.source, f"{kind} {p.name} ({p.path}) states no source"


@pytest.mark.parametrize("spelling", ["Soyuz-2.1b", "soyuz_2_1b", "soyuz-2.1b", "SOYUZ 2.1B", "soyuz"])
def test_one_name_rule_case_and_punctuation_insensitive_and_aliases(spelling):
    assert registry.load("vehicles", spelling).name == "soyuz-2.1b"


def test_singular_kind_and_distinct_neighbours():
    assert registry.load("vehicle", "soyuz-2.1b-fregat").name == "soyuz-2.1b-fregat"
    assert registry.load("cities", "St. Petersburg").name == "saint-petersburg"
    assert registry.load("constellations", "Starlink").name == "starlink_gen1"


def test_unknown_name_lists_near_matches_and_allowed():
    with pytest.raises(UnknownNameError) as err:
        registry.load("vehicles", "falcon-nine")
    assert err.value.near[0] == "falcon9"
    assert "did you mean 'falcon9'" in str(err.value)
    assert "soyuz-2.1b" in err.value.known
    with pytest.raises(UnknownNameError, match="preset kind"):
        registry.load("spaceships", "x")


def test_table_filter_names_the_capability():
    assert set(registry.names("vehicles", table="economics")) == {"falcon9", "amur-lng"}
    with pytest.raises(UnknownNameError, match=r"has no \[economics\] data"):
        registry.load("vehicles", "starship", table="economics")


def test_each_thing_is_stored_once():
    """Vehicles, launchers and cost models are one file per vehicle; cities one table per city."""
    falcon = registry.load("vehicles", "falcon9")
    assert falcon.has("stage") and falcon.has("economics") and falcon.has("deployment")
    seen = {}
    for kind in registry.kinds():
        for p in registry.entries(kind):
            for spelling in (p.name, *p.aliases):
                key = (kind, registry.name_key(spelling))
                assert key not in seen or seen[key] is p
                seen[key] = p


def test_user_files_and_folders(tmp_path):
    f = tmp_path / "my_rocket.toml"
    f.write_text('aliases = ["mr"]\n[vehicle]\nname = "Mine"\nsources = "me"\n')
    p = registry.resolve("vehicles", str(f))
    assert (p.name, p.title, p.source, p.package) == ("my_rocket", "Mine", "me", "user")
    with pytest.raises(InputError, match="no such file"):
        registry.resolve("vehicles", str(tmp_path / "absent.toml"))
    (tmp_path / "bad.toml").write_text("a = [")
    with pytest.raises(ParseError):
        registry.resolve("vehicles", str(tmp_path / "bad.toml"))

    folder = tmp_path / "extra"
    folder.mkdir()
    (folder / "pads.toml").write_text('collection = true\nsource = "test"\n[pad-1]\nname = "Pad One"\n'
                                      '[pad-2]\nname = "Pad Two"\naliases = ["p2"]\n')
    try:
        registry.register_folder("test_pads", folder)
        assert registry.names("test_pads") == ["pad-1", "pad-2"]
        assert registry.load("test_pads", "P2").title == "Pad Two"
        assert registry.load("test_pads", "PAD_1").source == "test"
        (folder / "clash.toml").write_text('name = "Clash"\naliases = ["pad 1"]\n')
        registry._catalog.cache_clear()
        with pytest.raises(ParseError, match="names must differ"):
            registry.names("test_pads")
    finally:
        registry._EXTRA_FOLDERS.clear()
        registry._catalog.cache_clear()


def test_cli_presets_lists_kinds_and_sources():
    from spaceplan.cli import presets

    app = typer.Typer()
    presets.register(app)
    app.command("noop")(lambda: None)  # a second command keeps `presets` a sub-command
    r = CliRunner().invoke(app, ["presets", "vehicles", "--json"])
    assert r.exit_code == 0, r.output
    rows = json.loads(r.output)["presets"]
    soyuz = next(p for p in rows if p["name"] == "soyuz-2.1b")
    assert soyuz["source"] and soyuz["path"].endswith("soyuz-2.1b.toml") and "soyuz" in soyuz["aliases"]
    r = CliRunner().invoke(app, ["presets"])
    assert r.exit_code == 0 and "constellations" in r.output
    r = CliRunner().invoke(app, ["presets", "vehicls"])
    assert isinstance(r.exception, UnknownNameError) and "did you mean 'vehicles'" in str(r.exception)
