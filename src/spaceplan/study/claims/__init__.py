"""The claims ledger: claims from the news (and the user's) checked against the study's results.

* :mod:`~spaceplan.study.claims.model`: a claim as TOML data (``presets/claims/*.toml``, ``[[claim]]`` in a scenario),
  checked field by field with errors that name the file and line;
* :mod:`~spaceplan.study.claims.reading`: field paths into a section's result and the quantity expression;
* :mod:`~spaceplan.study.claims.verdict`: comparison, verdict and margin in the claim's own unit;
* :mod:`~spaceplan.study.claims.sensitivity`: what flips a verdict (one assumption at a time, through the sweep
  engine, bisection);
* :mod:`~spaceplan.study.claims.ledger`: the whole ledger of a scenario; :mod:`~spaceplan.study.claims.render`:
  its Markdown table and tornado figures.
"""

from spaceplan.study.claims.ledger import Entry, Ledger, check_claims, has_claims, load_claims, run_ledger
from spaceplan.study.claims.model import Assumption, Claim, parse_claim

__all__ = ["Assumption", "Claim", "Entry", "Ledger", "check_claims", "has_claims", "load_claims", "parse_claim",
           "run_ledger"]
