"""``python -m spaceplan ...``: the same command line as ``spaceplan ...``."""

from spaceplan.cli import main

main()
