"""The Python examples of the README and of each page of docs/ (and the API's docstring) run as doctests."""

import doctest
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted(p for p in [ROOT / "README.md", *(ROOT / "docs").glob("*.md")] if ">>> " in p.read_text())
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_doc_page_examples(page):
    result = doctest.testfile(str(page), module_relative=False, optionflags=FLAGS, verbose=False, report=True)
    assert result.attempted > 0 and result.failed == 0


def test_api_docstring_example():
    import spaceplan.api

    result = doctest.testmod(spaceplan.api, optionflags=FLAGS, report=True)
    assert result.attempted > 0 and result.failed == 0


def test_every_domain_page_has_an_example():
    domains = {"interplanetary.md", "mars_missions.md", "radiation.md", "constellation_network.md", "propulsion.md",
               "stations.md", "surface_power.md"}
    assert domains <= {p.name for p in PAGES}
